using SkiaSharp;

namespace Warpscope.Workloads;

/// <summary>
/// A frame of typical Warpscope content for encoder tests and benchmarks: shared by both so the
/// benchmark measures what the tests check. t ∈ [0, 1] moves the boundary, the grid and the points.
/// </summary>
public static class TypicalFrame
{
    /// <summary>What Warpscope draws: a white plot with two flat class regions whose boundary moves,
    /// an anti-aliased warped grid and data points, drawn by SkiaSharp.</summary>
    public static byte[] Draw(int width, int height, double t)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f };

        fill.Color = new SKColor(0xFF, 0xD8, 0xB0);
        canvas.DrawRect(20, 20, width - 40, height - 40, fill);
        fill.Color = new SKColor(0xB0, 0xD0, 0xFF);
        using (var boundary = new SKPath())
        {
            boundary.MoveTo(20, height - 20);
            for (var x = 20; x <= width - 20; x += 4)
                boundary.LineTo(x, (float)(height / 2.0 + height / 4.0 * Math.Sin(x * 0.02 + 4 * t)));
            boundary.LineTo(width - 20, height - 20);
            boundary.Close();
            canvas.DrawPath(boundary, fill);
        }

        stroke.Color = new SKColor(0x55, 0x55, 0x55, 0xC0);
        for (var i = 0; i <= 12; i++)
        {
            var u = 20 + (width - 40) * i / 12f;
            using var horizontal = new SKPath();
            using var vertical = new SKPath();
            for (var s = 0; s <= 40; s++)
            {
                var v = 20 + (height - 40) * s / 40f;
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
            var x = 30 + (float)random.NextDouble() * (width - 60) + (float)(6 * t);
            var y = 30 + (float)random.NextDouble() * (height - 60);
            canvas.DrawCircle(x, y, 3.5f, fill);
        }
        return bitmap.GetPixelSpan().ToArray();
    }
}
