using Warpscope.Core.Model;

namespace Warpscope.Core.Training.Optimizers;

/// <summary>Names of optimizers as written in files and options, and the optimizer a config asks for.</summary>
public static class OptimizerFactory
{
    public static IEnumerable<string> Names => Enum.GetValues<OptimizerKind>().Select(ToName);

    public static string ToName(this OptimizerKind kind) => kind.ToString().ToLowerInvariant();

    public static OptimizerKind Parse(string text, string what)
    {
        foreach (var kind in Enum.GetValues<OptimizerKind>())
        {
            if (string.Equals(kind.ToName(), text.Trim(), StringComparison.OrdinalIgnoreCase)) return kind;
        }
        throw new UserInputException($"{what}: unknown optimizer '{text}' (choose {string.Join(", ", Names)})");
    }

    public static IOptimizer Create(TrainingConfig config, int parameterCount) => config.Optimizer switch
    {
        OptimizerKind.Sgd => new Sgd((float)config.LearningRate),
        OptimizerKind.Momentum => new Momentum(parameterCount, (float)config.LearningRate, (float)config.Momentum),
        OptimizerKind.Adam => new Adam(parameterCount, (float)config.LearningRate),
        _ => throw new ArgumentOutOfRangeException(nameof(config)),
    };
}
