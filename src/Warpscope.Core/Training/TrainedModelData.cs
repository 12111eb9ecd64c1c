using Warpscope.Core.Datasets;
using Warpscope.Core.Model;

namespace Warpscope.Core.Training;

/// <summary>The data a model was trained on, made again from its dataset spec (same seed, same points).</summary>
public static class TrainedModelData
{
    /// <summary>
    /// The dataset, or null with the reason when the model has no spec or its data cannot be found. A model
    /// trained on a file carries its points (up to <see cref="ModelData.MaxEmbeddedPoints"/>), so it draws the
    /// same anywhere; a larger file is looked for beside the model (<paramref name="modelPath"/>), at the path
    /// it was given, and at its full path, and used only if its SHA-256 is still the same.
    /// </summary>
    public static Dataset? RecreateDataset(this TrainedModel model, out string? problem, string? modelPath = null)
    {
        problem = null;
        if (model.Dataset is null)
        {
            problem = "the model file names no dataset";
            return null;
        }
        if (model.Data is { Train: { } train, Test: { } test } kept)
            return new Dataset(model.Dataset, train, test, model.ClassNames, kept.Domain) { AxisNames = kept.AxisNames, Source = kept.Source, TestSource = kept.TestSource };
        var spec = model.Dataset;
        if (model.Data is { } data1)
        {
            var found = Locate(data1.Source, modelPath, out problem);
            if (found is null) return null;
            spec = spec with { Name = found };
            if (data1.TestSource is { } testSource)
            {
                var foundTest = Locate(testSource, modelPath, out problem);
                if (foundTest is null) return null;
                spec = spec with { TestData = foundTest };
            }
        }
        try
        {
            var data = DatasetFactory.Create(spec);
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

    /// <summary>The data file beside the model, at its path as given, or at its full path, with the same contents; else null and why.</summary>
    private static string? Locate(DataSource source, string? modelPath, out string? problem)
    {
        var candidates = new List<string>();
        if (modelPath is not null) candidates.Add(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, Path.GetFileName(source.File)));
        candidates.Add(source.File);
        candidates.Add(source.FullPath);
        string? changed = null;
        foreach (var path in candidates.Distinct())
        {
            if (!File.Exists(path)) continue;
            var now = DataSource.Of(path);
            if (now.Sha256 == source.Sha256)
            {
                problem = null;
                return path;
            }
            changed ??= path;
        }
        problem = changed is not null
            ? $"{changed} has changed since the model was trained on it (its SHA-256 differs)"
            : $"the model was trained on {source.File} ({source.Bytes} bytes), which is neither beside the model, nor at {source.FullPath}";
        return null;
    }

    /// <summary>The input rectangle to show: the data's own (kept in the model for a file), else [−6, 6]² (TensorFlow Playground's).</summary>
    public static PlaneRect InputDomain(this TrainedModel model, Dataset? data) =>
        data?.Domain
        ?? model.Data?.Domain
        ?? (model.Dataset is { } spec && DatasetRegistry.TryGet(spec.Name, out var generator) ? generator.Domain : PlaneRect.Square(6));
}
