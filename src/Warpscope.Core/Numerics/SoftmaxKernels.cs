using System.Runtime.CompilerServices;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Softmax<T>(float* z, float* p, int classes, int stride) where T : struct, IFloatVector<T>
    {
        for (var o = 0; o < stride; o += T.Count)
        {
            var max = Max<T>(z + o, classes, stride);
            var sum = T.Zero;
            for (var r = 0; r < classes; r++)
            {
                var e = FastExp.OfNonPositive(T.Load(z + r * stride + o) - max);
                e.Store(p + r * stride + o);
                sum += e;
            }
            var inverse = T.One / sum;
            for (var r = 0; r < classes; r++)
                (T.Load(p + r * stride + o) * inverse).Store(p + r * stride + o);
        }
    }

    /// <summary>
    /// The mean cross-entropy's loss and gradient at the output of a block of <paramref name="count"/>
    /// labelled samples: z := (softmax(z) − onehot(label))·scale, dL/dz for scale = 1/batch, and
    /// returns Σ_s −log p[label_s][s], computed in the log domain (log Σ e^{z−max} − (z_label − max)).
    /// Lanes past <paramref name="count"/> become 0 so the padding adds nothing to any gradient.
    /// z: [classes][stride]  labels: [stride] (lanes past count ignored)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double CrossEntropyGradient<T>(float* z, int classes, int stride, int* labels, int count, float scale) where T : struct, IFloatVector<T>
    {
        var loss = T.Zero;
        var s = T.Create(scale);
        for (var o = 0; o < stride; o += T.Count)
        {
            var valid = T.LanesBelow(count - o);
            var max = Max<T>(z + o, classes, stride);
            var sum = T.Zero;
            var labelled = T.Zero;
            for (var r = 0; r < classes; r++)
            {
                var shifted = T.Load(z + r * stride + o) - max;
                labelled = T.ConditionalSelect(T.LabelIs(labels + o, r), shifted, labelled);
                var e = FastExp.OfNonPositive(shifted);
                e.Store(z + r * stride + o);
                sum += e;
            }
            loss += (LogOfSum(sum) - labelled) & valid;
            var inverse = s / sum;
            for (var r = 0; r < classes; r++)
            {
                var row = z + r * stride + o;
                var onehot = T.LabelIs(labels + o, r) & s;
                ((T.Load(row) * inverse - onehot) & valid).Store(row);
            }
        }
        return T.Sum(loss);
    }

    /// <summary>
    /// <see cref="CrossEntropyGradient"/> for two classes, on the logit difference d = z₁ − z₀ alone:
    /// d := (p₁ − [label = 1])·scale with p₁ = σ(d), and returns Σ_s −log p[label_s][s] =
    /// Σ log(1 + e^−|d|) + max(0, ∓d) (− for label 1), with e^−|d| ≤ 1 so nothing overflows.
    /// Lanes past <paramref name="count"/> become 0. A non-finite d in a counted lane makes the loss NaN.
    /// d: [stride]  labels: [stride] (0 or 1; lanes past count ignored)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double TwoClassCrossEntropyGradient<T>(float* d, int stride, int* labels, int count, float scale) where T : struct, IFloatVector<T>
    {
        var loss = T.Zero;
        var s = T.Create(scale);
        for (var o = 0; o < stride; o += T.Count)
        {
            var valid = T.LanesBelow(count - o);
            var one = T.LabelIs(labels + o, 1);
            var x = T.Load(d + o);
            var (_, p1, sum) = TwoClass(x);
            var against = T.ConditionalSelect(one, -x, x);
            // + 0·d: an infinite d (a hidden activation overflowed) makes the loss NaN even when it
            // is infinite on the right side, so the trainer stops a diverging network as the full
            // softmax's NaN did, instead of training on with infinities that views can't draw.
            loss += (LogOfSum(sum) + T.Max(T.Zero, against) + x * T.Zero) & valid;
            ((p1 - (one & T.One)) * s & valid).Store(d + o);
        }
        return T.Sum(loss);
    }

    /// <summary>
    /// Softmax over two classes from d = z₁ − z₀: p₁ = 1/(1 + e^−d), p₀ = e^−d/(1 + e^−d). With
    /// e = e^−|d| ≤ 1 (one exponential, never overflowing) the larger probability is 1/(1 + e) and the
    /// smaller e/(1 + e), so both keep full relative precision; <c>Sum</c> = 1 + e ∈ [1, 2] (for the loss).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (T P0, T P1, T Sum) TwoClass<T>(T d) where T : struct, IFloatVector<T>
    {
        var e = FastExp.OfNonPositive(-T.Abs(d));
        var sum = T.One + e;
        var larger = T.One / sum;
        var smaller = e * larger;
        var classOne = T.GreaterThanOrEqual(d, T.Zero);
        return (T.ConditionalSelect(classOne, smaller, larger), T.ConditionalSelect(classOne, larger, smaller), sum);
    }

    /// <summary>
    /// ln x for the softmax's Σ e^{z−max} ∈ [1, classes]: x = m·2^e with m ∈ [√½, √2), then
    /// ln m = 2·atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172, by its series to s⁹ (error below 1e-9 before
    /// float rounding). Vector256.Log widens to double and costs several times more; only the reported
    /// loss depends on this, never a gradient. Inlined: as a call it was 4 % of a W1 net A step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T LogOfSum<T>(T x) where T : struct, IFloatVector<T>
    {
        var exponent = T.Exponent(x, out var m);
        var high = T.GreaterThan(m, T.Create(1.41421356f));
        m = T.ConditionalSelect(high, m * T.Create(0.5f), m);
        exponent += high & T.One;
        var s = (m - T.One) / (m + T.One);
        var s2 = s * s;
        var series = T.MultiplyAdd(s2, T.Create(2f / 9), T.Create(2f / 7));
        series = T.MultiplyAdd(s2, series, T.Create(2f / 5));
        series = T.MultiplyAdd(s2, series, T.Create(2f / 3));
        series = T.MultiplyAdd(s2, series, T.Create(2f));
        return T.MultiplyAdd(exponent, T.Create(0.693147181f), s * series);
    }

    private static T Max<T>(float* z, int classes, int stride) where T : struct, IFloatVector<T>
    {
        var max = T.Load(z);
        for (var r = 1; r < classes; r++) max = T.Max(max, T.Load(z + r * stride));
        return max;
    }
}
