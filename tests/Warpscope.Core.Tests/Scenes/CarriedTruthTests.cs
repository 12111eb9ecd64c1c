using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;
using Warpscope.Core.Representations.Projections;
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
    private static TrainingSession Trained(string data, int[] hidden, int epochs = 400, double lr = 0.01, int points = 1000)
    {
        var run = new TrainingSession(new TrainingJob(new DatasetSpec(data, points, 0.1), NetworkSpec.Uniform(hidden, Activation.Tanh),
            new TrainingConfig(OptimizerKind.Adam, lr, 32, epochs), 1));
        run.Run();
        return run;
    }

    private static Scene View(TrainingSession run, int layer, ViewOptions? options = null) =>
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
    public void ProjectedView_EverySampleIsThePredictionAtAnInputPointDrawnThere()
    {
        var run = Trained("spiral", [16, 16, 2]);
        var scene = View(run, 2); // 16 units, by PCA
        Assert.False(scene.Sheet!.WholeLayer);
        Assert.Null(SheetAudit.Disagreement(run.Network, scene, Pixels));
        // Coloured sample by sample, each sample at most 2 px of the view.
        var field = scene.SheetField!;
        var lattice = field.Lattice;
        Assert.Equal(scene.Window, lattice.Bounds);
        Assert.True(lattice.CellWidth <= 2 * scene.Window.Width / Pixels, $"{lattice.Columns} samples across");

        // An independent truth: the view's projection rebuilt from the data (PCA of layer 2's images of the
        // points, as the view fits it; its points land where the scene draws them), then 1 536² input points
        // mapped, projected and binned by field sample, each bin keeping which classes landed there.
        var pass = new ForwardPass(run.Network);
        var data = run.Dataset;
        float[] px = [.. data.Train.X, .. data.Test.X], py = [.. data.Train.Y, .. data.Test.Y];
        var projection = new PcaLayerProjection(LayerMaps.Map(pass, 2, px, py), 2);
        var drawn = projection.Project(LayerMaps.Map(pass, 2, px, py));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(scene.Points[i].Position.X, drawn[0, i], 1e-3f);
            Assert.Equal(scene.Points[i].Position.Y, drawn[1, i], 1e-3f);
        }
        const int side = 1536;
        var (ix, iy) = Lattice.Square(data.Domain, side).Points();
        var landed = new byte[lattice.Count]; // bit c: class c landed in this sample's cell
        var classes = new int[ix.Length];
        pass.Classify(ix, iy, classes);
        var image = projection.Project(LayerMaps.Map(pass, 2, ix, iy));
        for (var i = 0; i < ix.Length; i++)
        {
            var column = (int)MathF.Floor((image[0, i] - lattice.Bounds.XMin) / lattice.CellWidth);
            var row = (int)MathF.Floor((image[1, i] - lattice.Bounds.YMin) / lattice.CellHeight);
            if (column < 0 || row < 0 || column >= lattice.Columns || row >= lattice.Rows) continue;
            landed[row * lattice.Columns + column] |= (byte)(1 << classes[i]);
        }

        // Every covered sample's colour is the class of some input point drawn within a sample of it.
        var covered = SheetAudit.Coverage(scene.Sheet, lattice);
        int checkedSamples = 0, wrong = 0, both = 0;
        for (var r = 1; r < lattice.Rows - 1; r++)
        {
            for (var c = 1; c < lattice.Columns - 1; c++)
            {
                var i = r * lattice.Columns + c;
                if (!covered[i]) continue;
                var near = 0;
                for (var dr = -1; dr <= 1; dr++)
                    for (var dc = -1; dc <= 1; dc++) near |= landed[i + dr * lattice.Columns + dc];
                if (near == 0) continue; // the sheet is thinner than the probe there
                checkedSamples++;
                if (near == 3) both++;
                if ((near & (1 << field.Winner(i).Class)) == 0) wrong++;
            }
        }
        Assert.True(checkedSamples > Pixels * Pixels / 10, $"only {checkedSamples} samples checked");
        Assert.True(both > 1000, $"the classes interleave on only {both} samples"); // not vacuous: folds mix the classes
        Assert.InRange((double)wrong / checkedSamples, 0, 0.005);
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
