using System.Numerics.Tensors;

namespace Warpscope.Core.Representations.Geometry;

/// <summary>
/// Mean-centred slices of unit-major point data, in double, a block of samples at a time: memory stays at
/// about 256 KiB whatever the number of points, and each block's unit rows are contiguous for the vector kernels.
/// </summary>
internal static class CenteredBlocks
{
    /// <summary>
    /// Doubles per block buffer (256 KiB): D·B values for a block of B samples. The covariance kernel reads every
    /// pair of unit rows, so the block must stay in the L2 cache; a 2 MiB block made it memory-bound and 10× slower.
    /// </summary>
    private const int BlockValues = 1 << 15;

    /// <summary>Samples per block for <paramref name="dimensions"/>-wide points: at least 16, at most count.</summary>
    public static int BlockLength(int dimensions, int count) => Math.Min(count, Math.Max(16, BlockValues / dimensions));

    /// <summary>μ_d = (1/n)·Σₛ x[d][s], summed in double. Throws on NaN or infinity, which would poison every axis.</summary>
    public static double[] Means(ReadOnlySpan<float> data, int dimensions, int count)
    {
        var mean = new double[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            // Four running sums break the add-latency chain; the order is fixed, so the result is deterministic.
            var row = data.Slice(d * count, count);
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            var s = 0;
            for (; s + 4 <= count; s += 4)
            {
                s0 += row[s];
                s1 += row[s + 1];
                s2 += row[s + 2];
                s3 += row[s + 3];
            }
            for (; s < count; s++) s0 += row[s];
            var sum = s0 + s1 + s2 + s3;
            if (!double.IsFinite(sum)) throw new ArgumentException($"data for dimension {d} holds a NaN or infinite value.", "data");
            mean[d] = sum / count;
        }
        return mean;
    }

    /// <summary>
    /// Writes x[d][start + b] − μ_d into buffer[d·length + b].
    /// data: [dimensions][count]  buffer: [dimensions][length]
    /// </summary>
    public static void Center(ReadOnlySpan<float> data, int dimensions, int count, double[] mean, int start, int length, Span<double> buffer)
    {
        for (var d = 0; d < dimensions; d++)
        {
            var source = data.Slice(d * count + start, length);
            var target = buffer.Slice(d * length, length);
            var m = mean[d];
            for (var b = 0; b < length; b++) target[b] = source[b] - m;
        }
    }

    /// <summary>
    /// C = (1/n)·Σₛ (xₛ − μ)(xₛ − μ)ᵀ, row-major D×D: C[i][j] is the dot product of centred unit rows i and j,
    /// accumulated block by block over the upper triangle and mirrored.
    /// data: [D][n]  result: [D][D]
    /// </summary>
    public static double[] Covariance(ReadOnlySpan<float> data, int dimensions, int count, double[] mean)
    {
        var covariance = new double[dimensions * dimensions];
        var block = BlockLength(dimensions, count);
        var buffer = new double[dimensions * block];
        for (var start = 0; start < count; start += block)
        {
            var length = Math.Min(block, count - start);
            Center(data, dimensions, count, mean, start, length, buffer);
            for (var i = 0; i < dimensions; i++)
            {
                var xi = new ReadOnlySpan<double>(buffer, i * length, length);
                for (var j = i; j < dimensions; j++)
                {
                    covariance[i * dimensions + j] += TensorPrimitives.Dot(xi, new ReadOnlySpan<double>(buffer, j * length, length));
                }
            }
        }
        for (var i = 0; i < dimensions; i++)
        {
            for (var j = i; j < dimensions; j++)
            {
                var c = covariance[i * dimensions + j] / count;
                covariance[i * dimensions + j] = c;
                covariance[j * dimensions + i] = c;
            }
        }
        return covariance;
    }

    /// <summary>trace(C) = Σ_d (1/n)·Σₛ (x[d][s] − μ_d)²: the total variance, without forming C.</summary>
    public static double TotalVariance(ReadOnlySpan<float> data, int dimensions, int count, double[] mean)
    {
        var total = 0.0;
        for (var d = 0; d < dimensions; d++)
        {
            var m = mean[d];
            foreach (var v in data.Slice(d * count, count)) total += (v - m) * (v - m);
        }
        return total / count;
    }
}
