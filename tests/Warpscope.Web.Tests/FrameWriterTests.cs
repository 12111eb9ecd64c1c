using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Scenes;
using Warpscope.Core.Sessions;

namespace Warpscope.Web.Tests;

public class FrameWriterTests
{
    [Fact]
    public void Frame_CarriesTheScenesGeometryExactly_AndTheFieldQuantised()
    {
        var session = new SessionSetup().Start();
        session.TrainEpochs(5);
        var data = session.Dataset;
        var input = SceneFactory.Input(session.Network, data.ClassNames, data, data.Domain, new ViewOptions { FieldResolution = 32, ShowGrid = false });
        var hidden = SceneFactory.Hidden(session.Network, data.ClassNames, data, data.Domain, new ViewOptions { Layer = 3, CarriedCells = 8 });
        var header = new FrameHeader(7, 5, FrameFlags.Playing, 0.5f, 0.6f, 0.7f, 0.8f, 6, -1, 5);

        var frame = FrameReader.Read(FrameWriter.Write(header, [new(FrameViewKind.Input, 0, input), new(FrameViewKind.Layer, 3, hidden)]));

        Assert.Equal(7u, frame.Sequence);
        Assert.Equal(5, frame.Epoch);
        Assert.Equal(FrameFlags.Playing, frame.Flags);
        Assert.Equal((0.5f, 0.6f, 0.7f, 0.8f), (frame.TrainLoss, frame.TestLoss, frame.TrainAccuracy, frame.TestAccuracy));
        Assert.Equal((6, -1, 5), (frame.TimelineLength, frame.TimelineIndex, frame.TimelineEpoch));

        var v0 = frame.Views[0];
        Assert.Equal((FrameViewKind.Input, 0, 2), (v0.Kind, v0.Layer, v0.Classes));
        Assert.Equal((-6f, 6f, -6f, 6f), v0.Window);
        Assert.Equal((32, 32), (v0.FieldColumns, v0.FieldRows));
        for (var i = 0; i < 32 * 32; i++)
        {
            var (c, p) = input.Field!.Winner(i);
            Assert.Equal(c, v0.FieldClasses[i]);
            Assert.Equal((int)MathF.Round(p * 255), v0.FieldLevels[i]);
        }
        Assert.Equal(input.Lines.Count, v0.Lines.Count);
        Assert.All(v0.Lines, l => Assert.Equal((int)LineKind.Boundary, l.Kind));
        Assert.Equal(data.Train.Count + data.Test.Count, v0.Points.Count);
        Assert.Equal(data.Train.X[3], v0.Points[3].Position.X);
        Assert.Equal(data.Train.Y[3], v0.Points[3].Position.Y);
        Assert.False(v0.Points[3].Test);
        Assert.True(v0.Points[^1].Test);
        Assert.Equal(data.Train.Count + data.Test.Count - 1, v0.Points[^1].Index);

        var v1 = frame.Views[1];
        Assert.Equal((FrameViewKind.Layer, 3), (v1.Kind, v1.Layer));
        Assert.Equal("hidden layer 3 (2 units)", v1.Title);
        Assert.Equal(hidden.Subtitle, v1.Subtitle);
        Assert.StartsWith("activations tanh(z), all 2 units", v1.Subtitle);
        // A 2-unit layer's sheet: the rest of the network's field, 255 where the sheet does not lie; no cells.
        var field = hidden.SheetField!;
        Assert.Empty(v1.Cells);
        Assert.Equal((field.Lattice.Columns, field.Lattice.Rows), (v1.SheetFieldColumns, v1.SheetFieldRows));
        var covered = SheetAudit.Coverage(hidden.Sheet!, field.Lattice);
        Assert.Contains(covered, c => c);
        for (var i = 0; i < field.Lattice.Count; i++)
            Assert.Equal(covered[i] ? field.Winner(i).Class : FrameWriter.Uncovered, v1.SheetFieldClasses[i]);
        Assert.Equal(hidden.Regions.Count, v1.Regions.Count);
        Assert.Equal(hidden.Lines.Select(l => l.Points.Length), v1.Lines.Select(l => l.Points.Length));
        Assert.Equal(hidden.Points.Select(p => p.Position), v1.Points.Select(p => p.Position));
        Assert.Equal(0, v1.FieldColumns);
    }

