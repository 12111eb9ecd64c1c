using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Warpscope.Core.Numerics;

/// <summary>Softmax over the class rows of a block and the cross-entropy loss and its gradient.</summary>
internal static unsafe class SoftmaxKernels
{
    /// <summary>
    /// z := softmax(z) column by column (per sample). When labels are given, returns
    /// Σ_s −log p[label_s][s] over the first labels.Length samples, computed in the log domain.
    /// z: [classes][stride]  max, sum: [stride] scratch
    /// </summary>
    public static double Softmax(float* z, int classes, int stride, float* max, float* sum, ReadOnlySpan<int> labels)
    {
        var count = classes * stride;
        var vectors = stride / Simd.Lanes;
        for (var v = 0; v < vectors; v++)
        {
            var o = v * Simd.Lanes;
            var m = Vector256.Load(z + o);
            for (var r = 1; r < classes; r++) m = Vector256.Max(m, Vector256.Load(z + r * stride + o));
            m.Store(max + o);
            for (var r = 0; r < classes; r++) (Vector256.Load(z + r * stride + o) - m).Store(z + r * stride + o);
        }

        // After the shift, −log p[label] = log Σ_r e^{z_r} − z_label.
        double loss = 0;
        for (var s = 0; s < labels.Length; s++) loss -= z[labels[s] * stride + s];

        var all = new Span<float>(z, count);
        TensorPrimitives.Exp(all, all);
        for (var v = 0; v < vectors; v++)
        {
            var o = v * Simd.Lanes;
            var t = Vector256.Load(z + o);
            for (var r = 1; r < classes; r++) t += Vector256.Load(z + r * stride + o);
            t.Store(sum + o);
            var inverse = Vector256<float>.One / t;
            for (var r = 0; r < classes; r++) (Vector256.Load(z + r * stride + o) * inverse).Store(z + r * stride + o);
        }

        if (labels.Length > 0)
        {
            var sums = new Span<float>(sum, labels.Length);
            TensorPrimitives.Log(sums, sums);
            for (var s = 0; s < labels.Length; s++) loss += sums[s];
        }
        return loss;
    }

    /// <summary>
    /// p := (p − onehot(label))·scale: dL/dz of the mean cross-entropy (scale = 1/batch). Lanes
    /// past the labelled samples become 0 so the padding adds nothing to any gradient.
    /// p: [classes][stride]
    /// </summary>
    public static void ToLossGradient(float* p, int classes, int stride, ReadOnlySpan<int> labels, float scale)
    {
        var n = labels.Length;
        for (var r = 0; r < classes; r++)
        {
            var row = new Span<float>(p + r * stride, stride);
            TensorPrimitives.Multiply(row, scale, row);
            row[n..].Clear();
        }
        for (var s = 0; s < n; s++) p[labels[s] * stride + s] -= scale;
    }
}
