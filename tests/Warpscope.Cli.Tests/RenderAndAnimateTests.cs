using System.Buffers.Binary;
using System.Text;

namespace Warpscope.Cli.Tests;

public class RenderAndAnimateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("warpscope-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Model(string data = "xor", string layers = "4,3")
    {
        var path = Path.Combine(_folder, $"{data}.json");
        var result = CliRunner.Run("train", "--data", data, "--points", "200", "--layers", layers, "--epochs", "40", "--out", path);
        Assert.Equal(0, result.ExitCode);
        return path;
    }

    [Fact]
    public void Render_TwoViews_WritesAPngTwoPanelsWide()
    {
        var png = Path.Combine(_folder, "view.png");
        var result = CliRunner.Run("render", Model(), "--view", "input,layer:2", "--size", "300", "--out", png);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"wrote {png} (600×300)", result.Out.Trim());
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal(600, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(300, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    [Fact]
    public void Render_Svg_WritesVectors()
    {
        var svg = Path.Combine(_folder, "view.svg");
        Assert.Equal(0, CliRunner.Run("render", Model(), "--view", "last", "--size", "300", "--out", svg).ExitCode);
        var text = File.ReadAllText(svg, Encoding.UTF8);
        Assert.Contains("<svg", text);
        Assert.Contains("<path", text);
    }

    [Theory]
    [InlineData("--view", "layer:9", "warpscope: --view layer:9: the network's hidden layers are 1 to 2")]
    [InlineData("--view", "middle", "warpscope: --view: 'middle' is not input, last or layer:K")]
    [InlineData("--project", "tsne", "warpscope: --project: 'tsne' is not pca, pca3 or units:I,J[,K]")]
    [InlineData("--out", "view.bmp", "warpscope: view.bmp: unknown picture format '.bmp' (use .png or .svg)")]
    public void Render_UserMistake_PrintsOneLineAndExitsTwo(string option, string value, string expected)
    {
        var result = CliRunner.Run("render", Model(), option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.Error.Trim());
    }

    [Fact]
    public void Animate_MorphOfAModel_WritesAGif()
    {
        var gif = Path.Combine(_folder, "morph.gif");
        var result = CliRunner.Run("animate", Model("rings", "3"), "--frames", "6", "--size", "160", "--hold", "2", "--out", gif);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"wrote {gif} (6 frames, 160×160)", result.Out);
        var bytes = File.ReadAllBytes(gif);
        Assert.Equal("GIF89a", Encoding.ASCII.GetString(bytes, 0, 6));
        Assert.Equal(160, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)));
    }

    [Fact]
    public void Animate_Training_TrainsFromOptionsAndWritesAGif()
    {
        var gif = Path.Combine(_folder, "training.gif");
        var result = CliRunner.Run("animate", "--mode", "training", "--data", "circle", "--points", "200", "--layers", "4",
            "--epochs", "20", "--frames", "5", "--size", "160", "--view", "input,last", "--out", gif);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(320, BinaryPrimitives.ReadUInt16LittleEndian(File.ReadAllBytes(gif).AsSpan(6)));
    }

    [Fact]
    public void Animate_UnknownFormat_SaysWhichAreKnown()
    {
        var result = CliRunner.Run("animate", Model(), "--frames", "3", "--out", Path.Combine(_folder, "a.avi"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown animation format '.avi'", result.Error);
        Assert.False(File.Exists(Path.Combine(_folder, "a.avi")));
    }
}
