using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Warpscope.Core.Numerics;

/// <summary>
/// The affine maps of a dense layer on a block of samples held feature-major, so that each SIMD lane
/// is one sample: a row of a block is one unit's value for every sample of the block
/// (row r, sample s at r·stride + s). Only the first <c>vectors</c>·T.Count lanes of a row are touched.
/// Written once over <see cref="IFloatVector{TSelf}"/>: T is 8 or 16 lanes.
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
    // Not inlined into its callers: with the 4 × 2 tile inside it, a training step's ForwardBackward that
    // inlined it at tier 1 grew past what the JIT optimises well (W1 net A at 256 bits 4 % slower).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Combine<T, TOut>(float* x, int cols, float* m, int rowStep, int colStep, float* bias,
        float* y, float* y2, int rows, int stride, int vectors)
        where T : struct, IFloatVector<T>
        where TOut : struct, IBlockOutput
    {
        var to = (nint)(y2 - y);
        var r = 0;
        // Each tile method walks the row group's vectors itself and returns where it stopped: a call
        // per tile (up to sixteen a layer and block) cost W1 net A 4 % at 256 bits (14.4 against 13.85 µs).
        for (; r + 4 <= rows; r += 4)
        {
            var v = 0;
            var mr = m + r * rowStep;
            var yr = y + r * stride;
            // 512 bits: 32 registers hold sixteen sums (four loads and four broadcasts feed sixteen
            // FMAs); with 256 bits' sixteen registers the 4 × 2 tile is the largest that does not spill.
            // Not for tanh with its derivative: sixteen of those epilogues spill the sums (measured
            // no faster than 4 × 2, also with the sums stored first and tanh taken from L1).
            if (T.Count == 16 && typeof(TOut) != typeof(BlockOutputs.TanhTraining))
                v = FourRowsFourVectors<T, TOut>(x, cols, mr, rowStep, colStep, bias, r, yr, to, stride, vectors);
            else if (T.Count == 16)
                v = FourRowsThreeVectors<T, TOut>(x, cols, mr, rowStep, colStep, bias, r, yr, to, stride, vectors);
            if (v + 2 <= vectors)
                v = FourRowsTwoVectors<T, TOut>(x, cols, mr, rowStep, colStep, bias, r, yr, to, stride, v, vectors);
            if (v < vectors)
                FourRowsOneVector<T, TOut>(x + v * T.Count, cols, mr, rowStep, colStep, bias, r, yr + v * T.Count, to, stride);
        }
        // The last rows (fewer than four, e.g. a 2-class output layer): one row × four vectors.
        for (; r < rows; r++)
        {
            var v = vectors >= 4 ? OneRowFourVectors<T, TOut>(x, cols, m + r * rowStep, colStep, bias, r, y + r * stride, to, stride, vectors) : 0;
            for (; v < vectors; v++)
                OneRowOneVector<T, TOut>(x + v * T.Count, cols, m + r * rowStep, colStep, bias, r, y + r * stride + v * T.Count, to, stride);
        }
    }

    // The tiles of Combine, each its own method but the 4 × 2 one: the JIT's inlining budget is per
    // compiled method, and a tile's epilogue inlines TOut (tanh: a dozen vector operations) once per
    // accumulator, so one method holding every tile ran out of budget and called the vector
    // operations instead. The 4 × 2 tile alone fits inside Combine, and a minibatch of 10 (two 256-bit
    // vectors) is nothing but that tile: as a call it cost W2 net A about 5 % at 256 bits (42.4 against 40 µs an epoch).
    // Every kernel is compiled optimised at its first call (AggressiveOptimization): unoptimised,
    // each IFloatVector operation is a call, and the first frames and steps ran tens of times slower.

    /// <summary>Four rows × four vectors of samples: per input, four loads of x and four broadcasts feed sixteen FMAs.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int FourRowsFourVectors<T, TOut>(float* x0, int cols, float* m0, int rowStep, int colStep, float* bias, int r,
        float* y0, nint to, int stride, int vectors)
        where T : struct, IFloatVector<T>
        where TOut : struct, IBlockOutput
    {
        var v = 0;
        var lanes = T.Count;
        nint r1 = rowStep, r2 = 2 * rowStep, r3 = 3 * rowStep;
        for (; v + 4 <= vectors; v += 4)
        {
            var x = x0 + v * lanes;
            var y = y0 + v * lanes;
            var m = m0;
            T a0 = Init<T>(bias, r), a1 = Init<T>(bias, r + 1), a2 = Init<T>(bias, r + 2), a3 = Init<T>(bias, r + 3);
            T b0 = a0, b1 = a1, b2 = a2, b3 = a3;
            T c0 = a0, c1 = a1, c2 = a2, c3 = a3;
            T d0 = a0, d1 = a1, d2 = a2, d3 = a3;
            for (var c = 0; c < cols; c++, x += stride, m += colStep)
            {
                var xa = T.Load(x);
                var xb = T.Load(x + lanes);
                var xc = T.Load(x + 2 * lanes);
                var xd = T.Load(x + 3 * lanes);
                var w = T.Create(m[0]);
                a0 = T.MultiplyAdd(w, xa, a0);
                b0 = T.MultiplyAdd(w, xb, b0);
                c0 = T.MultiplyAdd(w, xc, c0);
                d0 = T.MultiplyAdd(w, xd, d0);
                w = T.Create(m[r1]);
                a1 = T.MultiplyAdd(w, xa, a1);
                b1 = T.MultiplyAdd(w, xb, b1);
                c1 = T.MultiplyAdd(w, xc, c1);
                d1 = T.MultiplyAdd(w, xd, d1);
                w = T.Create(m[r2]);
                a2 = T.MultiplyAdd(w, xa, a2);
                b2 = T.MultiplyAdd(w, xb, b2);
                c2 = T.MultiplyAdd(w, xc, c2);
                d2 = T.MultiplyAdd(w, xd, d2);
                w = T.Create(m[r3]);
                a3 = T.MultiplyAdd(w, xa, a3);
                b3 = T.MultiplyAdd(w, xb, b3);
                c3 = T.MultiplyAdd(w, xc, c3);
                d3 = T.MultiplyAdd(w, xd, d3);
            }
            Put4<T, TOut>(a0, b0, c0, d0, y, to, lanes);
            Put4<T, TOut>(a1, b1, c1, d1, y + stride, to, lanes);
            Put4<T, TOut>(a2, b2, c2, d2, y + 2 * stride, to, lanes);
            Put4<T, TOut>(a3, b3, c3, d3, y + 3 * stride, to, lanes);
        }
        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put4<T, TOut>(T a, T b, T c, T d, float* y, nint to, int lanes)
        where T : struct, IFloatVector<T>
        where TOut : struct, IBlockOutput
    {
        TOut.Put(a, y, to);
        TOut.Put(b, y + lanes, to);
        TOut.Put(c, y + 2 * lanes, to);
        TOut.Put(d, y + 3 * lanes, to);
    }

    /// <summary>Four rows × two vectors of samples: per input, two loads of x and four broadcasts feed eight FMAs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FourRowsTwoVectors<T, TOut>(float* x0, int cols, float* m0, int rowStep, int colStep, float* bias, int r,
        float* y0, nint to, int stride, int v, int vectors)
        where T : struct, IFloatVector<T>
        where TOut : struct, IBlockOutput
    {
        var lanes = T.Count;
        nint r1 = rowStep, r2 = 2 * rowStep, r3 = 3 * rowStep;
        for (; v + 2 <= vectors; v += 2)
        {
            var x = x0 + v * lanes;
            var y = y0 + v * lanes;
            var m = m0;
            T a0 = Init<T>(bias, r), a1 = Init<T>(bias, r + 1), a2 = Init<T>(bias, r + 2), a3 = Init<T>(bias, r + 3);
            T b0 = a0, b1 = a1, b2 = a2, b3 = a3;
            for (var c = 0; c < cols; c++, x += stride, m += colStep)
            {
                var xa = T.Load(x);
                var xb = T.Load(x + lanes);
                var w = T.Create(m[0]);
                a0 = T.MultiplyAdd(w, xa, a0);
                b0 = T.MultiplyAdd(w, xb, b0);
                w = T.Create(m[r1]);
                a1 = T.MultiplyAdd(w, xa, a1);
                b1 = T.MultiplyAdd(w, xb, b1);
                w = T.Create(m[r2]);
                a2 = T.MultiplyAdd(w, xa, a2);
                b2 = T.MultiplyAdd(w, xb, b2);
                w = T.Create(m[r3]);
                a3 = T.MultiplyAdd(w, xa, a3);
                b3 = T.MultiplyAdd(w, xb, b3);
            }
            TOut.Put(a0, y, to);
            TOut.Put(b0, y + lanes, to);
            TOut.Put(a1, y + stride, to);
            TOut.Put(b1, y + stride + lanes, to);
            TOut.Put(a2, y + 2 * stride, to);
            TOut.Put(b2, y + 2 * stride + lanes, to);
            TOut.Put(a3, y + 3 * stride, to);
            TOut.Put(b3, y + 3 * stride + lanes, to);
        }
        return v;
    }

    /// <summary>Four rows × three vectors of samples (512 bits, tanh with its derivative): twelve sums and their epilogues fit 32 registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int FourRowsThreeVectors<T, TOut>(float* x0, int cols, float* m0, int rowStep, int colStep, float* bias, int r,
        float* y0, nint to, int stride, int vectors)
        where T : struct, IFloatVector<T>
        where TOut : struct, IBlockOutput
    {
        var v = 0;
        var lanes = T.Count;
        nint r1 = rowStep, r2 = 2 * rowStep, r3 = 3 * rowStep;
        for (; v + 3 <= vectors; v += 3)
        {
            var x = x0 + v * lanes;
            var y = y0 + v * lanes;
            var m = m0;
            T a0 = Init<T>(bias, r), a1 = Init<T>(bias, r + 1), a2 = Init<T>(bias, r + 2), a3 = Init<T>(bias, r + 3);
            T b0 = a0, b1 = a1, b2 = a2, b3 = a3;
            T c0 = a0, c1 = a1, c2 = a2, c3 = a3;
            for (var c = 0; c < cols; c++, x += stride, m += colStep)
            {
                var xa = T.Load(x);
                var xb = T.Load(x + lanes);
                var xc = T.Load(x + 2 * lanes);
                var w = T.Create(m[0]);
                a0 = T.MultiplyAdd(w, xa, a0);
                b0 = T.MultiplyAdd(w, xb, b0);
                c0 = T.MultiplyAdd(w, xc, c0);
                w = T.Create(m[r1]);
                a1 = T.MultiplyAdd(w, xa, a1);
                b1 = T.MultiplyAdd(w, xb, b1);
                c1 = T.MultiplyAdd(w, xc, c1);
                w = T.Create(m[r2]);
                a2 = T.MultiplyAdd(w, xa, a2);
                b2 = T.MultiplyAdd(w, xb, b2);
                c2 = T.MultiplyAdd(w, xc, c2);
                w = T.Create(m[r3]);
                a3 = T.MultiplyAdd(w, xa, a3);
                b3 = T.MultiplyAdd(w, xb, b3);
                c3 = T.MultiplyAdd(w, xc, c3);
            }
            TOut.Put(a0, y, to);
            TOut.Put(b0, y + lanes, to);
            TOut.Put(c0, y + 2 * lanes, to);
            TOut.Put(a1, y + stride, to);
            TOut.Put(b1, y + stride + lanes, to);
            TOut.Put(c1, y + stride + 2 * lanes, to);
            TOut.Put(a2, y + 2 * stride, to);
            TOut.Put(b2, y + 2 * stride + lanes, to);
            TOut.Put(c2, y + 2 * stride + 2 * lanes, to);
            TOut.Put(a3, y + 3 * stride, to);
            TOut.Put(b3, y + 3 * stride + lanes, to);
            TOut.Put(c3, y + 3 * stride + 2 * lanes, to);
        }
        return v;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void FourRowsOneVector<T, TOut>(float* x, int cols, float* m, int rowStep, int colStep, float* bias, int r,
        float* y, nint to, int stride)
        where T : struct, IFloatVector<T>
        where TOut : struct, IBlockOutput
    {
        nint r1 = rowStep, r2 = 2 * rowStep, r3 = 3 * rowStep;
        T a0 = Init<T>(bias, r), a1 = Init<T>(bias, r + 1), a2 = Init<T>(bias, r + 2), a3 = Init<T>(bias, r + 3);
        for (var c = 0; c < cols; c++, x += stride, m += colStep)
        {
            var xa = T.Load(x);
            a0 = T.MultiplyAdd(T.Create(m[0]), xa, a0);
            a1 = T.MultiplyAdd(T.Create(m[r1]), xa, a1);
            a2 = T.MultiplyAdd(T.Create(m[r2]), xa, a2);
            a3 = T.MultiplyAdd(T.Create(m[r3]), xa, a3);
        }
        TOut.Put(a0, y, to);
        TOut.Put(a1, y + stride, to);
        TOut.Put(a2, y + 2 * stride, to);
        TOut.Put(a3, y + 3 * stride, to);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int OneRowFourVectors<T, TOut>(float* x0, int cols, float* m0, int colStep, float* bias, int r,
        float* y0, nint to, int stride, int vectors)
        where T : struct, IFloatVector<T>
        where TOut : struct, IBlockOutput
    {
        var v = 0;
        var lanes = T.Count;
        for (; v + 4 <= vectors; v += 4)
        {
            var x = x0 + v * lanes;
            var y = y0 + v * lanes;
            var m = m0;
            T a0 = Init<T>(bias, r), a1 = a0, a2 = a0, a3 = a0;
            for (var c = 0; c < cols; c++, x += stride, m += colStep)
            {
                var w = T.Create(m[0]);
                a0 = T.MultiplyAdd(w, T.Load(x), a0);
                a1 = T.MultiplyAdd(w, T.Load(x + lanes), a1);
                a2 = T.MultiplyAdd(w, T.Load(x + 2 * lanes), a2);
                a3 = T.MultiplyAdd(w, T.Load(x + 3 * lanes), a3);
            }
            TOut.Put(a0, y, to);
            TOut.Put(a1, y + lanes, to);
            TOut.Put(a2, y + 2 * lanes, to);
            TOut.Put(a3, y + 3 * lanes, to);
        }
        return v;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void OneRowOneVector<T, TOut>(float* x, int cols, float* m, int colStep, float* bias, int r,
        float* y, nint to, int stride)
        where T : struct, IFloatVector<T>
        where TOut : struct, IBlockOutput
    {
        var a0 = Init<T>(bias, r);
        for (var c = 0; c < cols; c++, x += stride, m += colStep)
            a0 = T.MultiplyAdd(T.Create(m[0]), T.Load(x), a0);
        TOut.Put(a0, y, to);
    }

    /// <summary>
    /// Accumulates the parameter gradient of y = W·x + b from dL/dy over the block's samples:
    /// gW[r][c] += Σ_s dy[r][s]·x[c][s], gb[r] += Σ_s dy[r][s]. Lanes past the block's samples must
    /// hold dy = 0 so they add nothing.
    /// dy: [rows][stride]  x: [cols][stride]  gW: [rows][cols]  gb: [rows]
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateWeightGradient<T>(float* dy, int rows, float* x, int cols,
        float* gW, float* gb, int stride, int vectors)
        where T : struct, IFloatVector<T>
    {
        var lanes = T.Count;
        var r = 0;
        // 512 bits: four rows × four inputs, eight loads feed sixteen FMAs (32 registers hold the
        // sixteen sums). The rest, and 256 bits: two rows × four inputs, six loads feed eight FMAs.
        // Either way each tile's sums are reduced together, lane sums side by side in one vector,
        // and every gW[r][c] sums its terms in the same order whatever the tile.
        if (lanes == 16)
        {
            for (; r + 4 <= rows; r += 4)
            {
                var d = dy + r * stride;
                var c = 0;
                for (; c + 4 <= cols; c += 4) FourRowsFourInputs<T>(d, x + c * stride, gW + r * cols + c, cols, stride, vectors);
                FourRowsBiasAndLastInputs<T>(d, x + c * stride, gW + r * cols + c, gb + r, cols, cols - c, stride, vectors);
            }
        }
        for (; r + 2 <= rows; r += 2)
        {
            var d0 = dy + r * stride;
            var d1 = d0 + stride;
            var g0 = gW + r * cols;
            var g1 = g0 + cols;
            T bias0 = default, bias1 = default;
            for (var v = 0; v < vectors; v++)
            {
                bias0 += T.Load(d0 + v * lanes);
                bias1 += T.Load(d1 + v * lanes);
            }
            var biases = T.Sums(bias0, bias1);
            gb[r] += biases.GetElement(0);
            gb[r + 1] += biases.GetElement(1);

            var c = 0;
            for (; c + 4 <= cols; c += 4)
            {
                T a0 = default, a1 = default, a2 = default, a3 = default;
                T b0 = default, b1 = default, b2 = default, b3 = default;
                // The four input rows' starts computed once, not at every vector (a batch of 10 has two).
                var x0 = x + c * stride;
                var x1 = x0 + stride;
                var x2 = x1 + stride;
                var x3 = x2 + stride;
                for (var o = 0; o < vectors * lanes; o += lanes)
                {
                    var e0 = T.Load(d0 + o);
                    var e1 = T.Load(d1 + o);
                    var x_ = T.Load(x0 + o);
                    a0 = T.MultiplyAdd(e0, x_, a0);
                    b0 = T.MultiplyAdd(e1, x_, b0);
                    x_ = T.Load(x1 + o);
                    a1 = T.MultiplyAdd(e0, x_, a1);
                    b1 = T.MultiplyAdd(e1, x_, b1);
                    x_ = T.Load(x2 + o);
                    a2 = T.MultiplyAdd(e0, x_, a2);
                    b2 = T.MultiplyAdd(e1, x_, b2);
                    x_ = T.Load(x3 + o);
                    a3 = T.MultiplyAdd(e0, x_, a3);
                    b3 = T.MultiplyAdd(e1, x_, b3);
                }
                var sums = T.Sums(a0, a1, a2, a3, b0, b1, b2, b3);
                (Vector128.Load(g0 + c) + sums.GetLower()).Store(g0 + c);
                (Vector128.Load(g1 + c) + sums.GetUpper()).Store(g1 + c);
            }
            for (; c < cols; c++)
            {
                T a0 = default, b0 = default;
                var xc = x + c * stride;
                for (var o = 0; o < vectors * lanes; o += lanes)
                {
                    var x_ = T.Load(xc + o);
                    a0 = T.MultiplyAdd(T.Load(d0 + o), x_, a0);
                    b0 = T.MultiplyAdd(T.Load(d1 + o), x_, b0);
                }
                var sums = T.Sums(a0, b0);
                g0[c] += sums.GetElement(0);
                g1[c] += sums.GetElement(1);
            }
        }
        for (; r < rows; r++)
        {
            var dyr = dy + r * stride;
            var gwr = gW + r * cols;
            var c = 0;
            // Eight inputs and the bias per pass over dy: nine independent sums, where four a pass
            // waited on the FMA's latency (a two-class output's one row of differences).
            var bias = T.Zero;
            for (; c + 8 <= cols; c += 8)
                OneRowEightInputs<T>(dyr, x + c * stride, gwr + c, stride, vectors, ref bias, c == 0);
            if (c == 0)
            {
                for (var v = 0; v < vectors; v++) bias += T.Load(dyr + v * lanes);
            }
            gb[r] += T.Sum(bias);
            for (; c + 4 <= cols; c += 4)
            {
                T a0 = default, a1 = default, a2 = default, a3 = default;
                var x0 = x + c * stride;
                float* x1 = x0 + stride, x2 = x1 + stride, x3 = x2 + stride;
                for (var o = 0; o < vectors * lanes; o += lanes)
                {
                    var d = T.Load(dyr + o);
                    a0 = T.MultiplyAdd(d, T.Load(x0 + o), a0);
                    a1 = T.MultiplyAdd(d, T.Load(x1 + o), a1);
                    a2 = T.MultiplyAdd(d, T.Load(x2 + o), a2);
                    a3 = T.MultiplyAdd(d, T.Load(x3 + o), a3);
                }
                (Vector128.Load(gwr + c) + T.Sums(a0, a1, a2, a3)).Store(gwr + c);
            }
            for (; c < cols; c++)
            {
                var a0 = T.Zero;
                var xc = x + c * stride;
                for (var o = 0; o < vectors * lanes; o += lanes)
                    a0 = T.MultiplyAdd(T.Load(dyr + o), T.Load(xc + o), a0);
                gwr[c] += T.Sum(a0);
            }
        }
    }

    /// <summary>
    /// gb[0..3] += Σ_s dy[0..3][s], and gW[0..3][0..rest) += Σ_s dy[0..3][s]·x[0..rest)[s] for the last
    /// 0–3 inputs of a 512-bit tile row, in one pass over dy (it was a pass for the bias and one per
    /// input: four sums a pass, each waiting on the last one's latency). Each sum takes its terms in the
    /// same order as before, and is reduced the same way.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void FourRowsBiasAndLastInputs<T>(float* dy, float* x, float* gW, float* gb, int cols, int rest, int stride, int vectors)
        where T : struct, IFloatVector<T>
    {
        var lanes = T.Count;
        T e0 = default, e1 = default, e2 = default, e3 = default;
        T a0 = default, a1 = default, a2 = default, a3 = default;
        T b0 = default, b1 = default, b2 = default, b3 = default;
        T c0 = default, c1 = default, c2 = default, c3 = default;
        float* dr1 = dy + stride, dr2 = dr1 + stride, dr3 = dr2 + stride;
        float* xr1 = x + stride, xr2 = xr1 + stride;
        for (var o = 0; o < vectors * lanes; o += lanes)
        {
            var d0 = T.Load(dy + o);
            var d1 = T.Load(dr1 + o);
            var d2 = T.Load(dr2 + o);
            var d3 = T.Load(dr3 + o);
            e0 += d0;
            e1 += d1;
            e2 += d2;
            e3 += d3;
            if (rest > 0)
            {
                var x_ = T.Load(x + o);
                a0 = T.MultiplyAdd(d0, x_, a0);
                a1 = T.MultiplyAdd(d1, x_, a1);
                a2 = T.MultiplyAdd(d2, x_, a2);
                a3 = T.MultiplyAdd(d3, x_, a3);
            }
            if (rest > 1)
            {
                var x_ = T.Load(xr1 + o);
                b0 = T.MultiplyAdd(d0, x_, b0);
                b1 = T.MultiplyAdd(d1, x_, b1);
                b2 = T.MultiplyAdd(d2, x_, b2);
                b3 = T.MultiplyAdd(d3, x_, b3);
            }
            if (rest > 2)
            {
                var x_ = T.Load(xr2 + o);
                c0 = T.MultiplyAdd(d0, x_, c0);
                c1 = T.MultiplyAdd(d1, x_, c1);
                c2 = T.MultiplyAdd(d2, x_, c2);
                c3 = T.MultiplyAdd(d3, x_, c3);
            }
        }
        (Vector128.Load(gb) + T.Sums(e0, e1, e2, e3)).Store(gb);
        if (rest > 0) AddColumn(gW, cols, T.Sums(a0, a1, a2, a3));
        if (rest > 1) AddColumn(gW + 1, cols, T.Sums(b0, b1, b2, b3));
        if (rest > 2) AddColumn(gW + 2, cols, T.Sums(c0, c1, c2, c3));
    }

    /// <summary>g[k·cols] += sums[k] for k = 0..3: one input's gradient down four rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddColumn(float* g, int cols, Vector128<float> sums)
    {
        for (var k = 0; k < 4; k++) g[k * cols] += sums.GetElement(k);
    }

    /// <summary>
    /// gW[0..8) += Σ_s dy[s]·x[0..8)[s] for one row, with the row's bias sum Σ_s dy[s] into
    /// <paramref name="bias"/> when <paramref name="withBias"/> (first pass only). Each sum takes its
    /// terms in the same order as the four-input loop, and is reduced the same way.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void OneRowEightInputs<T>(float* dy, float* x, float* gW, int stride, int vectors, ref T bias, bool withBias)
        where T : struct, IFloatVector<T>
    {
        var lanes = T.Count;
        var e = bias;
        T a0 = default, a1 = default, a2 = default, a3 = default;
        T b0 = default, b1 = default, b2 = default, b3 = default;
        float* x1 = x + stride, x2 = x1 + stride, x3 = x2 + stride, x4 = x3 + stride, x5 = x4 + stride, x6 = x5 + stride, x7 = x6 + stride;
        for (var o = 0; o < vectors * lanes; o += lanes)
        {
            var d = T.Load(dy + o);
            if (withBias) e += d;
            a0 = T.MultiplyAdd(d, T.Load(x + o), a0);
            a1 = T.MultiplyAdd(d, T.Load(x1 + o), a1);
            a2 = T.MultiplyAdd(d, T.Load(x2 + o), a2);
            a3 = T.MultiplyAdd(d, T.Load(x3 + o), a3);
            b0 = T.MultiplyAdd(d, T.Load(x4 + o), b0);
            b1 = T.MultiplyAdd(d, T.Load(x5 + o), b1);
            b2 = T.MultiplyAdd(d, T.Load(x6 + o), b2);
            b3 = T.MultiplyAdd(d, T.Load(x7 + o), b3);
        }
        bias = e;
        (Vector128.Load(gW) + T.Sums(a0, a1, a2, a3)).Store(gW);
        (Vector128.Load(gW + 4) + T.Sums(b0, b1, b2, b3)).Store(gW + 4);
    }

    /// <summary>gW[0..3][0..3] += Σ_s dy[0..3][s]·x[0..3][s] (row stride <paramref name="cols"/>): the 512-bit weight-gradient tile.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void FourRowsFourInputs<T>(float* dy, float* x, float* gW, int cols, int stride, int vectors)
        where T : struct, IFloatVector<T>
    {
        var lanes = T.Count;
        T a0 = default, a1 = default, a2 = default, a3 = default;
        T b0 = default, b1 = default, b2 = default, b3 = default;
        T c0 = default, c1 = default, c2 = default, c3 = default;
        T d0 = default, d1 = default, d2 = default, d3 = default;
        // Row starts computed once, not at every vector.
        float* xr1 = x + stride, xr2 = xr1 + stride, xr3 = xr2 + stride;
        float* dr1 = dy + stride, dr2 = dr1 + stride, dr3 = dr2 + stride;
        for (var o = 0; o < vectors * lanes; o += lanes)
        {
            var x0 = T.Load(x + o);
            var x1 = T.Load(xr1 + o);
            var x2 = T.Load(xr2 + o);
            var x3 = T.Load(xr3 + o);
            var e = T.Load(dy + o);
            a0 = T.MultiplyAdd(e, x0, a0);
            a1 = T.MultiplyAdd(e, x1, a1);
            a2 = T.MultiplyAdd(e, x2, a2);
            a3 = T.MultiplyAdd(e, x3, a3);
            e = T.Load(dr1 + o);
            b0 = T.MultiplyAdd(e, x0, b0);
            b1 = T.MultiplyAdd(e, x1, b1);
            b2 = T.MultiplyAdd(e, x2, b2);
            b3 = T.MultiplyAdd(e, x3, b3);
            e = T.Load(dr2 + o);
            c0 = T.MultiplyAdd(e, x0, c0);
            c1 = T.MultiplyAdd(e, x1, c1);
            c2 = T.MultiplyAdd(e, x2, c2);
            c3 = T.MultiplyAdd(e, x3, c3);
            e = T.Load(dr3 + o);
            d0 = T.MultiplyAdd(e, x0, d0);
            d1 = T.MultiplyAdd(e, x1, d1);
            d2 = T.MultiplyAdd(e, x2, d2);
            d3 = T.MultiplyAdd(e, x3, d3);
        }
        var ab = T.Sums(a0, a1, a2, a3, b0, b1, b2, b3);
        var cd = T.Sums(c0, c1, c2, c3, d0, d1, d2, d3);
        (Vector128.Load(gW) + ab.GetLower()).Store(gW);
        (Vector128.Load(gW + cols) + ab.GetUpper()).Store(gW + cols);
        (Vector128.Load(gW + 2 * cols) + cd.GetLower()).Store(gW + 2 * cols);
        (Vector128.Load(gW + 3 * cols) + cd.GetUpper()).Store(gW + 3 * cols);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Init<T>(float* bias, int r) where T : struct, IFloatVector<T> =>
        bias == null ? T.Zero : T.Create(bias[r]);
}
