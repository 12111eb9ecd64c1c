using System.Runtime.Intrinsics;
using Warpscope.Core.Numerics;

namespace Warpscope.Core.Tests.Numerics;

/// <summary>The register-blocked kernels on every remainder of their blocking, against plain double sums.</summary>
public unsafe class KernelTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (var rows in new[] { 1, 2, 3, 4, 5, 7, 9 })
        {
            foreach (var cols in new[] { 1, 3, 4, 6, 9 })
            {
                foreach (var vectors in new[] { 1, 2, 3, 5 }) data.Add(rows, cols, vectors);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Combine_ForwardAndTransposed_MatchDoubleSums(int rows, int cols, int vectors)
    {
        var stride = vectors * Simd.Lanes + 8;   // a wider row than the lanes used: lanes past them stay untouched
        var random = new Random(rows * 100 + cols * 10 + vectors);
        var x = Fill(cols * stride, random);
        var w = Fill(rows * cols, random);
        var bias = Fill(rows, random);
        var y = new float[rows * stride];
        Array.Fill(y, 42f);
        fixed (float* px = x, pw = w, pb = bias, py = y)
            DenseKernels.Combine<BlockOutputs.Plain>(px, cols, pw, cols, 1, pb, py, py, rows, stride, vectors);
        for (var r = 0; r < rows; r++)
        {
            for (var s = 0; s < stride; s++)
            {
                if (s >= vectors * Simd.Lanes)
                {
                    Assert.Equal(42f, y[r * stride + s]);
                    continue;
                }
                double sum = bias[r];
                for (var c = 0; c < cols; c++) sum += (double)w[r * cols + c] * x[c * stride + s];
                Assert.Equal(sum, y[r * stride + s], 1e-5);
            }
        }

        // Wᵀ (rowStep 1, colStep = in), scaled by the factor already in the output.
        var dz = Fill(rows * stride, random);
        var factor = Fill(cols * stride, random);
        var back = (float[])factor.Clone();
        fixed (float* pd = dz, pw = w, pb = back)
            DenseKernels.Combine<BlockOutputs.ScaleByOutput>(pd, rows, pw, 1, cols, null, pb, pb, cols, stride, vectors);
        for (var c = 0; c < cols; c++)
        {
            for (var s = 0; s < vectors * Simd.Lanes; s++)
            {
                double sum = 0;
                for (var r = 0; r < rows; r++) sum += (double)w[r * cols + c] * dz[r * stride + s];
                Assert.Equal(sum * factor[c * stride + s], back[c * stride + s], 1e-5);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void WeightGradient_AddsDoubleSums(int rows, int cols, int vectors)
    {
        var stride = vectors * Simd.Lanes;
        var random = new Random(rows * 100 + cols * 10 + vectors + 7);
        var dy = Fill(rows * stride, random);
        var x = Fill(cols * stride, random);
        var gW = Fill(rows * cols, random);
        var gb = Fill(rows, random);
        var gW0 = (float[])gW.Clone();
        var gb0 = (float[])gb.Clone();
        fixed (float* pd = dy, px = x, pg = gW, pb = gb)
            DenseKernels.AccumulateWeightGradient(pd, rows, px, cols, pg, pb, stride, vectors);
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

    [Fact]
    public void FusedTanhOutputs_EqualTheSeparateTanhBitForBit()
    {
        var random = new Random(5);
        var z = Vector256.Create(Fill(8, random, scale: 8));
        var zBuffer = new float[16];
        fixed (float* p = zBuffer)
        {
            BlockOutputs.TanhForward.Put(z, p, 8);
            Assert.Equal(z, Vector256.Load(p));
            Assert.Equal(FastTanh.Of(z), Vector256.Load(p + 8));
            BlockOutputs.TanhTraining.Put(z, p, 8);
            var t = FastTanh.Of(z);
            Assert.Equal(t, Vector256.Load(p + 8));
            for (var i = 0; i < 8; i++) Assert.Equal(MathF.FusedMultiplyAdd(-t[i], t[i], 1f), zBuffer[i]);
            BlockOutputs.ReluTraining.Put(Vector256.Create(-1f, 0f, 2f, -3f, 4f, 0.5f, -0.5f, 1e-30f), p, 8);
            Assert.Equal([0f, 0f, 1f, 0f, 1f, 1f, 0f, 1f], zBuffer[..8]);
            Assert.Equal([0f, 0f, 2f, 0f, 4f, 0.5f, 0f, 1e-30f], zBuffer[8..]);
        }
    }

    [Fact]
    public void LaneSums_SitSideBySide()
    {
        var v = Enumerable.Range(0, 8).Select(i => Vector256.Create(Enumerable.Range(0, 8).Select(l => (float)(i * 10 + l)).ToArray())).ToArray();
        float Sum(int i) => Enumerable.Range(0, 8).Sum(l => i * 10 + l);
        Assert.Equal(Vector128.Create(Sum(0), Sum(1), Sum(0), Sum(1)), Simd.Sums(v[0], v[1]));
        Assert.Equal(Vector128.Create(Sum(0), Sum(1), Sum(2), Sum(3)), Simd.Sums(v[0], v[1], v[2], v[3]));
        Assert.Equal(Vector256.Create(Sum(0), Sum(1), Sum(2), Sum(3), Sum(4), Sum(5), Sum(6), Sum(7)),
            Simd.Sums(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
    }

    [Fact]
    public void LogOfSum_IsWithinFloatPrecisionOverTheSoftmaxRangeAndBeyond()
    {
        var worst = 0.0;
        for (var x = 1.0; x <= 1e6; x *= 1.0003)
        {
            var got = SoftmaxKernels.LogOfSum(Vector256.Create((float)x)).GetElement(0);
            var exact = Math.Log((float)x);
            worst = Math.Max(worst, Math.Abs(got - exact) / Math.Max(1, Math.Abs(exact)));
        }
        Assert.True(worst < 3e-7, $"worst error {worst:G3}");
        Assert.Equal(0f, SoftmaxKernels.LogOfSum(Vector256<float>.One).GetElement(0));
    }

    [Fact]
    public void FastExp_IsWithinTwoUlpsOfExpOverThePowerRange()
    {
        var worst = 0.0;
        for (var x = 0.0; x >= -87; x -= 1e-3)
        {
            var got = (double)FastExp.OfNonPositive(Vector256.Create((float)x)).GetElement(0);
            var exact = Math.Exp((float)x);
            worst = Math.Max(worst, Math.Abs(got - exact) / exact);
        }
        Assert.True(worst < 2.5e-7, $"worst relative error {worst:G3}");
        Assert.Equal(1f, FastExp.OfNonPositive(Vector256<float>.Zero).GetElement(0));
        Assert.Equal(0f, FastExp.OfNonPositive(Vector256.Create(-88f)).GetElement(0));
        Assert.Equal(0f, FastExp.OfNonPositive(Vector256.Create(float.NegativeInfinity)).GetElement(0));
    }

    private static float[] Fill(int n, Random random, float scale = 1)
    {
        var values = new float[n];
        for (var i = 0; i < n; i++) values[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        return values;
    }
}
