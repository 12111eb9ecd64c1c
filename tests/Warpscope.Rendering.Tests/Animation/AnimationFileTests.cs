using Warpscope.Core;
using Warpscope.Rendering.Animation;

namespace Warpscope.Rendering.Tests.Animation;

[Collection(FfmpegEnvironmentCollection.Name)]
public sealed class AnimationFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("warpscope-animation-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void UnknownExtension_NamesTheFileAndTheChoices()
    {
        var error = Assert.Throws<UserInputException>(() => AnimationFile.Create("out.avi", 8, 8, 10));

        Assert.Equal("out.avi: unknown animation format '.avi' (use .gif, .mp4, .webm or .webp)", error.Message);
    }

    [Fact]
    public void Gif_AppearsOnlyOnFinish_Whole()
    {
        var path = Path.Combine(_folder.FullName, "anim.GIF");
        var frames = Enumerable.Range(0, 5).Select(i => TestFrames.MovingBar(24, 12, i)).ToList();

        using (var writer = AnimationFile.Create(path, 24, 12, 10))
        {
            Assert.Equal((24, 12), (writer.Width, writer.Height));
            foreach (var frame in frames) writer.AddFrame(frame);
            Assert.False(File.Exists(path));
            writer.Finish();
        }

        Assert.Equal(path, Assert.Single(_folder.GetFiles("*", new EnumerationOptions { AttributesToSkip = 0 })).FullName);
        var gif = DecodedGif.Decode(File.ReadAllBytes(path));
        Assert.Equal(frames, gif.Frames.Select(f => f.Rgba));
    }

    [Fact]
    public void Gif_DisposedWithoutFinish_LeavesNoFile()
    {
        var path = Path.Combine(_folder.FullName, "abandoned.gif");

        using (var writer = AnimationFile.Create(path, 24, 12, 10))
        {
            writer.AddFrame(TestFrames.MovingBar(24, 12, 0));
            writer.AddFrame(TestFrames.MovingBar(24, 12, 1));
        }

        Assert.Empty(_folder.GetFiles("*", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    [Fact]
    public void Gif_Above50Fps_IsRefusedWithTheReason()
    {
        var error = Assert.Throws<UserInputException>(() => AnimationFile.Create("fast.gif", 8, 8, 60));

        Assert.StartsWith("fast.gif: GIF plays at most 50 fps", error.Message);
    }

    [Fact]
    public void MissingFolder_IsNamed()
    {
        var path = Path.Combine(_folder.FullName, "missing", "anim.gif");

        var error = Assert.Throws<UserInputException>(() => AnimationFile.Create(path, 8, 8, 10));

        Assert.Contains("does not exist", error.Message);
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void IsFfmpegAvailable_FollowsWarpscopeFfmpeg()
    {
        using var variable = new EnvironmentVariable("WARPSCOPE_FFMPEG", Path.Combine(_folder.FullName, "nothing-here"));

        Assert.False(AnimationFile.IsFfmpegAvailable());
    }
}
