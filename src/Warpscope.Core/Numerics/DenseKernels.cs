using System.Runtime.Intrinsics;

namespace Warpscope.Core.Numerics;

/// <summary>
/// The affine maps of a dense layer on a block of samples held feature-major, so that each SIMD lane
/// is one sample: a row of a block is one unit's value for every sample of the block
/// (row r, sample s at r·stride + s). Only the first <c>vectors</c>·8 lanes of a row are touched.
/// </summary>
internal static unsafe class DenseKernels
{
    /// <summary>
    /// y = M·x (+ bias): y[r][s] = bias[r] + Σ_c M(r, c)·x[c][s], with M(r, c) = m[r·rowStep + c·colStep].
    /// Forward: M = W (rowStep = in, colStep = 1). Backward to the input: M = Wᵀ (rowStep = 1, colStep = in).
    /// x: [cols][stride]  m: as above  bias: [rows] or empty  y: [rows][stride]
    /// </summary>
    public static void Combine(float* x, int cols, float* m, int rowStep, int colStep, float* bias,
        float* y, int rows, int stride, int vectors)
    {
        for (var r = 0; r < rows; r++)
        {
            var init = bias == null ? Vector256<float>.Zero : Vector256.Create(bias[r]);
            var mr = m + r * rowStep;
            var yr = y + r * stride;
            var v = 0;
            // Four vectors of samples per pass: four independent FMA chains hide the latency.
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
                a0.Store(yv);
                a1.Store(yv + 8);
                a2.Store(yv + 16);
                a3.Store(yv + 24);
            }
            for (; v < vectors; v++)
            {
                var a0 = init;
                var xc = x + v * Simd.Lanes;
                for (var c = 0; c < cols; c++, xc += stride)
                    a0 = Simd.MultiplyAdd(Vector256.Create(mr[c * colStep]), Vector256.Load(xc), a0);
                a0.Store(yr + v * Simd.Lanes);
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
        for (var r = 0; r < rows; r++)
        {
            var dyr = dy + r * stride;
            var gwr = gW + r * cols;
            var bias = Vector256<float>.Zero;
            for (var v = 0; v < vectors; v++) bias += Vector256.Load(dyr + v * Simd.Lanes);
            gb[r] += Simd.Sum(bias);

            var c = 0;
            // Four inputs per pass share each load of dy.
            for (; c + 4 <= cols; c += 4)
            {
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                var x0 = x + c * stride;
                for (var v = 0; v < vectors; v++)
                {
                    var o = v * Simd.Lanes;
                    var d = Vector256.Load(dyr + o);
                    a0 = Simd.MultiplyAdd(d, Vector256.Load(x0 + o), a0);
                    a1 = Simd.MultiplyAdd(d, Vector256.Load(x0 + stride + o), a1);
                    a2 = Simd.MultiplyAdd(d, Vector256.Load(x0 + 2 * stride + o), a2);
                    a3 = Simd.MultiplyAdd(d, Vector256.Load(x0 + 3 * stride + o), a3);
                }
                gwr[c] += Simd.Sum(a0);
                gwr[c + 1] += Simd.Sum(a1);
                gwr[c + 2] += Simd.Sum(a2);
                gwr[c + 3] += Simd.Sum(a3);
            }
            for (; c < cols; c++)
            {
                var a0 = Vector256<float>.Zero;
                var xc = x + c * stride;
                for (var v = 0; v < vectors; v++)
                    a0 = Simd.MultiplyAdd(Vector256.Load(dyr + v * Simd.Lanes), Vector256.Load(xc + v * Simd.Lanes), a0);
                gwr[c] += Simd.Sum(a0);
            }
        }
    }
}
