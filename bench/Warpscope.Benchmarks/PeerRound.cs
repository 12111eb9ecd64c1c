using System.Diagnostics;
using System.Globalization;
using System.Text;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;
using Warpscope.Workloads;

namespace Warpscope.Benchmarks;

/// <summary>
/// One round of the side-by-side comparison with the peers (bench/peers/run): the correctness
/// anchor of WORKLOADS.md, then W1 (SGD and Adam), W2 and W3 on nets A and B, timed in-process
/// after warm-up (median of several repetitions), printed as one JSON line with the keys the
/// Python peers print (bench/peers/*_peer.py). One thread, except <c>B_w3_2t_ms</c>: the 256² grid
/// through <see cref="ParallelForwardPass"/> with two threads. Every workload runs once untimed
/// first, so the tiered JIT has compiled all of them before any is timed. Nothing is allocated inside the timed loops
/// (<c>alloc_bytes_timed</c> says so).
/// <code>Warpscope.Benchmarks --peer-round [--quick]</code>
/// </summary>
public static class PeerRound
{
    private static readonly (string Net, double Loss)[] Anchors = [("A", 0.662242), ("B", 0.646229)];
    private const double AnchorTolerance = 1e-5;
    private const int Side = 256;

    private static double _warmSeconds = 0.3;
    private static double _repSeconds = 0.025;
    private static int _reps = 7;
    private static long _allocated;

    public static int Run(string[] args)
    {
        if (args.Contains("--quick"))
        {
            _warmSeconds = 0.02;
            _repSeconds = 0.002;
            _reps = 2;
        }
        var results = new List<(string Key, object? Value)>
        {
            ("peer", "warpscope"),
            ("version", $".NET {Environment.Version}"),
            ("threads", 1),
        };
        var data = Workload.Spiral();
        var anchorOk = true;
        foreach (var (net, expected) in Anchors)
        {
            var network = Workload.Net(net);
            new Trainer(network, data, new TrainingConfig(OptimizerKind.Sgd, 0.1, BatchSize: data.Count, Shuffle: false, Steps: 200)).Run();
            var loss = new ForwardPass(network).Evaluate(data).Loss;
            anchorOk &= Math.Abs(loss - expected) <= AnchorTolerance;
            results.Add(($"anchor_{net}", loss));
        }
        results.Add(("anchor_ok", anchorOk));

        var (gridX, gridY) = Grid();
        using var parallel = new ParallelForwardPass(Workload.Net("B"), threads: 2);
        var workloads = new List<(string Key, Action Op, Func<double, double> Figure)>();
        foreach (var net in new[] { "A", "B" })
        {
            var sgd = new Trainer(Workload.Net(net), data, new TrainingConfig(OptimizerKind.Sgd, 0.1, BatchSize: data.Count, Shuffle: false));
            var adam = new Trainer(Workload.Net(net), data, new TrainingConfig(OptimizerKind.Adam, 0.01, BatchSize: data.Count, Shuffle: false));
            var minibatch = new Trainer(Workload.Net(net), data, new TrainingConfig(OptimizerKind.Sgd, 0.1, BatchSize: 10, Shuffle: false));
            var pass = new ForwardPass(Workload.Net(net));
            var probabilities = new float[2 * Side * Side];
            workloads.Add(($"{net}_w1_sgd_us", () => sgd.Step(), s => s * 1e6));
            workloads.Add(($"{net}_w1_adam_us", () => adam.Step(), s => s * 1e6));
            workloads.Add(($"{net}_w2_samples_per_s", () => minibatch.RunEpoch(), s => data.Count / s));
            workloads.Add(($"{net}_w3_ms", () => pass.Predict(gridX, gridY, probabilities), s => s * 1e3));
        }
        var twoThread = new float[2 * Side * Side];
        workloads.Add(("B_w3_2t_ms", () => parallel.Predict(gridX, gridY, twoThread), s => s * 1e3));

        // Warm every workload before timing any: the tiered JIT recompiles shared kernels while
        // it sees new callers, which would otherwise land in the first workload's timing.
        foreach (var (_, op, _) in workloads) Warm(op);
        foreach (var (key, op, figure) in workloads) results.Add((key, figure(Measure(op))));
        results.Add(("alloc_bytes_timed", _allocated));
        // The FMA peaks of both widths, in the same process as the workloads (bench/peers/run's "% peak").
        var repetitions = args.Contains("--quick") ? 2 : 7;
        results.Add(("fma256_gflops", FmaPeak.Of256(repetitions)));
        results.Add(("fma512_gflops", FmaPeak.Of512(repetitions)));
        results.Add(("vector512_accelerated", System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated));
        results.Add(("notes", "B_w3_2t_ms: ParallelForwardPass, 2 threads"));
        Console.WriteLine(Json(results));
        return anchorOk ? 0 : 1;
    }

    /// <summary>The grid of W3, row-major, x left to right, y top to bottom (6 → −6).</summary>
    private static (float[] X, float[] Y) Grid()
    {
        var x = new float[Side * Side];
        var y = new float[Side * Side];
        for (var r = 0; r < Side; r++)
        {
            for (var c = 0; c < Side; c++)
            {
                x[r * Side + c] = -6f + 12f * c / (Side - 1);
                y[r * Side + c] = 6f - 12f * r / (Side - 1);
            }
        }
        return (x, y);
    }

    /// <summary>Calls for at least the warm-up time (tiered JIT reaches its optimised code); seconds per call.</summary>
    private static double Warm(Action op)
    {
        var warm = Stopwatch.StartNew();
        var calls = 0;
        while (calls < 3 || warm.Elapsed.TotalSeconds < _warmSeconds)
        {
            op();
            calls++;
        }
        return warm.Elapsed.TotalSeconds / calls;
    }

    /// <summary>
    /// Seconds per call: a warm-up, then the median of the repetitions, each timing enough calls
    /// to last the repetition time.
    /// </summary>
    private static double Measure(Action op)
    {
        var perCall = Warm(op);
        var batch = Math.Max(1, (int)Math.Ceiling(_repSeconds / perCall));
        var times = new double[_reps];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var r = 0; r < _reps; r++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < batch; i++) op();
            times[r] = Stopwatch.GetElapsedTime(start).TotalSeconds / batch;
        }
        _allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        Array.Sort(times);
        return times[times.Length / 2];
    }

    private static string Json(List<(string Key, object? Value)> fields)
    {
        var json = new StringBuilder("{");
        foreach (var (key, value) in fields)
        {
            if (json.Length > 1) json.Append(", ");
            json.Append('"').Append(key).Append("\": ");
            json.Append(value switch
            {
                null => "null",
                bool b => b ? "true" : "false",
                string s => System.Text.Json.JsonSerializer.Serialize(s),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => throw new ArgumentException(key),
            });
        }
        return json.Append('}').ToString();
    }
}
