using Warpscope.Core.Datasets;
using Warpscope.Core.Model;

namespace Warpscope.Core.Training;

/// <summary>
/// A network with what gives it meaning: the label of each class and, when known, the dataset spec
/// and training config that made it, the seed of its initial weights, and the figures it reached.
/// This is what a model file holds.
/// </summary>
public sealed record TrainedModel(
    Network Network,
    IReadOnlyList<string> ClassNames,
    DatasetSpec? Dataset = null,
    TrainingConfig? Training = null,
    int Seed = 1,
    Initialization Initialization = Initialization.Auto,
    ModelMetrics? Metrics = null)
{
    /// <summary>The data when it came from a file (its points, or where to find them); null for a built-in dataset.</summary>
    public ModelData? Data { get; init; }
}
