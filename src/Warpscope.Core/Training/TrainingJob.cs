using Warpscope.Core.Datasets;
using Warpscope.Core.Model;

namespace Warpscope.Core.Training;

/// <summary>
/// Everything a training session needs, as front ends build it: the data, the network's shape (or a
/// model file whose weights to start from), how to train, and the seed of the initial weights.
/// </summary>
public sealed record TrainingJob(
    DatasetSpec Dataset,
    NetworkSpec Network,
    TrainingConfig Training,
    int Seed = 1,
    Initialization Initialization = Initialization.Auto,
    TrainedModel? StartFrom = null);
