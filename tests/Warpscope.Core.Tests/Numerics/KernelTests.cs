using System.Runtime.Intrinsics;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;

namespace Warpscope.Core.Tests.Numerics;

/// <summary>
/// The register-blocked kernels on every remainder of their blocking, against plain double sums, at
/// both SIMD widths (<c>bits</c> 256 or 512: the 512-bit kernels run emulated where AVX-512 is off).
/// </summary>
public unsafe class KernelTests
{
    public static TheoryData<int, int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int, int>();
        foreach (var bits in new[] { 256, 512 })
        {
            foreach (var rows in new[] { 1, 2, 3, 4, 5, 7, 9 })
            {
                foreach (var cols in new[] { 1, 3, 4, 6, 9 })
                {
                    foreach (var vectors in new[] { 1, 2, 3, 5 }) data.Add(bits, rows, cols, vectors);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Combine_ForwardAndTransposed_MatchDoubleSums(int bits, int rows, int cols, int vectors)
    {
        if (bits == 512) Combine<Float512>(rows, cols, vectors);
        else Combine<Float256>(rows, cols, vectors);
    }

    private static void Combine<T>(int rows, int cols, int vectors) where T : struct, IFloatVector<T>
    {
        var stride = vectors * T.Count + 8;   // a wider row than the lanes used: lanes past them stay untouched
        var random = new Random(rows * 100 + cols * 10 + vectors);
        var x = Fill(cols * stride, random);
        var w = Fill(rows * cols, random);
        var bias = Fill(rows, random);
        var y = new float[rows * stride];
        Array.Fill(y, 42f);
        fixed (float* px = x, pw = w, pb = bias, py = y)
            DenseKernels.Combine<T, BlockOutputs.Plain>(px, cols, pw, cols, 1, pb, py, py, rows, stride, vectors);
        for (var r = 0; r < rows; r++)
        {
            for (var s = 0; s < stride; s++)
            {
                if (s >= vectors * T.Count)
                {
                    Assert.Equal(42f, y[r * stride + s]);
                    continue;
                }
                double sum = bias[r];
                for (var c = 0; c < cols; c++) sum += (double)w[r * cols + c] * x[c * stride + s];
                Assert.Equal(sum, y[r * stride + s], 1e-5);
            }
        }

        // The same sums with tanh and its derivative in the epilogue (512 bits tile them 4 × 3): tanh of each
        // sum in y2, 1 − tanh² in y, bit for bit what the plain sums give through the separate tanh.
        var derivative = new float[rows * stride];
        var activation = new float[rows * stride];
        fixed (float* px = x, pw = w, pb = bias, pd = derivative, pa = activation)
            DenseKernels.Combine<T, BlockOutputs.TanhTraining>(px, cols, pw, cols, 1, pb, pd, pa, rows, stride, vectors);
        var expected = new float[rows * stride];
        FastTanh.Apply<T>(y, expected);
        for (var r = 0; r < rows; r++)
        {
            for (var s = 0; s < vectors * T.Count; s++)
            {
                var i = r * stride + s;
                Assert.Equal(expected[i], activation[i]);
                Assert.Equal(MathF.FusedMultiplyAdd(-expected[i], expected[i], 1f), derivative[i]);
            }
        }

        // Wᵀ (rowStep 1, colStep = in), scaled by the factor already in the output.
        var dz = Fill(rows * stride, random);
        var factor = Fill(cols * stride, random);
        var back = (float[])factor.Clone();
        fixed (float* pd = dz, pw = w, pb = back)
            DenseKernels.Combine<T, BlockOutputs.ScaleByOutput>(pd, rows, pw, 1, cols, null, pb, pb, cols, stride, vectors);
        for (var c = 0; c < cols; c++)
        {
            for (var s = 0; s < vectors * T.Count; s++)
            {
                double sum = 0;
                for (var r = 0; r < rows; r++) sum += (double)w[r * cols + c] * dz[r * stride + s];
                Assert.Equal(sum * factor[c * stride + s], back[c * stride + s], 1e-5);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WeightGradient_AddsDoubleSums(int bits, int rows, int cols, int vectors)
    {
        if (bits == 512) WeightGradient<Float512>(rows, cols, vectors);
        else WeightGradient<Float256>(rows, cols, vectors);
    }

    private static void WeightGradient<T>(int rows, int cols, int vectors) where T : struct, IFloatVector<T>
    {
        var stride = vectors * T.Count;
        var random = new Random(rows * 100 + cols * 10 + vectors + 7);
        var dy = Fill(rows * stride, random);
        var x = Fill(cols * stride, random);
        var gW = Fill(rows * cols, random);
        var gb = Fill(rows, random);
        var gW0 = (float[])gW.Clone();
        var gb0 = (float[])gb.Clone();
        fixed (float* pd = dy, px = x, pg = gW, pb = gb)
            DenseKernels.AccumulateWeightGradient<T>(pd, rows, px, cols, pg, pb, stride, vectors);
        for (var r = 0; r < rows; r++)
        {
            double bias = gb0[r];
            for (var s = 0; s < stride; s++) bias += dy[r * stride + s];
            Assert.Equal(bias, gb[r], 1e-5);
            for (var c = 0; c < cols; c++)
            {
                double sum = gW0[r * cols + c];
                for (var s = 0; s < stride; s++) sum += (double)dy[r * stride + s] * x[c * stride + s];
                Assert.Equal(sum, gW[r * cols + c], 1e-5);
            }
        }
    }

    [Theory]
    [InlineData(256)]
    [InlineData(512)]
    public void FusedTanhOutputs_EqualTheSeparateTanhBitForBit(int bits)
    {
        if (bits == 512) FusedTanhOutputs<Float512>();
        else FusedTanhOutputs<Float256>();
    }

    private static void FusedTanhOutputs<T>() where T : struct, IFloatVector<T>
    {
        var n = T.Count;
        var random = new Random(5);
        var values = Fill(n, random, scale: 8);
        var buffer = new float[2 * n];
        fixed (float* v = values, p = buffer)
        {
            var z = T.Load(v);
            BlockOutputs.TanhForward.Put(z, p, n);
            Assert.Equal(values, buffer[..n]);
            for (var i = 0; i < n; i++) Assert.Equal(FastTanh.Of(values[i]), buffer[n + i]);
            BlockOutputs.TanhTraining.Put(z, p, n);
            for (var i = 0; i < n; i++)
            {
                var t = FastTanh.Of(values[i]);
                Assert.Equal(t, buffer[n + i]);
                Assert.Equal(MathF.FusedMultiplyAdd(-t, t, 1f), buffer[i]);
            }
            float[] signs = [-1f, 0f, 2f, -3f, 4f, 0.5f, -0.5f, 1e-30f, -0f, 7f, -1e-30f, 3f, -2f, 1f, 0f, -4f];
            fixed (float* s = signs) BlockOutputs.ReluTraining.Put(T.Load(s), p, n);
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(signs[i] > 0 ? 1f : 0f, buffer[i]);
                Assert.Equal(MathF.Max(signs[i], 0f), buffer[n + i]);
            }
        }
    }

    [Theory]
    [InlineData(256)]
    [InlineData(512)]
    public void LaneSums_SitSideBySide(int bits)
    {
        if (bits == 512) LaneSums<Float512>();
        else LaneSums<Float256>();
    }

    private static void LaneSums<T>() where T : struct, IFloatVector<T>
    {
        var n = T.Count;
        var lanes = Enumerable.Range(0, 8).Select(i => Enumerable.Range(0, n).Select(l => (float)(i * 100 + l)).ToArray()).ToArray();
        var v = new T[8];
        for (var i = 0; i < 8; i++)
        {
            fixed (float* p = lanes[i]) v[i] = T.Load(p);
        }
        float Sum(int i) => lanes[i].Sum();
        Assert.Equal(Sum(3), T.Sum(v[3]));
        Assert.Equal(Vector128.Create(Sum(0), Sum(1), Sum(0), Sum(1)), T.Sums(v[0], v[1]));
        Assert.Equal(Vector128.Create(Sum(0), Sum(1), Sum(2), Sum(3)), T.Sums(v[0], v[1], v[2], v[3]));
        Assert.Equal(Vector256.Create(Sum(0), Sum(1), Sum(2), Sum(3), Sum(4), Sum(5), Sum(6), Sum(7)),
            T.Sums(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
    }

    [Theory]
    [InlineData(256)]
    [InlineData(512)]
    public void LogOfSum_IsWithinFloatPrecisionOverTheSoftmaxRangeAndBeyond(int bits)
    {
        var worst = 0.0;
        for (var x = 1.0; x <= 1e6; x *= 1.0003)
        {
            var got = Lane0(bits, (float)x, v => SoftmaxKernels.LogOfSum(v), v => SoftmaxKernels.LogOfSum(v));
            var exact = Math.Log((float)x);
            worst = Math.Max(worst, Math.Abs(got - exact) / Math.Max(1, Math.Abs(exact)));
        }
        Assert.True(worst < 3e-7, $"worst error {worst:G3}");
        Assert.Equal(0f, Lane0(bits, 1f, v => SoftmaxKernels.LogOfSum(v), v => SoftmaxKernels.LogOfSum(v)));
    }

    [Theory]
    [InlineData(256)]
    [InlineData(512)]
    public void FastExp_IsWithinTwoUlpsOfExpOverThePowerRange(int bits)
    {
        float Exp(float x) => Lane0(bits, x, v => FastExp.OfNonPositive(v), v => FastExp.OfNonPositive(v));
        var worst = 0.0;
        for (var x = 0.0; x >= -87; x -= 1e-3)
        {
            var got = (double)Exp((float)x);
            var exact = Math.Exp((float)x);
            worst = Math.Max(worst, Math.Abs(got - exact) / exact);
        }
        Assert.True(worst < 2.5e-7, $"worst relative error {worst:G3}");
        Assert.Equal(1f, Exp(0f));
        Assert.Equal(0f, Exp(-88f));
        Assert.Equal(0f, Exp(float.NegativeInfinity));
        Assert.True(float.IsNaN(Exp(float.NaN)));
    }

    [Fact]
    public void WidestWidth_IsTheOneThisRunExpects()
    {
        // scripts/test runs these tests a second time with AVX-512 turned off and
        // WARPSCOPE_EXPECT_WIDEST=256: if the runtime ignored the knob (.NET 10.0.12 ignores
        // DOTNET_EnableAVX512F, which earlier runtimes read), that run would test the 512-bit
        // kernels twice and the 256-bit ones never.
        var expected = Environment.GetEnvironmentVariable("WARPSCOPE_EXPECT_WIDEST");
        var widest = VectorWidths.Widest == VectorWidth.Bits512 ? "512" : "256";
        Assert.Equal(Vector512.IsHardwareAccelerated ? "512" : "256", widest);
        if (!string.IsNullOrEmpty(expected)) Assert.Equal(expected, widest);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(512)]
    public void BlockRows_StartOnCacheLines(int bits)
    {
        // Unaligned, each 512-bit load or store of a row straddles two cache lines: W1 net B ran 11 % slower.
        var network = Network.Create(NetworkSpec.Uniform([16, 3], Activation.Tanh, classes: 3), seed: 1);
        var block = new MlpBlock(network, bits == 512 ? VectorWidth.Bits512 : VectorWidth.Bits256);
        block.Load([0.5f, -0.25f, 1f], [0.1f, 0.2f, 0.3f], [0, 1, 0]);
        block.Forward(network.Parameters);
        fixed (float* features = block.Features) Assert.Equal(0, (nint)features % 64);
        for (var k = 0; k < network.Layers.Count; k++)
        {
            fixed (float* pre = block.Pre(k)) Assert.Equal(0, (nint)pre % 64);
            fixed (float* post = block.Post(k)) Assert.Equal(0, (nint)post % 64);
        }
    }

    /// <summary>f applied to a vector of x at the given width; its last lane (every lane holds the same).</summary>
    private static float Lane0(int bits, float x, Func<Float256, Float256> f256, Func<Float512, Float512> f512)
    {
        var lanes = new float[16];
        fixed (float* p = lanes)
        {
            if (bits == 512) f512(Float512.Create(x)).Store(p);
            else f256(Float256.Create(x)).Store(p);
        }
        return lanes[bits / 32 - 1];
    }

    private static float[] Fill(int n, Random random, float scale = 1)
    {
        var values = new float[n];
        for (var i = 0; i < n; i++) values[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        return values;
    }
}
