using System.Diagnostics;
using Warpscope.Core.Representations.Geometry;
using Xunit.Abstractions;

namespace Warpscope.Core.Tests.Representations.Geometry;

public class PcaTests(ITestOutputHelper output)
{
    /// <summary>Standard normal by Box–Muller.</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>A random orthonormal basis (rows), by Gram–Schmidt on Gaussian vectors.</summary>
    private static double[][] RandomRotation(int dimensions, Random random)
    {
        var rows = new double[dimensions][];
        for (var i = 0; i < dimensions; i++)
        {
            var v = Enumerable.Range(0, dimensions).Select(_ => Gaussian(random)).ToArray();
            for (var j = 0; j < i; j++)
            {
                var dot = Dot(v, rows[j]);
                for (var d = 0; d < dimensions; d++) v[d] -= dot * rows[j][d];
            }
            var norm = Math.Sqrt(Dot(v, v));
            rows[i] = v.Select(x => x / norm).ToArray();
        }
        return rows;
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    /// <summary>
    /// n points μ + Σ_k σ_k·g_k·axes[k] (g standard normal), plus isotropic noise of deviation <paramref name="noise"/>,
    /// written unit-major: [D][n].
    /// </summary>
    private static float[] Cloud(double[] mean, double[][] axes, double[] deviations, double noise, int count, Random random)
    {
        var dimensions = mean.Length;
        var data = new float[dimensions * count];
        for (var s = 0; s < count; s++)
        {
            var point = (double[])mean.Clone();
            for (var k = 0; k < deviations.Length; k++)
            {
                var g = deviations[k] * Gaussian(random);
                for (var d = 0; d < dimensions; d++) point[d] += g * axes[k][d];
            }
            for (var d = 0; d < dimensions; d++) data[d * count + s] = (float)(point[d] + noise * Gaussian(random));
        }
        return data;
    }

    private static float[] Point(float[] data, int dimensions, int count, int sample) =>
        Enumerable.Range(0, dimensions).Select(d => data[d * count + sample]).ToArray();

    [Fact]
    public void PointsOnALineIn3D_PutAllVarianceOnTheFirstAxis_AlongTheLine()
    {
        var random = new Random(1);
        double[] direction = [2 / 7.0, 3 / 7.0, -6 / 7.0];
        var cloud = Cloud([5, -1, 2], [direction], [3], 0, 500, random);
        var pca = Pca.Fit(cloud, 3, 500, 3);

        Assert.True(pca.ExplainedRatio[0] > 1 - 1e-9, $"ratio {pca.ExplainedRatio[0]}");
        // Sign convention: the largest-magnitude coordinate (−6/7) comes out positive.
        Assert.Equal(-2 / 7.0, pca.Axes[0][0], 1e-6);
        Assert.Equal(-3 / 7.0, pca.Axes[0][1], 1e-6);
        Assert.Equal(6 / 7.0, pca.Axes[0][2], 1e-6);
    }

    [Fact]
    public void RotatedAnisotropicGaussian_RecoversItsAxesAndVariances()
    {
        var random = new Random(2);
        var rotation = RandomRotation(5, random);
        double[] deviations = [3, 2, 1.2, 0.6, 0.3];
        const int count = 40_000;
        var pca = Pca.Fit(Cloud([1, 2, 3, 4, 5], rotation, deviations, 0, count, random), 5, count, 5);

        var total = deviations.Sum(s => s * s);
        for (var k = 0; k < 5; k++)
        {
            // The sample variance of n Gaussians has relative spread √(2/n) ≈ 0.7 %.
            Assert.Equal(deviations[k] * deviations[k], pca.Variance[k], deviations[k] * deviations[k] * 0.04);
            Assert.Equal(deviations[k] * deviations[k] / total, pca.ExplainedRatio[k], 0.01);
            Assert.True(Math.Abs(Dot(pca.Axes[k], rotation[k])) > 0.999, $"axis {k}: |cos| {Math.Abs(Dot(pca.Axes[k], rotation[k]))}");
        }
    }

    [Fact]
    public void TheMean_ProjectsToZero()
    {
        var random = new Random(3);
        var cloud = Cloud([10, -20, 30, 0.5], RandomRotation(4, random), [2, 1, 0.5, 0.1], 0, 1000, random);
        var pca = Pca.Fit(cloud, 4, 1000, 3);
        var mean = pca.Mean.Select(m => (float)m).ToArray();

        Assert.Equal(0, pca.Project2(mean).Length(), 1e-5f);
        Assert.Equal(0, pca.Project3(mean).Length(), 1e-5f);
        var bulk = new float[3];
        pca.Project(mean, 1, bulk);
        Assert.All(bulk, v => Assert.Equal(0, v, 1e-5f));
    }

    [Fact]
    public void Axes_AreOrthonormal_AndSignedByTheirLargestCoordinate()
    {
        var random = new Random(4);
        const int dimensions = 12;
        var data = Enumerable.Range(0, dimensions * 300).Select(_ => (float)Gaussian(random)).ToArray();
        var pca = Pca.Fit(data, dimensions, 300, dimensions);

        for (var i = 0; i < dimensions; i++)
        {
            for (var j = 0; j < dimensions; j++) Assert.Equal(i == j ? 1 : 0, Dot(pca.Axes[i], pca.Axes[j]), 1e-10);
            var largest = pca.Axes[i].MaxBy(Math.Abs);
            Assert.True(largest > 0);
        }
        for (var k = 1; k < dimensions; k++) Assert.True(pca.Variance[k] <= pca.Variance[k - 1]);
        Assert.Equal(1, pca.ExplainedRatio.Sum(), 1e-10);
    }

    [Fact]
    public void NegatedData_GivesTheSameAxes_SoAnimationsDoNotFlip()
    {
        var random = new Random(5);
        var cloud = Cloud([0, 0, 0, 0], RandomRotation(4, random), [2, 1, 0.5, 0.25], 0, 2000, random);
        var negated = cloud.Select(v => -v).ToArray();
        var a = Pca.Fit(cloud, 4, 2000, 4);
        var b = Pca.Fit(negated, 4, 2000, 4);
        for (var k = 0; k < 4; k++)
        {
            for (var d = 0; d < 4; d++) Assert.Equal(a.Axes[k][d], b.Axes[k][d], 1e-9);
        }
    }

    [Fact]
    public void Variance_IsTheMeanSquareOfTheProjectedCoordinate()
    {
        var random = new Random(6);
        const int count = 777;
        var cloud = Cloud([1, 1, 1], RandomRotation(3, random), [1.5, 0.7, 0.2], 0, count, random);
        var pca = Pca.Fit(cloud, 3, count, 2);
        var projected = new float[2 * count];
        pca.Project(cloud, count, projected);

        for (var k = 0; k < 2; k++)
        {
            var row = projected.AsSpan(k * count, count).ToArray();
            Assert.Equal(0, row.Average(), 1e-5);
            Assert.Equal(pca.Variance[k], row.Average(v => (double)v * v), pca.Variance[k] * 1e-5);
        }
    }

    [Fact]
    public void BulkProjection_MatchesSinglePointProjection()
    {
        var random = new Random(7);
        const int dimensions = 6, count = 50;
        var data = Enumerable.Range(0, dimensions * count).Select(_ => (float)(3 + Gaussian(random))).ToArray();
        var pca = Pca.Fit(data, dimensions, count, 3);
        var bulk = new float[3 * count];
        pca.Project(data, count, bulk);

        for (var s = 0; s < count; s++)
        {
            var point = Point(data, dimensions, count, s);
            var single = pca.Project3(point);
            Assert.Equal(single.X, bulk[s], 1e-5f);
            Assert.Equal(single.Y, bulk[count + s], 1e-5f);
            Assert.Equal(single.Z, bulk[2 * count + s], 1e-5f);
            Assert.Equal(single.X, pca.Project2(point).X);
        }
    }

    [Fact]
    public void OneDimension_HasTheUnitAxis_AndPadsFurtherComponentsWithZeroAxes()
    {
        float[] data = [1, 2, 3, 4, 10];
        var pca = Pca.Fit(data, 1, 5, 3);

        Assert.Equal(3, pca.Components);
        Assert.Equal([1.0], pca.Axes[0]);
        Assert.Equal(4.0, pca.Mean[0], 1e-12);
        Assert.Equal(10.0, pca.Variance[0], 1e-9); // population variance of 1, 2, 3, 4, 10
        Assert.Equal([1.0, 0, 0], pca.ExplainedRatio);
        Assert.Equal([0.0], pca.Axes[1]);
        Assert.Equal([0.0], pca.Axes[2]);
        var p = pca.Project3([6]);
        Assert.Equal(new System.Numerics.Vector3(2, 0, 0), p);
    }

    [Fact]
    public void AllPointsEqual_GiveZeroVarianceAndTheUnitBasis()
    {
        var data = Enumerable.Repeat(2.5f, 4 * 10).ToArray();
        foreach (var (full, formed) in new[] { (Pca.FullDecompositionLimit, Pca.FormedCovarianceLimit), (0, Pca.FormedCovarianceLimit), (0, 0) })
        {
            var pca = Pca.Fit(data, 4, 10, 3, full, formed);
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(Enumerable.Range(0, 4).Select(d => d == k ? 1.0 : 0), pca.Axes[k]);
                Assert.Equal(0, pca.Variance[k]);
                Assert.Equal(0, pca.ExplainedRatio[k]);
            }
            Assert.Equal(0, pca.Project2(Point(data, 4, 10, 0)).Length());
        }
    }

