using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;
using Warpscope.Core.Model;
using Warpscope.Core.Scenes;

namespace Warpscope.Rendering.Tests;

public class AnimationExportTests
{
    [Fact]
    public void MorphGif_DecodesWithTheRightFramesSizeAndOrder()
    {
        var run = Models.Spiral;
        var morph = new MorphSequence(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain, new ViewOptions { CarriedCells = 32 });
        const int frames = 12;
        Scene At(int i) => morph.At((double)i / (frames - 1) * morph.Layers);
        var path = Artifacts.PathOf("animation/spiral-morph.gif");
        AnimationExport.Write(path, 240, 240, 12, frames, i => [At(i)], holdFirst: 3, holdLast: 5);

        using var gif = Image.Load<Rgba32>(path);
        Assert.Equal(240, gif.Width);
        Assert.Equal(240, gif.Height);
        Assert.Equal(frames, gif.Frames.Count);
        // Held frames last longer: 1 + 3 and 1 + 5 frame times at 12 fps.
        var delays = Enumerable.Range(0, gif.Frames.Count).Select(i => gif.Frames[i].Metadata.GetGifMetadata().FrameDelay).ToArray();
        Assert.True(delays[0] >= 4 * delays[1] - 1, $"delays {string.Join(",", delays)}");
        Assert.True(delays[^1] >= 6 * delays[1] - 1, $"delays {string.Join(",", delays)}");

        using var renderer = new SceneRenderer();
        using var first = renderer.Bitmap([At(0)], 240, 240);
        using var last = renderer.Bitmap([At(frames - 1)], 240, 240);
        Assert.True(Difference(gif.Frames.CloneFrame(0), first) < Difference(gif.Frames.CloneFrame(0), last));
        Assert.True(Difference(gif.Frames.CloneFrame(frames - 1), last) < Difference(gif.Frames.CloneFrame(frames - 1), first));
        Assert.True(Difference(gif.Frames.CloneFrame(0), first) < 6, "the first frame is the input plane at t = 0");
    }

    [Fact]
    public void SameMorph_GivesIdenticalGifBytes()
    {
        var run = Models.Rings;
        byte[] Write(string name)
        {
            var morph = new MorphSequence(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain, new ViewOptions { CarriedCells = 24 });
            var path = Artifacts.PathOf($"animation/{name}");
            AnimationExport.Write(path, 200, 200, 20, 8, i => [morph.At(i / 7.0)]);
            return File.ReadAllBytes(path);
        }
        Assert.Equal(Write("rings-morph-a.gif"), Write("rings-morph-b.gif"));
    }

    /// <summary>Mean absolute difference per channel (0–255) between a decoded frame and a rendered bitmap.</summary>
    private static double Difference(Image<Rgba32> frame, SKBitmap bitmap)
    {
        double sum = 0;
        for (var y = 0; y < frame.Height; y++)
        {
            for (var x = 0; x < frame.Width; x++)
            {
                var a = frame[x, y];
                var b = bitmap.GetPixel(x, y);
                sum += Math.Abs(a.R - b.Red) + Math.Abs(a.G - b.Green) + Math.Abs(a.B - b.Blue);
            }
        }
        return sum / (3.0 * frame.Width * frame.Height);
    }
}
