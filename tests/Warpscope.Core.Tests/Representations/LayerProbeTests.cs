using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Tests.Representations;

/// <summary>Issue 17: linear probes of every layer.</summary>
public class LayerProbeTests
{
    [Fact]
    public void ASymmetricSeparableCase_MatchesTheHandComputedAccuracyAndMargin()
    {
        // Class 0 at x = −1 and −3, class 1 at x = 1 and 3, each at y = ±1. By symmetry the probe's
        // boundary is x = 0, so the distances are 1, 1, 3, 3 (twice): median (1 + 3)/2 = 2; the RMS
        // radius about the mean (0, 0) is √((4·2 + 4·10)/8) = √6; margin 2/√6.
        float[] x = [-1, -1, -3, -3, 1, 1, 3, 3];
        float[] y = [1, -1, 1, -1, 1, -1, 1, -1];
        int[] labels = [0, 0, 0, 0, 1, 1, 1, 1];
        var fit = LinearProbe.Fit(new PointCloud(2, 8, [.. x, .. y]), labels, 2);
        Assert.Equal(1.0, fit.Accuracy);
        Assert.Equal(2 / Math.Sqrt(6), fit.Margin, 6);
    }

    [Fact]
    public void Overlapping_TheMisclassifiedPointsCountNegative_InTheHandComputedMargin()
    {
        // On a line, class 0 at −3, −2, −1 and 0.5, class 1 at −0.5, 1, 2, 3: symmetric under x ↦ −x
        // with the classes swapped, so the boundary is x = 0 and the points at ±0.5 are on the wrong
        // side: accuracy 6/8; distances 3, 2, 1, −0.5 (twice), median (1 + 2)/2 = 1.5; RMS radius
        // √((9 + 4 + 1 + 0.25)·2/8) = √3.5625; margin 1.5/√3.5625.
        float[] x = [-3, -2, -1, 0.5f, -0.5f, 1, 2, 3];
        int[] labels = [0, 0, 0, 0, 1, 1, 1, 1];
        var fit = LinearProbe.Fit(new PointCloud(1, 8, x), labels, 2);
        Assert.Equal(0.75, fit.Accuracy);
        Assert.Equal(1.5 / Math.Sqrt(3.5625), fit.Margin, 4);
    }

    [Theory]
    [InlineData("rings", 3)]
    [InlineData("curves", 2)]
    public void TheLastLayersProbe_OfAPerfectlyTrainedNet_IsAtLeastItsAccuracyLessOnePercent(string data, int width)
    {
        var job = new TrainingJob(new DatasetSpec(data, 400, 0, 0.5, 1), NetworkSpec.Uniform([width], Activation.Tanh),
            new TrainingConfig(OptimizerKind.Adam, 0.1, 32, 300));
        var run = new TrainingSession(job);
        run.Run();
        Assert.Equal(1.0, run.TestFigures.Accuracy);
        var probes = LayerProbes.Measure(run.Network, run.Dataset);
        Assert.Equal([0, 1], probes.Select(p => p.Layer));
        Assert.Equal([2, width], probes.Select(p => p.Units));
        var netOnSample = new ForwardPass(run.Network).Evaluate(LayerProbes.Sample(run.Dataset)).Accuracy;
        Assert.True(netOnSample > 0.99, $"the net gets {netOnSample} of the fresh points");
        Assert.True(probes[1].Accuracy >= netOnSample - 0.01, $"probe {probes[1].Accuracy}, net {netOnSample}");
        Assert.True(probes[1].Margin > 0);
        // In the input plane no line separates either dataset: the layer is what makes them separable.
        Assert.True(probes[0].Accuracy < 0.9, $"input probe {probes[0].Accuracy}");
    }

    [Fact]
    public void TheProbedPoints_AreFreshForAGenerator()
    {
        var data = DatasetFactory.Create(new DatasetSpec("spiral", 600, 0.1, 0.5, 3));
        var sample = LayerProbes.Sample(data);
        Assert.Equal(600, sample.Count);
        Assert.Empty(sample.X.Intersect(data.Train.X));
    }
}
