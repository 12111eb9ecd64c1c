using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Scenes;

namespace Warpscope.Rendering.Tests;

public class RenderingTests
{
    [Fact]
    public void KnownLinearScene_HasEachClassTintOnItsSide()
    {
        // z₁ − z₀ = 20x: class 1 (orange) right of x = 0, class 0 (blue) left of it.
        var network = new Network(NetworkSpec.Uniform([], Activation.Tanh), [-10f, 0f, 10f, 0f, 0f, 0f]);
        var scene = SceneFactory.Input(network, ["left", "right"], null, PlaneRect.Square(3), new ViewOptions { ShowGrid = false, FieldResolution = 200 });
        using var renderer = new SceneRenderer();
        using var bitmap = renderer.Bitmap([scene], 400, 400);
        Artifacts.Save("views/known-linear.png", SceneRenderer.EncodePng(bitmap));
        var (left, right) = (Pixel(bitmap, scene, -2, -2), Pixel(bitmap, scene, 2, -2));
        Assert.Equal(Palette.Tint(0, 1, 2), left);
        Assert.Equal(Palette.Tint(1, 1, 2), right);
        // The boundary is drawn dark at x = 0.
        var mid = Pixel(bitmap, scene, 0, -2);
        Assert.True(mid.Red < 90 && mid.Green < 90 && mid.Blue < 90, $"boundary pixel {mid}");
    }

    [Fact]
    public void InputView_UnderEachTrainingPoint_ShowsItsClassColour()
    {
        var run = Models.Spiral;
        var scene = SceneFactory.Input(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain,
            new ViewOptions { ShowGrid = false, ShowTrain = false, ShowTest = false, FieldResolution = 512 });
        using var renderer = new SceneRenderer();
        using var bitmap = renderer.Bitmap([scene], 600, 600);
        Artifacts.Save("views/spiral-field.png", SceneRenderer.EncodePng(bitmap));
        var train = run.Dataset.Train;
        var agree = 0;
        var predicted = new int[train.Count];
        new ForwardPass(run.Network).Classify(train.X, train.Y, predicted);
        var judged = 0;
        for (var i = 0; i < train.Count; i++)
        {
            if (predicted[i] != train.Labels[i]) continue;
            judged++;
            var c = Pixel(bitmap, scene, train.X[i], train.Y[i]);
            var blue = Distance(c, Palette.Class(0));
            var orange = Distance(c, Palette.Class(1));
            if ((train.Labels[i] == 0 ? blue < orange : orange < blue)) agree++;
        }
        Assert.True(judged > 0.9 * train.Count, $"the network fits only {judged} of {train.Count}");
        // Points right on the boundary may fall on its dark line: allow a few.
        Assert.True(agree >= 0.97 * judged, $"{agree} of {judged} points sit on their class colour");
    }

    [Fact]
    public void SameScene_GivesIdenticalPngBytes()
    {
        var run = Models.Spiral;
        byte[] Render()
        {
            var scene = SceneFactory.Hidden(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain, new ViewOptions { Layer = 3 });
            using var renderer = new SceneRenderer();
            return renderer.Png([scene], 512, 512);
        }
        var a = Render();
        var b = Render();
        Artifacts.Save("views/spiral-layer3.png", a);
        Assert.Equal(a, b);
        using var image = Image.Load<Rgba32>(a);
        Assert.Equal(512, image.Width);
    }

    [Fact]
    public void HiddenView_ThreeUnits_IsDrawnIn3DWithTheSeparatingPlane()
    {
        var run = Models.Rings;
        var scene = SceneFactory.Hidden(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain, new ViewOptions { Layer = 1, Yaw = 40, Pitch = 25 });
        Assert.False(scene.Axes);
        Assert.Contains(scene.Lines, l => l.Kind == LineKind.Separator);
        Assert.Equal(3, scene.Lines.Count(l => l.Kind == LineKind.Axis));
        Assert.All(scene.Points, p => Assert.InRange(p.Position.X, -1.05f, 1.05f));
        using var renderer = new SceneRenderer();
        Artifacts.Save("views/rings-layer1-3d.png", renderer.Png([scene], 600, 600));
    }

    [Fact]
    public void MultiPanelFigure_PutsPanelsSideBySide()
    {
        var run = Models.Spiral;
        var input = SceneFactory.Input(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain, new ViewOptions());
        var hidden = SceneFactory.Hidden(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain, new ViewOptions { Layer = 2 });
        using var renderer = new SceneRenderer();
        using var bitmap = renderer.Bitmap([input, hidden], 1200, 600);
        Artifacts.Save("views/spiral-input-and-layer2.png", SceneRenderer.EncodePng(bitmap));
        using var left = renderer.Bitmap([input], 600, 600);
        // The left panel is exactly the single-panel picture.
        for (var y = 0; y < 600; y += 37)
            for (var x = 0; x < 600; x += 41) Assert.Equal(left.GetPixel(x, y), bitmap.GetPixel(x, y));
    }

