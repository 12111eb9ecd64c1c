namespace Warpscope.Core.Numerics;

/// <summary>
/// Mean cross-entropy and the share of points whose most probable class is their label; for a
/// regression network, the mean squared error (in the target's units) as the loss, no accuracy, and
/// the coefficient of determination R².
/// </summary>
public readonly record struct Evaluation(double Loss, double Accuracy, int Count)
{
    public static Evaluation Empty => new(double.NaN, double.NaN, 0);

    /// <summary>Regression: 1 − Σ(ŷ − t)² / Σ(t − mean t)²; NaN for classification, for no points or constant targets.</summary>
    public double RSquared { get; init; } = double.NaN;

    /// <summary>Regression: the square root of the mean squared error, in the target's units.</summary>
    public double RootMeanSquaredError => Math.Sqrt(Loss);
}
