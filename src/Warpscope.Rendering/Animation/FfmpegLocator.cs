namespace Warpscope.Rendering.Animation;

/// <summary>
/// Finds the ffmpeg executable: <c>WARPSCOPE_FFMPEG</c> when set, else the first <c>ffmpeg</c> on
/// PATH. Read on every call, never cached, so a changed environment is seen at once.
/// </summary>
internal static class FfmpegLocator
{
    public const string Variable = "WARPSCOPE_FFMPEG";

    /// <summary>The executable's path, or null with <paramref name="problem"/> finishing the sentence
    /// "… needs ffmpeg, ".</summary>
    public static string? Find(out string problem)
    {
        problem = "";
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(configured))
        {
            if (File.Exists(configured)) return configured;
            problem = $"but {Variable} names '{configured}', which does not exist";
            return null;
        }

        var name = OperatingSystem.IsWindows() ? "ffmpeg.exe" : "ffmpeg";
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate)) return candidate;
        }
        problem = "which is not installed (apt-get install ffmpeg)";
        return null;
    }
}
