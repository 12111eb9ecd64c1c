using System.Numerics.Tensors;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;

namespace Warpscope.Core.Numerics;

/// <summary>
/// The training objective J = mean cross-entropy + L1·Σ|w| + (L2/2)·Σw² (weights only) and its
/// gradient for a minibatch, through the fused block kernels; for a regression network the mean squared
/// error of its output z against the standardised targets ((t − Offset)/Scale, see <see cref="TargetScaling"/>)
/// takes the cross-entropy's place. Allocates nothing per call.
/// </summary>
public sealed class LossGradient
{
    private readonly MlpBlock _block;

    public LossGradient(Network network) : this(network, VectorWidths.Widest)
    {
    }

    /// <summary>Kernels at a given SIMD width rather than the widest the CPU accelerates: tests run every width.</summary>
    internal LossGradient(Network network, VectorWidth width)
    {
        Network = network;
        _block = new MlpBlock(network, width);
    }

    public Network Network { get; }

    /// <summary>
    /// Writes dJ/dθ for the points at <paramref name="indices"/> into <paramref name="gradient"/>
    /// (laid out like <see cref="Network.Parameters"/>) and returns the batch's mean cross-entropy
    /// (without the penalty, which <see cref="Penalty"/> gives).
    /// </summary>
    public double Compute(LabeledPoints data, ReadOnlySpan<int> indices, Span<float> gradient, double l1 = 0, double l2 = 0) =>
        Accumulate(data, indices, 0, indices.Length, gradient, l1, l2);

    /// <summary>As <see cref="Compute(LabeledPoints, ReadOnlySpan{int}, Span{float}, double, double)"/> over points start..start+count, in order.</summary>
    public double Compute(LabeledPoints data, int start, int count, Span<float> gradient, double l1 = 0, double l2 = 0) =>
        Accumulate(data, [], start, count, gradient, l1, l2);

    /// <summary>The batch is the points at <paramref name="indices"/> when given, else points start..start+count.</summary>
    private double Accumulate(LabeledPoints data, ReadOnlySpan<int> indices, int start, int count, Span<float> gradient, double l1, double l2)
    {
        gradient.Clear();
        var scale = 1f / count;
        double loss = 0;
        for (var offset = 0; offset < count; offset += MlpBlock.MaxBlock)
        {
            var c = Math.Min(MlpBlock.MaxBlock, count - offset);
            if (indices.IsEmpty)
            {
                var from = start + offset;
                _block.Load(data.X.AsSpan(from, c), data.Y.AsSpan(from, c), data.Labels.AsSpan(from, c), data.Targets is { } targets ? targets.AsSpan(from, c) : default, data.Z is { } z ? z.AsSpan(from, c) : default);
            }
            else
            {
                _block.Gather(data.X, data.Y, data.Labels, data.Targets, indices.Slice(offset, c), data.Z);
            }
            loss += _block.ForwardBackward(Network.Parameters, gradient, scale);
        }
        if (l1 > 0 || l2 > 0) AddPenaltyGradient(gradient, (float)l1, (float)l2);
        return loss / count;
    }

    /// <summary>L1·Σ|w| + (L2/2)·Σw² over the weights.</summary>
    public double Penalty(double l1, double l2)
    {
        double total = 0;
        foreach (var layer in Network.Layers)
        {
            var w = Network.Weights(layer.Index);
            if (l1 > 0) total += l1 * TensorPrimitives.SumOfMagnitudes(w);
            if (l2 > 0) total += 0.5 * l2 * TensorPrimitives.SumOfSquares(w);
        }
        return total;
    }

    private void AddPenaltyGradient(Span<float> gradient, float l1, float l2)
    {
        // An index loop: foreach over the IReadOnlyList would box its enumerator on every step.
        for (var k = 0; k < Network.Layers.Count; k++)
        {
            var layer = Network.Layers[k];
            var w = Network.Weights(layer.Index);
            var g = gradient.Slice(layer.WeightOffset, w.Length);
            // d/dw (L2/2)w² = L2·w;  d/dw L1|w| = L1·sign(w) (0 at 0, the subgradient PyTorch uses)
            if (l2 > 0) TensorPrimitives.MultiplyAdd(w, l2, g, g);
            if (l1 > 0)
            {
                for (var i = 0; i < w.Length; i++) g[i] += l1 * MathF.Sign(w[i]);
            }
        }
    }
}
