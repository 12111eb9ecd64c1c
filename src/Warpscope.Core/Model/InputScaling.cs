using Warpscope.Core.Datasets;

namespace Warpscope.Core.Model;

/// <summary>
/// The network's first, fixed stage: the point (x, y) in the data's own units becomes
/// u = ((x − OffsetX) / ScaleX, (y − OffsetY) / ScaleY) before the input features are taken of it.
/// Standardisation sets the offsets to the training rows' means and the scales to their standard
/// deviations, so a CSV whose coordinates sit around 1000 ± 5 reaches the first layer near 0 ± 1,
/// where tanh units are not saturated. 3-D data's third coordinate z has its own OffsetZ and ScaleZ
/// (0 and 1, the identity, for data of the plane), and Glorot's initial weights are of the right size. Because it
/// is part of the network, every view, prediction and export stays in the data's units.
/// </summary>
public sealed record InputScaling(float OffsetX, float OffsetY, float ScaleX, float ScaleY)
{
    public static InputScaling Identity { get; } = new(0, 0, 1, 1);

    /// <summary>The mean of the third coordinate (3-D data); 0 for points of the plane.</summary>
    public float OffsetZ { get; init; }

    /// <summary>The standard deviation of the third coordinate (3-D data); 1 for points of the plane.</summary>
    public float ScaleZ { get; init; } = 1;

    /// <summary>Whether z is scaled too (a standardisation learnt from 3-D data).</summary>
    public bool ScalesZ => OffsetZ != 0 || ScaleZ != 1;

    public bool IsIdentity => this == Identity;

    /// <summary>
    /// The mean and population standard deviation of each coordinate (as scikit-learn's StandardScaler),
    /// summed in double; a coordinate that does not vary keeps scale 1.
    /// </summary>
    public static InputScaling Standardising(LabeledPoints points)
    {
        if (points.Count == 0) return Identity;
        var (mx, sx) = MeanAndScale(points.X);
        var (my, sy) = MeanAndScale(points.Y);
        if (points.Z is not { } z) return new InputScaling(mx, my, sx, sy);
        var (mz, sz) = MeanAndScale(z);
        return new InputScaling(mx, my, sx, sy) { OffsetZ = mz, ScaleZ = sz };
    }

    /// <summary>The mean and population standard deviation of the values, summed in double; values that do not vary keep scale 1.</summary>
    internal static (float Mean, float Scale) MeanAndScale(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (var v in values) sum += v;
        var mean = sum / values.Length;
        double squares = 0;
        foreach (var v in values) squares += (v - mean) * (v - mean);
        var scale = (float)Math.Sqrt(squares / values.Length);
        return ((float)mean, scale > 0 && float.IsNormal(scale) ? scale : 1f);
    }

    /// <summary>u = (x − offset) / scale, in float as the kernels and an exported ONNX graph's Sub and Div compute it.</summary>
    public float ApplyX(float x) => (x - OffsetX) / ScaleX;

    public float ApplyY(float y) => (y - OffsetY) / ScaleY;

    public float ApplyZ(float z) => (z - OffsetZ) / ScaleZ;

    /// <summary>Scales z (3-D points) into w; nothing when z is empty.</summary>
    public void ApplyZ(ReadOnlySpan<float> z, Span<float> w)
    {
        for (var i = 0; i < z.Length; i++) w[i] = (z[i] - OffsetZ) / ScaleZ;
    }

    public void Apply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> u, Span<float> v)
    {
        for (var i = 0; i < x.Length; i++)
        {
            u[i] = (x[i] - OffsetX) / ScaleX;
            v[i] = (y[i] - OffsetY) / ScaleY;
        }
    }
}
