using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;

namespace Warpscope.Core.Numerics;

/// <summary>
/// Runs a network forward over any number of points, block by block, with buffers allocated once:
/// class probabilities, predicted classes, loss and accuracy, or a full <see cref="ForwardTrace"/>.
/// Reads the network's current parameters on every call. Not thread-safe: one per thread.
/// </summary>
public sealed class ForwardPass
{
    private readonly MlpBlock _block;

    public ForwardPass(Network network) : this(network, VectorWidths.Widest)
    {
    }

    /// <summary>Kernels at a given SIMD width rather than the widest the CPU accelerates: tests run every width.</summary>
    internal ForwardPass(Network network, VectorWidth width)
    {
        Network = network;
        _block = new MlpBlock(network, width);
    }

    public Network Network { get; }

    /// <summary>
    /// Passes given back, per network, for the next views of it (a few each; they go with their network). A queue,
    /// not a ConcurrentBag: a bag keeps its items in thread-local lists, which the threads root, and a kept pass
    /// would keep its network, and so the table's entry, alive for good.
    /// </summary>
    private static readonly ConditionalWeakTable<Network, ConcurrentQueue<ForwardPass>> Kept = new();

    /// <summary>
    /// A pass over <paramref name="network"/> at the widest width, one given back before or a new one, for as long
    /// as the lease is held (<c>using var lease = ForwardPass.Rent(network)</c>). A live frame draws the same network
    /// in several views, frame after frame, and each new pass pins its block's buffers afresh (about 70 KB for
    /// 16-16-2; issue 13).
    /// </summary>
    public static Lease Rent(Network network) =>
        new(Kept.TryGetValue(network, out var kept) && kept.TryDequeue(out var pass) ? pass : new ForwardPass(network));

    /// <summary>A rented pass; disposing it keeps the pass for the next view of its network, and it is used no more.</summary>
    public readonly struct Lease(ForwardPass pass) : IDisposable
    {
        public ForwardPass Pass { get; } = pass;

        public void Dispose()
        {
            var kept = Kept.GetValue(Pass.Network, _ => []);
            if (kept.Count < Environment.ProcessorCount + 2) kept.Enqueue(Pass);
        }
    }

    /// <summary>Lets go of every kept pass (ScratchMemory.Release).</summary>
    public static void ReleaseKept() => Kept.Clear();

    /// <summary>probabilities: [classes][n], class-major, for the n points (x[i], y[i]).</summary>
    public void Predict(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> probabilities) =>
        Predict(x, y, probabilities, CheckLengths(x, y), 0);

    /// <summary>probabilities: [classes][n] for the n 3-D points (x[i], y[i], z[i]).</summary>
    public void Predict(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> probabilities) =>
        Predict(x, y, probabilities, CheckLengths(x, y, z), 0, z);

    /// <summary>
    /// As <see cref="Predict(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/> for a run of
    /// points that starts at point <paramref name="offset"/> of <paramref name="rowLength"/>:
    /// probability of class c for point i of the run at c·rowLength + offset + i.
    /// </summary>
    internal void Predict(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> probabilities, int rowLength, int offset, ReadOnlySpan<float> z = default)
    {
        var n = CheckLengths(x, y);
        var classes = Network.ClassCount;
        if (probabilities.Length < (classes - 1) * rowLength + offset + n)
            throw new ArgumentException($"probabilities needs {classes * rowLength} values", nameof(probabilities));
        for (var start = 0; start < n; start += MlpBlock.MaxBlock)
        {
            var count = Math.Min(MlpBlock.MaxBlock, n - start);
            _block.Load(x.Slice(start, count), y.Slice(start, count), [], z: Depths(z, start, count));
            _block.Forward(Network.Parameters, keepPre: false);
            var p = _block.Post(Network.Layers.Count - 1);
            for (var c = 0; c < classes; c++)
                p.Slice(c * _block.Stride, count).CopyTo(probabilities.Slice(c * rowLength + offset + start, count));
        }
    }

