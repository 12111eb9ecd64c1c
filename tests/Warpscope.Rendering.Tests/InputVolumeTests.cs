using SkiaSharp;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Scenes;
using Warpscope.Core.Training;

namespace Warpscope.Rendering.Tests;

/// <summary>The input view of a network of 3-D inputs (the linked tori): a 3-D scatter with the decision at slices.</summary>
public class InputVolumeTests
{
    private static readonly Lazy<TrainingSession> Tori = new(() =>
    {
        var run = new TrainingSession(new TrainingJob(new DatasetSpec("tori", 600, 0.1),
            new NetworkSpec([4], [Activation.Tanh], NetworkSpec.SpaceFeatures, 2), new TrainingConfig(LearningRate: 0.03, Epochs: 300)));
        run.Run();
        return run;
    });

    [Fact]
    public void ToriInputView_FrontPointOfEachClass_IsDrawnInItsClassColour_AndSlicesAreTinted()
    {
        var run = Tori.Value;
        var scene = new ModelView(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain).View(new ViewOptions());
        using var renderer = new SceneRenderer();
        using var bitmap = renderer.Bitmap([scene], 600, 600);
        Artifacts.Save("views/tori-input.png", SceneRenderer.EncodePng(bitmap));

        Assert.Equal(run.Dataset.Train.Count + run.Dataset.Test.Count, scene.Points.Count);
        Assert.Equal(3, scene.Labels.Count);
        Assert.Contains(scene.Regions, r => r.Class == 0);
        Assert.Contains(scene.Regions, r => r.Class == 1);
        Assert.Contains(scene.Lines, l => l.Kind == LineKind.Boundary);
        var points = scene.Points;
        for (var c = 0; c < 2; c++)
        {
            // The last-drawn (nearest) training point of class c that nothing drawn after it covers.
            var i = Enumerable.Range(0, points.Count).Reverse().First(i => points[i].Class == c && !points[i].Test
                && !points.Skip(i + 1).Any(q => System.Numerics.Vector2.Distance(q.Position, points[i].Position) < 0.04f));
            var pixel = Pixel(bitmap, scene, points[i].Position.X, points[i].Position.Y);
            Assert.True(Distance(pixel, Palette.Class(c)) < Distance(pixel, Palette.Class(1 - c)), $"class {c}'s front point is drawn {pixel}");
            Assert.True(Distance(pixel, Palette.Class(c)) < 60, $"class {c}'s front point is drawn {pixel}, not {Palette.Class(c)}");
        }
    }

    [Fact]
    public void ToriHiddenView_OfTheFourUnitLayer_ShowsEveryPointByPca()
    {
        var run = Tori.Value;
        var scene = new ModelView(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain).View(new ViewOptions { Layer = 1 });
        Assert.Equal(run.Dataset.Train.Count + run.Dataset.Test.Count, scene.Points.Count);
        Assert.Null(scene.Sheet);
        Assert.Contains("PCA of 4 units", scene.Subtitle);
    }

    /// <summary>
    /// Each axis's name is drawn outside the input view's cloud of points (none lands among them, as the y axis's
    /// did at (−0.24, −0.13) when names sat at the far ends of axes drawn from the low corner), covers no point
    /// of a hidden view, is clear of the other names, inside the plot, and in ink: its box holds dark text pixels
    /// and no point's colour.
    /// </summary>
    [Theory]
    [InlineData(0, 30, 20)]
    [InlineData(0, 120, 35)]
    [InlineData(0, -60, 10)]
    [InlineData(0, 200, 60)]
    [InlineData(1, 30, 20)]
    [InlineData(1, 120, 35)]
    public void ToriView_AxisNames_LieOutsideThePoints_ApartAndLegible(int layer, float yaw, float pitch)
    {
        var run = Tori.Value;
        var scene = new ModelView(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain)
            .View(new ViewOptions { Layer = layer, PcaComponents = 3, Yaw = yaw, Pitch = pitch });
        const int Size = 600;
        using var renderer = new SceneRenderer();
        using var bitmap = renderer.Bitmap([scene], Size, Size);
        Artifacts.Save($"views/tori-axes-{layer}-{yaw}-{pitch}.png", SceneRenderer.EncodePng(bitmap));
        using var fonts = new Fonts();
        var boxes = new ScenePainter(fonts).LabelBoxes(SKRect.Create(Size, Size), scene);
        var plot = ScenePainter.PlotRect(Size, Size, scene.Window, title: true);
        var pixels = scene.Points.Select(p => new SKPoint(plot.Left + (p.Position.X - scene.Window.XMin) / scene.Window.Width * plot.Width,
            plot.Bottom - (p.Position.Y - scene.Window.YMin) / scene.Window.Height * plot.Height)).ToList();
        // Points are discs of radius 3.4 pixels at this size.
        var cloud = new SKRect(pixels.Min(p => p.X) - 4, pixels.Min(p => p.Y) - 4, pixels.Max(p => p.X) + 4, pixels.Max(p => p.Y) + 4);

        Assert.Equal(3, boxes.Count);
        for (var k = 0; k < 3; k++)
        {
            var box = boxes[k];
            var name = scene.Labels[k].Text;
            // The input view's box is the data's, 5 % larger: the names clear the whole cloud's bounds. A hidden
            // view's box is the points' own, so some lie on its outline: there no name may cover a point.
            if (layer == 0) Assert.False(box.IntersectsWith(cloud), $"'{name}' at {box} overlaps the points' bounds {cloud}");
            Assert.DoesNotContain(pixels, p => SKRect.Inflate(box, 4, 4).Contains(p));
            Assert.True(plot.Contains(box), $"'{name}' at {box} is cut off by the plot {plot}");
            for (var j = k + 1; j < 3; j++) Assert.False(box.IntersectsWith(boxes[j]), $"'{name}' at {box} overlaps '{scene.Labels[j].Text}' at {boxes[j]}");
            var inside = Enumerable.Range((int)box.Left, (int)box.Width).SelectMany(x => Enumerable.Range((int)box.Top, (int)box.Height)
                .Select(y => bitmap.GetPixel(x, y))).ToList();
            Assert.True(inside.Count(c => c.Red < 140 && c.Green < 140 && c.Blue < 140) >= 4, $"'{name}' at {box} has no dark text pixels");
            Assert.DoesNotContain(inside, c => Distance(c, Palette.Class(0)) < 40 || Distance(c, Palette.Class(1)) < 40);
        }
    }

    private static SKColor Pixel(SKBitmap bitmap, Scene scene, float x, float y) => RenderingTests.Pixel(bitmap, scene, x, y);

    private static double Distance(SKColor a, SKColor b) => RenderingTests.Distance(a, b);
}
