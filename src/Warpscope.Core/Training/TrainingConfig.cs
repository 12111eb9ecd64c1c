using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Training;

/// <summary>
/// How to train: optimizer and learning rate, minibatch size (capped at the training set), length
/// in epochs or, when <see cref="Steps"/> is set, in minibatch steps, and the penalties
/// L1·Σ|w| + (L2/2)·Σw² on weights (never biases). <see cref="MaxNorm"/>, when above 0, caps the
/// length of each hidden unit's incoming weight vector after every step (a max-norm constraint): a
/// unit can then be only so steep, so the layer bends the plane without squeezing it into tanh's flat
/// ends. The output layer is left free, so the classes can still be told apart with confidence.
/// <see cref="Seed"/> orders the minibatches.
/// </summary>
public sealed record TrainingConfig(
    OptimizerKind Optimizer = OptimizerKind.Adam,
    double LearningRate = 0.01,
    int BatchSize = 32,
    int Epochs = 400,
    long? Steps = null,
    double L1 = 0,
    double L2 = 0,
    double Momentum = 0.9,
    bool Shuffle = true,
    int Seed = 1,
    double MaxNorm = 0)
{
    /// <summary>Throws a <see cref="UserInputException"/> naming the first bad field.</summary>
    public TrainingConfig Validated()
    {
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new UserInputException($"learning rate must be a positive number (got {LearningRate})");
        if (BatchSize < 1) throw new UserInputException($"batch size must be at least 1 (got {BatchSize})");
        if (Epochs < 0) throw new UserInputException($"epochs must be 0 or more (got {Epochs})");
        if (Steps is < 0) throw new UserInputException($"steps must be 0 or more (got {Steps})");
        if (!(L1 >= 0) || double.IsInfinity(L1)) throw new UserInputException($"L1 must be 0 or more (got {L1})");
        if (!(L2 >= 0) || double.IsInfinity(L2)) throw new UserInputException($"L2 must be 0 or more (got {L2})");
        if (!(MaxNorm >= 0) || double.IsInfinity(MaxNorm)) throw new UserInputException($"max-norm must be 0 (off) or more (got {MaxNorm})");
        if (!(Momentum is >= 0 and < 1)) throw new UserInputException($"momentum must be in [0, 1) (got {Momentum})");
        return this;
    }
}
