namespace Warpscope.Core.Datasets.Generators;

/// <summary>
/// The Playground's regression plane: the target rises linearly along the diagonal,
/// t = (x + y) / 10, so from −1 at (−5, −5) to +1 at (5, 5) (beyond ±1 in the corners of [−6, 6]²).
/// One linear unit can fit it exactly.
/// </summary>
internal sealed class PlaneGenerator : RegressionGenerator
{
    public override string Name => "plane";
    public override string Description => "regression: a value rising along the diagonal (TensorFlow Playground)";

    // The Playground maps x + y from [−10, 10] linearly onto [−1, 1], unclamped.
    public override double Target(double x, double y) => (x + y) / 10;
}
