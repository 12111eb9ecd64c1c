using Warpscope.Core.Numerics;
using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Warpscope.Core.Representations.Geometry;

/// <summary>
/// A fitted PCA: the mean μ and principal axes a_k, and the map x ↦ (a_k · (x − μ))_k onto them.
/// Made by <see cref="Pca.Fit"/>. Axes are sorted by variance, descending, and signed so that each
/// axis's largest-magnitude coordinate is positive.
/// </summary>
public sealed class PcaProjection
{
    internal PcaProjection(int dimensions, double[] mean, double[][] axes, double[] variance, double[] explainedRatio)
    {
        Dimensions = dimensions;
        Mean = mean;
        Axes = axes;
        Variance = variance;
        ExplainedRatio = explainedRatio;
    }

    /// <summary>D, the length of each input point.</summary>
    public int Dimensions { get; }

    /// <summary>K, the number of axes (zero axes past D included).</summary>
    public int Components => Axes.Length;

    /// <summary>μ: [D].</summary>
    public double[] Mean { get; }

    /// <summary>a_k: [K][D], orthonormal for k &lt; min(K, D); zero vectors beyond D.</summary>
    public double[][] Axes { get; }

    /// <summary>λ_k, the covariance eigenvalue (population variance of the k-th coordinate): [K].</summary>
    public double[] Variance { get; }

    /// <summary>λ_k / trace(C), the share of all variance along axis k (0 when the points are all equal): [K].</summary>
    public double[] ExplainedRatio { get; }

    /// <summary>
    /// Projects <paramref name="count"/> points: result[k][s] = Σ_d a_k[d]·(x[d][s] − μ_d).
    /// data: [D][count]  result: [K][count], both unit-major.
    /// </summary>
    /// <remarks>Each unit row is centred once into a scratch row before being scattered into every
    /// component, so large means cancel exactly per value (x − μ in float) rather than after summation.</remarks>
    public void Project(ReadOnlySpan<float> data, int count, Span<float> result)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 0);
        if (data.Length != (long)Dimensions * count)
        {
            throw new ArgumentException($"data has {data.Length} values; {Dimensions} dimensions × {count} points need {(long)Dimensions * count}.", nameof(data));
        }
        if (result.Length != (long)Components * count)
        {
            throw new ArgumentException($"result has room for {result.Length} values; {Components} components × {count} points need {(long)Components * count}.", nameof(result));
        }
        result.Clear();
        var scratch = Pools.Floats.Rent(count);
        try
        {
            var centred = scratch.AsSpan(0, count);
            for (var d = 0; d < Dimensions; d++)
            {
                TensorPrimitives.Subtract(data.Slice(d * count, count), (float)Mean[d], centred);
                for (var k = 0; k < Components; k++)
                {
                    var a = (float)Axes[k][d];
                    if (a == 0) continue;
                    var row = result.Slice(k * count, count);
                    TensorPrimitives.MultiplyAdd(centred, a, row, row);
                }
            }
        }
        finally
        {
            Pools.Floats.Return(scratch);
        }
    }

    /// <summary>One point (D values) onto the first two axes; a missing axis (K &lt; 2) gives 0.</summary>
    public Vector2 Project2(ReadOnlySpan<float> point) => new(Coordinate(point, 0), Coordinate(point, 1));

    /// <summary>One point (D values) onto the first three axes; a missing axis (K &lt; 3) gives 0.</summary>
    public Vector3 Project3(ReadOnlySpan<float> point) => new(Coordinate(point, 0), Coordinate(point, 1), Coordinate(point, 2));

    /// <summary>a_k · (x − μ), summed in double.</summary>
    private float Coordinate(ReadOnlySpan<float> point, int k)
    {
        if (point.Length != Dimensions)
        {
            throw new ArgumentException($"point has {point.Length} values; this projection takes {Dimensions}.", nameof(point));
        }
        if (k >= Components) return 0;
        var axis = Axes[k];
        var sum = 0.0;
        for (var d = 0; d < Dimensions; d++) sum += axis[d] * (point[d] - Mean[d]);
        return (float)sum;
    }
}
