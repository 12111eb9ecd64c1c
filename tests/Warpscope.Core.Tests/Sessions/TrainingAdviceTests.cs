using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Sessions;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Tests.Sessions;

/// <summary>Issue 14: training that fails without a NaN is explained.</summary>
public class TrainingAdviceTests
{
    private static (TrainingSession Session, IReadOnlyList<Advice> Advice, double Linear) Train(SessionSetup setup, int epochs)
    {
        var session = setup.Start();
        session.TrainEpochs(epochs);
        var linear = TrainingAdvice.LinearAccuracy(session.Dataset);
        return (session, TrainingAdvice.For(session.Network, session.Dataset, setup, session.Epoch, session.RecentLosses, linear), linear);
    }

    /// <summary>The case: ReLU at learning rate 10 with SGD on the spiral: the units die and the loss swings.</summary>
    [Fact]
    public void ReluAtAHighLearningRate_IsExplained_DeadUnitsAndASwingingLoss()
    {
        var setup = new SessionSetup
        {
            Activations = [Activation.Relu, Activation.Relu, Activation.Relu],
            Training = new TrainingConfig(OptimizerKind.Sgd, LearningRate: 10, BatchSize: 32),
        };
        var (session, advice, _) = Train(setup, 60);
        Assert.Null(session.Divergence); // no NaN: nothing else would say what went wrong
        var ids = advice.Select(a => a.Id).ToList();
        Assert.True(ids.Contains("dead-units") || ids.Contains("swinging"), string.Join(" | ", advice.Select(a => a.Message)));
        Assert.All(advice, a => Assert.Contains("learning rate (now 10)", a.Message.Replace("learning rate (10)", "learning rate (now 10)")));
    }

    /// <summary>The case: moons, one hidden layer of 2 units, Adam: every point falls onto one line, no better than a straight line.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ATwoUnitLayerThatCollapses_IsNamed_WithTheLinearModelsAccuracy(int seed)
    {
        var setup = new SessionSetup
        {
            Data = new DatasetSpec("moons", 1000, 0.1, 0.5, seed),
            Hidden = [2],
            Activations = [Activation.Tanh],
        };
        var (session, advice, linear) = Train(setup, 50);
        var collapsed = advice.FirstOrDefault(a => a.Id == "collapsed");
        if (collapsed is null)
        {
            // Not collapsed this time: then the network does better than a line.
            Assert.True(session.TrainFigures.Accuracy > linear + 0.02, $"seed {seed}: {session.TrainFigures.Accuracy:P1} vs a line's {linear:P1}, no advice");
            return;
        }
        Assert.Contains("Hidden layer 1 has collapsed", collapsed.Message);
        Assert.Contains($"a straight line gets {linear:P0}", collapsed.Message);
        Assert.InRange(session.TrainFigures.Accuracy, linear - 0.05, linear + 0.03); // indeed no better than a line
    }

    [Fact]
    public void OnMoons_TheTwoUnitLayer_CollapsesForSomeSeeds_AndIsCaught()
    {
        var caught = Enumerable.Range(1, 3).Count(seed =>
        {
            var setup = new SessionSetup { Data = new DatasetSpec("moons", 1000, 0.1, 0.5, seed), Hidden = [2], Activations = [Activation.Tanh] };
            return Train(setup, 50).Advice.Any(a => a.Id == "collapsed");
        });
        Assert.True(caught >= 1, $"{caught} of 3 seeds caught collapsing (the issue saw all 3 collapse)");
    }

    [Fact]
    public void AHealthyScene_GetsNoAdvice()
    {
        var scene = ClassicScenes.TwoUnits;
        var setup = new SessionSetup
        {
            Data = scene.Data,
            Hidden = scene.Hidden,
            Activations = [Activation.Tanh],
            Training = scene.Training,
        };
        var (session, advice, linear) = Train(setup, scene.Epochs);
        Assert.True(session.TrainFigures.Accuracy >= 0.99);
        Assert.Empty(advice);
        Assert.InRange(linear, 0.7, 0.9); // the curves: a line does not do it
    }

    [Fact]
    public void TheLinearModel_OnMoons_GetsAbout86Percent()
    {
        var data = DatasetFactory.Create(new DatasetSpec("moons", 1000, 0.1, 0.5, 1));
        Assert.InRange(TrainingAdvice.LinearAccuracy(data), 0.82, 0.9);
    }
}