    /// <summary>The most probable class of each point (ties go to the lower class).</summary>
    public void Classify(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<int> classes, ReadOnlySpan<float> z = default)
    {
        var n = CheckLengths(x, y, z);
        var k = Network.ClassCount;
        for (var start = 0; start < n; start += MlpBlock.MaxBlock)
        {
            var count = Math.Min(MlpBlock.MaxBlock, n - start);
            _block.Load(x.Slice(start, count), y.Slice(start, count), [], z: Depths(z, start, count));
            _block.Forward(Network.Parameters, keepPre: false);
            var p = _block.Post(Network.Layers.Count - 1);
            for (var s = 0; s < count; s++)
            {
                var best = 0;
                for (var c = 1; c < k; c++)
                    if (p[c * _block.Stride + s] > p[best * _block.Stride + s]) best = c;
                classes[start + s] = best;
            }
        }
    }

    /// <summary>Mean cross-entropy and accuracy on labelled points; for a regression network, the mean squared error and R² in the target's units.</summary>
    public Evaluation Evaluate(LabeledPoints points)
    {
        if (points.Count == 0) return Evaluation.Empty;
        if (Network.Spec.IsRegression) return EvaluateRegression(points);
        var k = Network.ClassCount;
        double loss = 0;
        var correct = 0;
        for (var start = 0; start < points.Count; start += MlpBlock.MaxBlock)
        {
            var count = Math.Min(MlpBlock.MaxBlock, points.Count - start);
            _block.Load(points.X.AsSpan(start, count), points.Y.AsSpan(start, count), [], z: points.Z is { } pz ? pz.AsSpan(start, count) : default);
            _block.Forward(Network.Parameters);
            var z = _block.Pre(Network.Layers.Count - 1);
            for (var s = 0; s < count; s++)
            {
                var label = points.Labels[start + s];
                var best = 0;
                var max = z[s];
                for (var c = 1; c < k; c++)
                {
                    if (z[c * _block.Stride + s] > z[best * _block.Stride + s]) best = c;
                    max = MathF.Max(max, z[c * _block.Stride + s]);
                }
                if (best == label) correct++;
                // −log p_label = log Σ e^{z_c − max} − (z_label − max), stable for confident nets.
                double total = 0;
                for (var c = 0; c < k; c++) total += Math.Exp(z[c * _block.Stride + s] - max);
                loss += Math.Log(total) - (z[label * _block.Stride + s] - max);
            }
        }
        return new Evaluation(loss / points.Count, (double)correct / points.Count, points.Count);
    }

    private Evaluation EvaluateRegression(LabeledPoints points)
    {
        var targets = points.Targets ?? throw new ArgumentException("a regression network is evaluated on points with targets", nameof(points));
        double squares = 0;
        for (var start = 0; start < points.Count; start += MlpBlock.MaxBlock)
        {
            var count = Math.Min(MlpBlock.MaxBlock, points.Count - start);
            _block.Load(points.X.AsSpan(start, count), points.Y.AsSpan(start, count), [], z: points.Z is { } pz ? pz.AsSpan(start, count) : default);
            _block.Forward(Network.Parameters, keepPre: false);
            var value = _block.Post(Network.Layers.Count - 1);
            for (var s = 0; s < count; s++)
            {
                double error = value[s] - targets[start + s];
                squares += error * error;
            }
        }
        double mean = 0;
        foreach (var t in targets) mean += t;
        mean /= targets.Length;
        double spread = 0;
        foreach (var t in targets) spread += (t - mean) * (t - mean);
        // R² = 1 − SS_res / SS_tot: 1 is a perfect fit, 0 no better than the mean; undefined for constant targets.
        var rSquared = spread > 0 ? 1 - squares / spread : double.NaN;
        return new Evaluation(squares / points.Count, double.NaN, points.Count) { RSquared = rSquared };
    }

    /// <summary>Every layer's z and σ(z) for the n points, into a trace made for n points.</summary>
    public void Trace(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ForwardTrace trace, ReadOnlySpan<float> z = default)
    {
        var n = CheckLengths(x, y, z);
        if (trace.Count != n) throw new ArgumentException($"trace holds {trace.Count} points, not {n}", nameof(trace));
        for (var start = 0; start < n; start += MlpBlock.MaxBlock)
        {
            var count = Math.Min(MlpBlock.MaxBlock, n - start);
            _block.Load(x.Slice(start, count), y.Slice(start, count), [], z: Depths(z, start, count));
            _block.Forward(Network.Parameters);
            CopyRows(_block.Features, Network.InputCount, trace.Features, n, start, count);
            for (var k = 0; k < trace.Layers.Count; k++)
            {
                var layer = trace.Layers[k];
                CopyRows(_block.Pre(k), layer.Units, layer.Pre, n, start, count);
                CopyRows(_block.Post(k), layer.Units, layer.Post, n, start, count);
            }
        }
    }

