namespace Warpscope.Core.Datasets.Generators;

/// <summary>Collects a generator's points (computed in double, stored as float) into a <see cref="LabeledPoints"/>.</summary>
internal sealed class PointBuffer(int count, bool threeD = false)
{
    private readonly float[]? z = threeD ? new float[count] : null;
    private readonly float[] x = new float[count];
    private readonly float[] y = new float[count];
    private readonly int[] labels = new int[count];
    private int filled;

    public void Add(double px, double py, int label)
    {
        x[filled] = (float)px;
        y[filled] = (float)py;
        labels[filled] = label;
        filled++;
    }

    /// <summary>A point of space (a buffer made for 3-D points).</summary>
    public void Add(double px, double py, double pz, int label)
    {
        z![filled] = (float)pz;
        Add(px, py, label);
    }

    public LabeledPoints ToPoints()
    {
        if (filled != x.Length) throw new InvalidOperationException($"generated {filled} points, expected {x.Length}");
        return new LabeledPoints(x, y, labels, z: z);
    }
}
