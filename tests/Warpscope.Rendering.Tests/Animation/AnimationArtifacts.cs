namespace Warpscope.Rendering.Tests.Animation;

/// <summary>
/// Copies of what the tests wrote, in artifacts/animation/ under the repository root (git-ignored),
/// so a person can open them.
/// </summary>
internal static class AnimationArtifacts
{
    public static string Folder { get; } = FindFolder();

    public static string Save(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static void Copy(string file, string name) => File.Copy(file, Path.Combine(Folder, name), overwrite: true);

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Warpscope.slnx"))) continue;
            return Directory.CreateDirectory(Path.Combine(dir.FullName, "artifacts", "animation")).FullName;
        }
        throw new InvalidOperationException($"No Warpscope.slnx above {AppContext.BaseDirectory}.");
    }
}
