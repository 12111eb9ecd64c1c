namespace Warpscope.Core.Training;

/// <summary>Where training stands after an epoch: its number (1-based), steps so far and mean loss.</summary>
public readonly record struct TrainingProgress(int Epoch, long Steps, double Loss);
