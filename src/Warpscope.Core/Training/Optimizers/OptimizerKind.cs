namespace Warpscope.Core.Training.Optimizers;

public enum OptimizerKind
{
    Sgd,
    Momentum,
    Adam,
}
