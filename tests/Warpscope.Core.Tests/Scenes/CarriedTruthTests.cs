using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Tests.Scenes;

/// <summary>
/// The carried sheet tells the truth: in a hidden view of a whole layer, every pixel of the sheet has
/// the colour the rest of the network gives its point of the layer's space (issue 12).
/// </summary>
public class CarriedTruthTests
{
    private const int Pixels = 512;

    /// <summary>The playground's default network (16-16-2 tanh, Adam 0.01, batch 32), trained 400 epochs.</summary>
    private static TrainingRun Trained(string data, int[] hidden, int epochs = 400, double lr = 0.01, int points = 1000)
    {
        var run = new TrainingRun(new TrainingJob(new DatasetSpec(data, points, 0.1), NetworkSpec.Uniform(hidden, Activation.Tanh),
            new TrainingConfig(OptimizerKind.Adam, lr, 32, epochs), 1));
        run.Run();
        return run;
    }

    private static Scene View(TrainingRun run, int layer, ViewOptions? options = null) =>
        SceneFactory.Hidden(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain,
            (options ?? new ViewOptions()) with { Layer = layer, FieldResolution = Pixels });

    [Theory]
    [InlineData("spiral")]
    [InlineData("xor")]
    [InlineData("gauss")]
    [InlineData("circle")]
    public void DefaultNet_LastHiddenLayer_NoSheetPixelContradictsTheOutputLayer(string data)
    {
        var run = Trained(data, [16, 16, 2]);
        var scene = View(run, 3);
        var disagreement = SheetAudit.Disagreement(run.Network, scene, Pixels);
        Assert.NotNull(disagreement);
        Assert.InRange(disagreement.Value, 0, 0.005);
        // Not vacuous: the sheet covers a good part of the view.
        var (covered, _) = SheetAudit.Rasterise(scene.Sheet!, scene.Window, Pixels);
        Assert.True(covered.Count > Pixels * Pixels / 10, $"the sheet covers only {covered.Count} pixels");
    }

