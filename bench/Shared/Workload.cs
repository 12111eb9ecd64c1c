using System.Globalization;
using System.Text.Json;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;

namespace Warpscope.Workloads;

/// <summary>
/// The canonical workloads of WORKLOADS.md, as the project keeps them in bench/workloads: the
/// spiral of 1000 points and the starting weights of nets A (2-8-8-2) and B (2-16-16-16-16-2),
/// all tanh. Shared by the benchmarks and the correctness-anchor test.
/// </summary>
public static class Workload
{
    public static string Folder { get; } = FindFolder();

    public static LabeledPoints Spiral()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, "spiral1000.csv")).Skip(1).Where(l => l.Length > 0).ToArray();
        var x = new float[lines.Length];
        var y = new float[lines.Length];
        var labels = new int[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            x[i] = float.Parse(f[0], CultureInfo.InvariantCulture);
            y[i] = float.Parse(f[1], CultureInfo.InvariantCulture);
            labels[i] = int.Parse(f[2], CultureInfo.InvariantCulture);
        }
        return new LabeledPoints(x, y, labels);
    }

    /// <summary>Net "A" or "B" with the workload's starting weights.</summary>
    public static Network Net(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, $"init_{name}.json")));
        var sizes = doc.RootElement.GetProperty("sizes").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var spec = NetworkSpec.Uniform(sizes[1..^1], Activation.Tanh, sizes[^1]);
        var network = Network.Create(spec, seed: 0);
        var w = doc.RootElement.GetProperty("W").EnumerateArray().ToArray();
        var b = doc.RootElement.GetProperty("b").EnumerateArray().ToArray();
        foreach (var layer in network.Layers)
        {
            var weights = network.Weights(layer.Index);
            var rows = w[layer.Index].EnumerateArray().ToArray();
            for (var j = 0; j < layer.Outputs; j++)
            {
                var row = rows[j].EnumerateArray().ToArray();
                for (var i = 0; i < layer.Inputs; i++) weights[j * layer.Inputs + i] = row[i].GetSingle();
            }
            var biases = network.Biases(layer.Index);
            var bs = b[layer.Index].EnumerateArray().ToArray();
            for (var j = 0; j < layer.Outputs; j++) biases[j] = bs[j].GetSingle();
        }
        return network;
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "workloads");
            if (File.Exists(Path.Combine(candidate, "spiral1000.csv"))) return candidate;
        }
        throw new DirectoryNotFoundException("bench/workloads not found above " + AppContext.BaseDirectory);
    }
}
