using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Warpscope.Core.Numerics;

/// <summary>
/// Softmax over the class rows of a block, and the cross-entropy loss and its gradient, one vector
/// of samples at a time: each sample's classes are read once and written once.
/// </summary>
internal static unsafe class SoftmaxKernels
{
    /// <summary>
    /// p := softmax(z) column by column (per sample). z and p may be the same block.
    /// z, p: [classes][stride]
    /// </summary>
    public static void Softmax(float* z, float* p, int classes, int stride)
    {
        for (var o = 0; o < stride; o += Simd.Lanes)
        {
            var max = Max(z + o, classes, stride);
            var sum = Vector256<float>.Zero;
            for (var r = 0; r < classes; r++)
            {
                var e = FastExp.OfNonPositive(Vector256.Load(z + r * stride + o) - max);
                e.Store(p + r * stride + o);
                sum += e;
            }
            var inverse = Vector256<float>.One / sum;
            for (var r = 0; r < classes; r++)
                (Vector256.Load(p + r * stride + o) * inverse).Store(p + r * stride + o);
        }
    }

    /// <summary>
    /// The mean cross-entropy's loss and gradient at the output of a block of <paramref name="count"/>
    /// labelled samples: z := (softmax(z) − onehot(label))·scale, dL/dz for scale = 1/batch, and
    /// returns Σ_s −log p[label_s][s], computed in the log domain (log Σ e^{z−max} − (z_label − max)).
    /// Lanes past <paramref name="count"/> become 0 so the padding adds nothing to any gradient.
    /// z: [classes][stride]  labels: [stride] (lanes past count ignored)
    /// </summary>
    public static double CrossEntropyGradient(float* z, int classes, int stride, int* labels, int count, float scale)
    {
        var loss = Vector256<float>.Zero;
        var lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var s = Vector256.Create(scale);
        for (var o = 0; o < stride; o += Simd.Lanes)
        {
            var valid = Vector256.LessThan(lane + Vector256.Create(o), Vector256.Create(count)).AsSingle();
            var label = Vector256.Load(labels + o);
            var max = Max(z + o, classes, stride);
            var sum = Vector256<float>.Zero;
            var labelled = Vector256<float>.Zero;
            for (var r = 0; r < classes; r++)
            {
                var shifted = Vector256.Load(z + r * stride + o) - max;
                labelled = Vector256.ConditionalSelect(Vector256.Equals(label, Vector256.Create(r)).AsSingle(), shifted, labelled);
                var e = FastExp.OfNonPositive(shifted);
                e.Store(z + r * stride + o);
                sum += e;
            }
            loss += (LogOfSum(sum) - labelled) & valid;
            var inverse = s / sum;
            for (var r = 0; r < classes; r++)
            {
                var row = z + r * stride + o;
                var onehot = Vector256.Equals(label, Vector256.Create(r)).AsSingle() & s;
                ((Vector256.Load(row) * inverse - onehot) & valid).Store(row);
            }
        }
        return Simd.Sum(loss);
    }

    /// <summary>
    /// <see cref="CrossEntropyGradient"/> for two classes, on the logit difference d = z₁ − z₀ alone:
    /// d := (p₁ − [label = 1])·scale with p₁ = σ(d), and returns Σ_s −log p[label_s][s] =
    /// Σ log(1 + e^−|d|) + max(0, ∓d) (− for label 1), with e^−|d| ≤ 1 so nothing overflows.
    /// Lanes past <paramref name="count"/> become 0. A non-finite d in a counted lane makes the loss NaN.
    /// d: [stride]  labels: [stride] (0 or 1; lanes past count ignored)
    /// </summary>
    public static double TwoClassCrossEntropyGradient(float* d, int stride, int* labels, int count, float scale)
    {
        var loss = Vector256<float>.Zero;
        var lane = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var s = Vector256.Create(scale);
        for (var o = 0; o < stride; o += Simd.Lanes)
        {
            var valid = Vector256.LessThan(lane + Vector256.Create(o), Vector256.Create(count)).AsSingle();
            var one = Vector256.Equals(Vector256.Load(labels + o), Vector256<int>.One).AsSingle();
            var x = Vector256.Load(d + o);
            var (_, p1, sum) = TwoClass(x);
            var against = Vector256.ConditionalSelect(one, -x, x);
            // + 0·d: an infinite d (a hidden activation overflowed) makes the loss NaN even when it
            // is infinite on the right side, so the trainer stops a diverging network as the full
            // softmax's NaN did, instead of training on with infinities that views can't draw.
            loss += (LogOfSum(sum) + Vector256.Max(against, Vector256<float>.Zero) + x * Vector256<float>.Zero) & valid;
            ((p1 - (one & Vector256<float>.One)) * s & valid).Store(d + o);
        }
        return Simd.Sum(loss);
    }

    /// <summary>
    /// Softmax over two classes from d = z₁ − z₀: p₁ = 1/(1 + e^−d), p₀ = e^−d/(1 + e^−d). With
    /// e = e^−|d| ≤ 1 (one exponential, never overflowing) the larger probability is 1/(1 + e) and the
    /// smaller e/(1 + e), so both keep full relative precision; <c>Sum</c> = 1 + e ∈ [1, 2] (for the loss).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<float> P0, Vector256<float> P1, Vector256<float> Sum) TwoClass(Vector256<float> d)
    {
        var e = FastExp.OfNonPositive(-Vector256.Abs(d));
        var sum = Vector256<float>.One + e;
        var larger = Vector256<float>.One / sum;
        var smaller = e * larger;
        var classOne = Vector256.GreaterThanOrEqual(d, Vector256<float>.Zero);
        return (Vector256.ConditionalSelect(classOne, smaller, larger), Vector256.ConditionalSelect(classOne, larger, smaller), sum);
    }

    /// <summary>
    /// ln x for the softmax's Σ e^{z−max} ∈ [1, classes]: x = m·2^e with m ∈ [√½, √2), then
    /// ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172, by its series to s⁹ (error below 1e-9 before
    /// float rounding). Vector256.Log widens to double and costs several times more; only the reported
    /// loss depends on this, never a gradient.
    /// </summary>
    internal static Vector256<float> LogOfSum(Vector256<float> x)
    {
        var bits = x.AsInt32();
        var exponent = (bits >>> 23) - Vector256.Create(127);
        var m = ((bits & Vector256.Create(0x007FFFFF)) | Vector256.Create(0x3F800000)).AsSingle();
        var high = Vector256.GreaterThan(m, Vector256.Create(1.41421356f));
        m = Vector256.ConditionalSelect(high, m * Vector256.Create(0.5f), m);
        exponent -= high.AsInt32();
        var s = (m - Vector256<float>.One) / (m + Vector256<float>.One);
        var s2 = s * s;
        var series = Simd.MultiplyAdd(s2, Vector256.Create(2f / 9), Vector256.Create(2f / 7));
        series = Simd.MultiplyAdd(s2, series, Vector256.Create(2f / 5));
        series = Simd.MultiplyAdd(s2, series, Vector256.Create(2f / 3));
        series = Simd.MultiplyAdd(s2, series, Vector256.Create(2f));
        return Simd.MultiplyAdd(Vector256.ConvertToSingle(exponent), Vector256.Create(0.693147181f), s * series);
    }

    private static Vector256<float> Max(float* z, int classes, int stride)
    {
        var max = Vector256.Load(z);
        for (var r = 1; r < classes; r++) max = Vector256.Max(max, Vector256.Load(z + r * stride));
        return max;
    }
}
