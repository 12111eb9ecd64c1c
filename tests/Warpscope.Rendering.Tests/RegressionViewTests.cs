using SkiaSharp;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Scenes;

namespace Warpscope.Rendering.Tests;

/// <summary>A regression view: the field coloured by value (blue high, orange low, white in the middle), no boundary, a colour bar beside the plot.</summary>
public class RegressionViewTests
{
    // ŷ = x: a known field over [−3, 3]², so the scale (from the field, no data) is about [−3, 3].
    private static readonly Network Linear = new(new NetworkSpec([], [], NetworkSpec.PlainFeatures, 1, LearningTask.Regression), [1f, 0f, 0f]);

    private static (SKBitmap Bitmap, Scene Scene, SKRect Plot) Render()
    {
        var view = new ModelView(Linear, ["value"], null, PlaneRect.Square(3));
        var scene = view.Input(new ViewOptions { ShowGrid = false, FieldResolution = 200 });
        using var renderer = new SceneRenderer();
        var bitmap = renderer.Bitmap([scene], 600, 600);
        Artifacts.Save("views/regression-linear.png", SceneRenderer.EncodePng(bitmap));
        // The layout rule at 600 px (unit 1): title margin 50, left 52, bottom 40, right 76 (the colour bar's).
        var side = Math.Min(600 - 76 - 52, 600 - 40 - 50);
        var left = 52 + (600 - 76 - 52 - side) / 2f;
        var top = 50 + (600 - 40 - 50 - side) / 2f;
        return (bitmap, scene, SKRect.Create(left, top, side, side));
    }

    private static SKColor At(SKBitmap bitmap, SKRect plot, float x, float y) =>
        bitmap.GetPixel((int)(plot.Left + (x + 3) / 6 * plot.Width), (int)(plot.Bottom - (y + 3) / 6 * plot.Height));

    [Fact]
    public void Field_IsBlueWhereTheValueIsHigh_OrangeWhereLow_WhiteInTheMiddle_WithNoBoundary()
    {
        var (bitmap, scene, plot) = Render();
        using (bitmap)
        {
            // Without data the scale spans the network's values at a 64² lattice's cell centres: ±(3 − 3/64).
            Assert.Equal(new ValueScale(-2.953125f, 2.953125f), scene.Values);
            Assert.DoesNotContain(scene.Lines, l => l.Kind == LineKind.Boundary);
            var high = At(bitmap, plot, 2.5f, 0);
            var low = At(bitmap, plot, -2.5f, 0);
            var middle = At(bitmap, plot, 0, -2);
            Assert.True(high.Blue > high.Red + 60, $"high value {high}");
            Assert.True(low.Red > low.Blue + 60, $"low value {low}");
            Assert.True(middle.Red > 235 && middle.Green > 235 && middle.Blue > 235, $"middle {middle}");
            // The tint is the colour bar's field strip at that value, to within interpolation and quantisation.
            var expected = Palette.ValueTint(scene.Values!.Position(2.5f));
            Assert.InRange(high.Blue - expected.Blue, -6, 6);
            Assert.InRange(high.Red - expected.Red, -6, 6);
        }
    }

    [Fact]
    public void ColourBar_StandsRightOfThePlot_BlueAtTheTop_OrangeAtTheBottom()
    {
        var (bitmap, _, plot) = Render();
        using (bitmap)
        {
            // The bar's points' ramp spans x ∈ [plot.Right + 12, plot.Right + 20], y ∈ [plot.Top + 18, plot.Bottom].
            var x = (int)plot.Right + 15;
            var top = bitmap.GetPixel(x, (int)plot.Top + 22);
            var bottom = bitmap.GetPixel(x, (int)plot.Bottom - 4);
            Assert.True(top.Blue > 150 && top.Red < 60, $"bar top {top}");
            Assert.True(bottom.Red > 200 && bottom.Blue < 60, $"bar bottom {bottom}");
            // Beside it, past the ticks' numbers, the picture is white; the plot's own right edge is unchanged in width.
            Assert.Equal(SKColors.White, bitmap.GetPixel(598, (int)plot.MidY));
        }
    }
}
