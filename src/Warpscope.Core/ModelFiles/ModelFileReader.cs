using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;
using Fields = Warpscope.Core.ModelFiles.ModelFileFields;

namespace Warpscope.Core.ModelFiles;

/// <summary>
/// Reads a model file's fields (<see cref="ModelFileFields"/>) and holds them to the format's rules, building the
/// model they describe. Every failure names the file and the JSON path of the field; the document is kept to tell
/// a field left out ("missing") from one that is null or of the wrong kind ("expected a number, found null").
/// </summary>
internal sealed class ModelFileReader(string name, JsonElement root)
{
    public TrainedModel Model()
    {
        // The header alone first: a file of another kind says so, whatever else it holds.
        var header = Read(ModelFileJson.Default.Header);
        var format = Need(header.Format, "$.format");
        if (format != ModelFile.FormatName) throw Fail("$.format", $"expected \"{ModelFile.FormatName}\", found \"{format}\"");
        var version = Need(header.Version, "$.version");
        if (version is < 1 or > ModelFile.RegressionVersion)
            throw Fail("$.version", $"version {version} is not supported (this Warpscope reads versions 1 to {ModelFile.RegressionVersion})");
        var task = header.Task is { } taskName ? TaskOf(taskName, "$.task") : LearningTask.Classification;
        var regression = task == LearningTask.Regression;

        var fields = Read(ModelFileJson.Default.Model);
        var features = Need(fields.Features, "$.features")
            .Select((f, i) => InputFeatureNames.TryParse(Need(f, $"$.features[{i}]"), out var feature)
                ? feature
                : throw Fail($"$.features[{i}]", $"unknown input feature '{f}' (choose {string.Join(", ", InputFeatureNames.All)})"))
            .ToArray();
        var classes = Need(fields.Classes, "$.classes").Select((c, i) => Need(c, $"$.classes[{i}]")).ToArray();
        if (regression && classes.Length != 1)
            throw Fail("$.classes", $"a regression model names 1 target, found {classes.Length} names");
        if (!regression && classes.Length is < 2 or > NetworkSpec.MaxClasses)
            throw Fail("$.classes", $"{classes.Length} classes (2 to {NetworkSpec.MaxClasses})");
        if (classes.Distinct().Count() != classes.Length) throw Fail("$.classes", "a class name appears twice");

        var layers = Need(fields.Layers, "$.layers");
        if (layers.Length == 0) throw Fail("$.layers", "at least the output layer is needed");
        var hidden = new List<int>();
        var activations = new List<Activation>();
        var expectedInputs = features.Length;
        for (var k = 0; k < layers.Length; k++)
        {
            var path = $"$.layers[{k}]";
            var layer = Need(layers[k], path);
            var inputs = Need(layer.Inputs, path + ".inputs");
            if (inputs != expectedInputs)
                throw Fail(path + ".inputs", $"expected {expectedInputs} (the {(k == 0 ? "number of features" : "units of the layer before")}), found {inputs}");
            var units = Need(layer.Units, path + ".units");
            if (units is < 1 or > NetworkSpec.MaxUnits) throw Fail(path + ".units", $"{units} units (1 to {NetworkSpec.MaxUnits})");
            var activation = Need(layer.Activation, path + ".activation");
            if (k == layers.Length - 1)
            {
                var output = regression ? "linear" : "softmax";
                if (!string.Equals(activation, output, StringComparison.OrdinalIgnoreCase))
                    throw Fail(path + ".activation", $"the output layer's activation must be \"{output}\"{(regression ? " for regression" : "")}, found \"{activation}\"");
                if (units != classes.Length)
                    throw Fail(path + ".units", regression
                        ? $"a regression model's output layer has 1 unit, found {units}"
                        : $"the output layer has {units} units but there are {classes.Length} classes");
            }
            else
            {
                activations.Add(ActivationNames.TryParse(activation, out var a)
                    ? a
                    : throw Fail(path + ".activation", $"unknown activation '{activation}' (choose {string.Join(", ", ActivationNames.All)})"));
                hidden.Add(units);
            }
            expectedInputs = units;
        }

        var spec = new NetworkSpec(hidden, activations, features, classes.Length, task)
        {
            Scaling = fields.Standardise is { } s ? Scaling(s) : InputScaling.Identity,
            Target = regression && fields.StandardiseTarget is { } t ? TargetScaling(t) : Core.Model.TargetScaling.Identity,
        };
        var network = new Network(spec, new float[Network.CountParameters(spec)]);
        foreach (var layer in network.Layers)
        {
            var path = $"$.layers[{layer.Index}]";
            var rows = Need(layers[layer.Index]!.Weights, path + ".weights");
            if (rows.Length != layer.Outputs) throw Fail(path + ".weights", $"expected {layer.Outputs} rows (one per unit), found {rows.Length}");
            for (var j = 0; j < rows.Length; j++)
                Numbers(rows[j], $"{path}.weights[{j}]", layer.Inputs).CopyTo(network.Weights(layer.Index).Slice(j * layer.Inputs));
            Numbers(layers[layer.Index]!.Biases, path + ".biases", layer.Outputs).CopyTo(network.Biases(layer.Index));
        }

        var seed = Optional(fields.Seed, "$.seed") ?? 1;
        var initialization = Initialization.Auto;
        if (Optional(fields.Initialization, "$.initialization") is { } init && !Enum.TryParse(init, ignoreCase: true, out initialization))
            throw Fail("$.initialization", $"unknown initialization '{init}' (choose auto, glorot, he)");
        var dataset = fields.Dataset is { } d ? Dataset(d) : null;
        var training = fields.Training is { } tr ? Training(tr) : null;
        var metrics = fields.Metrics is { } m ? Metrics(m) : null;
        var data = fields.Data is { } dd ? Data(dd, classes.Length, regression) : null;
        return new TrainedModel(network, classes, dataset, training, seed, initialization, metrics) { Data = data };
    }