    [Fact]
    public void Svg_HasVectorPathsTextAndTheFieldAsAnImage()
    {
        var run = Models.Spiral;
        var input = SceneFactory.Input(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain, new ViewOptions());
        var hidden = SceneFactory.Hidden(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain, new ViewOptions { Layer = 3 });
        using var renderer = new SceneRenderer();
        var svg = renderer.Svg([input, hidden], 1200, 600);
        Artifacts.Save("views/spiral.svg", svg);
        var text = Encoding.UTF8.GetString(svg);
        Assert.StartsWith("<?xml", text);
        Assert.Contains("<svg", text);
        Assert.True(CountOf(text, "<path") > 40, "grid lines, boundaries and cells are paths");
        Assert.Contains("<image", text);
        Assert.Contains("input space", text);
    }

    [Fact]
    public void StretchColouring_PaintsALinearLayersCellsWithItsDeterminant()
    {
        // h = W·x with det W = 4 everywhere: every cell of the hidden view has the ×4 colour.
        var spec = new NetworkSpec([2], [Activation.Linear], NetworkSpec.PlainFeatures, 2);
        var network = new Network(spec, [2f, 0f, 0f, 2f, 0f, 0f, 1f, 0f, 0f, 1f, 0f, 0f]);
        var scene = SceneFactory.Hidden(network, ["a", "b"], null, PlaneRect.Square(1), new ViewOptions { Layer = 1, ShowGrid = false, CellColouring = CellColouring.Stretch, CarriedCells = 16 });
        using var renderer = new SceneRenderer();
        using var bitmap = renderer.Bitmap([scene], 400, 400);
        Artifacts.Save("views/stretch-linear.png", SceneRenderer.EncodePng(bitmap));
        Assert.Equal(Palette.Stretch(4), Pixel(bitmap, scene, -1.5f, 0.5f));
        Assert.Equal(Palette.Stretch(4), Pixel(bitmap, scene, 1.0f, -1.2f));
    }

    [Fact]
    public void Title_IsDrawnWithTheEmbeddedFont()
    {
        var network = new Network(NetworkSpec.Uniform([], Activation.Tanh), [0f, 0f, 0f, 0f, 0f, 0f]);
        var scene = SceneFactory.Input(network, ["a", "b"], null, PlaneRect.Square(1), new ViewOptions { Title = "WWWWWWWW", ShowGrid = false });
        using var renderer = new SceneRenderer();
        using var bitmap = renderer.Bitmap([scene], 600, 600);
        var dark = 0;
        for (var y = 0; y < 30; y++)
            for (var x = 0; x < 300; x++) if (bitmap.GetPixel(x, y).Red < 100) dark++;
        Assert.True(dark > 300, $"only {dark} dark pixels where the title should be");
    }

    [Fact]
    public void Legend_GoesToTheCornerThatHidesTheFewestPoints()
    {
        var plot = SKRect.Create(50, 50, 400, 400);
        var size = new SKSize(60, 40);
        // Nothing in the way: top right, as before.
        var free = ScenePainter.LegendBox(plot, size, 6, []);
        Assert.Equal((plot.Right - 66, plot.Top + 6), (free.Left, free.Top));
        // A saturated layer's points piled into the top-right corner: the legend moves to the top left.
        SKPoint[] piled = [.. Enumerable.Range(0, 30).Select(i => new SKPoint(plot.Right - 10 - i % 5, plot.Top + 10 + i % 7))];
        var moved = ScenePainter.LegendBox(plot, size, 6, piled);
        Assert.Equal((plot.Left + 6, plot.Top + 6), (moved.Left, moved.Top));
        Assert.DoesNotContain(piled, p => moved.Contains(p));
    }

    /// <summary>The pixel at window point (x, y) of a rendered scene (shared by the other rendering tests).</summary>
    internal static SKColor Pixel(SKBitmap bitmap, Scene scene, float x, float y)
    {
        // Recover the plot rectangle from the layout rule: equal margins, square window.
        var unit = Math.Max(0.35f, Math.Min(bitmap.Width, bitmap.Height) / 600f);
        var top = (scene.Title is null ? 12 : 50) * unit;
        var left = 52 * unit;
        var width = bitmap.Width - 14 * unit - left;
        var height = bitmap.Height - 40 * unit - top;
        var side = Math.Min(width, height * scene.Window.Width / scene.Window.Height);
        var plotLeft = left + (width - side) / 2;
        var plotHeight = side * scene.Window.Height / scene.Window.Width;
        var plotTop = top + (height - plotHeight) / 2;
        var px = plotLeft + (x - scene.Window.XMin) / scene.Window.Width * side;
        var py = plotTop + plotHeight - (y - scene.Window.YMin) / scene.Window.Height * plotHeight;
        return bitmap.GetPixel((int)px, (int)py);
    }

    internal static double Distance(SKColor a, SKColor b) =>
        Math.Sqrt(Math.Pow(a.Red - b.Red, 2) + Math.Pow(a.Green - b.Green, 2) + Math.Pow(a.Blue - b.Blue, 2));

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
