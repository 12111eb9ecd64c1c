using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Training;

namespace Warpscope.Rendering.Tests;

/// <summary>Small trained networks for pictures, made once per test run.</summary>
internal static class Models
{
    private static readonly Lazy<TrainingSession> SpiralRun = new(() => Train(new DatasetSpec("spiral", 600, 0.1), [12, 12, 2], 350, 0.01));
    private static readonly Lazy<TrainingSession> RingsRun = new(() => Train(new DatasetSpec("rings", 600, 0), [3], 400, 0.03));

    public static TrainingSession Spiral => SpiralRun.Value;
    public static TrainingSession Rings => RingsRun.Value;

    public static TrainingSession Train(DatasetSpec data, int[] hidden, int epochs, double lr)
    {
        var run = new TrainingSession(new TrainingJob(data, NetworkSpec.Uniform(hidden, Activation.Tanh), new TrainingConfig(Epochs: epochs, LearningRate: lr)));
        run.Run();
        return run;
    }
}
