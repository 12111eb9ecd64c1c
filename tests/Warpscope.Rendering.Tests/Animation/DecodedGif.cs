using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Warpscope.Rendering.Tests.Animation;

/// <summary>A GIF as ImageSharp (the independent oracle) decodes it: frames composited onto the canvas.</summary>
internal sealed record DecodedGif(int Width, int Height, int RepeatCount, IReadOnlyList<DecodedGif.Frame> Frames)
{
    public int TotalDelay => Frames.Sum(f => f.Delay);

    public static DecodedGif Decode(byte[] gif)
    {
        using var image = Image.Load<Rgba32>(gif);
        var frames = new List<Frame>();
        for (var i = 0; i < image.Frames.Count; i++)
        {
            var frame = image.Frames[i];
            var rgba = new byte[image.Width * image.Height * 4];
            frame.CopyPixelDataTo(rgba);
            frames.Add(new Frame(rgba, frame.Metadata.GetGifMetadata().FrameDelay));
        }
        return new DecodedGif(image.Width, image.Height, image.Metadata.GetGifMetadata().RepeatCount, frames);
    }

    /// <param name="Delay">centiseconds.</param>
    public sealed record Frame(byte[] Rgba, int Delay);
}
