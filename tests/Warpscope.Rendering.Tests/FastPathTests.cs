using SkiaSharp;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;
using Xunit.Abstractions;

namespace Warpscope.Rendering.Tests;

/// <summary>
/// Issue #6's shortcuts against the slow ways they replace: the refined field against the network at
/// every sample, the field and points written straight into the bitmap against Skia's drawing, and
/// the whole picture against the one before (exact field, Skia, every line vertex).
/// </summary>
public class FastPathTests(ITestOutputHelper output)
{
    [Fact]
    public void RefinedField_MatchesTheExactField()
    {
        var run = Models.Spiral;
        var lattice = Lattice.Square(run.Dataset.Domain, ScenePainter.PlotPixels(512, 512));
        var exact = DecisionField.Compute(run.Network, lattice);
        var refined = DecisionField.ComputeRefined(run.Network, lattice);

        // The class under every training point is the same.
        var train = run.Dataset.Train;
        for (var i = 0; i < train.Count; i++)
        {
            var c = Math.Clamp((int)((train.X[i] - lattice.Bounds.XMin) / lattice.CellWidth), 0, lattice.Columns - 1);
            var r = Math.Clamp((int)((train.Y[i] - lattice.Bounds.YMin) / lattice.CellHeight), 0, lattice.Rows - 1);
            Assert.Equal(exact.Winner(r * lattice.Columns + c).Class, refined.Winner(r * lattice.Columns + c).Class);
        }

        // Pictures of the two agree within a few levels almost everywhere.
        var options = new ViewOptions { ShowGrid = false };
        var a = SceneFactory.Input(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain, options with { ExactField = true, FieldResolution = lattice.Columns });
        var b = SceneFactory.Input(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain, options with { FieldResolution = lattice.Columns });
        using var renderer = new SceneRenderer();
        using var before = renderer.Bitmap([a with { Points = [] }], 512, 512);
        using var after = renderer.Bitmap([b with { Points = [] }], 512, 512);
        Artifacts.Save("views/field-exact.png", SceneRenderer.EncodePng(before));
        Artifacts.Save("views/field-refined.png", SceneRenderer.EncodePng(after));
        var (within, max) = Compare(before, after, tolerance: 3);
        output.WriteLine($"refined vs exact field: {within:P3} of pixels within 3 levels, max {max}");
        Assert.True(within >= 0.995, $"{within:P3} within 3 levels");
    }

    [Theory]
    [InlineData(SKColorType.Rgba8888)] // animation frames
    [InlineData(SKColorType.Bgra8888)] // Skia's native layout, the renderer's on x64
    public void DirectFieldAndPoints_MatchSkiasDrawing(SKColorType layout)
    {
        var run = Models.Spiral;
        var scene = SceneFactory.Input(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain,
            new ViewOptions { FieldResolution = ScenePainter.PlotPixels(512, 512) });
        using var fonts = new Fonts();
        using var skia = Draw(new ScenePainter(fonts), scene, layout);
        using var direct = Draw(null, scene, layout, fonts);
        var (within, max) = Compare(skia, direct, tolerance: 4);
        output.WriteLine($"direct vs Skia: {within:P3} of pixels within 4 levels, max {max}");

        // Before and after issue #6 as a whole, for people to compare: the exact field drawn by Skia, and this.
        using var before = Draw(new ScenePainter(fonts) { SimplifyLines = false }, SceneFactory.Input(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain,
            new ViewOptions { FieldResolution = ScenePainter.PlotPixels(512, 512), ExactField = true }), layout);
        if (layout == SceneRenderer.ColorType)
        {
            Artifacts.Save("views/input-before-issue6.png", SceneRenderer.EncodePng(before));
            Artifacts.Save("views/input-after-issue6.png", SceneRenderer.EncodePng(direct));
        }
        var (all, allMax) = Compare(before, direct, tolerance: 4);
        output.WriteLine($"after vs before: {all:P3} of pixels within 4 levels, max {allMax}");
        // The simplified boundary moves its antialiased pixels by fractions of a pixel, and this
        // spiral's boundary is long (its stroke covers 2–3 % of the picture): 98.5 % leaves room for
        // that and still fails on any wrong colour, shifted point or missing line.
        Assert.True(all >= 0.985, $"{all:P3} within 4 levels");
        // Antialiased rims land up to 1/16 pixel away from Skia's: a few edge pixels differ by more.
        Assert.True(within >= 0.99, $"{within:P3} within 4 levels");
    }