    [Theory]
    [InlineData(Pca.FormedCovarianceLimit)]
    [InlineData(0)]
    public void SubspaceIteration_OnFormedOrImplicitCovariance_AgreesWithTheFullDecomposition(int formedCovarianceLimit)
    {
        var random = new Random(8);
        const int dimensions = 40, count = 1500;
        var cloud = Cloud(new double[dimensions], RandomRotation(dimensions, random), [5, 3, 2, 1.5, 1], 0.3, count, random);
        var full = Pca.Fit(cloud, dimensions, count, 4);
        var iterated = Pca.Fit(cloud, dimensions, count, 4, fullDecompositionLimit: 0, formedCovarianceLimit);

        for (var k = 0; k < 4; k++)
        {
            // Stopping at residual ≤ 1e-6·λ₀ leaves eigenvalues off by ~residual²/gap, axes by ~residual/gap.
            Assert.Equal(full.Variance[k], iterated.Variance[k], full.Variance[k] * 1e-8);
            Assert.Equal(full.ExplainedRatio[k], iterated.ExplainedRatio[k], 1e-8);
            for (var d = 0; d < dimensions; d++) Assert.Equal(full.Axes[k][d], iterated.Axes[k][d], 1e-4);
        }
    }

    [Theory]
    [InlineData(Pca.FormedCovarianceLimit)]
    [InlineData(0)]
    public void SubspaceIteration_HandlesDataOfLowerRankThanTheBlock(int formedCovarianceLimit)
    {
        // Rank 2 in 30 dimensions, 4 components: the iteration's block outgrows the data's span.
        var random = new Random(9);
        var rotation = RandomRotation(30, random);
        var cloud = Cloud(new double[30], rotation, [2, 1], 0, 400, random);
        var pca = Pca.Fit(cloud, 30, 400, 4, fullDecompositionLimit: 0, formedCovarianceLimit);

        Assert.Equal(1, pca.ExplainedRatio[0] + pca.ExplainedRatio[1], 1e-9);
        Assert.True(Math.Abs(Dot(pca.Axes[0], rotation[0])) > 0.99);
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++) Assert.Equal(i == j ? 1 : 0, Dot(pca.Axes[i], pca.Axes[j]), 1e-9);
        }
    }

    [Fact]
    public void WideLayer_AboveTheFullDecompositionLimit_FindsThePlantedComponents()
    {
        var random = new Random(10);
        const int dimensions = 300, count = 1000;
        var rotation = RandomRotation(dimensions, random)[..3];
        var cloud = Cloud(new double[dimensions], rotation, [4, 3, 2], 0.1, count, random);
        var pca = Pca.Fit(cloud, dimensions, count, 3);

        for (var k = 0; k < 3; k++) Assert.True(Math.Abs(Dot(pca.Axes[k], rotation[k])) > 0.99, $"axis {k}");
        // 3 strong directions carry 29 of the 29 + 300·0.01 = 32 units of variance.
        Assert.Equal(29 / 32.0, pca.ExplainedRatio.Sum(), 0.03);
    }

    [Fact]
    public void BadInput_NamesTheArgument()
    {
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => Pca.Fit(new float[7], 2, 4, 2)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => Pca.Fit([1, float.NaN], 1, 2, 1)).ParamName);
        Assert.Equal("dimensions", Assert.Throws<ArgumentOutOfRangeException>(() => Pca.Fit([], 0, 1, 1)).ParamName);
        var pca = Pca.Fit([1, 2, 3, 4], 2, 2, 2);
        Assert.Equal("point", Assert.Throws<ArgumentException>(() => pca.Project2([1, 2, 3])).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentException>(() => pca.Project([1, 2, 3, 4], 2, new float[3])).ParamName);
    }

    [Fact]
    public void Fit64By10000_Speed()
    {
        // Reported, not asserted: timings on a shared machine are noise. The minimum over runs is the cost.
        var random = new Random(11);
        const int dimensions = 64, count = 10_000;
        var data = Enumerable.Range(0, dimensions * count).Select(_ => (float)Gaussian(random)).ToArray();
        var projected = new float[3 * count];
        var fits = new List<double>();
        var projections = new List<double>();
        for (var i = 0; i < 15; i++)
        {
            var watch = Stopwatch.StartNew();
            var pca = Pca.Fit(data, dimensions, count, 3);
            fits.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            pca.Project(data, count, projected);
            projections.Add(watch.Elapsed.TotalMilliseconds);
        }
        fits.Sort();
        projections.Sort();
        output.WriteLine($"PCA 10 000 × 64: fit min {fits[0]:F2} ms, median {fits[7]:F2} ms; project to 3-D min {projections[0]:F2} ms");
    }
}
