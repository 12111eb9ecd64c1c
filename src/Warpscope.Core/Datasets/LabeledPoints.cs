namespace Warpscope.Core.Datasets;

/// <summary>
/// Points of the plane with a class index each. Stored as separate coordinate arrays because the
/// engine reads samples into SIMD lanes: x: [count]  y: [count]  labels: [count], labels in 0..K-1.
/// </summary>
public sealed class LabeledPoints
{
    public LabeledPoints(float[] x, float[] y, int[] labels)
    {
        if (x.Length != y.Length || x.Length != labels.Length)
            throw new ArgumentException($"x, y and labels differ in length ({x.Length}, {y.Length}, {labels.Length})");
        X = x;
        Y = y;
        Labels = labels;
    }

    public float[] X { get; }
    public float[] Y { get; }
    public int[] Labels { get; }
    public int Count => X.Length;

    public static LabeledPoints Empty { get; } = new([], [], []);

    /// <summary>The points at the given indices, in that order.</summary>
    public LabeledPoints Select(ReadOnlySpan<int> indices)
    {
        var x = new float[indices.Length];
        var y = new float[indices.Length];
        var labels = new int[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            x[i] = X[indices[i]];
            y[i] = Y[indices[i]];
            labels[i] = Labels[indices[i]];
        }
        return new LabeledPoints(x, y, labels);
    }
}
