using System.Runtime.Versioning;
using Warpscope.Core;
using Warpscope.Rendering.Animation;

namespace Warpscope.Rendering.Tests.Animation;

[Collection(FfmpegEnvironmentCollection.Name)]
public sealed class FfmpegWriterTests : IDisposable
{
    private const int Frames = 10;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("warpscope-ffmpeg-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData(FfmpegFormat.Mp4, "mp4")]
    [InlineData(FfmpegFormat.WebM, "webm")]
    public void Video_HasEveryFrame_AtTheFrameSize(FfmpegFormat format, string extension)
    {
        var path = Path.Combine(_folder.FullName, $"bars.{extension}");
        if (!FfmpegTool.IsPresentOrCheckMissingMessage(path, format)) return;

        Write(path, format, 64, 48);

        Assert.Equal((Frames, 64, 48), FfmpegTool.Probe(path));
        AnimationArtifacts.Copy(path, $"ffmpeg-bars.{extension}");
    }

    [Fact]
    public void Mp4_OddSize_IsPaddedToEven()
    {
        var path = Path.Combine(_folder.FullName, "odd.mp4");
        if (!FfmpegTool.IsPresentOrCheckMissingMessage(path, FfmpegFormat.Mp4)) return;

        Write(path, FfmpegFormat.Mp4, 33, 21);

        Assert.Equal((Frames, 34, 22), FfmpegTool.Probe(path));
    }

    [Fact]
    public void WebP_IsAnAnimationOfEveryFrame_LoopingForever()
    {
        var path = Path.Combine(_folder.FullName, "bars.webp");
        if (!FfmpegTool.IsPresentOrCheckMissingMessage(path, FfmpegFormat.WebP)) return;

        Write(path, FfmpegFormat.WebP, 33, 21);

        Assert.Equal(new WebPChunks(33, 21, LoopCount: 0, FrameCount: Frames), WebPChunks.Read(File.ReadAllBytes(path)));
        AnimationArtifacts.Copy(path, "ffmpeg-bars.webp");
    }

    [Fact]
    public void HeldFrame_IsRepeatedInTheVideo()
    {
        var path = Path.Combine(_folder.FullName, "held.mp4");
        if (!FfmpegTool.IsPresentOrCheckMissingMessage(path, FfmpegFormat.Mp4)) return;

        using (var writer = new FfmpegWriter(path, FfmpegFormat.Mp4, 32, 16, 10))
        {
            writer.AddFrame(TestFrames.MovingBar(32, 16, 0), repeat: 5);
            writer.AddFrame(TestFrames.MovingBar(32, 16, 1));
            writer.Finish();
        }

        Assert.Equal((6, 32, 16), FfmpegTool.Probe(path));
    }

    [Fact]
    public void MissingFfmpeg_NamesTheFileAndTheVariable()
    {
        var missing = Path.Combine(_folder.FullName, "no-such-ffmpeg");
        using var variable = new EnvironmentVariable("WARPSCOPE_FFMPEG", missing);

        var error = Assert.Throws<UserInputException>(() => AnimationFile.Create("out.mp4", 8, 8, 10));

        Assert.Equal($"out.mp4: MP4 needs ffmpeg, but WARPSCOPE_FFMPEG names '{missing}', which does not exist; .gif needs nothing", error.Message);
        Assert.False(AnimationFile.IsFfmpegAvailable());
    }

    [Fact]
    [UnsupportedOSPlatform("windows")] // the stand-in ffmpeg is a shell script
    public void FailingFfmpeg_ThrowsWithItsLastStderrLine_AndLeavesNoFile()
    {
        // A stand-in ffmpeg that starts writing its output, complains and fails.
        var fake = Path.Combine(_folder.FullName, "fake-ffmpeg");
        File.WriteAllText(fake, "#!/bin/sh\nfor last; do :; done\necho partial > \"$last\"\necho 'first complaint' >&2\necho 'Unknown encoder libx264' >&2\nexit 1\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var output = Directory.CreateDirectory(Path.Combine(_folder.FullName, "out"));
        var path = Path.Combine(output.FullName, "broken.mp4");
        using var variable = new EnvironmentVariable("WARPSCOPE_FFMPEG", fake);

        var error = Assert.Throws<IOException>(() =>
        {
            using var writer = AnimationFile.Create(path, 8, 8, 10);
            for (var i = 0; i < Frames; i++) writer.AddFrame(TestFrames.MovingBar(8, 8, i));
            writer.Finish();
        });

        Assert.Contains("ffmpeg failed (exit code 1): Unknown encoder libx264", error.Message);
        Assert.StartsWith(path, error.Message);
        Assert.Empty(output.GetFiles("*", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    [Fact]
    public void DisposeWithoutFinish_LeavesNoFile()
    {
        var path = Path.Combine(_folder.FullName, "abandoned.mp4");
        if (!FfmpegTool.IsPresentOrCheckMissingMessage(path, FfmpegFormat.Mp4)) return;

        using (var writer = new FfmpegWriter(path, FfmpegFormat.Mp4, 32, 16, 10))
        {
            writer.AddFrame(TestFrames.MovingBar(32, 16, 0));
        }

        Assert.Empty(_folder.GetFiles("*", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    private static void Write(string path, FfmpegFormat format, int width, int height)
    {
        using var writer = new FfmpegWriter(path, format, width, height, 10);
        for (var i = 0; i < Frames; i++) writer.AddFrame(TestFrames.MovingBar(width, height, i));
        writer.Finish();
    }
}
