namespace Warpscope.Core.Numerics;

/// <summary>
/// One layer's values for a batch of points, unit-major: unit u of sample s at u·Count + s.
/// <see cref="Pre"/> is z = W·x + b, <see cref="Post"/> is σ(z) (softmax probabilities at the output).
/// </summary>
public sealed class LayerTrace(int units, int count)
{
    public int Units { get; } = units;
    public int Count { get; } = count;

    /// <summary>z: [Units][Count].</summary>
    public float[] Pre { get; } = new float[units * count];

    /// <summary>σ(z): [Units][Count].</summary>
    public float[] Post { get; } = new float[units * count];

    public float PreAt(int unit, int sample) => Pre[unit * Count + sample];
    public float PostAt(int unit, int sample) => Post[unit * Count + sample];

    /// <summary>One unit's value for every sample.</summary>
    public ReadOnlySpan<float> PostOf(int unit) => Post.AsSpan(unit * Count, Count);
}
