using BenchmarkDotNet.Attributes;
using SkiaSharp;
using Warpscope.Rendering.Animation;

namespace Warpscope.Benchmarks;

/// <summary>
/// GIF encoding of a 120-frame 480×480 morph of typical content: white plot, two flat class
/// regions whose boundary moves, an anti-aliased warped grid and data points (over 256 colours
/// per frame, so the median-cut path runs). Frames are drawn once in setup; only encoding is timed.
/// </summary>
[MemoryDiagnoser]
public class AnimationBenchmarks
{
    private const int Side = 480;
    private const int FrameCount = 120;
    private readonly List<byte[]> _frames = [];
    private readonly MemoryStream _output = new();

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < FrameCount; i++) _frames.Add(DrawFrame(i));
        Console.WriteLine($"// GIF size: {EncodeGif()} bytes for {FrameCount} frames of {Side}²");
    }

    [Benchmark(Description = "GIF, 120 frames of 480² at 30 fps")]
    public long EncodeGif()
    {
        _output.SetLength(0);
        using var writer = new GifWriter(_output, Side, Side, 30);
        foreach (var frame in _frames) writer.AddFrame(frame);
        writer.Finish();
        return _output.Length;
    }

    private static byte[] DrawFrame(int frame)
    {
        var t = (double)frame / (FrameCount - 1);
        using var bitmap = new SKBitmap(new SKImageInfo(Side, Side, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f };

        fill.Color = new SKColor(0xFF, 0xD8, 0xB0);
        canvas.DrawRect(20, 20, Side - 40, Side - 40, fill);
        fill.Color = new SKColor(0xB0, 0xD0, 0xFF);
        using (var boundary = new SKPath())
        {
            boundary.MoveTo(20, Side - 20);
            for (var x = 20; x <= Side - 20; x += 4) boundary.LineTo(x, (float)(Side / 2.0 + Side / 4.0 * Math.Sin(x * 0.02 + 4 * t)));
            boundary.LineTo(Side - 20, Side - 20);
            boundary.Close();
            canvas.DrawPath(boundary, fill);
        }

        stroke.Color = new SKColor(0x55, 0x55, 0x55, 0xC0);
        for (var i = 0; i <= 12; i++)
        {
            var u = 20 + (Side - 40) * i / 12f;
            using var horizontal = new SKPath();
            using var vertical = new SKPath();
            for (var s = 0; s <= 40; s++)
            {
                var v = 20 + (Side - 40) * s / 40f;
                var warp = (float)(12 * t * Math.Sin(v * 0.03 + i));
                if (s == 0)
                {
                    horizontal.MoveTo(v, u + warp);
                    vertical.MoveTo(u + warp, v);
                }
                else
                {
                    horizontal.LineTo(v, u + warp);
                    vertical.LineTo(u + warp, v);
                }
            }
            canvas.DrawPath(horizontal, stroke);
            canvas.DrawPath(vertical, stroke);
        }

        var random = new Random(7);
        for (var i = 0; i < 60; i++)
        {
            fill.Color = i % 2 == 0 ? new SKColor(0xE0, 0x60, 0x10) : new SKColor(0x10, 0x60, 0xE0);
            var x = 30 + (float)random.NextDouble() * (Side - 60) + (float)(6 * t);
            var y = 30 + (float)random.NextDouble() * (Side - 60);
            canvas.DrawCircle(x, y, 3.5f, fill);
        }
        return bitmap.GetPixelSpan().ToArray();
    }
}
