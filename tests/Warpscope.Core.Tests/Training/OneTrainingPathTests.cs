using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Sessions;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Tests.Training;

/// <summary>
/// Issue 15: one session type trains for every front end. Training to the end (<see cref="TrainingSession.Run"/>,
/// the command line's and the tour's way) is a thin loop over the same steps the playground takes a slice at a
/// time, so the ways agree to the bit.
/// </summary>
public class OneTrainingPathTests
{
    private static TrainingJob Xor(int epochs = 12, long? steps = null) =>
        new(new DatasetSpec("xor", 200, 0.1, Seed: 3), NetworkSpec.Uniform([6, 2], Activation.Tanh),
            new TrainingConfig(OptimizerKind.Adam, 0.02, BatchSize: 16, Epochs: epochs, Steps: steps, Seed: 5), Seed: 7);

    [Fact]
    public void Run_GivesTheWeightsOfSteppingTheSessionByHand()
    {
        var run = new TrainingSession(Xor());
        run.Run();
        var byHand = new TrainingSession(Xor());
        while (byHand.Epoch < 12) byHand.Step();
        Assert.Equal(run.Network.Parameters, byHand.Network.Parameters);
        Assert.Equal((12, 12L * 7), (run.Epoch, run.Steps)); // 100 training points in batches of 16: 7 steps an epoch
        Assert.Equal((run.Epoch, run.Steps), (byHand.Epoch, byHand.Steps));
    }

    [Fact]
    public void Run_CountingSteps_StopsAtTheStep_AndGivesTheWeightsOfSteppingByHand()
    {
        var run = new TrainingSession(Xor(steps: 30));
        run.Run();
        var byHand = new TrainingSession(Xor(steps: 30));
        for (var i = 0; i < 30; i++) byHand.Step();
        Assert.Equal(run.Network.Parameters, byHand.Network.Parameters);
        Assert.Equal((4, 30L), (run.Epoch, run.Steps));
        Assert.Equal((30L, 30L), (run.Done, run.Total));
    }

    [Fact]
    public void Run_IsTheTrainersOwnLoop_TheSameWeightsAndTheSameProgress()
    {
        var job = Xor();
        var session = new TrainingSession(job);
        var fromSession = new List<TrainingProgress>();
        session.Run(fromSession.Add);

        var data = DatasetFactory.Create(job.Dataset);
        var network = Network.Create(job.Network, job.Seed, job.Initialization);
        var fromTrainer = new List<TrainingProgress>();
        new Trainer(network, data.Train, job.Training).Run(fromTrainer.Add);

        Assert.Equal(network.Parameters, session.Network.Parameters);
        Assert.Equal(fromTrainer, fromSession);
    }

    [Fact]
    public void TrainEpochs_AsThePageDoes_GivesTheWeightsOfRun()
    {
        var run = new TrainingSession(Xor());
        run.Run();
        var sliced = new TrainingSession(Xor(), DatasetFactory.Create(Xor().Dataset), timelineCapacity: 400);
        Assert.True(sliced.TrainEpochs(5));
        Assert.True(sliced.TrainFor(7, TimeSpan.FromMilliseconds(1))); // at least one step
        while (sliced.Epoch < 12) Assert.True(sliced.TrainFor(12 - sliced.Epoch, TimeSpan.FromMilliseconds(1)));
        Assert.Equal(run.Network.Parameters, sliced.Network.Parameters);
        Assert.Equal(run.TrainFigures, sliced.TrainFigures);
        Assert.Equal(13, sliced.Timeline.Snapshots.Count); // the start and every epoch
        Assert.Single(run.Timeline.Snapshots); // trained to the end, a session keeps only its start
    }

    [Fact]
    public void ThePlaygroundsSetup_TrainsAsItsJobDoesToTheEnd_ItsDataSeedOrderingTheBatches()
    {
        var setup = new SessionSetup
        {
            Data = new DatasetSpec("circle", Points: 300, Noise: 0.1, Seed: 4),
            Hidden = [5],
            Activations = [Activation.Tanh],
        };
        var page = setup.Start();
        Assert.True(page.TrainEpochs(9));

        var data = setup.MakeDataset();
        var job = setup.Job(data);
        Assert.Equal((4, 4), (job.Seed, job.Training.Seed));
        var command = new TrainingSession(job with { Training = job.Training with { Epochs = 9 } }, data);
        command.Run();
        Assert.Equal(command.Network.Parameters, page.Network.Parameters);
    }

    [Fact]
    public void Run_Cancelled_StopsAfterTheStepItIsIn_OnTheWeightsOfThoseSteps()
    {
        using var cancel = new CancellationTokenSource();
        var session = new TrainingSession(Xor());
        session.Run(p => { if (p.Epoch == 3) cancel.Cancel(); }, cancel.Token);
        Assert.Equal(3, session.Epoch);
        var byHand = new TrainingSession(Xor());
        while (byHand.Epoch < 3) byHand.Step();
        Assert.Equal(byHand.Network.Parameters, session.Network.Parameters);
        Assert.Equal(3, session.ToModel().Metrics!.Epochs);
    }

    [Fact]
    public void Run_Diverging_KeepsTheLastFiniteWeights_AndSaysWhy()
    {
        var job = new TrainingJob(new DatasetSpec("gauss", 200, 0.1), NetworkSpec.Uniform([8, 8], Activation.Relu),
            new TrainingConfig(OptimizerKind.Sgd, 1e20, BatchSize: 100, Epochs: 100));
        var session = new TrainingSession(job);
        Assert.Throws<TrainingDivergedException>(() => session.Run());
        Assert.All(session.Network.Parameters, v => Assert.True(float.IsFinite(v)));
        Assert.Contains("training diverged", session.Divergence);
        Assert.False(session.TrainEpochs(1));
        session.Reset();
        Assert.Null(session.Divergence);
        Assert.Equal((0, 0L), (session.Epoch, session.Steps));
    }

    [Fact]
    public void Continue_RefusesAnotherNetwork()
    {
        var session = new TrainingSession(Xor());
        var wider = Xor() with { Network = NetworkSpec.Uniform([7, 2], Activation.Tanh) };
        Assert.Throws<ArgumentException>(() => session.Continue(wider, session.Dataset));
    }

    [Fact]
    public void StartFrom_TrainsOnFromTheModelsWeights_LeavingTheModelAlone()
    {
        var first = new TrainingSession(Xor(epochs: 4));
        first.Run();
        var model = first.ToModel();
        var before = (float[])model.Network.Parameters.Clone();
        var next = new TrainingSession(Xor(epochs: 3) with { StartFrom = model });
        Assert.Equal(before, next.Network.Parameters);
        next.Run();
        Assert.NotEqual(before, next.Network.Parameters);
        Assert.Equal(before, model.Network.Parameters);
    }
}
