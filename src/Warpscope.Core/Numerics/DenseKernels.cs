using System.Runtime.Intrinsics;

namespace Warpscope.Core.Numerics;

/// <summary>
/// The affine maps of a dense layer on a block of samples held feature-major, so that each SIMD lane
/// is one sample: a row of a block is one unit's value for every sample of the block
/// (row r, sample s at r·stride + s). Only the first <c>vectors</c>·8 lanes of a row are touched.
/// Both kernels are register-blocked (several rows × several vectors of samples per pass) so that
/// each load feeds more than one FMA: with one row per pass the loads, not the FMA units, set the pace.
/// </summary>
internal static unsafe class DenseKernels
{
    /// <summary>
    /// y = M·x (+ bias): y[r][s] = bias[r] + Σ_c M(r, c)·x[c][s], with M(r, c) = m[r·rowStep + c·colStep].
    /// Forward: M = W (rowStep = in, colStep = 1). Backward to the input: M = Wᵀ (rowStep = 1, colStep = in).
    /// Every y[r][s] sums its terms in the same order (bias, then c = 0, 1, …) whatever the blocking.
    /// <typeparamref name="TOut"/> says what is stored of each result vector and where (<see cref="BlockOutputs"/>):
    /// y alone, y ⊙ the factor already in y (the backward pass's dL/dz = (Wᵀ·dz′) ⊙ σ′(z)), or z in y and
    /// σ(z) at the same place of <paramref name="y2"/> — the activation applied while the sums are in registers.
    /// x: [cols][stride]  m: as above  bias: [rows] or null  y, y2: [rows][stride]
    /// </summary>
    public static void Combine<TOut>(float* x, int cols, float* m, int rowStep, int colStep, float* bias,
        float* y, float* y2, int rows, int stride, int vectors)
        where TOut : struct, IBlockOutput
    {
        var to = (nint)(y2 - y);
        var r = 0;
        // Four rows × two vectors of samples: per input, two loads of x and four broadcasts feed eight FMAs.
        for (; r + 4 <= rows; r += 4)
        {
            var i0 = Init(bias, r);
            var i1 = Init(bias, r + 1);
            var i2 = Init(bias, r + 2);
            var i3 = Init(bias, r + 3);
            var m0 = m + r * rowStep;
            var y0 = y + r * stride;
            var v = 0;
            for (; v + 2 <= vectors; v += 2)
            {
                Vector256<float> a0 = i0, b0 = i0, a1 = i1, b1 = i1, a2 = i2, b2 = i2, a3 = i3, b3 = i3;
                var xc = x + v * Simd.Lanes;
                var mc = m0;
                for (var c = 0; c < cols; c++, xc += stride, mc += colStep)
                {
                    var xa = Vector256.Load(xc);
                    var xb = Vector256.Load(xc + Simd.Lanes);
                    var w = Vector256.Create(mc[0]);
                    a0 = Simd.MultiplyAdd(w, xa, a0);
                    b0 = Simd.MultiplyAdd(w, xb, b0);
                    w = Vector256.Create(mc[rowStep]);
                    a1 = Simd.MultiplyAdd(w, xa, a1);
                    b1 = Simd.MultiplyAdd(w, xb, b1);
                    w = Vector256.Create(mc[2 * rowStep]);
                    a2 = Simd.MultiplyAdd(w, xa, a2);
                    b2 = Simd.MultiplyAdd(w, xb, b2);
                    w = Vector256.Create(mc[3 * rowStep]);
                    a3 = Simd.MultiplyAdd(w, xa, a3);
                    b3 = Simd.MultiplyAdd(w, xb, b3);
                }
                var yv = y0 + v * Simd.Lanes;
                TOut.Put(a0, yv, to);
                TOut.Put(b0, yv + Simd.Lanes, to);
                TOut.Put(a1, yv + stride, to);
                TOut.Put(b1, yv + stride + Simd.Lanes, to);
                TOut.Put(a2, yv + 2 * stride, to);
                TOut.Put(b2, yv + 2 * stride + Simd.Lanes, to);
                TOut.Put(a3, yv + 3 * stride, to);
                TOut.Put(b3, yv + 3 * stride + Simd.Lanes, to);
            }
            if (v < vectors)
            {
                Vector256<float> a0 = i0, a1 = i1, a2 = i2, a3 = i3;
                var xc = x + v * Simd.Lanes;
                var mc = m0;
                for (var c = 0; c < cols; c++, xc += stride, mc += colStep)
                {
                    var xa = Vector256.Load(xc);
                    a0 = Simd.MultiplyAdd(Vector256.Create(mc[0]), xa, a0);
                    a1 = Simd.MultiplyAdd(Vector256.Create(mc[rowStep]), xa, a1);
                    a2 = Simd.MultiplyAdd(Vector256.Create(mc[2 * rowStep]), xa, a2);
                    a3 = Simd.MultiplyAdd(Vector256.Create(mc[3 * rowStep]), xa, a3);
                }
                var yv = y0 + v * Simd.Lanes;
                TOut.Put(a0, yv, to);
                TOut.Put(a1, yv + stride, to);
                TOut.Put(a2, yv + 2 * stride, to);
                TOut.Put(a3, yv + 3 * stride, to);
            }
        }
        // The last rows (fewer than four, e.g. a 2-class output layer): one row × four vectors.
        for (; r < rows; r++)
        {
            var init = Init(bias, r);
            var mr = m + r * rowStep;
            var yr = y + r * stride;
            var v = 0;
            for (; v + 4 <= vectors; v += 4)
            {
                Vector256<float> a0 = init, a1 = init, a2 = init, a3 = init;
                var xc = x + v * Simd.Lanes;
                for (var c = 0; c < cols; c++, xc += stride)
                {
                    var w = Vector256.Create(mr[c * colStep]);
                    a0 = Simd.MultiplyAdd(w, Vector256.Load(xc), a0);
                    a1 = Simd.MultiplyAdd(w, Vector256.Load(xc + 8), a1);
                    a2 = Simd.MultiplyAdd(w, Vector256.Load(xc + 16), a2);
                    a3 = Simd.MultiplyAdd(w, Vector256.Load(xc + 24), a3);
                }
                var yv = yr + v * Simd.Lanes;
                TOut.Put(a0, yv, to);
                TOut.Put(a1, yv + 8, to);
                TOut.Put(a2, yv + 16, to);
                TOut.Put(a3, yv + 24, to);
            }
            for (; v < vectors; v++)
            {
                var a0 = init;
                var xc = x + v * Simd.Lanes;
                for (var c = 0; c < cols; c++, xc += stride)
                    a0 = Simd.MultiplyAdd(Vector256.Create(mr[c * colStep]), Vector256.Load(xc), a0);
                TOut.Put(a0, yr + v * Simd.Lanes, to);
            }
        }
    }