    [Theory]
    [InlineData(436, 512, 0f)] // the 512² view: one sample per pixel
    [InlineData(150, 512, 0.3f)] // fewer samples than pixels: rows and columns repeat
    [InlineData(300, 200, 0.7f)] // more samples than pixels: rows are skipped
    public void FieldRaster_TwoClassPath_PaintsTheGeneralPathsPixels(int samples, int side, float offset)
    {
        var run = Models.Spiral;
        var field = DecisionField.ComputeRefined(run.Network, Lattice.Square(run.Dataset.Domain, samples));
        var rect = SKRect.Create(10.2f + offset, 7.9f - offset, side - 23.4f, side - 19.1f);
        using var fast = new SKBitmap(new SKImageInfo(side, side, SceneRenderer.ColorType, SKAlphaType.Premul));
        using var general = new SKBitmap(new SKImageInfo(side, side, SceneRenderer.ColorType, SKAlphaType.Premul));
        FieldRaster.Paint(fast, new SKRectI(0, 0, side, side), rect, field, anyClasses: false);
        FieldRaster.Paint(general, new SKRectI(0, 0, side, side), rect, field, anyClasses: true);
        Assert.True(fast.GetPixelSpan().SequenceEqual(general.GetPixelSpan()));
    }

    [Fact]
    public void PointSprites_FourPixelsAtATime_BlendAsOnePixelAtATime()
    {
        // Random premultiplied sources (transparent, opaque and between) over random opaque pixels, any run length.
        var random = new Random(3);
        for (var length = 0; length < 40; length++)
        {
            var source = new uint[length];
            var target = new uint[length];
            for (var i = 0; i < length; i++)
            {
                var a = (uint)(i % 5 == 0 ? 0 : i % 5 == 1 ? 255 : random.Next(256));
                uint Channel() => (uint)random.Next((int)a + 1);
                source[i] = a << 24 | Channel() << 16 | Channel() << 8 | Channel();
                target[i] = 0xFF000000u | (uint)random.Next(1 << 24);
            }
            var expected = target.ToArray();
            for (var i = 0; i < length; i++)
            {
                uint s = source[i], a = s >> 24, d = expected[i], blended = 0;
                for (var shift = 0; shift < 32; shift += 8)
                {
                    var m = (d >> shift & 0xFF) * (255 - a) + 128;
                    blended |= ((m + (m >> 8)) >> 8) << shift;
                }
                expected[i] = s + blended;
            }
            PointSprites.Over(source, target);
            Assert.Equal(expected, target);
        }
    }

    private static SKBitmap Draw(ScenePainter? painter, Scene scene, SKColorType layout, Fonts? fonts = null)
    {
        var bitmap = new SKBitmap(new SKImageInfo(512, 512, layout, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        (painter ?? new ScenePainter(fonts!) { Target = bitmap }).Paint(canvas, SKRect.Create(512, 512), scene);
        return bitmap;
    }

    /// <summary>The fraction of pixels whose channels all differ by at most tolerance, and the largest difference.</summary>
    private static (double Within, int Max) Compare(SKBitmap a, SKBitmap b, int tolerance)
    {
        int within = 0, max = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                SKColor p = a.GetPixel(x, y), q = b.GetPixel(x, y);
                var d = Math.Max(Math.Abs(p.Red - q.Red), Math.Max(Math.Abs(p.Green - q.Green), Math.Abs(p.Blue - q.Blue)));
                max = Math.Max(max, d);
                if (d <= tolerance) within++;
            }
        }
        return ((double)within / (a.Width * a.Height), max);
    }
}
