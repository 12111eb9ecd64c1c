namespace Warpscope.Core.Datasets.Generators;

/// <summary>
/// The Playground's multi-Gaussian regression: six bumps on a 3 × 2 grid (centres x ∈ {−4, 0, 4},
/// y = ±2.5) with alternating signs, +1 at (−4, 2.5). Each bump is a cone, not a Gaussian:
/// sign·max(0, 1 − d/2) at distance d from its centre; the target is the bump largest in magnitude
/// (the first in grid order on a tie), and 0 farther than 2 from every centre.
/// </summary>
internal sealed class MultiGaussGenerator : RegressionGenerator
{
    private static readonly (double X, double Y, double Sign)[] Bumps =
    [
        (-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1),
        (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1),
    ];

    public override string Name => "multigauss";
    public override string Description => "regression: six bumps of alternating sign (TensorFlow Playground)";

    public override double Target(double x, double y)
    {
        double target = 0;
        foreach (var (cx, cy, sign) in Bumps)
        {
            var d = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
            // The Playground's scale maps distance 0..2 onto 1..0, clamped.
            var value = sign * Math.Clamp(1 - d / 2, 0, 1);
            if (Math.Abs(value) > Math.Abs(target)) target = value;
        }
        return target;
    }
}
