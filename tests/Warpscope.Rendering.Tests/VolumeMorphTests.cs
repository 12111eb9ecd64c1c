using System.Numerics;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Scenes;
using Warpscope.Core.Training;

namespace Warpscope.Rendering.Tests;

/// <summary>The morph of a network of 3-D inputs (the linked tori): from the input volume to the last layer's 3-D view.</summary>
public class VolumeMorphTests
{
    private static TrainingSession Tori(params int[] layers)
    {
        var run = new TrainingSession(new TrainingJob(new DatasetSpec("tori", 300, 0.1),
            new NetworkSpec(layers, [.. layers.Select(_ => Activation.Tanh)], NetworkSpec.SpaceFeatures, 2), new TrainingConfig(LearningRate: 0.03, Epochs: 150)));
        run.Run();
        return run;
    }

    private static readonly Lazy<TrainingSession> OneLayer = new(() => Tori(4));
    private static readonly Lazy<TrainingSession> TwoLayers = new(() => Tori(5, 4));

    private static TrainingSession Run(int layers) => layers == 1 ? OneLayer.Value : TwoLayers.Value;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ToriMorph_FirstFrameIsTheInputView_LastIsTheLastLayersPca3View_PixelForPixel(int layers)
    {
        var run = Run(layers);
        var view = ModelView.Of(run);
        var options = new ViewOptions { Title = "t", FieldResolution = 200 };
        var morph = view.Morph(options);
        Assert.IsType<VolumeMorph>(morph);
        Assert.Equal(layers, morph.Layers);
        using var renderer = new SceneRenderer();
        byte[] Png(Scene scene) => renderer.Png([scene], 300, 300);

        var first = Png(morph.At(0));
        var last = Png(morph.At(layers));
        Artifacts.Save($"views/tori-morph-{layers}-first.png", first);
        Artifacts.Save($"views/tori-morph-{layers}-middle.png", Png(morph.At(layers / 2.0)));
        Artifacts.Save($"views/tori-morph-{layers}-last.png", last);
        Assert.Equal(Png(view.Input(options)), first);
        Assert.Equal(Png(view.Layer(layers, options with { PcaComponents = 3 })), last);
        Assert.NotEqual(first, last);
    }

    /// <summary>
    /// Between the ends every point stays in the frame (the camera eases between stage ends while σ bends the
    /// points' paths; it backs off rather than let one out), and no point jumps: frame to frame at 1/120 of a
    /// layer, the camera and the projection move the points on screen by at most a tenth of the frame.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ToriMorph_PointsStayInTheFrameAndMoveContinuously(int layers)
    {
        var run = Run(layers);
        var morph = ModelView.Of(run).Morph(new ViewOptions());
        var steps = 120 * layers;
        Dictionary<int, Vector2>? before = null;
        for (var s = 1; s < steps; s++)
        {
            var scene = morph.At((double)s / steps * layers);
            Assert.Equal(run.Dataset.Train.Count + run.Dataset.Test.Count, scene.Points.Count);
            var at = scene.Points.ToDictionary(p => p.Index, p => p.Position);
            foreach (var p in at.Values)
                Assert.True(MathF.Abs(p.X) <= 1 && MathF.Abs(p.Y) <= 1, $"t = {(double)s / steps * layers:F3}: a point at {p}, outside the frame");
            if (before is not null)
            {
                var jump = at.Max(kv => Vector2.Distance(kv.Value, before[kv.Key]));
                Assert.True(jump < 0.2f, $"t = {(double)s / steps * layers:F3}: a point jumps {jump:F3} of the window's 2.1");
            }
            before = at;
        }
    }
}