    [Fact]
    public void ThreeDimensionalLayer_IsFlaggedThreeD()
    {
        var session = new SessionSetup { Hidden = [3], Activations = [Activation.Tanh] }.Start();
        var data = session.Dataset;
        var hidden = SceneFactory.Hidden(session.Network, data.ClassNames, data, data.Domain, new ViewOptions { Layer = 1, CarriedCells = 4 });
        var frame = FrameReader.Read(FrameWriter.Write(default, [new(FrameViewKind.Layer, 1, hidden)]));
        Assert.Equal(2, frame.Views[0].Flags & 2);
        Assert.Equal(0, frame.Views[0].Flags & 1);
        Assert.Contains(frame.Views[0].Lines, l => l.Kind == (int)LineKind.Axis);
        Assert.Equal(["unit 0", "unit 1", "unit 2"], frame.Views[0].Labels.Select(l => l.Text));
        // A 3-D sheet comes as cells, far to near.
        var sheet = hidden.Sheet!;
        Assert.Equal(0, frame.Views[0].SheetFieldColumns);
        Assert.Equal(sheet.CellCount, frame.Views[0].Cells.Count);
        Assert.Equal(sheet.Points, frame.Views[0].Vertices);
        Assert.Equal(sheet.Ring(10).ToArray(), frame.Views[0].Cells[10].Ring);
        Assert.Equal(sheet.CellClasses, frame.Views[0].Cells.Select(c => c.Class));
    }

    /// <summary>
    /// Issue 14's network diagram: each unit's thumbnail is its value over the input plane (checked against
    /// an independent forward pass of one lattice point, within the byte's step), the features come first
    /// and the output's probabilities last, and the weights keep their sign and size to a 127th.
    /// </summary>
    [Fact]
    public void TheDiagram_CarriesEachUnitsValueOverThePlane_AndTheWeights()
    {
        var session = new SessionSetup().Start();
        session.TrainEpochs(5);
        var network = session.Network;
        var domain = session.Dataset.Domain;
        var maps = Warpscope.Core.Representations.UnitMaps.Build(network, domain, 20, 16);
        var header = new FrameHeader(1, 5, FrameFlags.None, 0, 0, 0, 0, 1, -1, 5);
        var bytes = FrameWriter.Write(header, [], new FrameDiagram(maps, network));
        var diagram = FrameReader.Read(bytes).Diagram!;
        Assert.Equal(20, diagram.Side);
        Assert.Equal([2, 16, 16, 2, 2], diagram.Columns.Select(c => c.Units));
        Assert.Equal(["x", "y"], diagram.Columns[0].Thumbnails.Select(t => t.Label));
        // What it adds to a frame: 38 units × (label length, lo, hi, 20² bytes), the features' 1-letter labels,
        // side and column count, 5 column headers, 4 weight scales and 324 weight bytes: 16,937 bytes.
        Assert.Equal(38 * (2 + 8 + 400) + 2 + 2 + 5 * 3 + 4 * 4 + (2 * 16 + 16 * 16 + 16 * 2 + 2 * 2), bytes.Length - FrameReader.Read(FrameWriter.Write(header, [])).Bytes);

        // Cell (row 3, column 17): its point of the plane, through an independent forward pass.
        const int row = 3, col = 17;
        var x = (float)(domain.XMin + (col + 0.5) / 20 * domain.Width);
        var y = (float)(domain.YMax - (row + 0.5) / 20 * domain.Height);
        var trace = new ForwardPass(network).Trace([x], [y]);
        Assert.Equal(x, diagram.Columns[0].Thumbnails[0].At(row * 20 + col), 12f / 255 + 1e-4f);
        for (var layer = 0; layer < trace.Layers.Count; layer++)
        {
            var column = diagram.Columns[layer + 1];
            for (var u = 0; u < column.Thumbnails.Count; u++)
            {
                var t = column.Thumbnails[u];
                var step = (t.Hi - t.Lo) / 255 * 0.5f + 1e-5f;
                Assert.Equal(trace.Layers[layer].PostAt(u, 0), t.At(row * 20 + col), step);
            }
        }
        var w = network.Weight(1, 5, 9); // layer 2's unit 5, from layer 1's unit 9
        var scale = Enumerable.Range(0, 16).SelectMany(o => Enumerable.Range(0, 16).Select(i => MathF.Abs(network.Weight(1, o, i)))).Max();
        Assert.Equal(w, diagram.Weights[1][5 * 16 + 9], scale / 127 / 2 + 1e-6f);
    }
}
