namespace Warpscope.Tests.Shared;

/// <summary>Every picture a test makes is also written to artifacts/ at the repository root, for people to look at.</summary>
internal static class Artifacts
{
    public static string Folder { get; } = Find();

    public static string PathOf(string name)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    public static void Save(string name, byte[] bytes) => File.WriteAllBytes(PathOf(name), bytes);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Warpscope.slnx"))) return Path.Combine(dir.FullName, "artifacts");
        }
        return Path.Combine(Path.GetTempPath(), "warpscope-artifacts");
    }
}
