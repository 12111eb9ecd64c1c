using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Scenes;
using Warpscope.Core.Tests.Datasets;

namespace Warpscope.Core.Tests.Scenes;

/// <summary>Labels that explain (issue 12): the CSV's column names on the input axes, named 3-D axes inside the frame.</summary>
public class LabelTests
{
    [Fact]
    public void CsvColumnNames_NameTheInputAxes()
    {
        using var folder = new TempFolder();
        var rows = string.Join("\n", Enumerable.Range(0, 40).Select(i => $"{i * 0.1},{(i % 7) * 0.3},{(i % 2 == 0 ? "setosa" : "virginica")}"));
        var path = folder.Write("iris.csv", "petal length,petal width,species\n" + rows);
        var data = DatasetFactory.Create(new DatasetSpec(path, 0, 0, 0.25));
        Assert.Equal(["petal length", "petal width"], data.AxisNames);
        var network = Network.Create(NetworkSpec.Uniform([3], Activation.Tanh), 1);
        var scene = SceneFactory.Input(network, data.ClassNames, data, data.Domain, new ViewOptions { FieldResolution = 32 });
        Assert.Equal(("petal length", "petal width"), (scene.XLabel, scene.YLabel));

        // Without a header the axes stay x and y.
        var plain = DatasetFactory.Create(new DatasetSpec(folder.Write("plain.csv", rows), 0, 0, 0.25));
        Assert.Equal(["x", "y"], plain.AxisNames);
    }

    [Theory]
    [InlineData(30f, 20f)]
    [InlineData(-120f, 60f)]
    [InlineData(200f, -40f)]
    public void ThreeUnitLayer_NamesItsAxes_AndKeepsThemInsideTheFrame(float yaw, float pitch)
    {
        var data = DatasetFactory.Create(new DatasetSpec("rings", 300, 0, 0.2, 2));
        var network = Network.Create(NetworkSpec.Uniform([3], Activation.Tanh), 3);
        var scene = SceneFactory.Hidden(network, data.ClassNames, data, data.Domain, new ViewOptions { Layer = 1, Yaw = yaw, Pitch = pitch, CarriedCells = 8 });
        Assert.Equal(["unit 0", "unit 1", "unit 2"], scene.Labels.Select(l => l.Text));
        var w = scene.Window;
        foreach (var p in scene.Lines.Where(l => l.Kind == LineKind.Axis).SelectMany(l => l.Points).Concat(scene.Labels.Select(l => l.Position)))
        {
            Assert.InRange(p.X, w.XMin, w.XMax);
            Assert.InRange(p.Y, w.YMin, w.YMax);
        }
        var pca = SceneFactory.Hidden(Network.Create(NetworkSpec.Uniform([5], Activation.Tanh), 3), data.ClassNames, data, data.Domain,
            new ViewOptions { Layer = 1, PcaComponents = 3, CarriedCells = 0 });
        Assert.All(pca.Labels, l => Assert.Matches(@"^PC[123] \(\d+%\)$", l.Text));
    }
}
