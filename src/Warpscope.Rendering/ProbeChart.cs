using System.Globalization;
using SkiaSharp;
using Warpscope.Core;
using Warpscope.Core.IO;
using Warpscope.Core.Representations;

namespace Warpscope.Rendering;

/// <summary>
/// <c>render --view probes</c>: one bar per layer, input to last hidden, as high as a linear probe's
/// accuracy there, its margin written under it; a dashed line at chance (1 / classes). Read left to
/// right it shows where the network makes the classes linearly separable.
/// </summary>
public sealed class ProbeChart : IDisposable
{
    private static readonly SKColor Ink = new(0x22, 0x22, 0x22);
    private static readonly SKColor Muted = new(0x66, 0x66, 0x66);
    private readonly Fonts _fonts = new();

    public void Dispose() => _fonts.Dispose();

    /// <summary>Writes a .png or .svg (by the path's extension) atomically.</summary>
    public void Save(string path, IReadOnlyList<LayerProbe> probes, int classes, string subtitle, int width, int height)
    {
        byte[] bytes;
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".png":
                using (var bitmap = new SKBitmap(new SKImageInfo(width, height, SceneRenderer.ColorType, SKAlphaType.Premul)))
                {
                    using (var canvas = new SKCanvas(bitmap)) Draw(canvas, probes, classes, subtitle, width, height);
                    bytes = SceneRenderer.EncodePng(bitmap);
                }
                break;
            case ".svg":
                using (var stream = new MemoryStream())
                {
                    using (var managed = new SKManagedWStream(stream))
                    using (var canvas = SKSvgCanvas.Create(SKRect.Create(width, height), managed)) Draw(canvas, probes, classes, subtitle, width, height);
                    bytes = stream.ToArray();
                }
                break;
            default:
                throw new UserInputException($"{path}: unknown picture format '{Path.GetExtension(path)}' (use .png or .svg)");
        }
        AtomicFile.Write(path, s => s.Write(bytes));
    }

    private void Draw(SKCanvas canvas, IReadOnlyList<LayerProbe> probes, int classes, string subtitle, int width, int height)
    {
        canvas.Clear(SKColors.White);
        var unit = Math.Max(0.5f, height / 600f);
        using var title = new SKFont(_fonts.Bold, 17 * unit);
        using var small = new SKFont(_fonts.Regular, 12 * unit);
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var muted = new SKPaint { Color = Muted, IsAntialias = true };
        canvas.DrawText("linear probes per layer", 14 * unit, 24 * unit, SKTextAlign.Left, title, ink);
        canvas.DrawText(subtitle, 14 * unit, 42 * unit, SKTextAlign.Left, small, muted);

        var plot = SKRect.Create(56 * unit, 62 * unit, width - 72 * unit, height - 120 * unit);
        float Y(double accuracy) => plot.Bottom - (float)accuracy * plot.Height;
        using var axis = new SKPaint { Color = Muted, StrokeWidth = unit, IsAntialias = true, Style = SKPaintStyle.Stroke };
        for (var tick = 0; tick <= 4; tick++)
        {
            var y = Y(tick / 4.0);
            canvas.DrawLine(plot.Left - 4 * unit, y, plot.Left, y, axis);
            canvas.DrawText(F($"{25 * tick}%"), plot.Left - 7 * unit, y + 4 * unit, SKTextAlign.Right, small, muted);
        }
        canvas.DrawLine(plot.Left, plot.Top, plot.Left, plot.Bottom, axis);
        canvas.DrawLine(plot.Left, plot.Bottom, plot.Right, plot.Bottom, axis);

        var slot = plot.Width / probes.Count;
        using var bar = new SKPaint { Color = Palette.Class(0), IsAntialias = true };
        for (var i = 0; i < probes.Count; i++)
        {
            var p = probes[i];
            var x = plot.Left + slot * (i + 0.5f);
            var top = Y(p.Accuracy);
            canvas.DrawRect(SKRect.Create(x - slot * 0.3f, top, slot * 0.6f, plot.Bottom - top), bar);
            canvas.DrawText(F($"{100 * p.Accuracy:F1}%"), x, top - 5 * unit, SKTextAlign.Center, small, ink);
            canvas.DrawText(p.Layer == 0 ? "input" : F($"layer {p.Layer}"), x, plot.Bottom + 17 * unit, SKTextAlign.Center, small, ink);
            canvas.DrawText(F($"{p.Units} units"), x, plot.Bottom + 32 * unit, SKTextAlign.Center, small, muted);
            canvas.DrawText(F($"margin {p.Margin:F3}"), x, plot.Bottom + 47 * unit, SKTextAlign.Center, small, muted);
        }
        using var dash = SKPathEffect.CreateDash([6 * unit, 4 * unit], 0);
        using var chance = new SKPaint { Color = Palette.Class(1), StrokeWidth = 1.5f * unit, IsAntialias = true, Style = SKPaintStyle.Stroke, PathEffect = dash };
        var c = Y(1.0 / classes);
        canvas.DrawLine(plot.Left, c, plot.Right, c, chance);
        // On a white box: the label may fall over the last bar.
        var label = F($"chance ({1.0 / classes:P0})");
        var labelWidth = small.MeasureText(label);
        using var white = new SKPaint { Color = SKColors.White.WithAlpha(0xE6), IsAntialias = true };
        canvas.DrawRoundRect(new SKRect(plot.Right - labelWidth - 8 * unit, c - 17 * unit, plot.Right - 2 * unit, c - 3 * unit), 3 * unit, 3 * unit, white);
        canvas.DrawText(label, plot.Right - 5 * unit, c - 6 * unit, SKTextAlign.Right, small, muted);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
