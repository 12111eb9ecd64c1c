namespace Warpscope.Core.Sweeps;

/// <summary>
/// How far a sweep's slice is: runs finished of those it had to train (runs found already finished
/// are not counted), and the same as work (<see cref="SweepRun.Cost"/>), which an ETA should follow.
/// </summary>
public sealed record SweepProgress(int Done, int Total, long WorkDone, long WorkTotal, SweepRun? Finished);
