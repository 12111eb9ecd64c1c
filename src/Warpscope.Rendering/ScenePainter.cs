using Warpscope.Core.Numerics;
using System.Buffers;
using System.Globalization;
using System.Numerics;
using SkiaSharp;
using Warpscope.Core.Datasets;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;

namespace Warpscope.Rendering;

/// <summary>
/// Draws a <see cref="Scene"/> into a rectangle of any Skia canvas (a bitmap for PNG and animation
/// frames, an SVG canvas for vectors). The pipeline is the ordered list in <see cref="Paint"/>;
/// each step is one small method. Sizes scale with the panel so any output size reads the same.
/// </summary>
public sealed class ScenePainter(Fonts fonts)
{
    // Bounded pools, as the engine's (Pools): the shared ArrayPool keeps arrays in every thread that rented one.
    private static readonly ArrayPool<SKPoint> PoolPoints = ArrayPool<SKPoint>.Create(1 << 20, 2);
    private static readonly ArrayPool<SKColor> PoolColours = ArrayPool<SKColor>.Create(1 << 20, 2);

    private static readonly SKColor Ink = new(0x22, 0x22, 0x22);
    private static readonly SKColor Muted = new(0x66, 0x66, 0x66);

    /// <summary>True for vector output: carried cells become grouped paths instead of a vertex mesh.</summary>
    public bool Vector { get; init; }

    public void Paint(SKCanvas canvas, SKRect area, Scene scene)
    {
        var layout = new Layout(area, scene.Window, scene.Title is not null, scene.Values is not null);
        using (new SKAutoCanvasRestore(canvas))
        {
            canvas.ClipRect(area);
            using var white = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(area, white);
            PaintTitle(canvas, layout, scene);
            using (new SKAutoCanvasRestore(canvas))
            {
                canvas.ClipRect(layout.Plot);
                foreach (var layer in PlotOrder) PaintLayer(canvas, layout, scene, layer);
            }
            PaintFrameAndAxes(canvas, layout, scene);
            PaintLegend(canvas, layout, scene);
            PaintColourBar(canvas, layout, scene);
        }
    }

    /// <summary>
    /// What is painted inside the plot, back to front. The page paints the same list (PLOT_ORDER in
    /// wwwroot/js/draw.js; a browser test holds the two together).
    /// </summary>
    internal static readonly string[] PlotOrder = ["field", "regions", "cells", "grid", "fold", "axis", "boundary", "separator", "trace", "points", "labels"];

    private void PaintLayer(SKCanvas canvas, Layout layout, Scene scene, string layer)
    {
        switch (layer)
        {
            case "field": PaintField(canvas, layout, scene); break;
            case "regions": PaintRegions(canvas, layout, scene); break;
            case "cells": PaintCells(canvas, layout, scene); break;
            case "grid": PaintLines(canvas, layout, scene, LineKind.Grid); break;
            case "fold": PaintLines(canvas, layout, scene, LineKind.Fold); break;
            case "axis": PaintLines(canvas, layout, scene, LineKind.Axis); break;
            case "boundary": PaintLines(canvas, layout, scene, LineKind.Boundary); break;
            case "separator": PaintLines(canvas, layout, scene, LineKind.Separator); break;
            case "trace": PaintLines(canvas, layout, scene, LineKind.Trace); break;
            case "points": PaintPoints(canvas, layout, scene); break;
            case "labels": PaintLabels(canvas, layout, scene); break;
            default: throw new ArgumentOutOfRangeException(nameof(layer), layer, "not a layer of the plot");
        }
    }

    private void PaintTitle(SKCanvas canvas, Layout layout, Scene scene)
    {
        if (scene.Title is null) return;
        using var title = new SKFont(fonts.Bold, 17 * layout.Unit);
        using var sub = new SKFont(fonts.Regular, 12 * layout.Unit);
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var muted = new SKPaint { Color = Muted, IsAntialias = true };
        var x = layout.Plot.Left;
        canvas.DrawText(scene.Title, x, layout.Area.Top + 22 * layout.Unit, SKTextAlign.Left, title, ink);
        if (scene.Subtitle is not null) canvas.DrawText(scene.Subtitle, x, layout.Area.Top + 39 * layout.Unit, SKTextAlign.Left, sub, muted);
    }

