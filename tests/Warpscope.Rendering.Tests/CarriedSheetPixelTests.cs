using SkiaSharp;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Rendering.Tests;

/// <summary>Pixels of the carried sheet in a saturated hidden layer: each on its own side of the output layer's line (issue 12).</summary>
public class CarriedSheetPixelTests
{
    /// <summary>The tour's curves net as trained without its max-norm cap: 2 tanh units, trained hard (Adam 0.1, 600 epochs), about 70 % of its points saturated.</summary>
    private static readonly Lazy<TrainingSession> Curves = new(() =>
    {
        var run = new TrainingSession(new TrainingJob(new DatasetSpec("curves", 400, 0, 0.5, 1), NetworkSpec.Uniform([2], Activation.Tanh),
            new TrainingConfig(OptimizerKind.Adam, 0.1, 32, 600, Seed: 1), 1));
        run.Run();
        return run;
    });

    [Fact]
    public void SaturatedCurves_NoSheetPixelOfOneClassOnTheOtherSideOfTheLine()
    {
        var run = Curves.Value;
        const int size = 600;
        var scene = SceneFactory.Hidden(run.Network, run.Dataset.ClassNames, null, run.Dataset.Domain,
            new ViewOptions { Layer = 1, ShowGrid = false, FieldResolution = ScenePainter.PlotPixels(size, size) });
        var saturated = SceneFactory.Hidden(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain, new ViewOptions { Layer = 1, CarriedCells = 0, ShowGrid = false }).Saturation;
        Assert.True(saturated > 0.5, $"the layer is saturated: {saturated:P0} of points near ±1");
        using var renderer = new SceneRenderer();
        using var bitmap = renderer.Bitmap([scene], size, size);
        Artifacts.Save("views/curves-sheet.png", SceneRenderer.EncodePng(bitmap));

        var plot = ScenePainter.PlotRect(size, size, scene.Window, title: true);
        var w = scene.Window;
        var output = run.Network.Layers.Count - 1;
        var gradient = new System.Numerics.Vector2(run.Network.Weight(output, 1, 0) - run.Network.Weight(output, 0, 0), run.Network.Weight(output, 1, 1) - run.Network.Weight(output, 0, 1));
        var pixel = w.Width / plot.Width;
        int checkedPixels = 0, wrong = 0;
        for (var py = (int)plot.Top + 2; py < plot.Bottom - 2; py++)
        {
            for (var px = (int)plot.Left + 2; px < plot.Right - 2; px++)
            {
                var hx = w.XMin + (px + 0.5f - plot.Left) / plot.Width * w.Width;
                var hy = w.YMax - (py + 0.5f - plot.Top) / plot.Height * w.Height;
                var margin = OutputSeparator.Margin(run.Network, [hx, hy], 1, 0);
                // Away from the dashed line and its anti-aliasing: 4 px.
                if (MathF.Abs(margin) / gradient.Length() < 4 * pixel) continue;
                if (px > plot.Right - 60 && py < plot.Top + 50) continue; // the legend's coloured dots
                var colour = bitmap.GetPixel(px, py);
                var orange = colour.Red - colour.Blue > 60;
                var blue = colour.Blue - colour.Red > 60;
                if (!orange && !blue) continue; // white, the faint region tint, or ink
                checkedPixels++;
                if (margin < 0 ? orange : blue) wrong++;
            }
        }
        Assert.True(checkedPixels > 40_000, $"only {checkedPixels} coloured sheet pixels");
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Svg_ClipsTheFieldToTheSheet()
    {
        var run = Curves.Value;
        var scene = SceneFactory.Hidden(run.Network, run.Dataset.ClassNames, null, run.Dataset.Domain, new ViewOptions { Layer = 1, ShowGrid = false, FieldResolution = 300 });
        Assert.NotNull(scene.SheetField);
        using var renderer = new SceneRenderer();
        var svg = System.Text.Encoding.UTF8.GetString(renderer.Svg([scene], 400, 400));
        Artifacts.Save("views/curves-sheet.svg", System.Text.Encoding.UTF8.GetBytes(svg));
        // The plot is clipped either way; the sheet adds a clip of its own and the field's image, where the
        // same scene without the field fills its cells as grouped paths and embeds no image.
        var cells = System.Text.Encoding.UTF8.GetString(renderer.Svg([scene with { SheetField = null }], 400, 400));
        Assert.Contains("<image", svg);
        Assert.DoesNotContain("<image", cells);
        Assert.True(Count(svg, "<clipPath") > Count(cells, "<clipPath"), "the field is clipped to the sheet");
    }

    private static int Count(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }
}
