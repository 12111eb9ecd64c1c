namespace Warpscope.Core.Representations.Geometry;

/// <summary>
/// Principal component analysis of points of any dimension: the directions along which a layer's
/// activations vary most, so a wide layer can be drawn in 2-D or 3-D with as little lost as possible.
/// </summary>
/// <remarks>
/// The covariance is the population one, C = (1/n)·Σₛ (xₛ − μ)(xₛ − μ)ᵀ, so each Variance is exactly the
/// mean square of the projected coordinate that gets drawn; ExplainedRatio is unaffected by the choice.
/// Up to <see cref="FullDecompositionLimit"/> dimensions C is formed in double (O(D²·n)) and fully
/// diagonalised (Householder + QL, O(D³)). Wider layers need only their leading components, found by subspace
/// iteration (O(D²) per vector per iteration on the formed C). Beyond <see cref="FormedCovarianceLimit"/>
/// C is not stored (it would take 128 MiB at D = 4096) but applied as Xc·(Xcᵀ·v)/n, O(D·n) per vector per
/// iteration. Measured at n = 10 000 on one core (Release): D = 64 takes ~4 ms, D = 256 ~0.1 s, D = 300 ~0.15 s.
/// </remarks>
public static class Pca
{
    /// <summary>Widest layer whose covariance is formed and diagonalised in full; wider ones use subspace iteration.</summary>
    internal const int FullDecompositionLimit = 256;

    /// <summary>Widest layer whose covariance matrix is stored (8 MiB); wider ones apply it from the data.</summary>
    internal const int FormedCovarianceLimit = 1024;

    /// <summary>Widest layer accepted.</summary>
    public const int MaxDimensions = 4096;

    /// <summary>Fits the leading <paramref name="components"/> principal axes of <paramref name="count"/> points.</summary>
    /// <param name="data">Unit-major [dimensions][count]: coordinate d of sample s at d·count + s (the layer-trace layout).</param>
    /// <param name="dimensions">D, 1 ≤ D ≤ <see cref="MaxDimensions"/>.</param>
    /// <param name="count">n ≥ 1 samples.</param>
    /// <param name="components">Axes wanted, ≥ 1; beyond D they are zero vectors with zero variance.</param>
    public static PcaProjection Fit(ReadOnlySpan<float> data, int dimensions, int count, int components) =>
        Fit(data, dimensions, count, components, FullDecompositionLimit, FormedCovarianceLimit);

    /// <summary>As <see cref="Fit(ReadOnlySpan{float}, int, int, int)"/> with the path switches exposed, so tests can check that all paths agree.</summary>
    internal static PcaProjection Fit(ReadOnlySpan<float> data, int dimensions, int count, int components, int fullDecompositionLimit, int formedCovarianceLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, MaxDimensions);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 1);
        if (data.Length != (long)dimensions * count)
        {
            throw new ArgumentException($"data has {data.Length} values; {dimensions} dimensions × {count} points need {(long)dimensions * count}.", nameof(data));
        }

        var mean = CenteredBlocks.Means(data, dimensions, count);
        var solved = Math.Min(components, dimensions);
        double total;
        double[] values;
        double[][] vectors;
        var covariance = dimensions <= formedCovarianceLimit ? CenteredBlocks.Covariance(data, dimensions, count, mean) : null;
        if (covariance is not null)
        {
            total = 0;
            for (var d = 0; d < dimensions; d++) total += covariance[d * dimensions + d];
        }
        else
        {
            total = CenteredBlocks.TotalVariance(data, dimensions, count, mean);
        }
        if (total <= 0)
        {
            (values, vectors) = ([], []);
        }
        else if (dimensions <= fullDecompositionLimit && covariance is not null)
        {
            (values, vectors) = SymmetricEigen.Decompose(covariance, dimensions);
        }
        else
        {
            (values, vectors) = SubspaceIteration.TopEigenpairs(data, dimensions, count, mean, covariance, solved);
        }

        var axes = new double[components][];
        var variance = new double[components];
        var ratio = new double[components];
        for (var k = 0; k < components; k++)
        {
            axes[k] = new double[dimensions];
            if (k >= solved) continue; // padding beyond D: a zero axis that projects everything to 0
            if (total <= 0)
            {
                // All points equal: every direction has zero variance; the unit basis is the natural choice.
                axes[k][k] = 1;
                continue;
            }
            vectors[k].CopyTo(axes[k], 0);
            // Round-off can leave a tiny negative eigenvalue of a positive semi-definite matrix.
            variance[k] = Math.Max(0, values[k]);
            ratio[k] = variance[k] / total;
            FixSign(axes[k]);
        }
        return new PcaProjection(dimensions, mean, axes, variance, ratio);
    }

    /// <summary>
    /// An eigenvector is defined only up to sign; pick the one whose largest-magnitude coordinate is positive so
    /// that axes fitted to successive training snapshots don't flip and make an animation jump. Coordinates
    /// within a relative 1e-9 of the largest count as tied and the first of them decides, so round-off between
    /// near-equal coordinates cannot flip the choice.
    /// </summary>
    private static void FixSign(double[] axis)
    {
        var largest = 0.0;
        foreach (var a in axis) largest = Math.Max(largest, Math.Abs(a));
        foreach (var a in axis)
        {
            if (Math.Abs(a) < largest * (1 - 1e-9)) continue;
            if (a < 0)
            {
                for (var d = 0; d < axis.Length; d++) axis[d] = -axis[d];
            }
            return;
        }
    }
}
