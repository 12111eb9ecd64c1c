namespace Warpscope.Core.Datasets;

/// <summary>
/// Points of the plane (or, with <see cref="Z"/>, of 3-D space) with a class index each, or for regression a target value each. Stored as
/// separate coordinate arrays because the engine reads samples into SIMD lanes: x: [count]
/// y: [count]  z: [count] or null (2-D data)  labels: [count], labels in 0..K-1; targets: [count] or null. Regression points carry
/// labels too (all 0, the one output), so code that only counts or splits points needs no second path.
/// </summary>
public sealed class LabeledPoints
{
    public LabeledPoints(float[] x, float[] y, int[] labels, float[]? targets = null, float[]? z = null)
    {
        if (x.Length != y.Length || x.Length != labels.Length || (targets is not null && targets.Length != x.Length) || (z is not null && z.Length != x.Length))
            throw new ArgumentException($"x, y, z, labels and targets differ in length ({x.Length}, {y.Length}, {z?.Length}, {labels.Length}, {targets?.Length})");
        X = x;
        Y = y;
        Z = z;
        Labels = labels;
        Targets = targets;
    }

    /// <summary>Regression points: a target value each (labels all 0).</summary>
    public static LabeledPoints WithTargets(float[] x, float[] y, float[] targets) => new(x, y, new int[x.Length], targets);

    public float[] X { get; }
    public float[] Y { get; }

    /// <summary>The third coordinate of 3-D points; null for points of the plane.</summary>
    public float[]? Z { get; }

    /// <summary>2 for points of the plane, 3 for points of space.</summary>
    public int Dimensions => Z is null ? 2 : 3;
    public int[] Labels { get; }

    /// <summary>The value to predict at each point (regression); null for classes.</summary>
    public float[]? Targets { get; }

    public LearningTask Task => Targets is null ? LearningTask.Classification : LearningTask.Regression;
    public int Count => X.Length;

    public static LabeledPoints Empty { get; } = new([], [], []);

    /// <summary>The points at the given indices, in that order.</summary>
    public LabeledPoints Select(ReadOnlySpan<int> indices)
    {
        var x = new float[indices.Length];
        var y = new float[indices.Length];
        var labels = new int[indices.Length];
        var targets = Targets is null ? null : new float[indices.Length];
        var z = Z is null ? null : new float[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            x[i] = X[indices[i]];
            y[i] = Y[indices[i]];
            labels[i] = Labels[indices[i]];
            if (targets is not null) targets[i] = Targets![indices[i]];
            if (z is not null) z[i] = Z![indices[i]];
        }
        return new LabeledPoints(x, y, labels, targets, z);
    }
}
