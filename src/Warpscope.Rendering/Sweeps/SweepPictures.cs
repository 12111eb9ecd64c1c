using System.Globalization;
using SkiaSharp;
using Warpscope.Core.Datasets;
using Warpscope.Core.IO;
using Warpscope.Core.Model;
using Warpscope.Core.Scenes;
using Warpscope.Core.Sweeps;

namespace Warpscope.Rendering.Sweeps;

/// <summary>
/// A sweep's two pictures: the depth × width heatmap of median accuracy, or R² for a regression (each cell
/// also giving the seeds' min–max), and a grid of small input views, one per heatmap cell, of its median
/// run's decision field (its field of values, for a regression). Same results, same bytes.
/// </summary>
public sealed class SweepPictures : IDisposable
{
    private const int Margin = 70, Header = 64, HeatCell = 104, HeatRow = 72, Thumb = 200, LabelHeight = 16;
    private static readonly SKColor Ink = new(0x22, 0x22, 0x22);
    private static readonly SKColor Muted = new(0x66, 0x66, 0x66);
    private static readonly SKColor Low = new(0xF7, 0xFB, 0xFF), High = new(0x08, 0x30, 0x6B);

    private readonly Fonts _fonts = new();

    public void Dispose() => _fonts.Dispose();

    public byte[] Heatmap(SweepResults results)
    {
        var plan = results.Plan;
        var title = F($"{plan.Data.Name}: median {(results.OnTest ? "test" : "train")} {results.ScoreName} of {plan.Seeds} seeds (min–max)");
        int width = Wide(Margin + HeatCell * plan.Widths.Count + 20, results, title), height = Header + HeatRow * plan.Depths.Count + 40;
        using var bitmap = NewBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        DrawTitle(canvas, results, title);
        // Chance (1/classes; R² = 0 for a regression) is the lightest colour, 100 % (R² = 1) the darkest.
        var chance = results.Chance;
        using var big = new SKFont(_fonts.Bold, 17);
        using var small = new SKFont(_fonts.Regular, 12);
        using var fill = new SKPaint();
        using var text = new SKPaint { IsAntialias = true };
        foreach (var cell in results.Cells)
        {
            var rect = SKRect.Create(Margin + HeatCell * Column(plan, cell.Width), Header + HeatRow * Row(plan, cell.Depth), HeatCell - 2, HeatRow - 2);
            var t = (float)Math.Clamp((cell.Median - chance) / (1 - chance), 0, 1);
            fill.Color = Mix(Low, High, t);
            canvas.DrawRect(rect, fill);
            text.Color = t > 0.55f ? SKColors.White : Ink;
            canvas.DrawText(results.Show(cell.Median), rect.MidX, rect.MidY + 2, SKTextAlign.Center, big, text);
            var range = results.Regression ? F($"{cell.Min:F2}–{cell.Max:F2}") : F($"{100 * cell.Min:F1}–{100 * cell.Max:F1}");
            canvas.DrawText(range, rect.MidX, rect.MidY + 20, SKTextAlign.Center, small, text);
        }
        DrawAxes(canvas, plan, HeatCell, HeatRow);
        return SceneRenderer.EncodePng(bitmap);
    }

