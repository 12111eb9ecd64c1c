using Warpscope.Core.Datasets;

namespace Warpscope.Core.Model;

/// <summary>The data a model was trained on, made again from its dataset spec (same seed, same points).</summary>
public static class TrainedModelData
{
    /// <summary>The dataset, or null with the reason when the model has no spec or its CSV is gone.</summary>
    public static Dataset? RecreateDataset(this TrainedModel model, out string? problem)
    {
        problem = null;
        if (model.Dataset is null)
        {
            problem = "the model file names no dataset";
            return null;
        }
        try
        {
            var data = DatasetFactory.Create(model.Dataset);
            if (data.ClassCount != model.Network.ClassCount)
            {
                problem = $"its dataset has {data.ClassCount} classes, the network {model.Network.ClassCount}";
                return null;
            }
            return data;
        }
        catch (UserInputException e)
        {
            problem = e.Message;
            return null;
        }
    }

    /// <summary>The input rectangle to show: the data's own, else [−6, 6]² (TensorFlow Playground's).</summary>
    public static PlaneRect InputDomain(this TrainedModel model, Dataset? data) =>
        data?.Domain
        ?? (model.Dataset is { } spec && DatasetRegistry.TryGet(spec.Name, out var generator) ? generator.Domain : PlaneRect.Square(6));
}
