using System.Diagnostics;
using Warpscope.Rendering.Animation;

namespace Warpscope.Rendering.Tests.Animation;

/// <summary>
/// The changed-rectangle frames lean on "do not dispose" and transparency; a second, unrelated
/// decoder (ffmpeg's) must compose them exactly as ImageSharp does.
/// </summary>
[Collection(FfmpegEnvironmentCollection.Name)]
public sealed class GifSecondDecoderTests
{
    [Fact]
    public void TypicalAnimation_DecodesIdenticallyInFfmpegAndImageSharp()
    {
        if (!FfmpegTool.IsPresentOrCheckMissingMessage("check.mp4", FfmpegFormat.Mp4)) return;
        const int side = 160, count = 12;
        var frames = Enumerable.Range(0, count).Select(i => TestFrames.Typical(side, side, i, count)).ToList();
        var bytes = GifWriterTests.Encode("typical-two-decoders.gif", side, side, 10, frames);
        var file = Path.Combine(Path.GetTempPath(), $"warpscope-{Guid.NewGuid():N}.gif");
        File.WriteAllBytes(file, bytes);
        byte[] raw;
        try
        {
            raw = FfmpegTool.DecodeToRgba(file);
        }
        finally
        {
            File.Delete(file);
        }

        var gif = DecodedGif.Decode(bytes);

        Assert.Equal(count * side * side * 4, raw.Length);
        for (var i = 0; i < count; i++)
        {
            Assert.True(raw.AsSpan(i * side * side * 4, side * side * 4).SequenceEqual(gif.Frames[i].Rgba), $"frame {i}");
        }
    }
}
