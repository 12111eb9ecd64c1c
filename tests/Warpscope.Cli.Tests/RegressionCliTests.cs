using System.Globalization;
using System.Text;
using System.Text.Json;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Numerics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

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
    public void Train_Plane_PrintsMeanSquaredError_AndProbesRefuse()
    {
        var model = Path("plane.json");
        var train = CliRunner.Run("train", "--data", "plane", "--noise", "0", "--layers", "4", "--epochs", "50", "--out", model);
        Assert.Equal(0, train.ExitCode);
        Assert.Contains("train MSE ", train.Out);
        Assert.DoesNotContain("accuracy", train.Out);

        var probes = CliRunner.Run("render", model, "--view", "probes", "--out", Path("p.png"));
        Assert.NotEqual(0, probes.ExitCode);
        Assert.Equal("warpscope: --view probes: a linear probe asks which class a point is; a regression model has no classes", probes.Error.Trim());
        var render = CliRunner.Run("render", model, "--view", "input,layer:1", "--size", "200", "--out", Path("plane.png"));
        Assert.Equal(0, render.ExitCode);
    }

    /// <summary>A plane model (target (x + y)/10), trained briefly, noise-free.</summary>
    private string Plane()
    {
        var model = Path("plane.json");
        Assert.Equal(0, CliRunner.Run("train", "--data", "plane", "--noise", "0", "--layers", "4", "--epochs", "60", "--out", model).ExitCode);
        return model;
    }

    /// <summary>Frame i of a GIF as RGBA, with the colour at (x, y) of it.</summary>
    private static Rgba32[,] Frame(string gif, int i, out int frames)
    {
        using var image = Image.Load<Rgba32>(gif);
        frames = image.Frames.Count;
        using var frame = image.Frames.CloneFrame(i);
        var pixels = new Rgba32[frame.Width, frame.Height];
        for (var y = 0; y < frame.Height; y++)
            for (var x = 0; x < frame.Width; x++) pixels[x, y] = frame[x, y];
        return pixels;
    }

    [Fact]
    public void Animate_PlaneTrainingReplay_ColoursTheFieldByValue_AndTitlesFramesWithTheMse()
    {
        var model = Plane();
        var gif = Path("training.gif");

        var result = CliRunner.Run("animate", model, "--mode", "training", "--frames", "4", "--hold", "0", "--size", "300", "--points-shown", "none", "--out", gif);

        Assert.True(result.ExitCode == 0, result.Error);
        var last = Frame(gif, 3, out var frames);
        Assert.Equal(4, frames);
        // The layout rule at 300 px (unit 0.5) with a colour bar: margins 25 top, 26 left, 20 bottom, 38 right; the window [−6, 6]².
        const float Side = 300 - 38 - 26, Left = 26, Top = 25 + (300 - 20 - 25 - Side) / 2;
        Rgba32 At(float x, float y) => last[(int)(Left + (x + 6) / 12 * Side), (int)(Top + Side - (y + 6) / 12 * Side)];
        var (high, low) = (At(4.5f, 4.5f), At(-4.5f, -4.5f));
        Assert.True(high.B > high.R + 60, $"high value at (4.5, 4.5) drawn {high}");
        Assert.True(low.R > low.B + 60, $"low value at (−4.5, −4.5) drawn {low}");
        var barTop = last[(int)(Left + Side) + 8, (int)Top + 12];
        Assert.True(barTop.B > 150 && barTop.R < 80, $"colour bar's top {barTop}");
    }

    [Fact]
    public void Animate_PlaneMorph_CarriesTheValuesColours_FromTheInputToTheLayer()
    {
        var model = Plane();
        var gif = Path("morph.gif");

        var result = CliRunner.Run("animate", model, "--frames", "3", "--hold", "0", "--size", "200", "--out", gif);

        Assert.True(result.ExitCode == 0, result.Error);
        // The first frame (the input plane) and the last (layer 1); between them the sheet may pass edge on.
        foreach (var i in new[] { 0, 2 })
        {
            var frame = Frame(gif, i, out var frames);
            Assert.Equal(3, frames);
            var pixels = frame.Cast<Rgba32>().ToList();
            // The carried sheet: blue where the value is high, orange where it is low (the colour bar alone has fewer).
            Assert.True(pixels.Count(p => p.B > p.R + 30) > 1500, $"frame {i}: too few blue pixels");
            Assert.True(pixels.Count(p => p.R > p.B + 30) > 1500, $"frame {i}: too few orange pixels");
        }
    }

    [Fact]
    public void Sweep_Plane_ComparesTestRSquared_InTheTableFilesAndPictures()
    {
        var folder = Path("sweep");

        var result = CliRunner.Run("sweep", "--data", "plane", "--depths", "1", "--widths", "1,4", "--seeds", "2", "--epochs", "150", "--points", "200", "--jobs", "1", "--out", folder);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("median test R² (min–max of 2 seeds)", result.Out);
        using var json = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(folder, "runs.json")));
        Assert.Equal("test", json.RootElement.GetProperty("r2").GetString());
        foreach (var cell in json.RootElement.GetProperty("cells").EnumerateArray())
            Assert.InRange(cell.GetProperty("median").GetDouble(), 0.9, 1.0); // a plane is fit by one unit
        var run = json.RootElement.GetProperty("runs")[0];
        Assert.InRange(run.GetProperty("testMse").GetDouble(), 0, 0.01);
        var csv = File.ReadAllLines(System.IO.Path.Combine(folder, "runs.csv"));
        Assert.Equal("depth,width,seed,parameters,train_mse,test_mse,train_r2,test_r2,epochs,steps,file", csv[0]);
        Assert.Equal(5, csv.Length);
        Assert.True(File.Exists(System.IO.Path.Combine(folder, "heatmap.png")) && File.Exists(System.IO.Path.Combine(folder, "thumbnails.png")));
    }
}
