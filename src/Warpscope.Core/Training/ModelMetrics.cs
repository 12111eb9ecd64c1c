using Warpscope.Core.Numerics;

namespace Warpscope.Core.Training;

/// <summary>
/// What the training run measured at its end (informative: loading never depends on it). A regression
/// model has no accuracy (NaN): its <see cref="Loss"/> is the training points' mean squared error, with
/// the test points' in <see cref="TestLoss"/> and both R² beside them.
/// </summary>
public sealed record ModelMetrics(double TrainAccuracy, double TestAccuracy, double Loss, int Epochs, long Steps)
{
    /// <summary>Regression: the test points' mean squared error (NaN without test points, and for classification).</summary>
    public double TestLoss { get; init; } = double.NaN;

    public double TrainRSquared { get; init; } = double.NaN;

    public double TestRSquared { get; init; } = double.NaN;

    /// <summary>The figures of a network evaluated on its training and test points.</summary>
    public static ModelMetrics Of(Evaluation train, Evaluation test, int epochs, long steps, bool regression) =>
        regression
            ? new ModelMetrics(double.NaN, double.NaN, train.Loss, epochs, steps) { TestLoss = test.Loss, TrainRSquared = train.RSquared, TestRSquared = test.RSquared }
            : new ModelMetrics(train.Accuracy, test.Accuracy, train.Loss, epochs, steps);
}
