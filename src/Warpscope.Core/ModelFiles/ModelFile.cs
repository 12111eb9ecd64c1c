using System.Text.Json;
using Warpscope.Core.Datasets;
using Warpscope.Core.IO;
using Warpscope.Core.Model;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;
using Fields = Warpscope.Core.ModelFiles.ModelFileFields;

namespace Warpscope.Core.ModelFiles;

/// <summary>
/// Reads and writes the model file format of docs/model-format.md. Saving then loading gives the
/// same floats bit for bit. A malformed or inconsistent file fails with a message naming the file
/// and the JSON field (e.g. <c>model.json: $.layers[1].weights[3]: expected 16 numbers, found 15</c>).
/// </summary>
public static class ModelFile
{
    public const string FormatName = "warpscope-model";
    /// <summary>The version written for a model with input standardisation; one without is still written as version 1, which every reader reads.</summary>
    public const int Version = 2;

    /// <summary>The version written for a regression model ("task", a linear output, targets): older readers refuse it rather than read its one output as classes.</summary>
    public const int RegressionVersion = 3;

    public static void Save(string path, TrainedModel model) =>
        AtomicFile.Write(path, stream => Write(stream, model));

    public static TrainedModel Load(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: file not found");
        try
        {
            return Parse(File.ReadAllBytes(path), path);
        }
        catch (IOException e)
        {
            throw new UserInputException($"{path}: cannot read ({e.Message})");
        }
    }

    public static void Write(Stream stream, TrainedModel model)
    {
        JsonSerializer.Serialize(stream, FieldsOf(model), ModelFileJson.Default.Model);
        stream.WriteByte((byte)'\n'); // a text file ends its last line (and a model on a pipe ends before what follows)
    }

    /// <summary>Parses and checks a model file's bytes; <paramref name="name"/> prefixes every message.</summary>
    public static TrainedModel Parse(ReadOnlyMemory<byte> json, string name)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? $":{l + 1}" : "";
            throw new UserInputException($"{name}{line}: not valid JSON ({FirstSentence(e.Message)})");
        }
        using (document)
        {
            return new ModelFileReader(name, document.RootElement).Model();
        }
    }

    /// <summary>A JSON error's first sentence: System.Text.Json appends " Path: …" and " LineNumber: …", which the message names otherwise.</summary>
    internal static string FirstSentence(string message)
    {
        foreach (var tail in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(tail, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }
        return message.TrimEnd('.', ' ');
    }

    private static Fields.Model FieldsOf(TrainedModel model)
    {
        var network = model.Network;
        var spec = network.Spec;
        var regression = spec.IsRegression;
        var s = spec.Scaling;
        return new Fields.Model(
            FormatName,
            // An older reader would ignore "standardise" and draw the wrong field: a file that has it says version 2, which they refuse.
            regression ? RegressionVersion : s.IsIdentity ? 1 : Version,
            regression ? "regression" : null,
            [.. spec.Features.Select(f => f.ToName())],
            s.IsIdentity ? null : new(s.ScalesZ ? [s.OffsetX, s.OffsetY, s.OffsetZ] : [s.OffsetX, s.OffsetY], s.ScalesZ ? [s.ScaleX, s.ScaleY, s.ScaleZ] : [s.ScaleX, s.ScaleY]),
            regression && !spec.Target.IsIdentity ? new(spec.Target.Offset, spec.Target.Scale) : null,
            [.. model.ClassNames],
            [.. network.Layers.Select(layer => new Fields.Layer(layer.Inputs, layer.Outputs,
                layer.IsOutput ? (regression ? "linear" : "softmax") : layer.Activation.ToName(),
                [.. Enumerable.Range(0, layer.Outputs).Select(j => network.Weights(layer.Index).Slice(j * layer.Inputs, layer.Inputs).ToArray())],
                network.Biases(layer.Index).ToArray()))],
            model.Seed,
            model.Initialization.ToString().ToLowerInvariant(),
            model.Dataset is { } d ? Dataset(d, fromFile: model.Data is not null) : null,
            model.Data is { } data ? Data(data) : null,
            model.Training is { } t ? Training(t) with { MaxNorm = t.MaxNorm > 0 ? t.MaxNorm : null } : null,
            model.Metrics is not { } m ? null
                : regression ? new(null, null, m.Loss, m.TestLoss, m.TrainRSquared, m.TestRSquared, m.Epochs, m.Steps)
                : new(m.TrainAccuracy, m.TestAccuracy, m.Loss, null, null, null, m.Epochs, m.Steps));
    }

    /// <summary>A file's points are what they are: a generator's count, noise and classes mean nothing there.</summary>
    private static Fields.Dataset Dataset(DatasetSpec d, bool fromFile) => new(
        d.Name,
        fromFile ? null : d.Points,
        fromFile ? null : d.Noise,
        d.TestData is null ? d.TestFraction : null,
        d.TestData,
        d.Seed,
        Columns(d.Columns),
        d.Task?.ToString().ToLowerInvariant(),
        fromFile ? null : d.Classes);

    /// <summary>A CSV's chosen columns as a "columns" object (none for the defaults); the sweep manifest writes them the same way.</summary>
    internal static Fields.Columns? Columns(CsvColumns columns) => columns.IsDefault ? null : new(columns.X, columns.Y, columns.Z, columns.Label);

    /// <summary>The training config, every field written; the sweep manifest writes it the same way.</summary>
    internal static Fields.Training Training(TrainingConfig t) =>
        new(t.Optimizer.ToName(), t.LearningRate, t.BatchSize, t.Epochs, t.Steps, t.L1, t.L2, t.MaxNorm, t.Momentum, t.Shuffle, t.Seed);

    /// <summary>The model's data: where it came from and, when small enough, its points (x, y and label columns).</summary>
    private static Fields.Data Data(ModelData data) => new(
        data.Source.File, data.Source.FullPath, data.Source.Bytes, data.Source.Sha256,
        data.TestSource is { } t ? new(t.File, t.FullPath, t.Bytes, t.Sha256) : null,
        [data.Domain.XMin, data.Domain.XMax, data.Domain.YMin, data.Domain.YMax],
        [.. data.AxisNames],
        data.Embedded ? Points(data.Train!) : null,
        data.Embedded ? Points(data.Test!) : null);

    private static Fields.Points Points(LabeledPoints p) => new(p.X, p.Y, p.Z, p.Targets, p.Targets is null ? p.Labels : null);
}