    [Fact]
    public void SaturatedSpiral_CentreColouredQuads_Disagree_AndTheAuditSeesIt()
    {
        // Today's old drawing, reproduced: 64² cells, each in its centre's class, never cut, not clipped.
        var run = Trained("spiral", [16, 16, 2]);
        var scene = View(run, 3);
        var field = CarriedField.Build(run.Network, 3, run.Dataset.Domain, 64);
        var old = scene with { Sheet = SheetBuilder.Build(field, field.Mapped, Flattener.Flat(2), wholeLayer: true, clipAt: null), SheetField = null };
        var before = SheetAudit.Disagreement(run.Network, old, Pixels);
        Assert.True(before > 0.01, $"old drawing disagrees on {before:P2}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NarrowDeepNet_EveryLayer_AgreesThroughTheRestOfTheNetwork(int layer)
    {
        var run = Trained("rings", [2, 2, 2], epochs: 300, lr: 0.03, points: 600);
        var scene = View(run, layer);
        var disagreement = SheetAudit.Disagreement(run.Network, scene, Pixels);
        Assert.NotNull(disagreement);
        Assert.InRange(disagreement.Value, 0, 0.005);
    }

    [Fact]
    public void ThreeUnitLift_SheetAgreesWithTheSeparatingPlane()
    {
        var run = Trained("rings", [3], epochs: 400, lr: 0.03, points: 600);
        var scene = View(run, 1, new ViewOptions { Yaw = 40, Pitch = 25 });
        Assert.True(scene.Sheet!.Depth.Length > 0);
        var disagreement = SheetAudit.Disagreement(run.Network, scene, Pixels);
        Assert.NotNull(disagreement);
        Assert.InRange(disagreement.Value, 0, 0.005);
    }

    [Fact]
    public void ProjectedView_NoCellWhoseVerticesDisagreeIsLargerThanTwoPixels()
    {
        var run = Trained("spiral", [16, 16, 2]);
        var scene = View(run, 2); // 16 units, by PCA
        var sheet = scene.Sheet!;
        Assert.False(sheet.WholeLayer);
        Assert.Null(SheetAudit.Disagreement(run.Network, scene, Pixels));
        var pixel = scene.Window.Width / Pixels;
        int mixed = 0;
        for (var c = 0; c < sheet.CellCount; c++)
        {
            var ring = sheet.Ring(c).ToArray();
            var classes = ring.Append(sheet.Hub(c)).Select(v => Winner(sheet, v)).Distinct().Count();
            if (classes == 1) continue;
            mixed++;
            var xs = ring.Select(v => sheet.Points[v].X).ToArray();
            var ys = ring.Select(v => sheet.Points[v].Y).ToArray();
            var extent = MathF.Max(xs.Max() - xs.Min(), ys.Max() - ys.Min()) / pixel;
            Assert.True(extent <= 2, $"cell {c} mixes classes over {extent:F1} px");
        }
        Assert.True(mixed > 0, "the boundary crosses the sheet somewhere");
    }

    [Fact]
    public void PreActivations_ShowZ_AndTheSheetStillAgreesThroughTanh()
    {
        var run = Trained("spiral", [16, 16, 2]);
        var scene = View(run, 3, new ViewOptions { Stage = LayerStage.PreActivations });
        Assert.Equal(LayerStage.PreActivations, scene.Stage);
        Assert.StartsWith("pre-activations z", scene.Subtitle);
        Assert.Equal("z of unit 0", scene.XLabel);
        // Each point sits at its z: the trace's pre-activations of layer 3.
        var trace = new ForwardPass(run.Network).Trace(run.Dataset.Train.X, run.Dataset.Train.Y);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(trace.Layers[2].PreAt(0, i), scene.Points[i].Position.X, 1e-4f);
            Assert.Equal(trace.Layers[2].PreAt(1, i), scene.Points[i].Position.Y, 1e-4f);
        }
        // z spreads the saturated layer: its window is far wider than the ±1 box.
        Assert.True(scene.Window.Width > 4, $"window {scene.Window}");
        var disagreement = SheetAudit.Disagreement(run.Network, scene, Pixels);
        Assert.NotNull(disagreement);
        Assert.InRange(disagreement.Value, 0, 0.005);
        // The output layer's line, bent by tanh, is drawn where the two classes tie.
        var bent = scene.Lines.Where(l => l.Kind == LineKind.Separator).SelectMany(l => l.Points).ToArray();
        Assert.NotEmpty(bent);
        var logits = LayerMaps.OutputsFrom(run.Network, 3, new PointCloud(2, bent.Length, [.. bent.Select(p => p.X), .. bent.Select(p => p.Y)]), LayerStage.PreActivations);
        for (var i = 0; i < bent.Length; i++) Assert.InRange(logits[bent.Length + i] - logits[i], -0.5, 0.5);
    }

    [Fact]
    public void WideLastLayer_PcaView_DrawsTheOutputHyperplanesTrace()
    {
        var run = Trained("circle", [6], epochs: 100, lr: 0.03, points: 400);
        var scene = View(run, 1);
        var trace = scene.Lines.Single(l => l.Kind == LineKind.Trace).Points;
        Assert.DoesNotContain(scene.Lines, l => l.Kind == LineKind.Separator);
        Assert.Contains(scene.Labels, l => l.Text.Contains("trace"));
        // Back on the layer's space, every point of the trace lies on z₁ = z₀.
        var data = run.Dataset;
        var mapped = LayerMaps.Map(new ForwardPass(run.Network), 1, [.. data.Train.X, .. data.Test.X], [.. data.Train.Y, .. data.Test.Y]);
        var basis = new Warpscope.Core.Representations.Projections.PcaLayerProjection(mapped, 2).Basis;
        foreach (var f in new[] { 0f, 0.3f, 1f })
        {
            var p = System.Numerics.Vector2.Lerp(trace[0], trace[1], f);
            var h = new float[6];
            for (var i = 0; i < 6; i++) h[i] = (float)(basis.Mean[i] + p.X * basis.Axes[0][i] + p.Y * basis.Axes[1][i]);
            Assert.Equal(0, OutputSeparator.Margin(run.Network, h, 1, 0), 1e-3);
        }
    }

    [Fact]
    public void Saturation_CountsPointsNearTheBox()
    {
        // tanh(10·x): a point at |x| ≥ 0.23 has |h| ≥ 0.98.
        var network = new Network(NetworkSpec.Uniform([2], Activation.Tanh), [10f, 0f, 0f, 10f, 0f, 0f, 1f, 0f, 0f, 1f, 0f, 0f]);
        var mapped = LayerMaps.Map(new ForwardPass(network), 1, [0.1f, 0.5f, 0.05f, -0.9f], [0.0f, 0.0f, 0.3f, 0.1f]);
        Assert.Equal(0.75, Saturation.Of(network, 1, mapped));
        var relu = new Network(NetworkSpec.Uniform([2], Activation.Relu), new float[12]);
        Assert.Null(Saturation.Of(relu, 1, LayerMaps.Map(new ForwardPass(relu), 1, [1f], [1f])));
    }

    private static int Winner(SceneSheet sheet, int v)
    {
        var best = 0;
        for (var c = 1; c < sheet.Classes; c++)
            if (sheet.Probability(c, v) > sheet.Probability(best, v)) best = c;
        return best;
    }
}
