using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Warpscope.Core.Model;
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

    [Theory]
    [InlineData(1, 3)]
    [InlineData(4, 2)]
    [InlineData(5, 5)]
    [InlineData(6, 1)]
    [InlineData(7, 4)]
    [InlineData(8, 3)]
    [InlineData(9, 2)]
    [InlineData(67, 9)]
    public void Png_OfAnyWidth_DecodesToTheSamePixels(int width, int height)
    {
        // Widths around the filter's four-pixel vector steps: the scalar ends must join up.
        var random = new Random(width * 31 + height);
        var rgba = new byte[width * height * 4];
        random.NextBytes(rgba);
        for (var i = 3; i < rgba.Length; i += 4) rgba[i] = 255;
        using var decoded = Image.Load<Rgba32>(PngEncoder.Encode(rgba, width, height));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var o = 4 * (y * width + x);
                var actual = decoded[x, y];
                Assert.Equal((rgba[o], rgba[o + 1], rgba[o + 2]), (actual.R, actual.G, actual.B));
            }
        }
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(5, 5)]
    [InlineData(7, 4)]
    [InlineData(67, 9)]
    public void Png_OfBgraPixels_IsTheSameFileAsOfTheirRgba(int width, int height)
    {
        // The renderer draws in Skia's native BGRA; the file must not depend on that.
        var random = new Random(width * 17 + height);
        var rgba = new byte[width * height * 4];
        random.NextBytes(rgba);
        var bgra = new byte[rgba.Length];
        for (var i = 0; i < rgba.Length; i += 4) (bgra[i], bgra[i + 1], bgra[i + 2], bgra[i + 3]) = (rgba[i + 2], rgba[i + 1], rgba[i], rgba[i + 3]);
        Assert.Equal(PngEncoder.Encode(rgba, width, height), PngEncoder.Encode(bgra, width, height, bgra: true));
    }
}
