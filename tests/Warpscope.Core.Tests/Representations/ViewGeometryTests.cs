using System.Numerics;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;
using Warpscope.Core.Training;

namespace Warpscope.Core.Tests.Representations;

/// <summary>Geometry first: every vertex a view draws is where the network puts the matching input point.</summary>
public class ViewGeometryTests
{
    private static readonly PlaneRect Box = PlaneRect.Square(6);

    private static Network Trained(int[] hidden, string data = "spiral", int epochs = 60)
    {
        var run = new TrainingSession(new TrainingJob(new DatasetSpec(data, 300, 0.1), NetworkSpec.Uniform(hidden, Activation.Tanh), new TrainingConfig(Epochs: epochs, LearningRate: 0.02)));
        run.Run();
        return run.Network;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void WarpedGrid_EveryVertexIsTheLayerOutputOfItsInputPoint(int layer)
    {
        var network = Trained([5, 2, 3]);
        var grid = WarpedGrid.Build(network, layer, Box, new GridOptions(LinesPerAxis: 9, Samples: 16));
        var pass = new ForwardPass(network);
        Assert.Equal(18, grid.Lines.Count);
        Assert.Equal(network.Layers[layer - 1].Outputs, grid.Dimensions);
        foreach (var line in grid.Lines)
        {
            var trace = pass.Trace([.. line.Input.Select(p => p.X)], [.. line.Input.Select(p => p.Y)]);
            Assert.Equal(trace.Layers[layer - 1].Post, line.Mapped.Values);
            Assert.All(line.Input, p => Assert.Equal(line.Value, line.Vertical ? p.X : p.Y));
            Assert.Equal(line.Vertical ? Box.YMin : Box.XMin, line.Vertical ? line.Input[0].Y : line.Input[0].X);
            Assert.Equal(line.Vertical ? Box.YMax : Box.XMax, line.Vertical ? line.Input[^1].Y : line.Input[^1].X);
        }
    }

    [Fact]
    public void WarpedGrid_RefinesWhereTheImageBends()
    {
        var network = Trained([8, 8, 2], epochs: 100);
        var coarse = WarpedGrid.Build(network, 3, Box, new GridOptions(LinesPerAxis: 5, Samples: 8, RefineRounds: 0));
        var fine = WarpedGrid.Build(network, 3, Box, new GridOptions(LinesPerAxis: 5, Samples: 8, RefineRounds: 4));
        Assert.All(coarse.Lines, l => Assert.Equal(9, l.Input.Length));
        Assert.True(fine.Lines.Sum(l => l.Input.Length) > coarse.Lines.Sum(l => l.Input.Length));
        // Samples stay ordered along each line.
        Assert.All(fine.Lines, l => Assert.True(l.Input.Zip(l.Input.Skip(1)).All(p => l.Vertical ? p.First.Y < p.Second.Y : p.First.X < p.Second.X)));
    }

    [Fact]
    public void Morph_AtStageEnds_EqualsTheLayersOwnValues()
    {
        var network = Trained([2, 3, 2]);
        var data = TestData.Random(50, 2, seed: 3, scale: 5);
        var morph = new StagedMorph(network, data.X, data.Y);
        Assert.Equal(3, morph.Layers);
        Assert.Equal(3, morph.Width);
        var trace = new ForwardPass(network).Trace(data.X, data.Y);
        for (var k = 0; k <= 3; k++)
        {
            var at = morph.At(k);
            var expected = k == 0 ? trace.Features : trace.Layers[k - 1].Post;
            Assert.Equal(expected, at.Values.AsSpan(0, expected.Length).ToArray());
            Assert.All(at.Values.Skip(expected.Length), v => Assert.Equal(0f, v));
        }
        // End of the translation stage of layer 2 (t = 1 + 2/3): z exactly, lifted into 3-D.
        var z = morph.At(1 + 2.0 / 3);
        for (var u = 0; u < 3; u++)
            for (var i = 0; i < data.Count; i++) Assert.Equal(trace.Layers[1].PreAt(u, i), z[u, i], 1e-6f);
        // End of the linear stage (t = 1 + 1/3): W·a = z − b.
        var wa = morph.At(1 + 1.0 / 3);
        var b = network.Biases(1);
        for (var u = 0; u < 3; u++)
            for (var i = 0; i < data.Count; i++) Assert.Equal(trace.Layers[1].PreAt(u, i) - b[u], wa[u, i], 1e-5f);
    }

    [Fact]
    public void Separator2D_LiesWhereTheOutputLayerIsUndecided()
    {
        var network = Trained([6, 2], "xor");
        var regions = OutputSeparator.Regions2D(network, new Vector2(-1.1f), new Vector2(1.1f));
        Assert.Equal(2, regions.Count);
        // The two regions tile the box: their areas add up to it.
        Assert.Equal(2.2 * 2.2, regions.Sum(Area), 3);
        var scene = SceneFactory.Hidden(network, ["0", "1"], null, Box, new ViewOptions { Layer = 2, CarriedCells = 8, Grid = new GridOptions(5, 8) });
        var separators = scene.Lines.Where(l => l.Kind == LineKind.Separator).ToList();
        Assert.NotEmpty(separators);
        foreach (var p in separators.SelectMany(l => l.Points))
            Assert.Equal(0, OutputSeparator.Margin(network, [p.X, p.Y], 1, 0), 1e-4);
    }

    [Fact]
    public void Plane3D_VerticesSatisfyThePlaneEquation()
    {
        var network = Trained([3], "rings", epochs: 100);
        var plane = OutputSeparator.Plane3D(network, -Vector3.One, Vector3.One);
        Assert.InRange(plane.Length, 3, 6);
        foreach (var p in plane) Assert.Equal(0, OutputSeparator.Margin(network, [p.X, p.Y, p.Z], 1, 0), 1e-4);
    }

    [Fact]
    public void DecisionField_MatchesPredictAndItsBoundaryIsAtOneHalf()
    {
        var network = Trained([8, 8], "circle");
        var lattice = Lattice.Square(Box, 64);
        var field = DecisionField.Compute(network, lattice);
        var (x, y) = lattice.Points();
        var p = new float[2 * lattice.Count];
        new ForwardPass(network).Predict(x, y, p);
        Assert.Equal(p, field.Probabilities);
        var boundaries = SceneFactory.Boundaries(field);
        Assert.NotEmpty(boundaries);
        var pass = new ForwardPass(network);
        var points = boundaries.SelectMany(b => b).ToArray();
        var q = new float[2 * points.Length];
        pass.Predict([.. points.Select(v => v.X)], [.. points.Select(v => v.Y)], q);
        // Linear interpolation between lattice samples 0.19 apart: close to ½, not exactly.
        Assert.All(q.AsSpan(points.Length).ToArray(), v => Assert.InRange(v, 0.35f, 0.65f));
    }

    [Fact]
    public void CarriedField_VerticesAreMappedAndCarryThePrediction()
    {
        var network = Trained([4, 2]);
        var cells = CarriedField.Build(network, 2, Box, cells: 10);
        // 11² corners and 10² centres, no cuts without a refinement.
        Assert.Equal(221, cells.VertexCount);
        Assert.Equal(100, cells.CellCount);
        var pass = new ForwardPass(network);
        var corner = Enumerable.Range(0, cells.VertexCount).Single(v => cells.InputX[v] == Box.XMin + 3 * 1.2f && MathF.Abs(cells.InputY[v] - (Box.YMin + 7 * 1.2f)) < 1e-5f);
        var trace = pass.Trace([cells.InputX[corner]], [cells.InputY[corner]]);
        Assert.Equal(trace.Layers[1].PostAt(0, 0), cells.Mapped[0, corner], 1e-6f);
        Assert.Equal(trace.Layers[1].PostAt(1, 0), cells.Mapped[1, corner], 1e-6f);
        // Cell (3, 7) is the 7·10 + 3-th; its centre carries the prediction there.
        var cell = 7 * 10 + 3;
        var centre = cells.Centres[cell];
        Assert.Equal(Box.XMin + 3.5f * 1.2f, cells.InputX[centre], 1e-5f);
        Assert.Equal(Box.YMin + 7.5f * 1.2f, cells.InputY[centre], 1e-5f);
        var classes = new int[1];
        pass.Classify([cells.InputX[centre]], [cells.InputY[centre]], classes);
        Assert.Equal(classes[0], cells.CellClass(cell));
        Assert.Equal(4, cells.Ring(cell).Length);
        Assert.Contains(corner, cells.Ring(cell).ToArray());
    }

    [Fact]
    public void Stretch_OfALinearLayer_IsItsDeterminantEverywhere()
    {
        // h = W·x + b with W = [[2, 1], [0.5, 3]]: det 5.5, the same for every cell.
        var spec = new NetworkSpec([2], [Activation.Linear], NetworkSpec.PlainFeatures, 2);
        var network = new Network(spec, [2f, 1f, 0.5f, 3f, 0.1f, -0.2f, 1f, 0f, 0f, 1f, 0f, 0f]);
        var cells = CarriedField.Build(network, 1, Box, cells: 12);
        Assert.All(cells.Stretch, s => Assert.Equal(5.5f, s, 1e-3f));
        // tanh squeezes: every cell of a saturating layer shrinks far from the origin.
        var squeezing = new Network(NetworkSpec.Uniform([2], Activation.Tanh), [3f, 0f, 0f, 3f, 0f, 0f, 1f, 0f, 0f, 1f, 0f, 0f]);
        var far = CarriedField.Build(squeezing, 1, Box, cells: 12);
        Assert.True(far.Stretch[0] < 1e-3f, $"corner cell stretch {far.Stretch[0]}");
        // Near the origin tanh(3x) has slope 3 in each direction: small cells there grow about 9×.
        var near = CarriedField.Build(squeezing, 1, PlaneRect.Square(0.2f), cells: 20);
        Assert.InRange(near.Stretch.Max(), 8f, 9f);
    }

    [Fact]
    public void Timeline_KeepsEvenlySpacedSnapshotsAndTheFinalWeights()
    {
        var spec = new DatasetSpec("custom");
        var data = new Dataset(spec, TestData.Random(100, 2, seed: 1), LabeledPoints.Empty, ["a", "b"], PlaneRect.Square(4));
        var session = new TrainingSession(new TrainingJob(spec, NetworkSpec.Uniform([4], Activation.Tanh), new TrainingConfig(BatchSize: 10, Epochs: 30)), data);
        var network = session.Network;
        var timeline = new TrainingTimeline(network, every: 1, capacity: 40);
        timeline.Record(session);
        Assert.InRange(timeline.Snapshots.Count, 20, 41);
        Assert.Equal(0, timeline.Snapshots[0].Step);
        Assert.Equal(300, timeline.Snapshots[^1].Step);
        Assert.Equal(network.Parameters, timeline.NetworkAt(timeline.Snapshots.Count - 1).Parameters);
        var gaps = timeline.Snapshots.Zip(timeline.Snapshots.Skip(1), (a, b) => b.Step - a.Step).Distinct().ToList();
        Assert.True(gaps.Count <= 2, $"gaps {string.Join(",", gaps)}");
    }

    private static double Area(Vector2[] polygon)
    {
        double sum = 0;
        for (var i = 0; i < polygon.Length; i++)
        {
            var p = polygon[i];
            var q = polygon[(i + 1) % polygon.Length];
            sum += (double)p.X * q.Y - (double)q.X * p.Y;
        }
        return Math.Abs(sum) / 2;
    }
}