    /// <summary>
    /// Accumulates the parameter gradient of y = W·x + b from dL/dy over the block's samples:
    /// gW[r][c] += Σ_s dy[r][s]·x[c][s], gb[r] += Σ_s dy[r][s]. Lanes past the block's samples must
    /// hold dy = 0 so they add nothing.
    /// dy: [rows][stride]  x: [cols][stride]  gW: [rows][cols]  gb: [rows]
    /// </summary>
    public static void AccumulateWeightGradient(float* dy, int rows, float* x, int cols,
        float* gW, float* gb, int stride, int vectors)
    {
        var r = 0;
        // Two rows × four inputs: per vector of samples, six loads feed eight FMAs; the eight sums
        // are then reduced together, lane sums side by side in one vector.
        for (; r + 2 <= rows; r += 2)
        {
            var d0 = dy + r * stride;
            var d1 = d0 + stride;
            var g0 = gW + r * cols;
            var g1 = g0 + cols;
            Vector256<float> bias0 = default, bias1 = default;
            for (var v = 0; v < vectors; v++)
            {
                bias0 += Vector256.Load(d0 + v * Simd.Lanes);
                bias1 += Vector256.Load(d1 + v * Simd.Lanes);
            }
            var biases = Simd.Sums(bias0, bias1);
            gb[r] += biases.GetElement(0);
            gb[r + 1] += biases.GetElement(1);

            var c = 0;
            for (; c + 4 <= cols; c += 4)
            {
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                Vector256<float> b0 = default, b1 = default, b2 = default, b3 = default;
                var x0 = x + c * stride;
                for (var o = 0; o < vectors * Simd.Lanes; o += Simd.Lanes)
                {
                    var e0 = Vector256.Load(d0 + o);
                    var e1 = Vector256.Load(d1 + o);
                    var x_ = Vector256.Load(x0 + o);
                    a0 = Simd.MultiplyAdd(e0, x_, a0);
                    b0 = Simd.MultiplyAdd(e1, x_, b0);
                    x_ = Vector256.Load(x0 + stride + o);
                    a1 = Simd.MultiplyAdd(e0, x_, a1);
                    b1 = Simd.MultiplyAdd(e1, x_, b1);
                    x_ = Vector256.Load(x0 + 2 * stride + o);
                    a2 = Simd.MultiplyAdd(e0, x_, a2);
                    b2 = Simd.MultiplyAdd(e1, x_, b2);
                    x_ = Vector256.Load(x0 + 3 * stride + o);
                    a3 = Simd.MultiplyAdd(e0, x_, a3);
                    b3 = Simd.MultiplyAdd(e1, x_, b3);
                }
                var sums = Simd.Sums(a0, a1, a2, a3, b0, b1, b2, b3);
                (Vector128.Load(g0 + c) + sums.GetLower()).Store(g0 + c);
                (Vector128.Load(g1 + c) + sums.GetUpper()).Store(g1 + c);
            }
            for (; c < cols; c++)
            {
                Vector256<float> a0 = default, b0 = default;
                var xc = x + c * stride;
                for (var o = 0; o < vectors * Simd.Lanes; o += Simd.Lanes)
                {
                    var x_ = Vector256.Load(xc + o);
                    a0 = Simd.MultiplyAdd(Vector256.Load(d0 + o), x_, a0);
                    b0 = Simd.MultiplyAdd(Vector256.Load(d1 + o), x_, b0);
                }
                var sums = Simd.Sums(a0, b0);
                g0[c] += sums.GetElement(0);
                g1[c] += sums.GetElement(1);
            }
        }
        for (; r < rows; r++)
        {
            var dyr = dy + r * stride;
            var gwr = gW + r * cols;
            var bias = Vector256<float>.Zero;
            for (var v = 0; v < vectors; v++) bias += Vector256.Load(dyr + v * Simd.Lanes);
            gb[r] += Simd.Sum(bias);
            var c = 0;
            for (; c + 4 <= cols; c += 4)
            {
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                var x0 = x + c * stride;
                for (var o = 0; o < vectors * Simd.Lanes; o += Simd.Lanes)
                {
                    var d = Vector256.Load(dyr + o);
                    a0 = Simd.MultiplyAdd(d, Vector256.Load(x0 + o), a0);
                    a1 = Simd.MultiplyAdd(d, Vector256.Load(x0 + stride + o), a1);
                    a2 = Simd.MultiplyAdd(d, Vector256.Load(x0 + 2 * stride + o), a2);
                    a3 = Simd.MultiplyAdd(d, Vector256.Load(x0 + 3 * stride + o), a3);
                }
                (Vector128.Load(gwr + c) + Simd.Sums(a0, a1, a2, a3)).Store(gwr + c);
            }
            for (; c < cols; c++)
            {
                var a0 = Vector256<float>.Zero;
                var xc = x + c * stride;
                for (var o = 0; o < vectors * Simd.Lanes; o += Simd.Lanes)
                    a0 = Simd.MultiplyAdd(Vector256.Load(dyr + o), Vector256.Load(xc + o), a0);
                gwr[c] += Simd.Sum(a0);
            }
        }
    }

    private static Vector256<float> Init(float* bias, int r) =>
        bias == null ? Vector256<float>.Zero : Vector256.Create(bias[r]);
}
