namespace Warpscope.Core.Training;

/// <summary>The network's parameters after <see cref="Step"/> minibatch steps (the batch loss before it, when known).</summary>
public sealed record TrainingSnapshot(long Step, int Epoch, double Loss, float[] Parameters);
