namespace Warpscope.Core.Training;

/// <summary>
/// The loss became NaN or infinite. The network has been put back to the last weights whose loss
/// was finite, so it can still be saved or drawn truthfully.
/// </summary>
public sealed class TrainingDivergedException(int epoch, long step, double lastFiniteLoss)
    : Exception($"training diverged at epoch {epoch + 1}, step {step + 1} (loss became NaN or infinite); " +
                $"kept the last finite weights (loss {lastFiniteLoss:G4}). Try a smaller learning rate.")
{
    public int Epoch { get; } = epoch;
    public long Step { get; } = step;
    public double LastFiniteLoss { get; } = lastFiniteLoss;
}
