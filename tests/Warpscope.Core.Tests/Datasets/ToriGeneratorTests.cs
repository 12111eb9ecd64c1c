using System.Numerics;
using System.Text;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;
using Xunit.Abstractions;

namespace Warpscope.Core.Tests.Datasets;

/// <summary>Olah's linked tori: the recipe, the link, and what networks 3 and 4 units wide make of it.</summary>
public class ToriGeneratorTests(ITestOutputHelper output)
{
    private static readonly Vector3 CentreA = new(-0.5f, 0, 0);
    private static readonly Vector3 CentreB = new(0.5f, 0, 0);

    private static LabeledPoints Points(double noise = 0.1, int seed = 1) =>
        DatasetRegistry.Get("tori").Generate(new DatasetSpec("tori", 1000, noise, Seed: seed), new Random(seed));

    /// <summary>Distance from p to ring A's circle (radius 1 around CentreA in the xy-plane) or ring B's (xz-plane).</summary>
    private static float FromCircle(Vector3 p, int ring)
    {
        var q = p - (ring == 0 ? CentreA : CentreB);
        var (inPlane, across) = ring == 0 ? (new Vector2(q.X, q.Y).Length(), q.Z) : (new Vector2(q.X, q.Z).Length(), q.Y);
        return new Vector2(inPlane - 1, across).Length();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.6)]
    public void EveryPoint_LiesInItsRingsTube_AndOutsideTheOthers(double noise)
    {
        var points = Points(noise);
        var tube = 0.1 + noise / 2;
        Assert.Equal(3, points.Dimensions);
        for (var i = 0; i < points.Count; i++)
        {
            var p = new Vector3(points.X[i], points.Y[i], points.Z![i]);
            var ring = points.Labels[i];
            Assert.True(FromCircle(p, ring) <= tube + 1e-5, $"point {i} is {FromCircle(p, ring)} from ring {ring}'s circle");
            Assert.True(FromCircle(p, 1 - ring) > tube, $"point {i} of ring {ring} lies in the other tube");
        }
        Assert.Equal(500, points.Labels.Count(l => l == 0));
    }

    [Fact]
    public void TheRings_AreLinked_EachCirclePassesThroughTheOthersDisk()
    {
        // Ring A meets the plane of ring B (y = 0) at x = −1.5 and x = 0.5: one point inside B's disk, one outside.
        // A closed curve crossing a disk's plane once inside the disk (and once outside) links its boundary.
        var crossings = new[] { -1.5f, 0.5f }.Select(x => Vector2.Distance(new Vector2(x, 0), new Vector2(CentreB.X, CentreB.Z)) < 1).ToArray();
        Assert.Equal([false, true], crossings);
        // And the data say so: ring A's points near y = 0 sit at both crossings.
        var points = Points(0);
        var near = Enumerable.Range(0, points.Count).Where(i => points.Labels[i] == 0 && MathF.Abs(points.Y[i]) < 0.05f).Select(i => points.X[i]).ToArray();
        Assert.Contains(near, x => MathF.Abs(x - 0.5f) < 0.05f);
        Assert.Contains(near, x => MathF.Abs(x + 1.5f) < 0.05f);
    }

    [Fact]
    public void SameSeed_SamePoints_AndTheDatasetIsNamedXYZ()
    {
        Assert.Equal(Points(seed: 4).Z, Points(seed: 4).Z);
        var data = DatasetFactory.Create(new DatasetSpec("tori", 200, 0.1));
        Assert.Equal(["x", "y", "z"], data.AxisNames);
        Assert.Equal(3, data.Dimensions);
        Assert.NotNull(data.Test.Z);
    }

    private static ModelMetrics Train(params int[] hidden)
    {
        var job = new TrainingJob(new DatasetSpec("tori", 1000, 0.1),
            new NetworkSpec(hidden, [.. hidden.Select(_ => Activation.Tanh)], NetworkSpec.SpaceFeatures, 2),
            new TrainingConfig(Optimizer: OptimizerKind.Adam, LearningRate: 0.03, Epochs: 1000), Seed: 1);
        var run = new TrainingSession(job);
        run.Run();
        return run.ToModel().Metrics!;
    }

    [Fact]
    public void Tori_AFourUnitLayer_SeparatesThem_WhileThreeUnitLayersFallShort()
    {
        var four = Train(4);
        var three = Train(3);
        var deepThree = Train(3, 3, 3);
        output.WriteLine($"tori, 1000 epochs of Adam at 0.03: 3-4-2 train {four.TrainAccuracy:P1} test {four.TestAccuracy:P1}; " +
            $"3-3-2 train {three.TrainAccuracy:P1} test {three.TestAccuracy:P1}; 3-3-3-3-2 train {deepThree.TrainAccuracy:P1} test {deepThree.TestAccuracy:P1}");
        Assert.True(four.TrainAccuracy >= 0.98, $"4 units: train {four.TrainAccuracy:P1}");
        // A 3-unit tanh layer with invertible weights is a homeomorphism of space; it cannot unlink the rings.
        Assert.True(three.TrainAccuracy < four.TrainAccuracy, $"3 units {three.TrainAccuracy:P1} vs 4 units {four.TrainAccuracy:P1}");
        Assert.True(deepThree.TrainAccuracy < four.TrainAccuracy, $"3,3,3 {deepThree.TrainAccuracy:P1} vs 4 units {four.TrainAccuracy:P1}");
    }

    [Fact]
    public void Csv_WithAZColumn_Reads3DPointsNamedByTheHeader()
    {
        var data = CsvDataset.Parse("east,north,depth,kind\n1,2,3,a\n4,5,6,b\n7,8,9,a\n", "survey.csv", new CsvColumns(Label: "kind") { Z = "depth" });

        Assert.Equal([3f, 6f, 9f], data.Points.Z!);
        Assert.Equal(["east", "north", "depth"], data.AxisNames);
        Assert.Equal(3, data.Points.Dimensions);
        var error = Assert.Throws<UserInputException>(() => CsvDataset.Parse("east,north,depth,kind\n1,2,3,a\n", "survey.csv", new CsvColumns { Z = "height" })).Message;
        Assert.Contains("--z 'height'", error);
    }

    [Fact]
    public void ModelFile_RoundTrip_KeepsZ_ItsScaling_AndThe3DPoints()
    {
        var spec = new NetworkSpec([4], [Activation.Tanh], NetworkSpec.SpaceFeatures, 2) { Scaling = new InputScaling(1, 2, 3, 4) { OffsetZ = 5, ScaleZ = 6 } };
        var points = new LabeledPoints([1, 2], [3, 4], [0, 1], z: [5, 6]);
        var model = new TrainedModel(Network.Create(spec, seed: 2), ["0", "1"], new DatasetSpec("data.csv") { Columns = new CsvColumns { Z = "depth" } })
        {
            Data = new ModelData(new DataSource("data.csv", "/tmp/data.csv", 10, "ab"), new PlaneRect(0, 1, 0, 1), ["a", "b", "c"], points, points),
        };
        using var stream = new MemoryStream();
        ModelFile.Write(stream, model);
        var back = ModelFile.Parse(stream.ToArray(), "m.json");

        Assert.Equal(spec, back.Network.Spec);
        Assert.Equal(5, back.Network.Spec.Scaling.OffsetZ);
        Assert.Equal(model.Network.Parameters, back.Network.Parameters);
        Assert.Equal([5f, 6f], back.Data!.Train!.Z!);
        Assert.Equal(["a", "b", "c"], back.Data.AxisNames);
        Assert.Equal("depth", back.Dataset!.Columns.Z);
        Assert.Contains("\"z\"", Encoding.UTF8.GetString(stream.ToArray()));
    }
}
