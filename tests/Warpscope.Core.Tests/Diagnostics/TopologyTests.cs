using Warpscope.Core.Datasets;
using Warpscope.Core.Diagnostics;
using Warpscope.Core.Model;

namespace Warpscope.Core.Tests.Diagnostics;

/// <summary>Issue 17: what each layer can do to the plane, and the warning when topology rules a network out.</summary>
public class TopologyTests
{
    private static readonly Dataset Rings = DatasetFactory.Create(new DatasetSpec("rings", 400, 0, 0.5, 1));

    [Theory]
    [InlineData(new[] { 2 })]
    [InlineData(new[] { 2, 2 })]
    [InlineData(new[] { 2, 2, 2 })]
    [InlineData(new[] { 2, 2, 2, 2 })]
    [InlineData(new[] { 1, 2 })]
    public void OnRings_EveryNetworkAtMost2Wide_IsWarned(int[] hidden)
    {
        var report = Topology.Diagnose(Network.Create(NetworkSpec.Uniform(hidden, Activation.Tanh), 1), Rings);
        Assert.Equal(new Enclosure(1, 0), report.Enclosure); // the annulus (class 1) surrounds the disk (class 0)
        Assert.NotNull(report.Warning);
        Assert.Contains("homeomorphism", report.Warning);
        Assert.Contains("cannot pull the disk out of the ring", report.Warning);
        Assert.Contains("3 units", report.Warning);
    }

    [Theory]
    [InlineData(new[] { 3 })]
    [InlineData(new[] { 2, 3 })]
    [InlineData(new[] { 3, 2, 2 })]
    [InlineData(new[] { 16, 16 })]
    public void OnRings_ANetworkWithA3UnitLayer_IsNotWarned(int[] hidden)
    {
        var report = Topology.Diagnose(Network.Create(NetworkSpec.Uniform(hidden, Activation.Tanh), 1), Rings);
        Assert.NotNull(report.Enclosure);
        Assert.Null(report.Warning);
    }

    [Theory]
    [InlineData("rings", true)]
    [InlineData("circle", true)]
    [InlineData("spiral", false)]
    [InlineData("curves", false)]
    [InlineData("xor", false)]
    [InlineData("moons", false)]
    [InlineData("gauss", false)]
    public void Enclosure_IsFoundWhereOneClassSurroundsAnother_Only(string name, bool encloses)
    {
        var data = DatasetFactory.Create(new DatasetSpec(name, 600, 0.1, 0.5, 1));
        Assert.Equal(encloses, Enclosure.Find(data.Train, data.ClassCount) is not null);
        var report = Topology.Diagnose(Network.Create(NetworkSpec.Uniform([2], Activation.Tanh), 1), data);
        Assert.Equal(encloses, report.Warning is not null);
    }

    [Fact]
    public void RankDeterminantAndFolds_OfHandSetWeights()
    {
        // Layer 1 (ReLU): W = [[2, 0], [0, −3]], b = [0, 100]: det −6, rank 2; unit 0's z = 2x crosses
        // the rectangle (a fold), unit 1's z = −3y + 100 is positive all over it (none).
        // Layer 2 (ReLU): W = [[1, 2], [2, 4]]: rank 1, det 0.
        var spec = NetworkSpec.Uniform([2, 2], Activation.Relu);
        float[] parameters = [2, 0, 0, -3, 0, 100, 1, 2, 2, 4, 0, 0, 1, 0, 0, 1, 0, 0];
        var report = Topology.Diagnose(new Network(spec, parameters), DatasetFactory.Create(new DatasetSpec("spiral", 100, 0, 0.5, 1)));
        Assert.Equal(new LayerTopology(1, 2, 2, 2, -6, 1), report.Layers[0]);
        Assert.Equal(1, report.Layers[1].Rank);
        Assert.Equal(0, report.Layers[1].Determinant!.Value, 12);
    }

    [Fact]
    public void ATanhLayer_ReportsNoFolds_AndAWideLayerNoDeterminant()
    {
        var report = Topology.Diagnose(Network.Create(NetworkSpec.Uniform([5, 5], Activation.Tanh), 2), Rings);
        Assert.Equal(new[] { (2, 5), (5, 5) }, report.Layers.Select(l => (l.Inputs, l.Units)));
        Assert.Null(report.Layers[0].Determinant);
        Assert.NotNull(report.Layers[1].Determinant);
        Assert.Equal(2, report.Layers[0].Rank);
        Assert.Equal(5, report.Layers[1].Rank);
        Assert.All(report.Layers, l => Assert.Null(l.Folds));
    }
}
