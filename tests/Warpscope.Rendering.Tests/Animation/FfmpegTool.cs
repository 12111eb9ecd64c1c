using System.Diagnostics;
using Warpscope.Core;
using Warpscope.Rendering.Animation;

namespace Warpscope.Rendering.Tests.Animation;

/// <summary>ffmpeg presence for the tests, and ffprobe as the oracle for what ffmpeg wrote.</summary>
internal static class FfmpegTool
{
    /// <summary>
    /// xunit 2 cannot skip a test at run time, and a test that returns early would be silently
    /// green. So without ffmpeg a video test checks the other documented path instead (the
    /// "not installed" message) and passes only by that; and where CI is set, a missing ffmpeg
    /// fails, so the build machine can never pass these tests without running them.
    /// </summary>
    /// <returns>true when ffmpeg is there and the caller should test the real output.</returns>
    public static bool IsPresentOrCheckMissingMessage(string path, FfmpegFormat format)
    {
        if (AnimationFile.IsFfmpegAvailable()) return true;
        Assert.True(Environment.GetEnvironmentVariable("CI") is null,
            "ffmpeg is not installed but CI is set: install it (apt-get install -y --no-install-recommends ffmpeg)");
        var error = Assert.Throws<UserInputException>(() => new FfmpegWriter(path, format, 8, 8, 10));
        Assert.Contains("needs ffmpeg, which is not installed (apt-get install ffmpeg); .gif needs nothing", error.Message);
        return false;
    }

    /// <summary>Frames actually decoded, and the stream's size, as
    /// <c>ffprobe -count_frames</c> reports them.</summary>
    public static (int Frames, int Width, int Height) Probe(string file)
    {
        var ffprobe = FindOnPath("ffprobe") ?? throw new InvalidOperationException("ffmpeg is installed but ffprobe is not on PATH.");
        var start = new ProcessStartInfo(ffprobe) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "-v", "error", "-count_frames", "-select_streams", "v:0",
                     "-show_entries", "stream=nb_read_frames,width,height", "-of", "csv=p=0", file,
                 })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ffprobe {file}: {errors}");
        // csv=p=0 prints the entries in stream order: width,height,nb_read_frames
        var fields = output.Trim().Split(',');
        return (int.Parse(fields[2]), int.Parse(fields[0]), int.Parse(fields[1]));
    }

    /// <summary>Every frame of <paramref name="file"/> as ffmpeg decodes it, RGBA, one after another.</summary>
    public static byte[] DecodeToRgba(string file)
    {
        var ffmpeg = FindOnPath("ffmpeg") ?? throw new InvalidOperationException("ffmpeg is not on PATH.");
        var start = new ProcessStartInfo(ffmpeg) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-v", "error", "-i", file, "-f", "rawvideo", "-pix_fmt", "rgba", "pipe:1" }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ffmpeg decoding {file}: {errors.Result}");
        return output.ToArray();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, name))
        .FirstOrDefault(File.Exists);
}
