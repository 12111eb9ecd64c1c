using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Warpscope.Core.Scenes;

namespace Warpscope.Rendering.Tests;

public class PngEncoderTests
{
    [Fact]
    public void Png_DecodesToExactlyTheRenderedPixels()
    {
        var run = Models.Spiral;
        var scene = SceneFactory.Input(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain, new ViewOptions());
        using var renderer = new SceneRenderer();
        using var bitmap = renderer.Bitmap([scene], 333, 217);
        var bytes = SceneRenderer.EncodePng(bitmap);
        using var decoded = Image.Load<Rgba32>(bytes);
        Assert.Equal(333, decoded.Width);
        Assert.Equal(217, decoded.Height);
        for (var y = 0; y < 217; y++)
        {
            for (var x = 0; x < 333; x++)
            {
                var expected = bitmap.GetPixel(x, y);
                var actual = decoded[x, y];
                Assert.Equal((expected.Red, expected.Green, expected.Blue, (byte)255), (actual.R, actual.G, actual.B, actual.A));
            }
        }
    }
}
