using Warpscope.Core.Model;
using Warpscope.Core.Numerics;

namespace Warpscope.Core.Representations;

/// <summary>
/// Olah's staged morph: the path of points from the input plane (or 3-D input space) through every hidden layer as one
/// function of t ∈ [0, L] (L hidden layers). Layer ℓ takes t from ℓ−1 to ℓ in three equal stages:
/// the linear map, (1−s)·a + s·W·a; the translation, W·a + s·b; the pointwise activation,
/// (1−s)·z + s·σ(z). Spaces of different widths are embedded in the widest by zero padding, so a
/// 2 → 3 layer lifts the plane into 3-D. At every stage end the positions are the layer's own
/// values exactly: at whole t they are layer t's activations.
/// </summary>
public sealed class StagedMorph
{
    private readonly ForwardTrace _trace;
    private readonly Network _network;

    /// <summary>The morph of the points (x, y), or (x, y, z) for a network of 3-D inputs.</summary>
    public StagedMorph(Network network, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ForwardPass? pass = null, ReadOnlySpan<float> z = default)
    {
        _network = network;
        _trace = (pass ?? new ForwardPass(network)).Trace(x, y, z);
        Layers = LayerMaps.HiddenLayers(network);
        Width = Enumerable.Range(0, Layers + 1).Max(k => LayerMaps.Width(network, k));
    }

    /// <summary>The number of hidden layers: t runs from 0 to this.</summary>
    public int Layers { get; }

    /// <summary>The width of the space every position lives in: the widest of the input and hidden layers.</summary>
    public int Width { get; }

    public int Count => _trace.Count;

    /// <summary>Where the points are at time t, in <see cref="Width"/> dimensions.</summary>
    public PointCloud At(double t)
    {
        if (double.IsNaN(t) || t < 0 || t > Layers) throw new ArgumentOutOfRangeException(nameof(t), $"t must be in [0, {Layers}]");
        var n = _trace.Count;
        var result = new float[Width * n];
        var layer = (int)Math.Floor(t);
        var u = t - layer;
        if (u == 0 || layer == Layers)
        {
            Copy(Activations(layer), result);
            return new PointCloud(Width, n, result);
        }

        var stage = Math.Min(2, (int)(3 * u));
        var s = (float)(3 * u - stage);
        var input = Activations(layer);
        var trace = _trace.Layers[layer];
        var bias = _network.Biases(layer);
        switch (stage)
        {
            case 0:
                // Linear: (1−s)·a + s·W·a, with W·a = z − b.
                for (var d = 0; d < Width; d++)
                {
                    for (var i = 0; i < n; i++)
                    {
                        var from = d < input.Dimensions ? input[d, i] : 0f;
                        var to = d < trace.Units ? trace.PreAt(d, i) - bias[d] : 0f;
                        result[d * n + i] = (1 - s) * from + s * to;
                    }
                }
                break;
            case 1:
                // Translation: z − (1−s)·b, so it ends on z exactly.
                for (var d = 0; d < trace.Units; d++)
                {
                    for (var i = 0; i < n; i++) result[d * n + i] = trace.PreAt(d, i) - (1 - s) * bias[d];
                }
                break;
            default:
                // Activation: (1−s)·z + s·σ(z).
                for (var d = 0; d < trace.Units; d++)
                {
                    for (var i = 0; i < n; i++) result[d * n + i] = (1 - s) * trace.PreAt(d, i) + s * trace.PostAt(d, i);
                }
                break;
        }
        return new PointCloud(Width, n, result);
    }

    /// <summary>Layer k's values for the points (k = 0: the input features), in the layer's own width.</summary>
    public PointCloud Activations(int layer) =>
        layer == 0
            ? new PointCloud(_network.InputCount, _trace.Count, _trace.Features)
            : new PointCloud(_trace.Layers[layer - 1].Units, _trace.Count, _trace.Layers[layer - 1].Post);

    private static void Copy(PointCloud source, float[] target) => source.Values.CopyTo(target, 0);
}
