namespace Warpscope.Core.Training;

/// <summary>What training measured at its end (informative: loading never depends on it).</summary>
public sealed record ModelMetrics(double TrainAccuracy, double TestAccuracy, double Loss, int Epochs, long Steps);
