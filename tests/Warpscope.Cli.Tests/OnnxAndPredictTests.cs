using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Warpscope.Cli.Tests;

public class OnnxAndPredictTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("warpscope-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private string File(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Render_OnnxModel_WritesAPngTwoPanelsWide()
    {
        var png = Path.Combine(_folder, "moons.png");

        var result = CliRunner.Run("render", Fixture("moons.onnx"), "--view", "input,layer:2", "--size", "200", "--out", png);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"wrote {png} (400×200)", result.Out.Trim());
        var bytes = System.IO.File.ReadAllBytes(png);
        Assert.Equal(400, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
    }

    [Fact]
    public void Animate_OnnxModel_WritesAGif()
    {
        var gif = Path.Combine(_folder, "morph.gif");

        var result = CliRunner.Run("animate", Fixture("tanh-softmax.onnx"), "--frames", "3", "--size", "96", "--hold", "0", "--out", gif);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("GIF89a", Encoding.ASCII.GetString(System.IO.File.ReadAllBytes(gif), 0, 6));
    }

    [Fact]
    public void AnimateTraining_OnnxModel_ExplainsThatItRecordsNoTraining()
    {
        var result = CliRunner.Run("animate", Fixture("moons.onnx"), "--mode", "training", "--out", Path.Combine(_folder, "t.gif"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"warpscope: {Fixture("moons.onnx")}: --mode training replays the model's training, and the file records none (an ONNX model); use --mode morph, or train it on data with warpscope train --init {Fixture("moons.onnx")}",
            result.Error.Trim());
    }

    [Fact]
    public void Train_InitFromOnnx_StartsFromPyTorchsWeights()
    {
        var model = Path.Combine(_folder, "tuned.json");

        var result = CliRunner.Run("train", "--data", "moons", "--init", Fixture("moons.onnx"), "--epochs", "0", "--out", model, "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"parameters\":354", result.Out.Replace(" ", ""));
    }

    [Theory]
    [InlineData("render")]
    [InlineData("animate")]
    [InlineData("predict")]
    [InlineData("export")]
    public void EveryModelCommand_NotOnnx_PrintsOneLineAndExitsTwo(string verb)
    {
        var bad = File("bad.onnx", "garbage\n");
        var points = File("points.csv", "x,y\n0,0\n");

        var result = verb == "predict" ? CliRunner.Run(verb, bad, "--data", points) : CliRunner.Run(verb, bad);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"warpscope: {bad}: not an ONNX model (", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Render_UnsupportedOp_NamesTheNodeAndExitsTwo()
    {
        var result = CliRunner.Run("render", Fixture("unsupported.onnx"), "--out", Path.Combine(_folder, "x.png"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"warpscope: {Fixture("unsupported.onnx")}: node '/3/Elu' (Elu) is not supported", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.False(System.IO.File.Exists(Path.Combine(_folder, "x.png")));
    }

    [Fact]
    public void Predict_PyTorchMoons_GivesPyTorchsClassOnItsLattice()
    {
        // 2000 cells of PyTorch's own 128 × 128 field, at their centres, through warpscope predict.
        var lines = System.IO.File.ReadAllLines(Fixture("moons-field.txt")).Where(l => !l.StartsWith('#')).ToArray();
        var head = lines[0].Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var size = (int)head[4];
        var random = new Random(5);
        var csv = new StringBuilder("x,y,pytorch\n");
        for (var i = 0; i < 2000; i++)
        {
            int column = random.Next(size), row = random.Next(size);
            var x = head[0] + (column + 0.5f) * ((head[1] - head[0]) / size);
            var y = head[2] + (row + 0.5f) * ((head[3] - head[2]) / size);
            csv.Append(CultureInfo.InvariantCulture, $"{x:R},{y:R},class {lines[1 + row][column]}\n");
        }
        var output = Path.Combine(_folder, "preds.csv");

        var result = CliRunner.Run("predict", Fixture("moons.onnx"), "--data", File("cells.csv", csv.ToString()), "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^predicted 2,000 rows in [0-9.]+ s \([0-9,]+ rows/s\), wrote ", result.Out);
        var rows = System.IO.File.ReadAllLines(output);
        Assert.Equal("x,y,pytorch,p(class 0),p(class 1),predicted", rows[0]);
        Assert.Equal(2001, rows.Length);
        Assert.All(rows.Skip(1), r =>
        {
            var f = r.Split(',');
            Assert.Equal(f[2], f[5]);
            Assert.Equal(1.0, float.Parse(f[3], CultureInfo.InvariantCulture) + float.Parse(f[4], CultureInfo.InvariantCulture), 5);
        });
    }

    [Fact]
    public void Predict_ToStandardOutput_PutsTheNoteOnStandardError()
    {
        var result = CliRunner.Run("predict", Fixture("tanh-softmax.onnx"), "--data", File("p.csv", "0,0\n1,-1\n"), "--layer", "2");

        Assert.Equal(0, result.ExitCode);
        var rows = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("x,y," + string.Join(',', Enumerable.Range(1, 8).Select(j => $"layer2_unit{j}")), rows[0]);
        Assert.Equal(3, rows.Length);
        Assert.StartsWith("predicted 2 rows in ", result.Error);
    }

    [Theory]
    [InlineData("--layer", "3", "warpscope: --layer 3: choose a hidden layer from 1 to 2 (0: the input features)")]
    [InlineData("--data", "missing.csv", "warpscope: --data: missing.csv: file not found")]
    public void Predict_UserMistake_PrintsOneLineAndExitsTwo(string option, string value, string expected)
    {
        var points = File("p.csv", "0,0\n");
        string[] args = option == "--data"
            ? ["predict", Fixture("moons.onnx"), option, value]
            : ["predict", Fixture("moons.onnx"), "--data", points, option, value];

        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.Error.Trim());
    }

    [Fact]
    public void Export_JsonToOnnxAndBack_PredictsTheSameBytes()
    {
        var json = Path.Combine(_folder, "xor.json");
        Assert.Equal(0, CliRunner.Run("train", "--data", "xor", "--points", "200", "--layers", "4,3", "--activation", "relu", "--epochs", "20", "--out", json).ExitCode);
        var onnx = Path.Combine(_folder, "xor.onnx");
        var back = Path.Combine(_folder, "back.json");

        var export = CliRunner.Run("export", json);
        var import = CliRunner.Run("export", onnx, "--out", back);

        Assert.Equal(0, export.ExitCode);
        Assert.Matches(@"^wrote .*xor\.onnx \(2-4-3-2 \(relu,relu\), [0-9,]+ bytes\)", export.Out);
        Assert.Equal(0, import.ExitCode);
        var points = File("p.csv", string.Join('\n', Enumerable.Range(0, 200).Select(i => $"{i % 20 * 0.6 - 6},{i / 20 * 1.2 - 6}")));
        var outputs = new[] { json, onnx, back }.Select(m => CliRunner.Run("predict", m, "--data", points).Out).ToArray();
        Assert.Equal(201, outputs[0].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(outputs[0], outputs[1]);
        Assert.Equal(outputs[0], outputs[2]);
    }

    [Fact]
    public void Export_OtherExtension_IsRefused()
    {
        var result = CliRunner.Run("export", Fixture("moons.onnx"), "--out", Path.Combine(_folder, "m.pt"));

        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith("m.pt' ends in neither .onnx nor .json", result.Error.Trim());
    }

    /// <summary>
    /// PyTorch's one-output net of z = sin(x)·cos(y) (regression.onnx): render colours the field by value (blue
    /// where it is high, at (π/2, 0); orange where low, at (−π/2, 0)) beside a colour bar, and predict writes its value.
    /// </summary>
    [Fact]
    public void RegressionOnnx_RenderColoursTheFieldByValue_WithAColourBar_AndPredictWritesTheValue()
    {
        var png = Path.Combine(_folder, "regression.png");
        var points = File("points.csv", "a,b\n1.5707964,0\n-1.5707964,0\n0,3.1415927\n");

        var render = CliRunner.Run("render", Fixture("regression.onnx"), "--view", "input", "--size", "600", "--out", png);
        var predict = CliRunner.Run("predict", Fixture("regression.onnx"), "--data", points);

        Assert.True(render.ExitCode == 0, render.Error);
        using var image = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgba32>(png);
        // The layout rule at 600 px (unit 1) with a colour bar: margins 50 top, 52 left, 40 bottom, 76 right; the window [−6, 6]².
        var side = Math.Min(600 - 76 - 52, 600 - 40 - 50);
        var (left, top) = (52 + (600 - 76 - 52 - side) / 2f, 50 + (600 - 40 - 50 - side) / 2f);
        SixLabors.ImageSharp.PixelFormats.Rgba32 At(double x, double y) => image[(int)(left + (x + 6) / 12 * side), (int)(top + side - (y + 6) / 12 * side)];
        var (high, low) = (At(Math.PI / 2, 0), At(-Math.PI / 2, 0));
        Assert.True(high.B > high.R + 60, $"high value at (π/2, 0) drawn {high}");
        Assert.True(low.R > low.B + 60, $"low value at (−π/2, 0) drawn {low}");
        var (barTop, barBottom) = (image[(int)(left + side) + 15, (int)top + 22], image[(int)(left + side) + 15, (int)(top + side) - 4]);
        Assert.True(barTop.B > 150 && barTop.R < 60, $"colour bar's top {barTop}");
        Assert.True(barBottom.R > 200 && barBottom.B < 60, $"colour bar's bottom {barBottom}");

        Assert.True(predict.ExitCode == 0, predict.Error);
        var lines = predict.Out.Trim().Split('\n');
        Assert.Equal("a,b,predicted value", lines[0]);
        var network = Warpscope.Onnx.ModelFiles.Load(Fixture("regression.onnx")).Network;
        var expected = new float[3];
        new Warpscope.Core.Numerics.ForwardPass(network).Predict([1.5707964f, -1.5707964f, 0f], [0f, 0f, 3.1415927f], expected);
        var written = lines.Skip(1).Select(l => float.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(expected, written);
        Assert.Equal([1.0, -1.0, 0.0], written.Select(v => Math.Round(v)));
    }
}
