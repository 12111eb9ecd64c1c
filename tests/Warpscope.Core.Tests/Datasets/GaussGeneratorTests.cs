using Warpscope.Core.Datasets;
using Warpscope.Core.Datasets.Generators;

namespace Warpscope.Core.Tests.Datasets;

public class GaussGeneratorTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(0.5, 4.0)]
    public void Gauss_Classes_CentreOnPlusMinus2_WithVarianceHalfPlus7Noise(double noise, double variance)
    {
        var p = new GaussGenerator().Generate(new DatasetSpec("gauss", 8000, noise), new Random(2));
        foreach (var (label, centre) in new[] { (0, 2.0), (1, -2.0) })
        {
            var idx = Geometry.IndicesOf(p, label).ToArray();
            Assert.Equal(4000, idx.Length);
            foreach (var axis in new[] { p.X, p.Y })
            {
                var values = idx.Select(i => (double)axis[i]).ToArray();
                var mean = values.Average();
                var sampleVariance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
                // Standard errors: sqrt(var/n) for the mean, var·sqrt(2/n) for the variance; allow ~4.
                Assert.Equal(centre, mean, 4 * Math.Sqrt(variance / 4000));
                Assert.Equal(variance, sampleVariance, 4 * variance * Math.Sqrt(2.0 / 4000));
            }
        }
    }
}