    private void PaintField(SKCanvas canvas, Layout layout, Scene scene)
    {
        if (scene.Field is not { } field) return;
        var lattice = field.Lattice;
        var bounds = lattice.Bounds;
        var rect = SKRect.Create(layout.X(bounds.XMin), layout.Y(bounds.YMax), layout.X(bounds.XMax) - layout.X(bounds.XMin), layout.Y(bounds.YMin) - layout.Y(bounds.YMax));
        if (lattice.Columns >= 2 && lattice.Rows >= 2 && RasterTarget(canvas) is { } target)
        {
            FieldRaster.Paint(target, canvas.DeviceClipBounds, rect, field);
            return;
        }
        DrawFieldImage(canvas, rect, field);
    }

    /// <summary>A field as an image of one pixel per sample, scaled onto rect (vector output, or an odd canvas).</summary>
    private static void DrawFieldImage(SKCanvas canvas, SKRect rect, DecisionField field)
    {
        var lattice = field.Lattice;
        using var bitmap = new SKBitmap(new SKImageInfo(lattice.Columns, lattice.Rows, SKColorType.Rgba8888, SKAlphaType.Premul));
        var pixels = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(bitmap.GetPixelSpan());
        var table = Palette.TintTable(field.Classes)
            .Select(row => row.Select(c => (uint)c.Red | (uint)c.Green << 8 | (uint)c.Blue << 16 | 0xFF000000u).ToArray())
            .ToArray();
        for (var r = 0; r < lattice.Rows; r++)
        {
            // Lattice row 0 is the bottom; image row 0 is the top.
            var row = (lattice.Rows - 1 - r) * lattice.Columns;
            for (var c = 0; c < lattice.Columns; c++)
            {
                var (winner, p) = field.Winner(r * lattice.Columns + c);
                pixels[row + c] = table[winner][(int)(p * 255f + 0.5f)];
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, rect, new SKSamplingOptions(SKFilterMode.Linear));
    }

    private static void PaintRegions(SKCanvas canvas, Layout layout, Scene scene)
    {
        foreach (var region in scene.Regions)
        {
            using var path = Polygon(layout, region.Polygon, close: true);
            var color = region.Class < 0 ? new SKColor(0x55, 0x55, 0x55, 0x30) : Palette.Class(region.Class).WithAlpha(0x26);
            using var paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
            canvas.DrawPath(path, paint);
        }
    }

    private void PaintCells(SKCanvas canvas, Layout layout, Scene scene)
    {
        if (scene.Sheet is not { CellCount: > 0 } sheet) return;
        var classes = scene.ClassNames.Count;
        var stretch = scene.CellColouring == CellColouring.Stretch;
        if (Vector && scene.SheetField is { } vectorField && !stretch)
        {
            // The field's image, clipped to the sheet: the union of its cells.
            using var outline = new SKPath { FillType = SKPathFillType.Winding };
            for (var c = 0; c < sheet.CellCount; c++) AddRing(outline, layout, sheet, c);
            using (new SKAutoCanvasRestore(canvas))
            {
                canvas.ClipPath(outline, SKClipOperation.Intersect, antialias: true);
                var b = vectorField.Lattice.Bounds;
                DrawFieldImage(canvas, new SKRect(layout.X(b.XMin), layout.Y(b.YMax), layout.X(b.XMax), layout.Y(b.YMin)), vectorField);
            }
            return;
        }
        if (Vector)
        {
            // Group cells by colour: a few dozen paths instead of thousands of elements.
            var groups = new Dictionary<SKColor, SKPath>();
            var order = new List<SKColor>();
            for (var c = 0; c < sheet.CellCount; c++)
            {
                var colour = stretch
                    ? Palette.Stretch(MathF.Pow(2, MathF.Round(4 * MathF.Log2(MathF.Max(sheet.Stretch[c], 1e-30f))) / 4))
                    : Palette.Tint(sheet.CellClasses[c], Quantise(sheet.HubProbability(c)), classes);
                if (!groups.TryGetValue(colour, out var path))
                {
                    groups.Add(colour, path = new SKPath());
                    order.Add(colour);
                }
                AddRing(path, layout, sheet, c);
            }
            foreach (var colour in order)
            {
                using var path = groups[colour];
                using var paint = new SKPaint { Color = colour, IsAntialias = true, Style = SKPaintStyle.Fill };
                canvas.DrawPath(path, paint);
            }
            return;
        }
        if (scene.SheetField is { } field && !stretch && RasterTarget(canvas) is { } fieldTarget)
        {
            PaintSheetThroughField(fieldTarget, canvas.DeviceClipBounds, layout, sheet, field);
            return;
        }
        // A triangle mesh, each cell a fan around its centre: no anti-aliasing seams between neighbours.
        // A cell keeps one hue (its class); each vertex brings its own probability of it, so the tint is smooth.
        var screen = Screen(layout, sheet, SKPoint.Empty);
        // Pooled: a saturated layer's mesh runs to a few MB, a fresh pair per frame kept the GC busy.
        var positions = PoolPoints.Rent(3 * sheet.Rings.Length);
        var colors = PoolColours.Rent(positions.Length);
        try
        {
            PaintMesh(canvas, sheet, screen, positions, colors, stretch, classes);
        }
        finally
        {
            PoolPoints.Return(positions);
            PoolColours.Return(colors);
        }
    }

    private void PaintMesh(SKCanvas canvas, SceneSheet sheet, SKPoint[] screen, SKPoint[] positions, SKColor[] colors, bool stretch, int classes)
    {
        var table = stretch ? null : Palette.TintTable(classes);
        var corners = Pools.Ints.Rent(positions.Length);
        try
        {
            var count = 0;
            for (var c = 0; c < sheet.CellCount; c++)
            {
                var from = count;
                count = TriangleCorners(sheet, c, screen, corners, count);
                if (table is null)
                {
                    colors.AsSpan(from, count - from).Fill(Palette.Stretch(sheet.Stretch[c]));
                    continue;
                }
                var cls = sheet.CellClasses[c];
                var tints = table[cls];
                for (var k = from; k < count; k++)
                    colors[k] = tints[(int)(Math.Clamp(sheet.Probability(cls, corners[k]), 0f, 1f) * 255f + 0.5f)];
            }
            for (var k = 0; k < count; k++) positions[k] = screen[corners[k]];
            if (RasterTarget(canvas) is { } target)
            {
                MeshRaster.Gouraud(target, canvas.DeviceClipBounds, positions.AsSpan(0, count), colors.AsSpan(0, count));
                return;
            }
            using var paint2 = new SKPaint { IsAntialias = false };
            // Our own SKVertices, alive until the draw returns: SkiaSharp's array overloads leave theirs to the
            // finalizer, and a collection during a long draw freed them under Skia (a crash 1 run in 8 under GC pressure).
            using var mesh = SKVertices.CreateCopy(SKVertexMode.Triangles, positions[..count], null, colors[..count]);
            canvas.DrawVertices(mesh, SKBlendMode.Dst, paint2);
        }
        finally
        {
            Pools.Ints.Return(corners);
        }
    }

    /// <summary>
    /// Cell c's triangles as vertex indices into <paramref name="corners"/> from index <paramref name="at"/>
    /// (three a triangle); returns the index after them. A cell is its fan around its centre; a plain quad (no
    /// vertex of a finer neighbour on its edges) that spans at most <see cref="SmallCell"/> pixels on screen is
    /// two triangles instead of four: the centre moves no pixel there, and a finely cut sheet is mostly
    /// such cells (issue 12: a saturated PCA view's 118k triangles became 66k).
    /// </summary>
    private static int TriangleCorners(SceneSheet sheet, int c, SKPoint[] screen, int[] corners, int at)
    {
        var ring = sheet.Ring(c);
        if (sheet.Centres[c] >= 0 && ring.Length == 4 && Small(screen[ring[0]], screen[ring[1]], screen[ring[2]], screen[ring[3]]))
        {
            corners[at] = ring[0];
            corners[at + 1] = ring[1];
            corners[at + 2] = ring[2];
            corners[at + 3] = ring[0];
            corners[at + 4] = ring[2];
            corners[at + 5] = ring[3];
            return at + 6;
        }
        var triangles = sheet.TriangleCount(c);
        for (var k = 0; k < triangles; k++)
        {
            var (a, b, d) = sheet.Triangle(c, k);
            corners[at++] = a;
            corners[at++] = b;
            corners[at++] = d;
        }
        return at;
    }

    /// <summary>The largest cell (in pixels across and down) drawn as two triangles rather than a fan.</summary>
    private const float SmallCell = 3f;

    private static bool Small(SKPoint a, SKPoint b, SKPoint c, SKPoint d) =>
        MathF.Max(MathF.Max(a.X, b.X), MathF.Max(c.X, d.X)) - MathF.Min(MathF.Min(a.X, b.X), MathF.Min(c.X, d.X)) <= SmallCell
        && MathF.Max(MathF.Max(a.Y, b.Y), MathF.Max(c.Y, d.Y)) - MathF.Min(MathF.Min(a.Y, b.Y), MathF.Min(c.Y, d.Y)) <= SmallCell;

    /// <summary>
    /// The sheet's cells as a mask over the rest of the network's field: the field is drawn into a
    /// bitmap of the plot and copied into the target where the mesh lies, so each pixel has the
    /// network's own class and tint at its point of the layer's space.
    /// </summary>
    private static void PaintSheetThroughField(SKBitmap target, SKRectI clip, Layout layout, SceneSheet sheet, DecisionField field)
    {
        var left = Math.Max(clip.Left, 0);
        var top = Math.Max(clip.Top, 0);
        var width = Math.Min(clip.Right, target.Width) - left;
        var height = Math.Min(clip.Bottom, target.Height) - top;
        if (width < 2 || height < 2) return;
        using var image = new SKBitmap(new SKImageInfo(width, height, target.ColorType, SKAlphaType.Premul));
        var bounds = field.Lattice.Bounds;
        var rect = new SKRect(layout.X(bounds.XMin) - left, layout.Y(bounds.YMax) - top, layout.X(bounds.XMax) - left, layout.Y(bounds.YMin) - top);
        FieldRaster.Paint(image, new SKRectI(0, 0, width, height), rect, field);
        var positions = PoolPoints.Rent(3 * sheet.Rings.Length);
        var mask = Pools.Flags.Rent(width * height);
        try
        {
            var count = Triangles(sheet, Screen(layout, sheet, new SKPoint(left, top)), positions);
            Array.Clear(mask, 0, width * height); // rented: may hold an earlier picture's
            MeshRaster.Mask(mask, width, height, positions.AsSpan(0, count));
            CopyMasked(image, target, left, top, mask);
        }
        finally
        {
            PoolPoints.Return(positions);
            Pools.Flags.Return(mask);
        }
    }

    /// <summary>Each vertex of the sheet where the plot puts it, less an origin (the corner of the bitmap it goes into).</summary>
    private static SKPoint[] Screen(Layout layout, SceneSheet sheet, SKPoint origin)
    {
        var screen = new SKPoint[sheet.Points.Length];
        for (var v = 0; v < screen.Length; v++) screen[v] = layout.Point(sheet.Points[v]) - origin;
        return screen;
    }

    /// <summary>The sheet's triangles in drawing order, three screen positions each, into positions; returns how many positions.</summary>
    private static int Triangles(SceneSheet sheet, SKPoint[] screen, SKPoint[] positions)
    {
        var corners = Pools.Ints.Rent(positions.Length);
        try
        {
            var count = 0;
            for (var c = 0; c < sheet.CellCount; c++) count = TriangleCorners(sheet, c, screen, corners, count);
            for (var k = 0; k < count; k++) positions[k] = screen[corners[k]];
            return count;
        }
        finally
        {
            Pools.Ints.Return(corners);
        }
    }

    /// <summary>Copies the pixels of source (a bitmap of the mask's size) that the mask marks into target at (left, top).</summary>
    private static unsafe void CopyMasked(SKBitmap source, SKBitmap target, int left, int top, bool[] mask)
    {
        int width = source.Width, height = source.Height;
        var from = (uint*)source.GetPixels();
        var to = (uint*)target.GetPixels();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
                if (mask[y * width + x]) to[(long)(top + y) * target.Width + left + x] = from[y * width + x];
        }
    }

