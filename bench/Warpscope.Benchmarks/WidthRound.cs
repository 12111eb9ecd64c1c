using System.Diagnostics;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Training;
using Warpscope.Workloads;

namespace Warpscope.Benchmarks;

/// <summary>
/// The engine's two kernel widths side by side in one process: the gradient of W1 (1000 points),
/// W2's hundred batches of 10 and W3's 256² grid on nets A and B, each through a
/// <see cref="LossGradient"/> or <see cref="ForwardPass"/> built at 256 and at 512 bits, the two
/// timed in alternation (so a noisy neighbour loads both alike); prints the best and the median
/// of the repetitions per width, and their ratio.
/// <code>Warpscope.Benchmarks --widths [repetitions]</code>
/// </summary>
public static class WidthRound
{
    public static int Run(string[] args)
    {
        var repetitions = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 41;
        var data = Workload.Spiral();
        const int side = 256;
        var gridX = new float[side * side];
        var gridY = new float[side * side];
        for (var i = 0; i < gridX.Length; i++)
        {
            gridX[i] = -6f + 12f * (i % side) / (side - 1);
            gridY[i] = 6f - 12f * (i / side) / (side - 1);
        }
        var widths = new[] { VectorWidth.Bits256, VectorWidth.Bits512 };
        Console.WriteLine($"Vector512 accelerated: {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}; best and median of {repetitions}, µs");
        foreach (var net in new[] { "A", "B" })
        {
            var network = Workload.Net(net);
            var gradient = new float[network.ParameterCount];
            var probabilities = new float[2 * side * side];
            var cases = new (string Name, Action[] Ops)[]
            {
                ($"W1 {net} gradient", widths.Select(w => { var g = new LossGradient(network, w); return (Action)(() => g.Compute(data, 0, data.Count, gradient)); }).ToArray()),
                ($"W2 {net} 100×10", widths.Select(w => { var g = new LossGradient(network, w); return (Action)(() => { for (var s = 0; s < data.Count; s += 10) g.Compute(data, s, 10, gradient); }); }).ToArray()),
                ($"W3 {net} 256²", widths.Select(w => { var p = new ForwardPass(network, w); return (Action)(() => p.Predict(gridX, gridY, probabilities)); }).ToArray()),
            };
            foreach (var (name, ops) in cases)
            {
                var times = ops.Select(_ => new List<double>()).ToArray();
                foreach (var op in ops)
                {
                    // Long enough for the tiered JIT to reach its optimised code of every kernel.
                    var warm = Stopwatch.StartNew();
                    while (warm.Elapsed.TotalSeconds < 0.5) op();
                }
                var calls = Math.Max(1, (int)(0.004 / Time(ops[0], 1)));
                for (var r = 0; r < repetitions; r++)
                {
                    for (var k = 0; k < ops.Length; k++) times[k].Add(Time(ops[k], calls) * 1e6);
                }
                var best = times.Select(t => t.Min()).ToArray();
                var median = times.Select(t => t.Order().ElementAt(t.Count / 2)).ToArray();
                Console.WriteLine($"{name,-18} 256: {best[0],9:F1} {median[0],9:F1}   512: {best[1],9:F1} {median[1],9:F1}   256/512 best {best[0] / best[1]:F2}× median {median[0] / median[1]:F2}×");
            }
        }
        return 0;
    }

    private static double Time(Action op, int calls)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++) op();
        return Stopwatch.GetElapsedTime(start).TotalSeconds / calls;
    }
}