    private InputScaling Scaling(Fields.Standardise s)
    {
        const string at = "$.standardise";
        // Two numbers each for data of the plane, three for 3-D data (z's mean and scale last).
        var count = Need(s.Mean, at + ".mean").Length == 3 ? 3 : 2;
        var mean = Numbers(s.Mean, at + ".mean", count);
        var scale = Numbers(s.Scale, at + ".scale", count);
        for (var i = 0; i < count; i++)
            if (!(scale[i] > 0) || !float.IsNormal(scale[i])) throw Fail($"{at}.scale[{i}]", $"{scale[i].ToString(CultureInfo.InvariantCulture)} is not a positive scale");
        var scaling = new InputScaling(mean[0], mean[1], scale[0], scale[1]);
        return count == 3 ? scaling with { OffsetZ = mean[2], ScaleZ = scale[2] } : scaling;
    }

    private LearningTask TaskOf(string text, string path) =>
        Enum.TryParse<LearningTask>(text, ignoreCase: true, out var task) && Enum.IsDefined(task) && !char.IsDigit(text[0])
            ? task
            : throw Fail(path, $"unknown task '{text}' (choose classification, regression)");

    private TargetScaling TargetScaling(Fields.TargetStandardise t)
    {
        const string at = "$.standardiseTarget";
        var mean = Need(t.Mean, at + ".mean");
        var scale = Need(t.Scale, at + ".scale");
        if (!(scale > 0) || !float.IsNormal((float)scale)) throw Fail(at + ".scale", $"{scale.ToString(CultureInfo.InvariantCulture)} is not a positive scale");
        return new TargetScaling((float)mean, (float)scale);
    }

    private DataSource Source(string? file, string? fullPath, long? bytes, string? sha256, string at) =>
        new(Need(file, at + ".file"), Need(fullPath, at + ".fullPath"), Need(bytes, at + ".bytes"), Need(sha256, at + ".sha256"));

    private ModelData Data(Fields.Data d, int classes, bool regression)
    {
        const string at = "$.data";
        var source = Source(d.File, d.FullPath, d.Bytes, d.Sha256, at);
        var testSource = d.TestData is { } t ? Source(t.File, t.FullPath, t.Bytes, t.Sha256, at + ".testData") : null;
        var box = Numbers(d.Domain, at + ".domain", 4);
        if (!(box[1] > box[0] && box[3] > box[2])) throw Fail(at + ".domain", "need [xmin, xmax, ymin, ymax] with xmin < xmax and ymin < ymax");
        var axes = Need(d.Axes, at + ".axes").Select((a, i) => Need(a, $"{at}.axes[{i}]")).ToArray();
        if (axes.Length is not (2 or 3)) throw Fail(at + ".axes", $"expected 2 names (3 for 3-D data), found {axes.Length}");
        var train = Optional(d.Train, at + ".train") is { } tr ? Points(tr, at + ".train", classes, regression) : null;
        var test = Optional(d.Test, at + ".test") is { } te ? Points(te, at + ".test", classes, regression) : null;
        if ((train is null) != (test is null)) throw Fail(at, "has train points without test points, or test without train");
        return new ModelData(source, new PlaneRect(box[0], box[1], box[2], box[3]), axes, train, test) { TestSource = testSource };
    }