    public byte[] Thumbnails(SweepResults results, Dataset data)
    {
        var plan = results.Plan;
        var title = F($"{plan.Data.Name}: {(results.Regression ? "field of values" : "decision field")} of each cell's median run");
        int width = Wide(Margin + Thumb * plan.Widths.Count + 20, results, title), height = Header + Thumb * plan.Depths.Count + 40;
        using var bitmap = NewBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        DrawTitle(canvas, results, title);
        var painter = new ScenePainter(_fonts) { Target = bitmap };
        using var label = new SKFont(_fonts.Regular, 12);
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        var options = new ViewOptions { ShowGrid = false, ShowTrain = false, FieldResolution = ScenePainter.PlotPixels(Thumb, Thumb - LabelHeight) };
        foreach (var cell in results.Cells)
        {
            var typical = cell.Typical;
            var scene = typical.Thumbnail(data, options) with { Title = null, Subtitle = null };
            var area = SKRect.Create(Margin + Thumb * Column(plan, cell.Width), Header + Thumb * Row(plan, cell.Depth), Thumb, Thumb);
            painter.Paint(canvas, SKRect.Create(area.Left, area.Top + LabelHeight, Thumb, Thumb - LabelHeight), scene);
            canvas.DrawText(F($"seed {typical.Run.Seed}: {(results.Regression ? "R² " : "")}{results.Show(typical.Score)}"), area.MidX, area.Top + 13, SKTextAlign.Center, label, ink);
        }
        DrawAxes(canvas, plan, Thumb, Thumb);
        return SceneRenderer.EncodePng(bitmap);
    }

    /// <summary>Writes heatmap.png and thumbnails.png into the sweep's folder, atomically.</summary>
    public void Save(SweepResults results, Dataset data, SweepFolder folder)
    {
        var heatmap = Heatmap(results);
        AtomicFile.Write(folder.File("heatmap.png"), s => s.Write(heatmap));
        var thumbnails = Thumbnails(results, data);
        AtomicFile.Write(folder.File("thumbnails.png"), s => s.Write(thumbnails));
    }

    /// <summary>At least as wide as the title and the subtitle with their margins, so a small grid's picture does not cut them off.</summary>
    private int Wide(int width, SweepResults results, string title)
    {
        using var font = new SKFont(_fonts.Bold, 16);
        using var sub = new SKFont(_fonts.Regular, 12);
        return Math.Max(width, (int)MathF.Ceiling(24 + Math.Max(font.MeasureText(title), sub.MeasureText(results.Plan.Summary()))));
    }

    private void DrawTitle(SKCanvas canvas, SweepResults results, string title)
    {
        using var font = new SKFont(_fonts.Bold, 16);
        using var sub = new SKFont(_fonts.Regular, 12);
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var muted = new SKPaint { Color = Muted, IsAntialias = true };
        canvas.DrawText(title, 12, 22, SKTextAlign.Left, font, ink);
        canvas.DrawText(results.Plan.Summary(), 12, 40, SKTextAlign.Left, sub, muted);
    }

    private void DrawAxes(SKCanvas canvas, SweepPlan plan, int cellWidth, int cellHeight)
    {
        using var font = new SKFont(_fonts.Regular, 13);
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        var bottom = Header + cellHeight * plan.Depths.Count;
        for (var c = 0; c < plan.Widths.Count; c++)
            canvas.DrawText(F($"width {plan.Widths[c]}"), Margin + cellWidth * (c + 0.5f), bottom + 22, SKTextAlign.Center, font, ink);
        for (var r = 0; r < plan.Depths.Count; r++)
            canvas.DrawText(F($"depth {plan.Depths[r]}"), Margin - 8, Header + cellHeight * (r + 0.5f) + 5, SKTextAlign.Right, font, ink);
    }

    private static int Column(SweepPlan plan, int width) => IndexOf(plan.Widths, width);
    private static int Row(SweepPlan plan, int depth) => IndexOf(plan.Depths, depth);

    private static int IndexOf(IReadOnlyList<int> values, int value)
    {
        for (var i = 0; i < values.Count; i++) if (values[i] == value) return i;
        throw new ArgumentOutOfRangeException(nameof(value), value, "not in the plan");
    }

    private static SKBitmap NewBitmap(int width, int height) =>
        new(new SKImageInfo(width, height, SceneRenderer.ColorType, SKAlphaType.Premul));

    private static SKColor Mix(SKColor a, SKColor b, float t) =>
        new((byte)MathF.Round(a.Red + (b.Red - a.Red) * t), (byte)MathF.Round(a.Green + (b.Green - a.Green) * t), (byte)MathF.Round(a.Blue + (b.Blue - a.Blue) * t));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