    /// <summary>
    /// Where layer k puts the n points, and nothing more: values: [units][n] (k = 0: the input
    /// features; k ≥ 1: the activations of affine layer k, or its pre-activations z when
    /// <paramref name="pre"/>). Stops the forward pass at layer k.
    /// </summary>
    public void Map(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int layer, Span<float> values, bool pre = false, ReadOnlySpan<float> z = default)
    {
        var n = CheckLengths(x, y, z);
        var units = layer == 0 ? Network.InputCount : Network.Layers[layer - 1].Outputs;
        if (values.Length < units * n) throw new ArgumentException($"values needs {units * n} floats", nameof(values));
        var target = values[..(units * n)];
        for (var start = 0; start < n; start += MlpBlock.MaxBlock)
        {
            var count = Math.Min(MlpBlock.MaxBlock, n - start);
            _block.Load(x.Slice(start, count), y.Slice(start, count), [], z: Depths(z, start, count));
            _block.Forward(Network.Parameters, layer, keepPre: pre);
            var block = layer == 0 ? _block.Features : pre ? _block.Pre(layer - 1) : _block.Post(layer - 1);
            for (var r = 0; r < units; r++) block.Slice(r * _block.Stride, count).CopyTo(target.Slice(r * n + start, count));
        }
    }

    /// <summary>
    /// <see cref="Map"/> and <see cref="Predict(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/> in one forward
    /// pass: values: [units][n] of layer k (pre-activations when <paramref name="pre"/>), probabilities: [classes][n].
    /// </summary>
    public void MapAndPredict(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int layer, Span<float> values, Span<float> probabilities, bool pre = false, ReadOnlySpan<float> z = default)
    {
        var n = CheckLengths(x, y, z);
        var units = layer == 0 ? Network.InputCount : Network.Layers[layer - 1].Outputs;
        var classes = Network.ClassCount;
        if (values.Length < units * n) throw new ArgumentException($"values needs {units * n} floats", nameof(values));
        if (probabilities.Length < classes * n) throw new ArgumentException($"probabilities needs {classes * n} floats", nameof(probabilities));
        for (var start = 0; start < n; start += MlpBlock.MaxBlock)
        {
            var count = Math.Min(MlpBlock.MaxBlock, n - start);
            _block.Load(x.Slice(start, count), y.Slice(start, count), [], z: Depths(z, start, count));
            _block.Forward(Network.Parameters, keepPre: pre);
            var block = layer == 0 ? _block.Features : pre ? _block.Pre(layer - 1) : _block.Post(layer - 1);
            for (var r = 0; r < units; r++) block.Slice(r * _block.Stride, count).CopyTo(values.Slice(r * n + start, count));
            var p = _block.Post(Network.Layers.Count - 1);
            for (var c = 0; c < classes; c++) p.Slice(c * _block.Stride, count).CopyTo(probabilities.Slice(c * n + start, count));
        }
    }

    /// <summary>A new trace of the n points.</summary>
    public ForwardTrace Trace(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z = default)
    {
        var trace = new ForwardTrace(Network, x.Length);
        Trace(x, y, trace, z);
        return trace;
    }

    private void CopyRows(ReadOnlySpan<float> block, int rows, float[] target, int n, int start, int count)
    {
        for (var r = 0; r < rows; r++)
            block.Slice(r * _block.Stride, count).CopyTo(target.AsSpan(r * n + start, count));
    }

    private static int CheckLengths(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z = default) =>
        x.Length == y.Length && (z.IsEmpty || z.Length == x.Length) ? x.Length : throw new ArgumentException($"x has {x.Length} values, y {y.Length}, z {z.Length}");

    /// <summary>The block's z values: none for points of the plane.</summary>
    private static ReadOnlySpan<float> Depths(ReadOnlySpan<float> z, int start, int count) => z.IsEmpty ? default : z.Slice(start, count);
}
