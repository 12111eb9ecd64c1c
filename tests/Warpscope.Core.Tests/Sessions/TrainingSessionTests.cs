using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Sessions;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Tests.Sessions;

public class TrainingSessionTests
{
    private static SessionSetup Small => new()
    {
        Data = new DatasetSpec("xor", Points: 200, Noise: 0.1),
        Hidden = [6, 2],
        Activations = [Activation.Tanh, Activation.Tanh],
    };

    /// <summary>A heavy setup: an epoch is many steps of a wide, deep network.</summary>
    private static SessionSetup Heavy => new()
    {
        Data = new DatasetSpec("spiral", Points: 8000, Noise: 0.1),
        Hidden = [64, 64, 64, 64],
        Activations = [Activation.Tanh, Activation.Tanh, Activation.Tanh, Activation.Tanh],
        Training = new TrainingConfig(OptimizerKind.Adam, LearningRate: 0.01, BatchSize: 8),
    };

    [Fact]
    public void TrainFor_StopsInsideAnEpochAtItsBudget_AndGoesOnWithTheSameSteps()
    {
        var sliced = Heavy.Start();
        var slices = 0;
        while (sliced.Epoch < 1)
        {
            Assert.True(sliced.TrainFor(1, TimeSpan.FromMilliseconds(5)));
            slices++;
        }
        // 500 steps of a 2-64-64-64-64-2 network: far more than one 5 ms slice (the slice itself also evaluates the figures).
        Assert.True(slices >= 3, $"{slices} slices");
        var whole = Heavy.Start();
        Assert.True(whole.TrainEpochs(1));
        Assert.Equal(whole.Network.Parameters, sliced.Network.Parameters);
        Assert.Equal(whole.Timeline.Snapshots[^1].Loss, sliced.Timeline.Snapshots[^1].Loss);
        Assert.Equal(2, sliced.Timeline.Snapshots.Count);
    }

    [Fact]
    public void DefaultSetup_IsTheSpiralWith16_16_2Tanh_AndItLearnsPast95PercentIn100Epochs()
    {
        var session = new SessionSetup().Start();
        Assert.Equal("spiral", session.Dataset.Spec.Name);
        Assert.Equal(500, session.Dataset.Train.Count);
        Assert.Equal([2, 16, 16, 2, 2], session.Network.Spec.Sizes);
        var before = session.TrainFigures.Accuracy;
        Assert.True(session.TrainEpochs(100));
        Assert.Equal(100, session.Epoch);
        Assert.True(session.TrainFigures.Accuracy >= 0.95, $"{session.TrainFigures.Accuracy}");
        Assert.True(session.TrainFigures.Accuracy > before + 0.2);
        Assert.Equal(101, session.Timeline.Snapshots.Count);
    }

    [Fact]
    public void SameSetup_GivesTheSameWeights()
    {
        var a = Small.Start();
        var b = Small.Start();
        a.TrainEpochs(7);
        b.TrainEpochs(3);
        b.TrainEpochs(4);
        Assert.Equal(a.Network.Parameters, b.Network.Parameters);
    }

    [Fact]
    public void NewOptimizerSettings_KeepTheWeights_NewShapeOrDataStartAgain()
    {
        var session = Small.Start();
        session.TrainEpochs(5);
        var trained = (float[])session.Network.Parameters.Clone();

        var sgd = Small with { Training = Small.Training with { LearningRate = 0.05, Optimizer = OptimizerKind.Sgd } };
        Assert.False(Small.MoveTo(sgd, session));
        Assert.Equal(trained, session.Network.Parameters);
        Assert.Equal(5, session.Epoch);

        var wider = Small with { Hidden = [6, 3] };
        Assert.True(sgd.MoveTo(wider, session));
        Assert.Equal(0, session.Epoch);
        Assert.Equal([2, 6, 3, 2], session.Network.Spec.Sizes);

        session.TrainEpochs(2);
        Assert.True(wider.MoveTo(Small with { Hidden = [6, 3], Data = Small.Data with { Name = "circle" } }, session));
        Assert.Equal(0, session.Epoch);
        Assert.Single(session.Timeline.Snapshots);
    }

    [Fact]
    public void EditedPoints_KeepTheWeights_AndTrainOnTheNewPoints()
    {
        var session = Small.Start();
        session.TrainEpochs(3);
        var points = Small.Points(session.Dataset);
        var edited = points with { Train = new LabeledPoints([.. points.Train.X, 0.5f], [.. points.Train.Y, 0.5f], [.. points.Train.Labels, 1]) };
        Assert.False(Small.MoveTo(Small with { Data = Small.Data with { Name = "custom" }, Custom = edited }, session));
        Assert.Equal(3, session.Epoch);
        Assert.Equal(points.Train.Count + 1, session.Dataset.Train.Count);
        Assert.Equal(points.Test.Count, session.Dataset.Test.Count);
        Assert.True(session.TrainEpochs(1));
        Assert.Equal(4, session.Epoch);
    }

