using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Warpscope.Cli.Tests;

/// <summary>--x, --y, --label, --test-data and --no-standardise, from train through render and predict.</summary>
public class CsvDataOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("warpscope-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Two noisy moons around (1000, 2000), twice their usual size: east 1000 ± 5, north 2000 ± 3; the label first, a column to ignore last.</summary>
    private string FarMoons(string name, int points, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("kind,east,north,depth\n");
        for (var i = 0; i < points; i++)
        {
            var upper = i % 2 == 0;
            var t = Math.PI * random.NextDouble();
            var (x, y) = upper ? (Math.Cos(t), Math.Sin(t)) : (1 - Math.Cos(t), 0.5 - Math.Sin(t));
            x += 0.1 * (random.NextDouble() - 0.5);
            y += 0.1 * (random.NextDouble() - 0.5);
            text.Append(CultureInfo.InvariantCulture, $"{(upper ? "upper" : "lower")},{1000 + 2 * x:F4},{2000 + 2 * y:F4},{random.Next(100)}\n");
        }
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public void Train_ByColumnNames_Standardised_ThenPredictOnTheSameFile_UsesTheModelsColumns()
    {
        var data = FarMoons("far.csv", 400, seed: 1);
        var model = Path.Combine(_folder, "far.json");
        var predictions = Path.Combine(_folder, "preds.csv");

        var train = CliRunner.Run("train", "--data", data, "--x", "east", "--y", "north", "--label", "kind", "--layers", "16,16", "--epochs", "150", "--out", model, "--json");
        var predict = CliRunner.Run("predict", model, "--data", data, "--out", predictions);

        Assert.Equal(0, train.ExitCode);
        var results = JsonDocument.Parse(train.Out).RootElement;
        Assert.InRange(results.GetProperty("testAccuracy").GetDouble(), 0.97, 1.0);
        var saved = JsonDocument.Parse(File.ReadAllText(model)).RootElement;
        Assert.Equal(2, saved.GetProperty("version").GetInt32());
        Assert.InRange(saved.GetProperty("standardise").GetProperty("mean")[0].GetDouble(), 999, 1002);
        Assert.Equal(["east", "north"], saved.GetProperty("data").GetProperty("axes").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(0, predict.ExitCode);
        var rows = File.ReadAllLines(predictions);
        Assert.Equal("kind,east,north,depth,p(upper),p(lower),predicted", rows[0]);
        Assert.Equal(401, rows.Length);
        var right = rows.Skip(1).Count(r => r.Split(',')[0] == r.Split(',')[^1]);
        Assert.InRange(right, 388, 400);
    }

    [Fact]
    public void Train_NoStandardise_KeepsTheCoordinatesAsTheyAre()
    {
        var data = FarMoons("far.csv", 100, seed: 2);
        var model = Path.Combine(_folder, "raw.json");

        var train = CliRunner.Run("train", "--data", data, "--x", "1", "--y", "2", "--label", "0", "--no-standardise", "--epochs", "1", "--out", model);

        Assert.Equal(0, train.ExitCode);
        var saved = JsonDocument.Parse(File.ReadAllText(model)).RootElement;
        Assert.Equal(1, saved.GetProperty("version").GetInt32());
        Assert.False(saved.TryGetProperty("standardise", out _));
    }

    [Fact]
    public void Train_TestData_HoldsOutTheWholeSecondFile()
    {
        var data = FarMoons("train.csv", 200, seed: 3);
        var test = FarMoons("test.csv", 60, seed: 4);

        var train = CliRunner.Run("train", "--data", data, "--test-data", test, "--x", "east", "--y", "north", "--label", "kind", "--epochs", "1",
            "--out", Path.Combine(_folder, "m.json"));

        Assert.Equal(0, train.ExitCode);
        Assert.Contains("(200 train / 60 test points, 2 classes)", train.Out);
    }

    [Theory]
    [InlineData("--label", "colour", "--label 'colour': no such column in {0} (its columns: kind, east, north, depth)")]
    [InlineData("--x", "9", "--x 9: {0} has 4 columns (0 to 3)")]
    public void Train_UnknownColumn_PrintsOneLineNamingTheOptionAndTheFile_AndExitsTwo(string option, string value, string expected)
    {
        var data = FarMoons("far.csv", 10, seed: 5);

        var result = CliRunner.Run("train", "--data", data, option, value, "--out", Path.Combine(_folder, "m.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("warpscope: " + string.Format(CultureInfo.InvariantCulture, expected, data), result.Error.Trim());
    }

    [Fact]
    public void Train_TestDataAndTestFraction_AreRefusedTogether()
    {
        var data = FarMoons("far.csv", 10, seed: 6);

        var result = CliRunner.Run("train", "--data", data, "--test-data", data, "--test-fraction", "0.2", "--out", Path.Combine(_folder, "m.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("warpscope: --test-data and --test-fraction: choose one (a test file, or a share of the data held out)", result.Error.Trim());
    }

    [Fact]
    public void Predict_UnknownColumn_PrintsOneLineAndExitsTwo()
    {
        var data = FarMoons("far.csv", 10, seed: 7);
        var model = Path.Combine(_folder, "m.json");
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--x", "east", "--y", "north", "--label", "kind", "--epochs", "1", "--out", model).ExitCode);
        var other = Path.Combine(_folder, "other.csv");
        File.WriteAllText(other, "a,b\n1,2\n");

        var result = CliRunner.Run("predict", model, "--data", other);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"warpscope: --x 'east': no such column in {other} (its columns: a, b)", result.Error.Trim());
    }
}
