using Warpscope.Core.Representations.Geometry;

namespace Warpscope.Core.Tests.Representations.Geometry;

public class SymmetricEigenTests
{
    /// <summary>A symmetric n×n matrix with standard-normal-ish entries, row-major.</summary>
    private static double[] RandomSymmetric(int n, Random random)
    {
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++) a[i * n + j] = a[j * n + i] = 2 * random.NextDouble() - 1;
        }
        return a;
    }

    /// <summary>Checks A·v = λ·v to round-off, orthonormal vectors and descending values.</summary>
    private static void AssertDecomposition(double[] a, int n, double[] values, double[][] vectors)
    {
        var scale = Math.Max(1e-300, a.Max(Math.Abs));
        for (var k = 0; k < n; k++)
        {
            if (k > 0) Assert.True(values[k] <= values[k - 1]);
            for (var i = 0; i < n; i++)
            {
                var av = 0.0;
                for (var j = 0; j < n; j++) av += a[i * n + j] * vectors[k][j];
                Assert.True(Math.Abs(av - values[k] * vectors[k][i]) <= 1e-12 * n * scale, $"residual at k={k}, i={i}");
            }
            for (var l = 0; l < n; l++)
            {
                var dot = 0.0;
                for (var i = 0; i < n; i++) dot += vectors[k][i] * vectors[l][i];
                Assert.Equal(k == l ? 1 : 0, dot, 1e-12);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(200)]
    public void RandomSymmetricMatrix_IsDecomposedToRoundOff(int n)
    {
        var a = RandomSymmetric(n, new Random(n));
        var copy = (double[])a.Clone();
        var (values, vectors) = SymmetricEigen.Decompose(a, n);
        Assert.Equal(copy, a); // input untouched
        AssertDecomposition(a, n, values, vectors);
        var trace = Enumerable.Range(0, n).Sum(i => a[i * n + i]);
        Assert.Equal(trace, values.Sum(), 1e-10 * n);
    }

    [Fact]
    public void RepeatedEigenvalues_StillGiveAnOrthonormalBasis()
    {
        // Q·diag(3, 3, 3, 1, 1, 0)·Qᵀ for a random rotation Q: a degenerate spectrum, like rank-deficient data.
        const int n = 6;
        var random = new Random(5);
        var q = SymmetricEigen.Decompose(RandomSymmetric(n, random), n).Vectors;
        double[] spectrum = [3, 3, 3, 1, 1, 0];
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var k = 0; k < n; k++) a[i * n + j] += q[k][i] * spectrum[k] * q[k][j];
            }
        }
        var (values, vectors) = SymmetricEigen.Decompose(a, n);
        AssertDecomposition(a, n, values, vectors);
        for (var k = 0; k < n; k++) Assert.Equal(spectrum[k], values[k], 1e-12);
    }

    [Fact]
    public void DiagonalMatrix_GivesTheUnitBasis_SortedWithTiesInIndexOrder()
    {
        double[] a = [1, 0, 0, 0, 4, 0, 0, 0, 1];
        var (values, vectors) = SymmetricEigen.Decompose(a, 3);
        Assert.Equal([4.0, 1, 1], values);
        Assert.Equal([0.0, 1, 0], vectors[0].Select(Math.Abs));
        Assert.Equal([1.0, 0, 0], vectors[1].Select(Math.Abs));
        Assert.Equal([0.0, 0, 1], vectors[2].Select(Math.Abs));
    }

    [Fact]
    public void ZeroMatrix_GivesZeroEigenvaluesAndAnOrthonormalBasis()
    {
        var a = new double[16];
        var (values, vectors) = SymmetricEigen.Decompose(a, 4);
        Assert.All(values, v => Assert.Equal(0, v));
        AssertDecomposition(a, 4, values, vectors);
    }
}