    [Fact]
    public void NoPoints_TrainNothing_ButTheSessionStillDraws()
    {
        var empty = new CustomData(LabeledPoints.Empty, LabeledPoints.Empty, ["a", "b"], PlaneRect.Square(6));
        var session = (Small with { Data = Small.Data with { Name = "custom" }, Custom = empty }).Start();
        Assert.False(session.TrainEpochs(3));
        Assert.Equal(0, session.Epoch);
        Assert.True(double.IsNaN(session.TrainFigures.Accuracy));
    }

    [Fact]
    public void Divergence_StopsOnTheLastFiniteWeights_UntilReset()
    {
        var session = (Small with
        {
            Data = new DatasetSpec("gauss", Points: 200, Noise: 0.1),
            Hidden = [64, 64, 64],
            Activations = [Activation.Relu, Activation.Relu, Activation.Relu],
            Training = Small.Training with { Optimizer = OptimizerKind.Sgd, LearningRate = 10, BatchSize = 200 },
        }).Start();
        var epochs = 0;
        while (session.TrainEpochs(1) && ++epochs < 5000) { }
        Assert.NotNull(session.Divergence);
        Assert.Contains("diverged", session.Divergence);
        // It quotes the loss the page shows (issue 14): the kept weights' loss on the training points.
        Assert.Contains(FormattableString.Invariant($"whose training loss is {session.TrainFigures.Loss:G4}."), session.Divergence);
        Assert.All(session.Network.Parameters, p => Assert.True(float.IsFinite(p)));
        // The weights it stops on can be drawn: every layer finite at every training point.
        var train = session.Dataset.Train;
        var trace = new ForwardPass(session.Network).Trace(train.X, train.Y);
        Assert.All(trace.Layers, layer => Assert.All(layer.Post, v => Assert.True(float.IsFinite(v))));
        Assert.False(session.TrainEpochs(1));

        session.Reset();
        Assert.Null(session.Divergence);
        Assert.Equal(0, session.Epoch);
    }

    [Fact]
    public void Divergence_OnlyOnTheTestPoints_StopsTheSessionToo()
    {
        // Ordinary training points, and one test point so far out that a ReLU network's values
        // overflow there: training alone never sees it.
        var train = new LabeledPoints([-1f, 1f, -1f, 1f], [-1f, -1f, 1f, 1f], [0, 1, 1, 0]);
        var test = new LabeledPoints([3e38f], [3e38f], [0]);
        var session = (Small with
        {
            Data = Small.Data with { Name = "custom" },
            Custom = new CustomData(train, test, ["a", "b"], PlaneRect.Square(6)),
            Hidden = [16, 16],
            Activations = [Activation.Relu, Activation.Relu],
        }).Start();
        Assert.False(session.TrainEpochs(1));
        Assert.True(double.IsFinite(session.TrainFigures.Loss));
        Assert.Contains("overflow on the test points", session.Divergence);
    }

    [Fact]
    public void NetworkAt_GivesTheTimelinesEarlierWeights()
    {
        var session = Small.Start();
        var start = (float[])session.Network.Parameters.Clone();
        session.TrainEpochs(4);
        Assert.Equal(start, session.NetworkAt(0).Parameters);
        Assert.Same(session.Network, session.NetworkAt(null));
        Assert.Same(session.Network, session.NetworkAt(99));
    }

    [Fact]
    public void FromPoints_SplitsBySeed_KeepingAtLeastOneTrainingPoint()
    {
        var points = new LabeledPoints([1, 2, 3, 4], [1, 2, 3, 4], [0, 1, 0, 1]);
        var spec = new DatasetSpec("custom", TestFraction: 0.5, Seed: 3);
        var a = DatasetFactory.FromPoints(points, ["a", "b"], PlaneRect.Square(5), spec);
        var b = DatasetFactory.FromPoints(points, ["a", "b"], PlaneRect.Square(5), spec);
        Assert.Equal(2, a.Train.Count);
        Assert.Equal(a.Train.X, b.Train.X);
        var one = DatasetFactory.FromPoints(new LabeledPoints([1], [1], [0]), ["a", "b"], PlaneRect.Square(5), spec with { TestFraction = 0.9 });
        Assert.Equal(1, one.Train.Count);
        Assert.Throws<UserInputException>(() => DatasetFactory.FromPoints(new LabeledPoints([1], [1], [2]), ["a", "b"], PlaneRect.Square(5), spec));
    }
}