    private LabeledPoints Points(Fields.Points p, string path, int classes, bool regression)
    {
        var targets = regression ? Numbers(p.Targets, path + ".targets", Need(p.Targets, path + ".targets").Length) : null;
        var labels = targets is not null ? new int[targets.Length] : Need(p.Labels, path + ".labels");
        foreach (var label in labels)
            if (label < 0 || label >= classes) throw Fail(path + ".labels", $"label {label} is not one of the {classes} classes");
        var x = Numbers(p.X, path + ".x", labels.Length);
        var y = Numbers(p.Y, path + ".y", labels.Length);
        if (p.Z is null && At(path + ".z") is { ValueKind: not JsonValueKind.Null } notZ) throw Wrong(path + ".z", notZ, typeof(float[]));
        var z = p.Z is null ? null : Numbers(p.Z, path + ".z", labels.Length);
        foreach (var v in x.Concat(y).Concat(z ?? []))
            if (MathF.Abs(v) > DataLimits.MaxCoordinate) throw Fail(path, $"a coordinate {v} lies beyond ±{DataLimits.MaxCoordinate:G}");
        return new LabeledPoints(x, y, labels, targets, z);
    }

    private DatasetSpec Dataset(Fields.Dataset d)
    {
        const string at = "$.dataset";
        var defaults = new DatasetSpec();
        var spec = new DatasetSpec(
            Need(d.Name, at + ".name"),
            Optional(d.Points, at + ".points") ?? defaults.Points,
            Optional(d.Noise, at + ".noise") ?? defaults.Noise,
            Optional(d.TestFraction, at + ".testFraction") ?? defaults.TestFraction,
            Optional(d.Seed, at + ".seed") ?? defaults.Seed,
            Optional(d.Classes, at + ".classes") ?? defaults.Classes) { TestData = d.TestData };
        if (d.Columns is { } c)
        {
            string? Column(string? value, string key) => Optional(value, at + ".columns." + key);
            spec = spec with { Columns = new CsvColumns(Column(c.X, "x"), Column(c.Y, "y"), Column(c.Label, "label")) { Z = Column(c.Z, "z") } };
        }
        return d.Task is { } task ? spec with { Task = TaskOf(task, at + ".task") } : spec;
    }

    private TrainingConfig Training(Fields.Training t)
    {
        const string at = "$.training";
        var d = new TrainingConfig();
        var optimizer = d.Optimizer;
        if (Optional(t.Optimizer, at + ".optimizer") is { } text)
        {
            try
            {
                optimizer = OptimizerFactory.Parse(text, "optimizer");
            }
            catch (UserInputException)
            {
                throw Fail(at + ".optimizer", $"unknown optimizer '{text}' (choose {string.Join(", ", OptimizerFactory.Names)})");
            }
        }
        var config = new TrainingConfig(
            optimizer,
            Optional(t.LearningRate, at + ".learningRate") ?? d.LearningRate,
            Optional(t.BatchSize, at + ".batchSize") ?? d.BatchSize,
            Optional(t.Epochs, at + ".epochs") ?? d.Epochs,
            t.Steps,
            Optional(t.L1, at + ".l1") ?? d.L1,
            Optional(t.L2, at + ".l2") ?? d.L2,
            Optional(t.Momentum, at + ".momentum") ?? d.Momentum,
            Optional(t.Shuffle, at + ".shuffle") ?? true,
            Optional(t.Seed, at + ".seed") ?? d.Seed,
            Optional(t.MaxNorm, at + ".maxNorm") ?? d.MaxNorm);
        try
        {
            return config.Validated();
        }
        catch (UserInputException x)
        {
            throw Fail(at, x.Message);
        }
    }

    private ModelMetrics Metrics(Fields.Metrics m) =>
        new(m.TrainAccuracy ?? double.NaN, m.TestAccuracy ?? double.NaN, m.Loss ?? double.NaN,
            Optional(m.Epochs, "$.metrics.epochs") ?? 0, Optional(m.Steps, "$.metrics.steps") ?? 0)
        {
            TestLoss = m.TestLoss ?? double.NaN,
            TrainRSquared = m.TrainR2 ?? double.NaN,
            TestRSquared = m.TestR2 ?? double.NaN,
        };

