using System.Text.Json;

namespace Warpscope.Cli.Tests;

/// <summary>Issue 17: train shows each layer's probe and topology; render --view probes charts the probes.</summary>
public sealed class ProbeAndTopologyCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("warpscope-probes-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly string[] Rings = ["train", "--data", "rings", "--noise", "0", "--points", "400", "--lr", "0.1", "--epochs", "300"];

    [Fact]
    public void TrainJson_HasAProbePerLayer_AndTheTopology_WithNoWarningForA3UnitLayer()
    {
        var result = CliRunner.Run([.. Rings, "--layers", "3", "--json", "--out", Path.Combine(_folder, "m.json")]);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = JsonDocument.Parse(result.Out.TrimEnd().Split('\n')[^1]);
        var root = json.RootElement;
        var probes = root.GetProperty("probes").EnumerateArray().ToList();
        Assert.Equal([0, 1], probes.Select(p => p.GetProperty("layer").GetInt32()));
        Assert.Equal([2, 3], probes.Select(p => p.GetProperty("units").GetInt32()));
        Assert.True(probes[0].GetProperty("accuracy").GetDouble() < 0.7); // no line cuts a disk from a ring
        Assert.True(probes[1].GetProperty("accuracy").GetDouble() >= root.GetProperty("testAccuracy").GetDouble() - 0.01);
        var topology = root.GetProperty("topology");
        var layer = Assert.Single(topology.GetProperty("layers").EnumerateArray());
        Assert.Equal(2, layer.GetProperty("rank").GetInt32());
        Assert.Equal(JsonValueKind.Null, layer.GetProperty("determinant").ValueKind);
        Assert.Equal("1", topology.GetProperty("encloses").GetProperty("outer").GetString());
        Assert.Equal(JsonValueKind.Null, topology.GetProperty("warning").ValueKind);
        Assert.DoesNotContain("warning", result.Error);
    }

    [Fact]
    public void Train_OnRings_With2WideLayers_WarnsInPlainWords()
    {
        var result = CliRunner.Run([.. Rings, "--layers", "2,2", "--out", Path.Combine(_folder, "m.json")]);
        Assert.Equal(0, result.ExitCode);
        var warning = Assert.Single(result.Out.Split('\n'), l => l.StartsWith("warning:", StringComparison.Ordinal));
        Assert.Contains("cannot pull the disk out of the ring", warning);
        Assert.Contains("--layers 3", warning);
        Assert.Contains("layer 1: 2 → 2 units, rank 2, det W", result.Out);
        Assert.Contains("linear probes on 400 fresh points: input", result.Out);
    }

    [Fact]
    public void RenderViewProbes_WritesAChart()
    {
        var model = Path.Combine(_folder, "m.json");
        Assert.Equal(0, CliRunner.Run([.. Rings, "--layers", "3", "--out", model]).ExitCode);
        var picture = Path.Combine(_folder, "probes.png");
        var result = CliRunner.Run("render", model, "--view", "probes", "--size", "300", "--out", picture);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("wrote " + picture + " (300×300)", result.Out.TrimEnd());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(picture)[..4]);
    }
}
