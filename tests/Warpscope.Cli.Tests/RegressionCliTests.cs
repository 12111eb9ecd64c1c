using System.Globalization;
using System.Text;
using System.Text.Json;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Numerics;

namespace Warpscope.Cli.Tests;

/// <summary>Regression through the command line: a CSV of many numeric labels trains by MSE, predict writes the value, the classification-only views refuse.</summary>
public class RegressionCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("warpscope-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Path(string name) => System.IO.Path.Combine(_folder, name);

    /// <summary>price = 1000·size − 800·age + 50 000 on a grid of 300 houses: 300 distinct numeric labels.</summary>
    private string Houses()
    {
        var text = new StringBuilder("size,age,price\n");
        for (var i = 0; i < 300; i++)
        {
            var size = 50 + i * 2 / 3.0;
            var age = i * 37 % 80;
            text.Append(CultureInfo.InvariantCulture, $"{size:F1},{age},{1000 * size - 800 * age + 50000:F0}\n");
        }
        var path = Path("houses.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public void Train_ManyNumericLabels_IsRegression_AndPredictWritesValuesInTheDatasUnits()
    {
        var model = Path("m.json");
        var train = CliRunner.Run("train", "--data", Houses(), "--layers", "8", "--epochs", "200", "--json", "--out", model);
        Assert.Equal(0, train.ExitCode);
        using var json = JsonDocument.Parse(train.Out);
        Assert.Equal("regression", json.RootElement.GetProperty("task").GetString());
        var r2 = json.RootElement.GetProperty("testR2").GetDouble();
        Assert.True(r2 > 0.95, $"test R² {r2}");

        var points = Path("p.csv");
        File.WriteAllText(points, "size,age\n120,10\n200,70\n");
        var predict = CliRunner.Run("predict", model, "--data", points);
        Assert.Equal(0, predict.ExitCode);
        var lines = predict.Out.Trim().Split('\n');
        Assert.Equal("size,age,predicted price", lines[0]);
        // Independently: the loaded network's forward pass, and the plane the data follows (to within the fit).
        var network = ModelFile.Load(model).Network;
        var expected = new float[2];
        new ForwardPass(network).Predict([120f, 200f], [10f, 70f], expected);
        var written = lines.Skip(1).Select(l => float.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected, written);
        Assert.InRange(written[0], 162000 - 15000, 162000 + 15000);
        Assert.InRange(written[1], 194000 - 15000, 194000 + 15000);
    }

    [Fact]
    public void Train_TaskClassification_OnManyNumericLabels_FailsInOneLine()
    {
        var result = CliRunner.Run("train", "--data", Houses(), "--task", "classification", "--out", Path("c.json"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("distinct labels (max 8 classes)", result.Error);
    }

    [Fact]
    public void Train_Plane_PrintsMeanSquaredError_AndProbesAndAnimateRefuse()
    {
        var model = Path("plane.json");
        var train = CliRunner.Run("train", "--data", "plane", "--noise", "0", "--layers", "4", "--epochs", "50", "--out", model);
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("train MSE ", train.Out);
        Assert.DoesNotContain("accuracy", train.Out);

        var probes = CliRunner.Run("render", model, "--view", "probes", "--out", Path("p.png"));
        Assert.NotEqual(0, probes.ExitCode);
        Assert.Equal("warpscope: --view probes: a linear probe asks which class a point is; a regression model has no classes", probes.Error.Trim());
        var animate = CliRunner.Run("animate", model, "--out", Path("a.gif"));
        Assert.NotEqual(0, animate.ExitCode);
        Assert.Contains("not animated yet", animate.Error);
        var render = CliRunner.Run("render", model, "--view", "input,layer:1", "--size", "200", "--out", Path("plane.png"));
        Assert.Equal(0, render.ExitCode);
    }
}
