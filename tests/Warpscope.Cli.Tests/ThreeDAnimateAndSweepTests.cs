using System.Text.Json;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Warpscope.Cli.Tests;

/// <summary>
/// Issue 16's 3-D inputs in <c>animate</c> and <c>sweep</c>: a tori model's morph starts on its rendered input
/// view and ends on its layer's 3-D view, its training replay ends on the trained input view, and a sweep of
/// the tori finds what a 4-unit layer can do that one unit cannot.
/// </summary>
public sealed class ThreeDAnimateAndSweepTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("warpscope-3d-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Path(string name) => System.IO.Path.Combine(_folder, name);

    private string Tori()
    {
        var model = Path("tori.json");
        var result = CliRunner.Run("train", "--data", "tori", "--points", "300", "--layers", "4", "--epochs", "150", "--lr", "0.03", "--out", model);
        Assert.True(result.ExitCode == 0, result.Error);
        return model;
    }

    private static Rgba32[] Pixels(Image<Rgba32> image)
    {
        var pixels = new Rgba32[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }

    /// <summary>Frame i of a GIF and the frame count.</summary>
    private static Rgba32[] Frame(string gif, int i, out int frames)
    {
        using var image = Image.Load<Rgba32>(gif);
        frames = image.Frames.Count;
        using var frame = image.Frames.CloneFrame(i);
        return Pixels(frame);
    }

    private static Rgba32[] Png(string png)
    {
        using var image = Image.Load<Rgba32>(png);
        return Pixels(image);
    }

    /// <summary>The share of pixels whose channels all agree within 24 (a GIF's palette rounds each colour a little).</summary>
    private static double Agreement(Rgba32[] a, Rgba32[] b)
    {
        Assert.Equal(a.Length, b.Length);
        var same = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (Math.Abs(a[i].R - b[i].R) <= 24 && Math.Abs(a[i].G - b[i].G) <= 24 && Math.Abs(a[i].B - b[i].B) <= 24) same++;
        }
        return (double)same / a.Length;
    }

    private string Render(string model, string name, params string[] options)
    {
        var png = Path(name);
        var result = CliRunner.Run(["render", model, "--size", "300", "--title", "tori", .. options, "--out", png]);
        Assert.True(result.ExitCode == 0, result.Error);
        return png;
    }

    [Fact]
    public void Animate_ToriMorph_StartsOnTheRenderedInputView_EndsOnTheLayersPca3View()
    {
        var model = Tori();
        var gif = Path("morph.gif");

        var result = CliRunner.Run("animate", model, "--frames", "8", "--hold", "0", "--size", "300", "--title", "tori", "--out", gif);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"wrote {gif} (8 frames, 300×300)", result.Out);
        var first = Frame(gif, 0, out var frames);
        var last = Frame(gif, 7, out _);
        var middle = Frame(gif, 4, out _);
        Assert.Equal(8, frames);
        var input = Png(Render(model, "input.png", "--view", "input"));
        var layer = Png(Render(model, "layer.png", "--view", "layer:1", "--project", "pca3"));
        Assert.True(Agreement(first, input) > 0.995, $"first frame against the input view: {Agreement(first, input):P2}");
        Assert.True(Agreement(last, layer) > 0.995, $"last frame against the layer's view: {Agreement(last, layer):P2}");
        // And the comparison can tell views apart: the ends differ from each other and from the frames between.
        Assert.True(Agreement(first, layer) < 0.95, $"input view against the layer's view: {Agreement(first, layer):P2}");
        Assert.True(Agreement(middle, input) < 0.95 && Agreement(middle, layer) < 0.99, "a middle frame is one of the ends");
    }

    [Fact]
    public void Animate_ToriTrainingReplay_EndsOnTheTrainedModelsInputView()
    {
        var model = Tori();
        var gif = Path("training.gif");

        var result = CliRunner.Run("animate", model, "--mode", "training", "--view", "input", "--frames", "4", "--hold", "0", "--size", "300", "--title", "tori", "--out", gif);

        Assert.True(result.ExitCode == 0, result.Error);
        var first = Frame(gif, 0, out var frames);
        var last = Frame(gif, 3, out _);
        Assert.Equal(4, frames);
        var input = Png(Render(model, "input.png", "--view", "input"));
        Assert.True(Agreement(last, input) > 0.995, $"last frame against the trained model's input view: {Agreement(last, input):P2}");
        // At epoch 0 the slices are tinted as the untrained network splits them.
        Assert.True(Agreement(first, input) < 0.99, $"first frame against the trained view: {Agreement(first, input):P2}");
    }

    [Fact]
    public void Animate_ToriOnnx_WithNoPointsToMove_IsRefusedInOneLine()
    {
        var onnx = Path("tori.onnx");
        Assert.Equal(0, CliRunner.Run("export", Tori(), "--out", onnx).ExitCode);

        var result = CliRunner.Run("animate", onnx, "--frames", "4", "--out", Path("bare.gif"));

        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith("the morph of a network of 3-D inputs moves its 3-D data; the model file has none", result.Error.Trim());
        Assert.Single(result.Error.Trim().Split('\n'), l => l.StartsWith("warpscope: ", StringComparison.Ordinal) && !l.Contains("drawing without"));
    }

    [Fact]
    public void Sweep_Tori_FourUnitsSeparateTheLinkedRings_OneUnitCannot()
    {
        var output = Path("sweep");
        var result = CliRunner.Run("sweep", "--data", "tori", "--points", "400", "--noise", "0", "--lr", "0.1", "--epochs", "300",
            "--depths", "1", "--widths", "1,4", "--seeds", "3", "--out", output);

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(File.ReadAllBytes(System.IO.Path.Combine(output, "runs.json")));
        var cells = json.RootElement.GetProperty("cells").EnumerateArray().ToDictionary(
            c => c.GetProperty("width").GetInt32(), c => (Median: c.GetProperty("median").GetDouble(), Max: c.GetProperty("max").GetDouble()));
        Assert.True(cells[4].Median >= 0.95, $"4 units: {cells[4]}");
        Assert.True(cells[1].Max < 0.8, $"1 unit: {cells[1]}");
        // The runs were fed (x, y, z): a 3-4-2 network has 4·3 + 4 + 2·4 + 2 = 26 parameters (22 fed x and y only).
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Contains(runs, r => r.GetProperty("parameters").GetInt32() == 26);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(System.IO.Path.Combine(output, "thumbnails.png"))[..4]);
    }
}
