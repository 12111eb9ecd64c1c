using System.Diagnostics;
using System.Text.Json;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;

namespace Warpscope.Cli.Tests;

public class TrainCommandTests
{
    [Fact]
    public void Train_Json_EndsWithTheResultsAndSavesTheModel()
    {
        var path = CliRunner.TempPath("model.json");
        try
        {
            var result = CliRunner.Run("train", "--data", "spiral", "--points", "400", "--noise", "0.1", "--layers", "16,16",
                "--epochs", "200", "--lr", "0.02", "--seed", "3", "--out", path, "--json");
            Assert.Equal(0, result.ExitCode);
            var json = JsonDocument.Parse(result.Out.Trim().Split('\n')[^1]).RootElement;
            Assert.True(json.GetProperty("trainAccuracy").GetDouble() >= 0.97, result.Out);
            Assert.InRange(json.GetProperty("testAccuracy").GetDouble(), 0.85, 1.0);
            Assert.Equal(200, json.GetProperty("epochs").GetInt32());
            Assert.Equal(2 * 16 + 16 + 16 * 16 + 16 + 16 * 2 + 2, json.GetProperty("parameters").GetInt32());
            Assert.True(json.GetProperty("seconds").GetDouble() > 0);
            Assert.True(json.GetProperty("loss").GetDouble() < 0.2);

            var model = ModelFile.Load(path);
            Assert.Equal([16, 16], model.Network.Spec.Hidden);
            Assert.Equal("spiral", model.Dataset!.Name);
            Assert.Equal(3, model.Seed);
            Assert.Equal(json.GetProperty("trainAccuracy").GetDouble(), model.Metrics!.TrainAccuracy);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Train_MaxNorm_KeepsTheCurvesLayerOutOfTanhsFlatEnds_AndIsRecorded()
    {
        var path = CliRunner.TempPath("capped.json");
        try
        {
            var result = CliRunner.Run("train", "--data", "curves", "--points", "400", "--noise", "0", "--layers", "2", "--epochs", "600",
                "--lr", "0.1", "--max-norm", "2", "--out", path, "--json");
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(1.0, JsonDocument.Parse(result.Out.Trim().Split('\n')[^1]).RootElement.GetProperty("trainAccuracy").GetDouble());
            var model = ModelFile.Load(path);
            Assert.Equal(2.0, model.Training!.MaxNorm);
            for (var unit = 0; unit < 2; unit++)
            {
                var (a, b) = (model.Network.Weight(0, unit, 0), model.Network.Weight(0, unit, 1));
                Assert.True(MathF.Sqrt(a * a + b * b) <= 2.0001f, $"unit {unit}: ({a}, {b})");
            }
            // Capped, the layer bends the plane without pinning its points to the ±1 box: the view says how many are.
            var png = CliRunner.TempPath("capped.png");
            var render = CliRunner.Run("render", path, "--view", "layer:1", "--out", png, "--stats");
            File.Delete(png);
            Assert.Equal(0, render.ExitCode);
            var stats = JsonDocument.Parse(render.Out.Trim().Split('\n')[^1]).RootElement;
            Assert.InRange(stats.GetProperty("saturation")[0].GetProperty("share").GetDouble(), 0, 0.45);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Train_OnACsv_TheModelRendersAndAnimatesAnywhere_WithoutTheCsv()
    {
        var folder = Directory.CreateTempSubdirectory("warpscope-csv-").FullName;
        var elsewhere = Directory.CreateTempSubdirectory("warpscope-moved-").FullName;
        try
        {
            var csv = Path.Combine(folder, "pts.csv");
            File.WriteAllText(csv, "a,b,kind\n" + string.Concat(Enumerable.Range(0, 60).Select(i => FormattableString.Invariant($"{i % 10},{i / 10},{(i % 10 < 5 ? "left" : "right")}\n"))));
            var model = Path.Combine(elsewhere, "m.json");
            Assert.Equal(0, CliRunner.Run("train", "--data", csv, "--layers", "3", "--epochs", "20", "--out", model).ExitCode);
            File.Delete(csv);
            var png = Path.Combine(elsewhere, "v.png");
            var render = CliRunner.Run("render", model, "--out", png, "--size", "200");
            Assert.Equal(0, render.ExitCode);
            Assert.Equal("", render.Error); // no "drawing without data points"
            var gif = Path.Combine(elsewhere, "t.gif");
            Assert.Equal(0, CliRunner.Run("animate", model, "--mode", "training", "--frames", "2", "--size", "96", "--out", gif).ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Fact]
    public void Train_SameSeedTwice_WritesIdenticalModelFiles()
    {
        var a = CliRunner.TempPath("a.json");
        var b = CliRunner.TempPath("b.json");
        try
        {
            string[] args = ["train", "--data", "xor", "--points", "200", "--layers", "4", "--epochs", "20", "--seed", "5"];
            Assert.Equal(0, CliRunner.Run([.. args, "--out", a]).ExitCode);
            Assert.Equal(0, CliRunner.Run([.. args, "--out", b]).ExitCode);
            var ma = ModelFile.Load(a);
            var mb = ModelFile.Load(b);
            Assert.Equal(ma.Network.Parameters, mb.Network.Parameters);
        }
        finally
        {
            File.Delete(a);
            File.Delete(b);
        }
    }

    [Fact]
    public void Train_Plain_PrintsProgressLinesAndASummary()
    {
        var path = CliRunner.TempPath("model.json");
        try
        {
            var result = CliRunner.Run("train", "--data", "gauss", "--points", "200", "--layers", "none", "--epochs", "30", "--out", path);
            Assert.Equal(0, result.ExitCode);
            var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(lines, l => l.StartsWith("epoch 30/30  loss "));
            Assert.Contains(lines, l => l.StartsWith("trained 2-2 (linear model) on gauss"));
            Assert.Contains(lines, l => l == $"saved {path}");
            Assert.Equal("", result.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Train_FromInit_ContinuesFromTheGivenWeights()
    {
        var first = CliRunner.TempPath("first.json");
        var second = CliRunner.TempPath("second.json");
        try
        {
            Assert.Equal(0, CliRunner.Run("train", "--data", "circle", "--points", "200", "--layers", "6", "--epochs", "0", "--out", first).ExitCode);
            var result = CliRunner.Run("train", "--data", "circle", "--points", "200", "--init", first, "--epochs", "0", "--out", second, "--seed", "77");
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(ModelFile.Load(first).Network.Parameters, ModelFile.Load(second).Network.Parameters);

            var clash = CliRunner.Run("train", "--data", "circle", "--init", first, "--layers", "7", "--out", second);
            Assert.Equal(2, clash.ExitCode);
            Assert.StartsWith("warpscope: --init: the model is 2-6-2 (tanh)", clash.Error);
        }
        finally
        {
            File.Delete(first);
            File.Delete(second);
        }
    }

    [Theory]
    [InlineData("warpscope: unknown dataset 'nope'", "--data", "nope")]
    [InlineData("warpscope: --layers: 'x' in '8,x' is not a layer width", "--layers", "8,x")]
    [InlineData("warpscope train: --lr must be a positive number (got -1)", "--lr", "-1")]
    [InlineData("warpscope: missing.csv: file not found", "--data", "missing.csv")]
    [InlineData("warpscope: --activation: unknown activation 'swish'", "--activation", "swish")]
    [InlineData("warpscope: --optimizer: unknown optimizer 'lbfgs'", "--optimizer", "lbfgs")]
    [InlineData("warpscope train: --points must be between 2 and 100000 (got 0)", "--points", "0")]
    [InlineData("warpscope: /nonexistent/m.json: file not found", "--init", "/nonexistent/m.json")]
    [InlineData("warpscope train: Unrecognized command or argument '--frobnicate'", "--frobnicate")]
    public void Train_UserMistake_PrintsOneLineAndExitsTwo(string expected, params string[] options)
    {
        var result = CliRunner.Run(["train", "--epochs", "1", "--out", CliRunner.TempPath("never.json"), .. options]);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, result.Error);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Train_Diverging_StopsExitsThreeAndSavesTheLastFiniteWeights()
    {
        var path = CliRunner.TempPath("model.json");
        try
        {
            var result = CliRunner.Run("train", "--data", "spiral", "--points", "200", "--layers", "8", "--activation", "relu",
                "--optimizer", "sgd", "--lr", "1e30", "--epochs", "50", "--out", path);
            Assert.Equal(3, result.ExitCode);
            Assert.Contains("training diverged", result.Error);
            Assert.All(ModelFile.Load(path).Network.Parameters, v => Assert.True(float.IsFinite(v)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheInstalledCommand_RunsAsAProcess()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "warpscope.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "train", "--layers", "8,x"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith("warpscope: --layers: 'x' in '8,x' is not a layer width", error);
    }
}
