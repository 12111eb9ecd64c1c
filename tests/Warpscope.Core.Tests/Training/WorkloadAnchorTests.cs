using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;
using Warpscope.Workloads;

namespace Warpscope.Core.Tests.Training;

/// <summary>WORKLOADS.md's correctness anchor: PyTorch, NumPy, TorchSharp, TF.js and ConvNetJS agree on these.</summary>
public class WorkloadAnchorTests
{
    [Theory]
    [InlineData("A", 0.662242, 0.606)]
    [InlineData("B", 0.646229, 0.597)]
    public void TwoHundredFullBatchSgdSteps_ReachTheAnchorLoss(string net, double expectedLoss, double expectedAccuracy)
    {
        var data = Workload.Spiral();
        var network = Workload.Net(net);
        var trainer = new Trainer(network, data, new TrainingConfig(OptimizerKind.Sgd, LearningRate: 0.1, BatchSize: data.Count, Shuffle: false, Steps: 200));
        trainer.Run();
        var evaluation = new ForwardPass(network).Evaluate(data);
        Assert.Equal(expectedLoss, evaluation.Loss, 1e-5);
        Assert.Equal(expectedAccuracy, evaluation.Accuracy, 1e-3);
    }
}
