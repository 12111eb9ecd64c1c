using System.Globalization;
using System.Text;
using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Numerics;
using Warpscope.Rendering;

namespace Warpscope.Cli.Tests;

/// <summary>--z: a CSV of three feature columns, from train through render and predict, and its one-line errors.</summary>
public class ThreeDCsvTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("warpscope-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    /// <summary>
    /// Wells: east and north in 0..10, depth in 0..4; a well is deep when depth + 0.3·east > 3.5, which no view
    /// of east and north alone can tell (at every (east, north) both kinds occur). The label first.
    /// </summary>
    private string Wells(string name, int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("kind,east,north,depth\n");
        for (var i = 0; i < rows; i++)
        {
            var (east, north, depth) = (10 * random.NextDouble(), 10 * random.NextDouble(), 4 * random.NextDouble());
            text.Append(CultureInfo.InvariantCulture, $"{(depth + 0.3 * east > 3.5 ? "deep" : "shallow")},{east:F3},{north:F3},{depth:F3}\n");
        }
        File.WriteAllText(PathOf(name), text.ToString());
        return PathOf(name);
    }

    private string Train(string data, string model)
    {
        var train = CliRunner.Run("train", "--data", data, "--x", "east", "--y", "north", "--z", "depth", "--label", "kind",
            "--layers", "8", "--epochs", "150", "--json", "--out", model);
        Assert.True(train.ExitCode == 0, train.Error);
        return train.Out;
    }

    [Fact]
    public void Train_WithZ_LearnsFromTheThirdColumn_AndKeepsItsNameAndScaling()
    {
        var model = PathOf("wells.json");

        var results = JsonDocument.Parse(Train(Wells("wells.csv", 500, seed: 1), model)).RootElement;

        Assert.InRange(results.GetProperty("testAccuracy").GetDouble(), 0.95, 1.0);
        var saved = JsonDocument.Parse(File.ReadAllText(model)).RootElement;
        Assert.Equal(["east", "north", "depth"], saved.GetProperty("data").GetProperty("axes").EnumerateArray().Select(a => a.GetString()));
        var mean = saved.GetProperty("standardise").GetProperty("mean");
        Assert.Equal(3, mean.GetArrayLength());
        Assert.InRange(mean[2].GetDouble(), 1.8, 2.2); // depth is uniform on 0..4
    }

    [Fact]
    public void Predict_ThreeDModel_WritesTheForwardPassOfXYZ_ByNameOrByIndex()
    {
        var data = Wells("wells.csv", 400, seed: 2);
        var model = PathOf("wells.json");
        Train(data, model);
        // The same wells with the columns in another order and no label: found by index.
        var rows = File.ReadAllLines(data).Skip(1).Select(r => r.Split(',')).ToList();
        var reordered = PathOf("reordered.csv");
        File.WriteAllLines(reordered, ["depth,north,east", .. rows.Select(r => $"{r[3]},{r[2]},{r[1]}")]);

        var byName = CliRunner.Run("predict", model, "--data", data);
        var byIndex = CliRunner.Run("predict", model, "--data", reordered, "--x", "2", "--y", "1", "--z", "0");

        Assert.Equal(0, byName.ExitCode);
        Assert.Equal(0, byIndex.ExitCode);
        var named = byName.Out.Trim().Split('\n');
        var indexed = byIndex.Out.Trim().Split('\n');
        // The classes in the order the training file first names them.
        var first = File.ReadAllLines(data)[1].Split(',')[0];
        var classes = first == "deep" ? "p(deep),p(shallow)" : "p(shallow),p(deep)";
        Assert.Equal($"kind,east,north,depth,{classes},predicted", named[0]);
        Assert.Equal("depth,north,east", string.Join(',', indexed[0].Split(',').Take(3)));
        // Independently: the loaded network's own forward pass on (east, north, depth).
        var network = ModelFile.Load(model).Network;
        var n = rows.Count;
        float F(string s) => float.Parse(s, CultureInfo.InvariantCulture);
        var p = new float[2 * n];
        new ForwardPass(network).Predict([.. rows.Select(r => F(r[1]))], [.. rows.Select(r => F(r[2]))], [.. rows.Select(r => F(r[3]))], p);
        for (var i = 0; i < n; i++)
        {
            var a = named[i + 1].Split(',');
            var b = indexed[i + 1].Split(',');
            Assert.Equal((p[i], p[n + i]), (F(a[4]), F(a[5])));
            Assert.Equal(a[4..], b[3..]);
        }
        Assert.InRange(named.Skip(1).Count(r => r.Split(',')[0] == r.Split(',')[^1]), 0.95 * n, n);
    }

    [Fact]
    public void Render_ThreeDModel_DrawsBothClassesInItsInputView()
    {
        var model = PathOf("wells.json");
        Train(Wells("wells.csv", 300, seed: 3), model);
        var picture = PathOf("wells.png");

        var render = CliRunner.Run("render", model, "--view", "input", "--size", "400", "--out", picture);

        Assert.True(render.ExitCode == 0, render.Error);
        using var image = Image.Load<Rgba32>(picture);
        Assert.Equal((400, 400), (image.Width, image.Height));
        int Near(SkiaSharp.SKColor c)
        {
            var count = 0;
            image.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < rows.Height; y++)
                {
                    foreach (var q in rows.GetRowSpan(y))
                        if (Math.Abs(q.R - c.Red) + Math.Abs(q.G - c.Green) + Math.Abs(q.B - c.Blue) < 30) count++;
                }
            });
            return count;
        }
        // Points are discs in their class's colour: hundreds of pixels of each.
        Assert.InRange(Near(Palette.Class(0)), 300, 400 * 400);
        Assert.InRange(Near(Palette.Class(1)), 300, 400 * 400);
    }

    [Fact]
    public void Train_UnknownZColumn_PrintsOneLineNamingTheOption_AndExitsTwo()
    {
        var data = Wells("wells.csv", 10, seed: 4);

        var result = CliRunner.Run("train", "--data", data, "--z", "height", "--out", PathOf("m.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"warpscope: --z 'height': no such column in {data} (its columns: kind, east, north, depth)", result.Error.Trim());
    }

    [Fact]
    public void Predict_UnknownZColumn_OrAFileWithoutTheModelsZ_PrintsOneLine_AndExitsTwo()
    {
        var model = PathOf("wells.json");
        var data = Wells("wells.csv", 60, seed: 5);
        Assert.Equal(0, CliRunner.Run("train", "--data", data, "--x", "east", "--y", "north", "--z", "depth", "--label", "kind", "--epochs", "1", "--out", model).ExitCode);
        var flat = PathOf("flat.csv");
        File.WriteAllText(flat, "east,north\n1,2\n");

        var wrong = CliRunner.Run("predict", model, "--data", data, "--z", "height");
        var missing = CliRunner.Run("predict", model, "--data", flat);
        var outside = CliRunner.Run("predict", model, "--data", data, "--z", "7");

        Assert.Equal((2, $"warpscope: --z 'height': no such column in {data} (its columns: kind, east, north, depth)"), (wrong.ExitCode, wrong.Error.Trim()));
        Assert.Equal((2, $"warpscope: --z 'depth': no such column in {flat} (its columns: east, north)"), (missing.ExitCode, missing.Error.Trim()));
        Assert.Equal((2, $"warpscope: --z 7: {data} has 4 columns (0 to 3)"), (outside.ExitCode, outside.Error.Trim()));
    }
}