    /// <summary>An array of exactly <paramref name="expected"/> finite floats (<see cref="ModelFileFields.Floats"/>: one that is not reads as NaN).</summary>
    private float[] Numbers(float[]? values, string path, int expected)
    {
        var items = Need(values, path);
        if (items.Length != expected) throw Fail(path, $"expected {expected} numbers, found {items.Length}");
        for (var i = 0; i < items.Length; i++)
            if (float.IsNaN(items[i])) throw Wrong($"{path}[{i}]", At($"{path}[{i}]")!.Value, typeof(float));
        return items;
    }

    /// <summary>The document read as <typeparamref name="T"/>; a value of the wrong kind fails naming its path.</summary>
    private T Read<T>(JsonTypeInfo<T> info) where T : class
    {
        T? read;
        try
        {
            read = root.Deserialize(info);
        }
        catch (JsonException e)
        {
            throw WrongValue(e, info);
        }
        return Need(read, "$");
    }

    private T Need<T>(T? value, string path) where T : class => value ?? throw Absent(path, typeof(T));

    private T Need<T>(T? value, string path) where T : struct => value ?? throw Absent(path, typeof(T));

    /// <summary>A field that may be left out, but not null.</summary>
    private T? Optional<T>(T? value, string path) where T : class => value is null && At(path) is not null ? throw Absent(path, typeof(T)) : value;

    private T? Optional<T>(T? value, string path) where T : struct => value is null && At(path) is not null ? throw Absent(path, typeof(T)) : value;

    private UserInputException Absent(string path, Type type) => At(path) is { } found ? Wrong(path, found, type) : Fail(path, "missing");

    /// <summary>What the reader stopped at: the value at its path, against the kind of value the fields hold there.</summary>
    private UserInputException WrongValue(JsonException e, JsonTypeInfo info)
    {
        var path = e.Path ?? "$";
        return At(path) is { } found && TypeAt(info, path) is { } type ? Wrong(path, found, type) : Fail(path, ModelFile.FirstSentence(e.Message));
    }

    private UserInputException Wrong(string path, JsonElement found, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var number = found.ValueKind == JsonValueKind.Number;
        return found.ValueKind == JsonValueKind.String && type == typeof(string) ? Fail(path, "is not valid UTF-8 text")
            : number && (type == typeof(int) || type == typeof(long)) ? Fail(path, $"{found.GetRawText()} is not a whole number")
            : number && type == typeof(double) ? Fail(path, $"{found.GetRawText()} is not a finite number")
            : number && type == typeof(float) ? Fail(path, $"{found.GetRawText()} is not a finite float")
            : Fail(path, $"expected {Wanted(type)}, found {Describe(found)}");
    }

    private static string Wanted(Type type) =>
        type == typeof(string) ? "a string"
        : type == typeof(bool) ? "true or false"
        : type.IsArray ? "an array"
        : type.IsPrimitive ? "a number"
        : "an object";

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        // A string that is not valid UTF-16 (a lone escaped surrogate) is quoted as written.
        JsonValueKind.String => TryGetString(e) is { } text ? $"the string \"{text}\"" : $"the string {e.GetRawText()}",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => e.ValueKind.ToString(),
    };

    private static string? TryGetString(JsonElement e)
    {
        try
        {
            return e.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The value at a path such as <c>$.layers[1].weights[0]</c>; null when there is none.</summary>
    private JsonElement? At(string path)
    {
        var here = root;
        foreach (var step in Steps(path))
        {
            if (step is int i)
            {
                if (here.ValueKind != JsonValueKind.Array || i >= here.GetArrayLength()) return null;
                here = here[i];
            }
            else if (here.ValueKind != JsonValueKind.Object || !here.TryGetProperty((string)step, out here)) return null;
        }
        return here;
    }

    /// <summary>The type the fields hold at a path, following the reader's own metadata; null when it has none there.</summary>
    private static Type? TypeAt(JsonTypeInfo info, string path)
    {
        foreach (var step in Steps(path))
        {
            var type = step is int ? info.ElementType : info.Properties.FirstOrDefault(p => p.Name == (string)step)?.PropertyType;
            if (type is null) return null;
            info = info.Options.GetTypeInfo(type);
        }
        return info.Type;
    }

    /// <summary>A path's steps: property names and array indices.</summary>
    private static IEnumerable<object> Steps(string path) =>
        path.TrimStart('$').Split(['.', '['], StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.EndsWith(']') && int.TryParse(s[..^1], CultureInfo.InvariantCulture, out var i) ? (object)i : s);

    private UserInputException Fail(string path, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{name}: {path}: {problem}"));
}