    private static float Quantise(float confidence) => MathF.Round(confidence * 16) / 16;

    private static void AddRing(SKPath path, Layout layout, SceneSheet sheet, int cell)
    {
        var ring = sheet.Ring(cell);
        path.MoveTo(layout.Point(sheet.Points[ring[0]]));
        for (var k = 1; k < ring.Length; k++) path.LineTo(layout.Point(sheet.Points[ring[k]]));
        path.Close();
    }

    private void PaintLines(SKCanvas canvas, Layout layout, Scene scene, LineKind kind)
    {
        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeJoin = SKStrokeJoin.Round, StrokeCap = SKStrokeCap.Round };
        switch (kind)
        {
            case LineKind.Grid:
                paint.Color = new SKColor(0x30, 0x30, 0x30, 0x70);
                paint.StrokeWidth = 0.8f * layout.Unit;
                break;
            case LineKind.Axis:
                paint.Color = Muted;
                paint.StrokeWidth = 1.2f * layout.Unit;
                break;
            case LineKind.Boundary:
                paint.Color = Ink;
                paint.StrokeWidth = 2.2f * layout.Unit;
                break;
            case LineKind.Separator:
                paint.Color = Ink;
                paint.StrokeWidth = 2.2f * layout.Unit;
                paint.PathEffect = SKPathEffect.CreateDash([9 * layout.Unit, 6 * layout.Unit], 0);
                break;
            case LineKind.Fold:
                // A crease: thin and dark, over the sheet and under the separator.
                paint.Color = new SKColor(0x22, 0x22, 0x22, 0xB0);
                paint.StrokeWidth = 1.3f * layout.Unit;
                break;
            case LineKind.Trace:
                // Dotted, not dashed: only the trace of the separator on the plane shown.
                paint.Color = Ink;
                paint.StrokeWidth = 2.2f * layout.Unit;
                paint.PathEffect = SKPathEffect.CreateDash([0.1f, 5 * layout.Unit], 0);
                break;
        }
        foreach (var line in scene.Lines)
        {
            if (line.Kind != kind || line.Points.Length < 2) continue;
            using var path = SimplifyLines ? Polyline(layout, line.Points) : Polygon(layout, line.Points, close: false);
            canvas.DrawPath(path, paint);
        }
    }

    /// <summary>
    /// The bitmap the canvas draws into, when the caller has one (PNGs and animation frames): the field
    /// and the points are then written into its pixels directly, several times faster than through
    /// Skia's image and circle paths. Must be opaque-or-premultiplied RGBA8888 or BGRA8888, as the renderer makes them.
    /// </summary>
    public SKBitmap? Target { get; init; }

    /// <summary>Drop nearly collinear line vertices (see <see cref="Polyline"/>); off only to compare with the unsimplified drawing.</summary>
    internal bool SimplifyLines { get; init; } = true;

    /// <summary>The target when drawing straight into it is the same as drawing through the canvas (no transform).</summary>
    private SKBitmap? RasterTarget(SKCanvas canvas) =>
        !Vector && Target is { ColorType: SKColorType.Rgba8888 or SKColorType.Bgra8888 } target && target.RowBytes == target.Width * 4 && canvas.TotalMatrix.IsIdentity ? target : null;

    private void PaintPoints(SKCanvas canvas, Layout layout, Scene scene)
    {
        if (scene.Points.Count == 0) return;
        var radius = 3.4f * layout.Unit;
        if (RasterTarget(canvas) is { } target)
        {
            PointSprites.Paint(target, canvas.DeviceClipBounds, layout.Point, scene.Points, radius, 1.1f * layout.Unit, scene.Values);
            return;
        }
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.1f * layout.Unit };
        foreach (var point in scene.Points)
        {
            var p = layout.Point(point.Position);
            if (!float.IsFinite(p.X) || !float.IsFinite(p.Y)) continue;
            (fill.Color, stroke.Color) = PointSprites.Colours(point, scene.Values);
            canvas.DrawCircle(p, radius, fill);
            canvas.DrawCircle(p, radius, stroke);
        }
    }

    private void PaintLabels(SKCanvas canvas, Layout layout, Scene scene)
    {
        if (scene.Labels.Count == 0) return;
        using var font = LabelFont(layout);
        using var ink = new SKPaint { Color = Muted, IsAntialias = true };
        using var halo = new SKPaint { Color = SKColors.White.WithAlpha(0xD0), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 3 * layout.Unit };
        foreach (var (label, baseline, _) in PlaceLabels(layout, font, scene))
        {
            canvas.DrawText(label.Text, baseline.X, baseline.Y, SKTextAlign.Center, font, halo);
            canvas.DrawText(label.Text, baseline.X, baseline.Y, SKTextAlign.Center, font, ink);
        }
    }

    /// <summary>Where each of the scene's labels is drawn in a panel: the pixels its text and halo cover (tests check what they overlap).</summary>
    internal IReadOnlyList<SKRect> LabelBoxes(SKRect area, Scene scene)
    {
        var layout = new Layout(area, scene.Window, scene.Title is not null, scene.Values is not null);
        using var font = LabelFont(layout);
        return [.. PlaceLabels(layout, font, scene).Select(p => p.Box)];
    }

    private SKFont LabelFont(Layout layout) => new(fonts.Regular, 11 * layout.Unit);

    /// <summary>Each label's text centred on its point (the baseline a little below), slid whole inside the plot where it is near an edge.</summary>
    private static IEnumerable<(SceneLabel Label, SKPoint Baseline, SKRect Box)> PlaceLabels(Layout layout, SKFont font, Scene scene)
    {
        foreach (var label in scene.Labels)
        {
            var p = layout.Point(label.Position);
            var width = font.MeasureText(label.Text, out var ink);
            var half = width / 2 + 3 * layout.Unit;
            p.X = Math.Clamp(p.X, layout.Plot.Left + half, Math.Max(layout.Plot.Left + half, layout.Plot.Right - half));
            var y = Math.Clamp(p.Y + 4 * layout.Unit, layout.Plot.Top + 14 * layout.Unit, layout.Plot.Bottom - 4 * layout.Unit);
            var halo = 1.5f * layout.Unit;
            var box = new SKRect(p.X - width / 2 - halo, y + ink.Top - halo, p.X + width / 2 + halo, y + ink.Bottom + halo);
            yield return (label, new SKPoint(p.X, y), box);
        }
    }

    private void PaintFrameAndAxes(SKCanvas canvas, Layout layout, Scene scene)
    {
        using var frame = new SKPaint { Color = Muted, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = layout.Unit };
        canvas.DrawRect(layout.Plot, frame);
        if (!scene.Axes) return;
        using var font = new SKFont(fonts.Regular, 11 * layout.Unit);
        using var ink = new SKPaint { Color = Muted, IsAntialias = true };
        var w = scene.Window;
        foreach (var x in Ticks(w.XMin, w.XMax))
        {
            var px = layout.X(x);
            canvas.DrawLine(px, layout.Plot.Bottom, px, layout.Plot.Bottom + 4 * layout.Unit, frame);
            canvas.DrawText(Format(x), px, layout.Plot.Bottom + 16 * layout.Unit, SKTextAlign.Center, font, ink);
        }
        foreach (var y in Ticks(w.YMin, w.YMax))
        {
            var py = layout.Y(y);
            canvas.DrawLine(layout.Plot.Left - 4 * layout.Unit, py, layout.Plot.Left, py, frame);
            canvas.DrawText(Format(y), layout.Plot.Left - 6 * layout.Unit, py + 4 * layout.Unit, SKTextAlign.Right, font, ink);
        }
        if (scene.XLabel is not null)
            canvas.DrawText(scene.XLabel, layout.Plot.MidX, layout.Plot.Bottom + 31 * layout.Unit, SKTextAlign.Center, font, ink);
        if (scene.YLabel is not null)
        {
            using (new SKAutoCanvasRestore(canvas))
            {
                canvas.RotateDegrees(-90, layout.Plot.Left - 36 * layout.Unit, layout.Plot.MidY);
                canvas.DrawText(scene.YLabel, layout.Plot.Left - 36 * layout.Unit, layout.Plot.MidY, SKTextAlign.Center, font, ink);
            }
        }
    }

    /// <summary>
    /// A regression view's colour bar, right of the plot: the points' colours from the scale's low end
    /// (bottom) to its high end (top), the field's lighter tint in a strip beside it, ticks with values,
    /// and the target's name above.
    /// </summary>
    private void PaintColourBar(SKCanvas canvas, Layout layout, Scene scene)
    {
        if (scene.Values is not { } values) return;
        var bar = ColourBarRect(layout);
        var steps = Math.Max(2, (int)bar.Height);
        using var paint = new SKPaint { IsAntialias = false };
        var strip = bar.Width / 3;
        for (var i = 0; i < steps; i++)
        {
            // Row i from the top: the value at its centre.
            var v = values.High - (i + 0.5f) / steps * (values.High - values.Low);
            var u = values.Position(v);
            var top = bar.Top + i * bar.Height / steps;
            var bottom = bar.Top + (i + 1) * bar.Height / steps;
            paint.Color = Palette.Value(u);
            canvas.DrawRect(new SKRect(bar.Left, top, bar.Right - strip, bottom), paint);
            paint.Color = Palette.ValueTint(u);
            canvas.DrawRect(new SKRect(bar.Right - strip, top, bar.Right, bottom), paint);
        }
        using var frame = new SKPaint { Color = Muted, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = layout.Unit };
        canvas.DrawRect(bar, frame);
        using var font = new SKFont(fonts.Regular, 11 * layout.Unit);
        using var ink = new SKPaint { Color = Muted, IsAntialias = true };
        foreach (var t in Ticks(values.Low, values.High))
        {
            var y = bar.Bottom - (float)((t - values.Low) / (values.High - values.Low)) * bar.Height;
            canvas.DrawLine(bar.Right, y, bar.Right + 4 * layout.Unit, y, frame);
            canvas.DrawText(Format(t), bar.Right + 6 * layout.Unit, y + 4 * layout.Unit, SKTextAlign.Left, font, ink);
        }
        if (scene.ValueName is { } name)
            canvas.DrawText(name, bar.MidX, bar.Top - 6 * layout.Unit, SKTextAlign.Center, font, ink);
    }

    /// <summary>Where a regression view's colour bar is drawn: right of the plot, in the margin <see cref="Layout"/> keeps for it.</summary>
    private static SKRect ColourBarRect(Layout layout) =>
        new(layout.Plot.Right + 12 * layout.Unit, layout.Plot.Top + 18 * layout.Unit, layout.Plot.Right + 24 * layout.Unit, layout.Plot.Bottom);

    private void PaintLegend(SKCanvas canvas, Layout layout, Scene scene)
    {
        // A regression view's colours are explained by its colour bar.
        if (scene.ClassNames.Count == 0 || scene.Values is not null) return;
        using var font = new SKFont(fonts.Regular, 11 * layout.Unit);
        var line = 15 * layout.Unit;
        var stretch = scene.CellColouring == CellColouring.Stretch && scene.Sheet is { CellCount: > 0 };
        string[] extra = stretch ? ["cells: area ×16", "unchanged", "cells: area ÷16"] : [];
        var width = scene.ClassNames.Concat(extra).Max(n => font.MeasureText(n)) + 26 * layout.Unit;
        var rows = scene.ClassNames.Count + extra.Length;
        var box = LegendBox(layout.Plot, new SKSize(width, line * rows + 8 * layout.Unit), 6 * layout.Unit, scene.Points.Select(p => layout.Point(p.Position)));
        using var back = new SKPaint { Color = SKColors.White.WithAlpha(0xD8), IsAntialias = true };
        using var rim = new SKPaint { Color = new SKColor(0xBB, 0xBB, 0xBB), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.8f * layout.Unit };
        canvas.DrawRoundRect(box, 4 * layout.Unit, 4 * layout.Unit, back);
        canvas.DrawRoundRect(box, 4 * layout.Unit, 4 * layout.Unit, rim);
        using var dot = new SKPaint { IsAntialias = true };
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        for (var c = 0; c < scene.ClassNames.Count; c++)
        {
            var y = box.Top + 4 * layout.Unit + line * (c + 0.5f);
            dot.Color = Palette.Class(c);
            canvas.DrawCircle(box.Left + 10 * layout.Unit, y, 4.5f * layout.Unit, dot);
            canvas.DrawText(scene.ClassNames[c], box.Left + 20 * layout.Unit, y + 4 * layout.Unit, SKTextAlign.Left, font, ink);
        }
        float[] stretches = [16, 1, 1f / 16];
        for (var e = 0; e < extra.Length; e++)
        {
            var y = box.Top + 4 * layout.Unit + line * (scene.ClassNames.Count + e + 0.5f);
            dot.Color = Palette.Stretch(stretches[e]);
            var swatch = SKRect.Create(box.Left + 5.5f * layout.Unit, y - 4.5f * layout.Unit, 9 * layout.Unit, 9 * layout.Unit);
            canvas.DrawRect(swatch, dot);
            canvas.DrawRect(swatch, rim);
            canvas.DrawText(extra[e], box.Left + 20 * layout.Unit, y + 4 * layout.Unit, SKTextAlign.Left, font, ink);
        }
    }

    /// <summary>
    /// Where the legend goes: the corner of the plot that hides the fewest data points, top right first
    /// (a saturated layer piles its points into the corners, and a fixed top-right legend hid them).
    /// </summary>
    internal static SKRect LegendBox(SKRect plot, SKSize size, float inset, IEnumerable<SKPoint> points)
    {
        SKRect[] corners =
        [
            SKRect.Create(plot.Right - size.Width - inset, plot.Top + inset, size.Width, size.Height),
            SKRect.Create(plot.Left + inset, plot.Top + inset, size.Width, size.Height),
            SKRect.Create(plot.Right - size.Width - inset, plot.Bottom - size.Height - inset, size.Width, size.Height),
            SKRect.Create(plot.Left + inset, plot.Bottom - size.Height - inset, size.Width, size.Height),
        ];
        var hidden = new int[corners.Length];
        foreach (var p in points)
        {
            for (var k = 0; k < corners.Length; k++)
                if (corners[k].Contains(p)) hidden[k]++;
        }
        var best = 0;
        for (var k = 1; k < corners.Length; k++)
            if (hidden[k] < hidden[best]) best = k;
        return corners[best];
    }

    private static SKPath Polygon(Layout layout, IReadOnlyList<Vector2> points, bool close)
    {
        var path = new SKPath();
        path.MoveTo(layout.Point(points[0]));
        for (var i = 1; i < points.Count; i++)
        {
            var p = layout.Point(points[i]);
            if (float.IsFinite(p.X) && float.IsFinite(p.Y)) path.LineTo(p);
        }
        if (close) path.Close();
        return path;
    }

    /// <summary>
    /// An open polyline in pixels, dropping vertices that lie within 0.1 pixel of the straight segment
    /// that skips them. A boundary traced on a lattice of one sample per pixel has a vertex every
    /// pixel or so, and stroking it with round joins cost 2 ms of the 512² input view (issue #6); the
    /// dropped vertices were all but collinear, so the stroke covers the same pixels to within a level or two.
    /// </summary>
    private static SKPath Polyline(Layout layout, IReadOnlyList<Vector2> points)
    {
        const float tolerance = 0.1f;
        const int maxRun = 32;
        var path = new SKPath();
        path.MoveTo(layout.Point(points[0]));
        var anchor = layout.Point(points[0]);
        Span<SKPoint> run = stackalloc SKPoint[maxRun]; // the vertices after the anchor not drawn yet
        var count = 0;
        for (var i = 1; i < points.Count; i++)
        {
            var p = layout.Point(points[i]);
            if (!float.IsFinite(p.X) || !float.IsFinite(p.Y)) continue;
            if (count > 0 && (count == maxRun || !AllNear(anchor, p, run[..count], tolerance)))
            {
                anchor = run[count - 1];
                path.LineTo(anchor);
                count = 0;
            }
            run[count++] = p;
        }
        if (count > 0) path.LineTo(run[count - 1]);
        return path;
    }

    /// <summary>Whether every point lies within tolerance of the segment a–b.</summary>
    private static bool AllNear(SKPoint a, SKPoint b, ReadOnlySpan<SKPoint> points, float tolerance)
    {
        var d = b - a;
        var length2 = d.X * d.X + d.Y * d.Y;
        foreach (var p in points)
        {
            var v = p - a;
            var t = length2 > 0 ? Math.Clamp((v.X * d.X + v.Y * d.Y) / length2, 0f, 1f) : 0f;
            float ex = v.X - t * d.X, ey = v.Y - t * d.Y;
            if (ex * ex + ey * ey > tolerance * tolerance) return false;
        }
        return true;
    }

    /// <summary>Round tick values: steps of 1, 2 or 5 × 10ⁿ, about five of them.</summary>
    internal static IEnumerable<double> Ticks(double min, double max)
    {
        var range = max - min;
        if (!(range > 0)) yield break;
        var rough = range / 5;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * power).First(s => s >= rough);
        for (var v = Math.Ceiling(min / step) * step; v <= max + 1e-9 * range; v += step)
            yield return Math.Abs(v) < 1e-9 * range ? 0 : v;
    }

    /// <summary>
    /// The side in pixels of the plot of a square window in a panel of this size: the field
    /// resolution that gives one sample per pixel, no more.
    /// </summary>
    public static int PlotPixels(int panelWidth, int panelHeight) =>
        (int)Math.Ceiling(new Layout(SKRect.Create(panelWidth, panelHeight), PlaneRect.Square(1), title: true).Plot.Width);

    /// <summary>Where the plot of a window lies in a panel of this size (tests read pixels at known points through it).</summary>
    internal static SKRect PlotRect(int panelWidth, int panelHeight, PlaneRect window, bool title) =>
        new Layout(SKRect.Create(panelWidth, panelHeight), window, title).Plot;

    /// <summary>A tick's label: at most three decimals, no exponent (the page's formatTick in draw.js writes the same).</summary>
    internal static string Format(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Where the plot sits in the panel and how window coordinates map to pixels (equal scales).</summary>
    private sealed class Layout
    {
        /// <param name="colourBar">Keep a margin right of the plot for a regression view's colour bar and its numbers.</param>
        public Layout(SKRect area, PlaneRect window, bool title, bool colourBar = false)
        {
            Area = area;
            Window = window;
            Unit = Math.Max(0.35f, Math.Min(area.Width, area.Height) / 600f);
            var top = area.Top + (title ? 50 : 12) * Unit;
            var left = area.Left + 52 * Unit;
            var bottom = area.Bottom - 40 * Unit;
            var right = area.Right - (colourBar ? 76 : 14) * Unit;
            var available = SKRect.Create(left, top, Math.Max(1, right - left), Math.Max(1, bottom - top));
            var aspect = window.Width / window.Height;
            var width = Math.Min(available.Width, available.Height * aspect);
            var height = width / aspect;
            Plot = SKRect.Create(available.Left + (available.Width - width) / 2, available.Top + (available.Height - height) / 2, width, height);
        }

        public SKRect Area { get; }
        public SKRect Plot { get; }
        public PlaneRect Window { get; }
        public float Unit { get; }

        public float X(double x) => (float)(Plot.Left + (x - Window.XMin) / Window.Width * Plot.Width);
        public float Y(double y) => (float)(Plot.Bottom - (y - Window.YMin) / Window.Height * Plot.Height);
        public SKPoint Point(Vector2 p) => new(X(p.X), Y(p.Y));
    }
}
