using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Tests.Training;

/// <summary>
/// The claims the tour will show, measured: what a straight line, a 2-unit layer and a deeper
/// network can and cannot do on curves, the spiral and the rings.
/// </summary>
public class ClaimTests
{
    private static double TrainAccuracy(DatasetSpec data, int[] hidden, int seed, int epochs, double lr = 0.01, int batch = 32)
    {
        var spec = NetworkSpec.Uniform(hidden, Activation.Tanh);
        var run = new TrainingSession(new TrainingJob(data, spec, new TrainingConfig(OptimizerKind.Adam, lr, batch, epochs, Seed: seed), seed));
        run.Run();
        return run.TrainFigures.Accuracy;
    }

    [Fact]
    public void Curves_LinearModel_StaysBelow90Percent()
    {
        var accuracy = TrainAccuracy(new DatasetSpec("curves", 400, 0, 0.5, 1), [], seed: 1, epochs: 300, lr: 0.03);
        Assert.True(accuracy < 0.90, $"linear model reached {accuracy:P1}");
        Assert.True(accuracy > 0.55, $"linear model reached only {accuracy:P1}: is it training at all?");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Curves_TwoTanhUnits_Reach100Percent(int seed)
    {
        var accuracy = TrainAccuracy(new DatasetSpec("curves", 400, 0, 0.5, seed), [2], seed, epochs: 600, lr: 0.1);
        Assert.Equal(1.0, accuracy);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Spiral_ThreeBy16Tanh_ReachesAtLeast99Percent_WithTheDefaultTraining(int seed)
    {
        // The command's defaults (Adam, lr 0.01, batch 32, 400 epochs). Adam at this rate has short
        // loss spikes late in training, and which epoch one falls on moves with the last bits of the
        // arithmetic (seed 1 stood at 97.4 % after epoch 500 and 93.8 % after 350, 99.8 % after 400).
        var defaults = new TrainingConfig();
        var accuracy = TrainAccuracy(new DatasetSpec("spiral", 1000, 0.1, 0.5, seed), [16, 16, 16], seed, defaults.Epochs);
        Assert.True(accuracy >= 0.99, $"seed {seed}: 3×16 tanh reached {accuracy:P1}");
    }

    [Fact]
    public void Spiral_OneLayerOfTwoUnits_StaysBelow80Percent()
    {
        var accuracy = TrainAccuracy(new DatasetSpec("spiral", 1000, 0.1, 0.5, 1), [2], seed: 1, epochs: 300, lr: 0.03);
        Assert.True(accuracy < 0.80, $"2 units reached {accuracy:P1}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Rings_TwoTanhUnits_StayBelow95Percent(int seed)
    {
        var accuracy = TrainAccuracy(new DatasetSpec("rings", 600, 0, 0.5, seed), [2], seed, epochs: 400, lr: 0.03);
        Assert.True(accuracy < 0.95, $"seed {seed}: 2 units reached {accuracy:P1}");
    }

    [Fact]
    public void Rings_ThreeTanhUnits_Reach100Percent()
    {
        var accuracy = TrainAccuracy(new DatasetSpec("rings", 600, 0, 0.5, 1), [3], seed: 1, epochs: 400, lr: 0.03);
        Assert.Equal(1.0, accuracy);
    }
}
