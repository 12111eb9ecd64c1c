using Warpscope.Core.Model;

namespace Warpscope.Core.Numerics;

/// <summary>Fills the input rows of a block from the points' coordinates.</summary>
internal static unsafe class FeatureKernels
{
    /// <summary>
    /// features: [F][stride]; samples past x.Length get the point (0, 0) so every lane stays finite.
    /// z is empty for points of the plane; the feature Z then has nothing to read and is refused.
    /// </summary>
    public static void Fill(IReadOnlyList<InputFeature> features, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z, float* rows, int stride)
    {
        var n = x.Length;
        for (var f = 0; f < features.Count; f++)
        {
            var row = new Span<float>(rows + f * stride, stride);
            switch (features[f])
            {
                case InputFeature.X: x.CopyTo(row); break;
                case InputFeature.Y: y.CopyTo(row); break;
                case InputFeature.XSquared: for (var s = 0; s < n; s++) row[s] = x[s] * x[s]; break;
                case InputFeature.YSquared: for (var s = 0; s < n; s++) row[s] = y[s] * y[s]; break;
                case InputFeature.XTimesY: for (var s = 0; s < n; s++) row[s] = x[s] * y[s]; break;
                case InputFeature.SinX: for (var s = 0; s < n; s++) row[s] = MathF.Sin(x[s]); break;
                case InputFeature.SinY: for (var s = 0; s < n; s++) row[s] = MathF.Sin(y[s]); break;
                case InputFeature.Z:
                    if (z.Length != n) throw new ArgumentException($"the feature z needs 3-D points; {z.Length} z values for {n} points", nameof(z));
                    z.CopyTo(row);
                    break;
                default: throw new ArgumentOutOfRangeException(nameof(features));
            }
            row[n..].Clear();
        }
    }

    /// <summary>The value of one feature at one point, for reference code and single points.</summary>
    public static double Value(InputFeature feature, double x, double y, double z = 0) => feature switch
    {
        InputFeature.Z => z,
        InputFeature.X => x,
        InputFeature.Y => y,
        InputFeature.XSquared => x * x,
        InputFeature.YSquared => y * y,
        InputFeature.XTimesY => x * y,
        InputFeature.SinX => Math.Sin(x),
        InputFeature.SinY => Math.Sin(y),
        _ => throw new ArgumentOutOfRangeException(nameof(feature)),
    };
}
