namespace Warpscope.Core.Representations;

/// <summary>
/// Count points in Dimensions dimensions, unit-major like a layer trace: coordinate d of point s at
/// d·Count + s.
/// </summary>
public sealed record PointCloud(int Dimensions, int Count, float[] Values)
{
    public float this[int dimension, int point] => Values[dimension * Count + point];

    public ReadOnlySpan<float> Axis(int dimension) => Values.AsSpan(dimension * Count, Count);

    /// <summary>The same points embedded in more dimensions, the new coordinates zero (Olah's zero padding).</summary>
    public PointCloud PadTo(int dimensions)
    {
        if (dimensions < Dimensions) throw new ArgumentOutOfRangeException(nameof(dimensions));
        if (dimensions == Dimensions) return this;
        var values = new float[dimensions * Count];
        Values.CopyTo(values, 0);
        return new PointCloud(dimensions, Count, values);
    }

    /// <summary>Points start..start+count.</summary>
    public PointCloud Slice(int start, int count)
    {
        var values = new float[Dimensions * count];
        for (var k = 0; k < Dimensions; k++) Values.AsSpan(k * Count + start, count).CopyTo(values.AsSpan(k * count, count));
        return new PointCloud(Dimensions, count, values);
    }

    /// <summary>All the points of clouds of one dimension, one after another.</summary>
    public static PointCloud Concatenate(IReadOnlyList<PointCloud> clouds)
    {
        var d = clouds[0].Dimensions;
        var n = clouds.Sum(c => c.Count);
        var values = new float[d * n];
        var offset = 0;
        foreach (var cloud in clouds)
        {
            for (var k = 0; k < d; k++) cloud.Axis(k).CopyTo(values.AsSpan(k * n + offset));
            offset += cloud.Count;
        }
        return new PointCloud(d, n, values);
    }
}
