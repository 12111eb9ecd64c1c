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

    private static SKColor Pixel(SKBitmap bitmap, Scene scene, float x, float y) => RenderingTests.Pixel(bitmap, scene, x, y);

    private static double Distance(SKColor a, SKColor b) => RenderingTests.Distance(a, b);
}
