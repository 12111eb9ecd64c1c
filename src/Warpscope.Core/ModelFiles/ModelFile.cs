using System.Globalization;
using System.Text.Json;
using Warpscope.Core.Datasets;
using Warpscope.Core.IO;
using Warpscope.Core.Model;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

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

    /// <summary>The model's data: where it came from and, when small enough, its points (x, y and label columns).</summary>
    private static void WriteData(Utf8JsonWriter w, ModelData data)
    {
        w.WriteStartObject("data");
        WriteSource(w, data.Source);
        if (data.TestSource is { } testSource)
        {
            w.WriteStartObject("testData");
            WriteSource(w, testSource);
            w.WriteEndObject();
        }
        w.WriteStartArray("domain");
        foreach (var v in (float[])[data.Domain.XMin, data.Domain.XMax, data.Domain.YMin, data.Domain.YMax]) w.WriteNumberValue(v);
        w.WriteEndArray();
        w.WriteStartArray("axes");
        foreach (var a in data.AxisNames) w.WriteStringValue(a);
        w.WriteEndArray();
        if (data.Train is { } train && data.Test is { } test)
        {
            WritePoints(w, "train", train);
            WritePoints(w, "test", test);
        }
        w.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter w, DataSource source)
    {
        w.WriteString("file", source.File);
        w.WriteString("fullPath", source.FullPath);
        w.WriteNumber("bytes", source.Bytes);
        w.WriteString("sha256", source.Sha256);
    }

    private static void WritePoints(Utf8JsonWriter w, string name, LabeledPoints points)
    {
        w.WriteStartObject(name);
        w.WriteStartArray("x");
        foreach (var v in points.X) w.WriteNumberValue(v);
        w.WriteEndArray();
        w.WriteStartArray("y");
        foreach (var v in points.Y) w.WriteNumberValue(v);
        w.WriteEndArray();
        if (points.Z is { } z)
        {
            w.WriteStartArray("z");
            foreach (var v in z) w.WriteNumberValue(v);
            w.WriteEndArray();
        }
        if (points.Targets is { } targets)
        {
            w.WriteStartArray("targets");
            foreach (var v in targets) w.WriteNumberValue(v);
        }
        else
        {
            w.WriteStartArray("labels");
            foreach (var v in points.Labels) w.WriteNumberValue(v);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

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

    /// <summary>A CSV's chosen columns as a "columns" object (nothing for the defaults); the sweep manifest writes them the same way.</summary>
    internal static void WriteColumns(Utf8JsonWriter w, CsvColumns columns)
    {
        if (columns.IsDefault) return;
        w.WriteStartObject("columns");
        if (columns.X is { } x) w.WriteString("x", x);
        if (columns.Y is { } y) w.WriteString("y", y);
        if (columns.Z is { } z) w.WriteString("z", z);
        if (columns.Label is { } label) w.WriteString("label", label);
        w.WriteEndObject();
    }

    public static void Write(Stream stream, TrainedModel model)
    {
        var network = model.Network;
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("format", FormatName);
        // An older reader would ignore "standardise" and draw the wrong field: a file that has it says version 2, which they refuse.
        var scaling = network.Spec.Scaling;
        var regression = network.Spec.IsRegression;
        w.WriteNumber("version", regression ? RegressionVersion : scaling.IsIdentity ? 1 : Version);
        if (regression) w.WriteString("task", "regression");
        w.WriteStartArray("features");
        foreach (var f in network.Spec.Features) w.WriteStringValue(f.ToName());
        w.WriteEndArray();
        if (!scaling.IsIdentity)
        {
            w.WriteStartObject("standardise");
            w.WriteStartArray("mean");
            w.WriteNumberValue(scaling.OffsetX);
            w.WriteNumberValue(scaling.OffsetY);
            if (scaling.ScalesZ) w.WriteNumberValue(scaling.OffsetZ);
            w.WriteEndArray();
            w.WriteStartArray("scale");
            w.WriteNumberValue(scaling.ScaleX);
            w.WriteNumberValue(scaling.ScaleY);
            if (scaling.ScalesZ) w.WriteNumberValue(scaling.ScaleZ);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        if (regression && !network.Spec.Target.IsIdentity)
        {
            w.WriteStartObject("standardiseTarget");
            w.WriteNumber("mean", network.Spec.Target.Offset);
            w.WriteNumber("scale", network.Spec.Target.Scale);
            w.WriteEndObject();
        }
        w.WriteStartArray("classes");
        foreach (var c in model.ClassNames) w.WriteStringValue(c);
        w.WriteEndArray();
        w.WriteStartArray("layers");
        foreach (var layer in network.Layers)
        {
            w.WriteStartObject();
            w.WriteNumber("inputs", layer.Inputs);
            w.WriteNumber("units", layer.Outputs);
            w.WriteString("activation", layer.IsOutput ? (regression ? "linear" : "softmax") : layer.Activation.ToName());
            w.WriteStartArray("weights");
            var weights = network.Weights(layer.Index);
            for (var j = 0; j < layer.Outputs; j++)
            {
                w.WriteStartArray();
                foreach (var v in weights.Slice(j * layer.Inputs, layer.Inputs)) w.WriteNumberValue(v);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteStartArray("biases");
            foreach (var v in network.Biases(layer.Index)) w.WriteNumberValue(v);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("seed", model.Seed);
        w.WriteString("initialization", model.Initialization.ToString().ToLowerInvariant());
        if (model.Dataset is { } d)
        {
            w.WriteStartObject("dataset");
            w.WriteString("name", d.Name);
            // A file's points are what they are: a generator's count, noise and classes mean nothing there.
            if (model.Data is null)
            {
                w.WriteNumber("points", d.Points);
                w.WriteNumber("noise", d.Noise);
            }
            if (d.TestData is null) w.WriteNumber("testFraction", d.TestFraction);
            else w.WriteString("testData", d.TestData);
            w.WriteNumber("seed", d.Seed);
            WriteColumns(w, d.Columns);
            if (d.Task is { } task) w.WriteString("task", task.ToString().ToLowerInvariant());
            if (model.Data is null) w.WriteNumber("classes", d.Classes);
            w.WriteEndObject();
        }
        if (model.Data is { } data) WriteData(w, data);
        if (model.Training is { } t)
        {
            w.WriteStartObject("training");
            w.WriteString("optimizer", t.Optimizer.ToName());
            w.WriteNumber("learningRate", t.LearningRate);
            w.WriteNumber("batchSize", t.BatchSize);
            w.WriteNumber("epochs", t.Epochs);
            if (t.Steps is { } steps) w.WriteNumber("steps", steps);
            w.WriteNumber("l1", t.L1);
            w.WriteNumber("l2", t.L2);
            if (t.MaxNorm > 0) w.WriteNumber("maxNorm", t.MaxNorm);
            w.WriteNumber("momentum", t.Momentum);
            w.WriteBoolean("shuffle", t.Shuffle);
            w.WriteNumber("seed", t.Seed);
            w.WriteEndObject();
        }
        if (model.Metrics is { } m)
        {
            w.WriteStartObject("metrics");
            if (regression)
            {
                WriteFinite(w, "loss", m.Loss);
                WriteFinite(w, "testLoss", m.TestLoss);
                WriteFinite(w, "trainR2", m.TrainRSquared);
                WriteFinite(w, "testR2", m.TestRSquared);
            }
            else
            {
                WriteFinite(w, "trainAccuracy", m.TrainAccuracy);
                WriteFinite(w, "testAccuracy", m.TestAccuracy);
                WriteFinite(w, "loss", m.Loss);
            }
            w.WriteNumber("epochs", m.Epochs);
            w.WriteNumber("steps", m.Steps);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.Flush();
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
            return new Reader(name).Model(document.RootElement);
        }
    }

    private static void WriteFinite(Utf8JsonWriter w, string property, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(property, value);
        else w.WriteNull(property);
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends " Path: …" and " LineNumber: …"; the line is already in the prefix.
        foreach (var tail in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(tail, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }
        return message.TrimEnd('.', ' ');
    }

    /// <summary>Walks the document; every failure names the JSON path of the field.</summary>
    private sealed class Reader(string name)
    {
        public TrainedModel Model(JsonElement root)
        {
            Expect(root, JsonValueKind.Object, "$");
            var format = String(Required(root, "format", "$"), "$.format");
            if (format != FormatName) throw Fail("$.format", $"expected \"{FormatName}\", found \"{format}\"");
            var version = Int(Required(root, "version", "$"), "$.version");
            if (version is < 1 or > RegressionVersion) throw Fail("$.version", $"version {version} is not supported (this Warpscope reads versions 1 to {RegressionVersion})");
            var task = LearningTask.Classification;
            if (root.TryGetProperty("task", out var taskElement) && taskElement.ValueKind != JsonValueKind.Null)
                task = TaskOf(String(taskElement, "$.task"), "$.task");
            var regression = task == LearningTask.Regression;

            var features = Array(Required(root, "features", "$"), "$.features")
                .Select((e, i) => InputFeatureNames.TryParse(String(e, $"$.features[{i}]"), out var f)
                    ? f
                    : throw Fail($"$.features[{i}]", $"unknown input feature '{e.GetString()}' (choose {string.Join(", ", InputFeatureNames.All)})"))
                .ToArray();
            var classes = Array(Required(root, "classes", "$"), "$.classes").Select((e, i) => String(e, $"$.classes[{i}]")).ToArray();
            if (regression && classes.Length != 1)
                throw Fail("$.classes", $"a regression model names 1 target, found {classes.Length} names");
            if (!regression && classes.Length is < 2 or > NetworkSpec.MaxClasses)
                throw Fail("$.classes", $"{classes.Length} classes (2 to {NetworkSpec.MaxClasses})");
            if (classes.Distinct().Count() != classes.Length) throw Fail("$.classes", "a class name appears twice");

            var layers = Array(Required(root, "layers", "$"), "$.layers");
            if (layers.Length == 0) throw Fail("$.layers", "at least the output layer is needed");
            var hidden = new List<int>();
            var activations = new List<Activation>();
            var expectedInputs = features.Length;
            for (var k = 0; k < layers.Length; k++)
            {
                var path = $"$.layers[{k}]";
                Expect(layers[k], JsonValueKind.Object, path);
                var inputs = Int(Required(layers[k], "inputs", path), path + ".inputs");
                if (inputs != expectedInputs)
                    throw Fail(path + ".inputs", $"expected {expectedInputs} (the {(k == 0 ? "number of features" : "units of the layer before")}), found {inputs}");
                var units = Int(Required(layers[k], "units", path), path + ".units");
                if (units is < 1 or > NetworkSpec.MaxUnits) throw Fail(path + ".units", $"{units} units (1 to {NetworkSpec.MaxUnits})");
                var activation = String(Required(layers[k], "activation", path), path + ".activation");
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
                Scaling = root.TryGetProperty("standardise", out var st) && st.ValueKind != JsonValueKind.Null ? Scaling(st) : InputScaling.Identity,
                Target = regression && root.TryGetProperty("standardiseTarget", out var tt) && tt.ValueKind != JsonValueKind.Null ? TargetScaling(tt) : Core.Model.TargetScaling.Identity,
            };
            var network = new Network(spec, new float[Network.CountParameters(spec)]);
            foreach (var layer in network.Layers)
            {
                var path = $"$.layers[{layer.Index}]";
                var rows = Array(Required(layers[layer.Index], "weights", path), path + ".weights");
                if (rows.Length != layer.Outputs) throw Fail(path + ".weights", $"expected {layer.Outputs} rows (one per unit), found {rows.Length}");
                var weights = network.Weights(layer.Index);
                for (var j = 0; j < rows.Length; j++)
                    Numbers(rows[j], $"{path}.weights[{j}]", layer.Inputs, weights.Slice(j * layer.Inputs, layer.Inputs));
                Numbers(Required(layers[layer.Index], "biases", path), path + ".biases", layer.Outputs, network.Biases(layer.Index));
            }

            var seed = root.TryGetProperty("seed", out var s) ? Int(s, "$.seed") : 1;
            var initialization = Initialization.Auto;
            if (root.TryGetProperty("initialization", out var init))
            {
                var text = String(init, "$.initialization");
                if (!Enum.TryParse(text, ignoreCase: true, out initialization))
                    throw Fail("$.initialization", $"unknown initialization '{text}' (choose auto, glorot, he)");
            }
            var dataset = root.TryGetProperty("dataset", out var d) && d.ValueKind != JsonValueKind.Null ? Dataset(d) : null;
            var training = root.TryGetProperty("training", out var t) && t.ValueKind != JsonValueKind.Null ? Training(t) : null;
            var metrics = root.TryGetProperty("metrics", out var m) && m.ValueKind != JsonValueKind.Null ? Metrics(m) : null;
            var data = root.TryGetProperty("data", out var dd) && dd.ValueKind != JsonValueKind.Null ? Data(dd, classes.Length, regression) : null;
            return new TrainedModel(network, classes, dataset, training, seed, initialization, metrics) { Data = data };
        }

        private InputScaling Scaling(JsonElement e)
        {
            const string at = "$.standardise";
            Expect(e, JsonValueKind.Object, at);
            // Two numbers each for data of the plane, three for 3-D data (z's mean and scale last).
            var count = Array(Required(e, "mean", at), at + ".mean").Length == 3 ? 3 : 2;
            var mean = new float[count];
            var scale = new float[count];
            Numbers(Required(e, "mean", at), at + ".mean", count, mean);
            Numbers(Required(e, "scale", at), at + ".scale", count, scale);
            for (var i = 0; i < count; i++)
                if (!(scale[i] > 0) || !float.IsNormal(scale[i])) throw Fail($"{at}.scale[{i}]", $"{scale[i].ToString(CultureInfo.InvariantCulture)} is not a positive scale");
            var scaling = new InputScaling(mean[0], mean[1], scale[0], scale[1]);
            return count == 3 ? scaling with { OffsetZ = mean[2], ScaleZ = scale[2] } : scaling;
        }

        private LearningTask TaskOf(string text, string path) =>
            Enum.TryParse<LearningTask>(text, ignoreCase: true, out var task) && Enum.IsDefined(task) && !char.IsDigit(text[0])
                ? task
                : throw Fail(path, $"unknown task '{text}' (choose classification, regression)");

        private TargetScaling TargetScaling(JsonElement e)
        {
            const string at = "$.standardiseTarget";
            Expect(e, JsonValueKind.Object, at);
            var mean = Double(Required(e, "mean", at), at + ".mean");
            var scale = Double(Required(e, "scale", at), at + ".scale");
            if (!(scale > 0) || !float.IsNormal((float)scale)) throw Fail(at + ".scale", $"{scale.ToString(CultureInfo.InvariantCulture)} is not a positive scale");
            return new TargetScaling((float)mean, (float)scale);
        }

        private DataSource Source(JsonElement e, string at) => new(
            String(Required(e, "file", at), at + ".file"),
            String(Required(e, "fullPath", at), at + ".fullPath"),
            Long(Required(e, "bytes", at), at + ".bytes"),
            String(Required(e, "sha256", at), at + ".sha256"));

        private ModelData Data(JsonElement e, int classes, bool regression)
        {
            const string at = "$.data";
            Expect(e, JsonValueKind.Object, at);
            var source = Source(e, at);
            DataSource? testSource = null;
            if (e.TryGetProperty("testData", out var td) && td.ValueKind != JsonValueKind.Null)
            {
                Expect(td, JsonValueKind.Object, at + ".testData");
                testSource = Source(td, at + ".testData");
            }
            var box = new float[4];
            Numbers(Required(e, "domain", at), at + ".domain", 4, box);
            if (!(box[1] > box[0] && box[3] > box[2])) throw Fail(at + ".domain", "need [xmin, xmax, ymin, ymax] with xmin < xmax and ymin < ymax");
            var axes = Array(Required(e, "axes", at), at + ".axes").Select((a, i) => String(a, $"{at}.axes[{i}]")).ToArray();
            if (axes.Length is not (2 or 3)) throw Fail(at + ".axes", $"expected 2 names (3 for 3-D data), found {axes.Length}");
            var train = e.TryGetProperty("train", out var tr) ? Points(tr, at + ".train", classes, regression) : null;
            var test = e.TryGetProperty("test", out var te) ? Points(te, at + ".test", classes, regression) : null;
            if ((train is null) != (test is null)) throw Fail(at, "has train points without test points, or test without train");
            return new ModelData(source, new PlaneRect(box[0], box[1], box[2], box[3]), axes, train, test) { TestSource = testSource };
        }

        private LabeledPoints Points(JsonElement e, string path, int classes, bool regression)
        {
            Expect(e, JsonValueKind.Object, path);
            float[]? targets = null;
            if (regression)
            {
                var count = Array(Required(e, "targets", path), path + ".targets").Length;
                targets = new float[count];
                Numbers(e.GetProperty("targets"), path + ".targets", count, targets);
            }
            var labels = targets is not null
                ? new int[targets.Length]
                : Array(Required(e, "labels", path), path + ".labels").Select((l, i) => Int(l, $"{path}.labels[{i}]")).ToArray();
            foreach (var label in labels)
                if (label < 0 || label >= classes) throw Fail(path + ".labels", $"label {label} is not one of the {classes} classes");
            var x = new float[labels.Length];
            var y = new float[labels.Length];
            Numbers(Required(e, "x", path), path + ".x", labels.Length, x);
            Numbers(Required(e, "y", path), path + ".y", labels.Length, y);
            float[]? z = null;
            if (e.TryGetProperty("z", out var ze) && ze.ValueKind != JsonValueKind.Null)
            {
                z = new float[labels.Length];
                Numbers(ze, path + ".z", labels.Length, z);
            }
            foreach (var v in x.Concat(y).Concat(z ?? []))
                if (MathF.Abs(v) > DataLimits.MaxCoordinate) throw Fail(path, $"a coordinate {v} lies beyond ±{DataLimits.MaxCoordinate:G}");
            return new LabeledPoints(x, y, labels, targets, z);
        }

        private DatasetSpec Dataset(JsonElement e)
        {
            Expect(e, JsonValueKind.Object, "$.dataset");
            var defaults = new DatasetSpec();
            var spec = new DatasetSpec(
                String(Required(e, "name", "$.dataset"), "$.dataset.name"),
                e.TryGetProperty("points", out var p) ? Int(p, "$.dataset.points") : defaults.Points,
                e.TryGetProperty("noise", out var n) ? Double(n, "$.dataset.noise") : defaults.Noise,
                e.TryGetProperty("testFraction", out var f) ? Double(f, "$.dataset.testFraction") : defaults.TestFraction,
                e.TryGetProperty("seed", out var s) ? Int(s, "$.dataset.seed") : defaults.Seed,
                e.TryGetProperty("classes", out var c) ? Int(c, "$.dataset.classes") : defaults.Classes);
            if (e.TryGetProperty("testData", out var td) && td.ValueKind != JsonValueKind.Null)
                spec = spec with { TestData = String(td, "$.dataset.testData") };
            if (e.TryGetProperty("columns", out var cols) && cols.ValueKind != JsonValueKind.Null)
            {
                Expect(cols, JsonValueKind.Object, "$.dataset.columns");
                string? Column(string key) => cols.TryGetProperty(key, out var v) ? String(v, "$.dataset.columns." + key) : null;
                spec = spec with { Columns = new CsvColumns(Column("x"), Column("y"), Column("label")) { Z = Column("z") } };
            }
            if (e.TryGetProperty("task", out var task) && task.ValueKind != JsonValueKind.Null)
                spec = spec with { Task = TaskOf(String(task, "$.dataset.task"), "$.dataset.task") };
            return spec;
        }

        private TrainingConfig Training(JsonElement e)
        {
            const string at = "$.training";
            Expect(e, JsonValueKind.Object, at);
            var d = new TrainingConfig();
            var optimizer = d.Optimizer;
            if (e.TryGetProperty("optimizer", out var o))
            {
                var text = String(o, at + ".optimizer");
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
                e.TryGetProperty("learningRate", out var lr) ? Double(lr, at + ".learningRate") : d.LearningRate,
                e.TryGetProperty("batchSize", out var b) ? Int(b, at + ".batchSize") : d.BatchSize,
                e.TryGetProperty("epochs", out var ep) ? Int(ep, at + ".epochs") : d.Epochs,
                e.TryGetProperty("steps", out var st) && st.ValueKind != JsonValueKind.Null ? Long(st, at + ".steps") : null,
                e.TryGetProperty("l1", out var l1) ? Double(l1, at + ".l1") : d.L1,
                e.TryGetProperty("l2", out var l2) ? Double(l2, at + ".l2") : d.L2,
                e.TryGetProperty("momentum", out var mo) ? Double(mo, at + ".momentum") : d.Momentum,
                !e.TryGetProperty("shuffle", out var sh) || Bool(sh, at + ".shuffle"),
                e.TryGetProperty("seed", out var se) ? Int(se, at + ".seed") : d.Seed,
                e.TryGetProperty("maxNorm", out var mn) ? Double(mn, at + ".maxNorm") : d.MaxNorm);
            try
            {
                return config.Validated();
            }
            catch (UserInputException x)
            {
                throw Fail(at, x.Message);
            }
        }

        private ModelMetrics Metrics(JsonElement e)
        {
            Expect(e, JsonValueKind.Object, "$.metrics");
            double Get(string field) =>
                e.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number ? Double(v, "$.metrics." + field) : double.NaN;
            return new ModelMetrics(Get("trainAccuracy"), Get("testAccuracy"), Get("loss"),
                e.TryGetProperty("epochs", out var ep) ? Int(ep, "$.metrics.epochs") : 0,
                e.TryGetProperty("steps", out var st) ? Long(st, "$.metrics.steps") : 0)
            {
                TestLoss = Get("testLoss"),
                TrainRSquared = Get("trainR2"),
                TestRSquared = Get("testR2"),
            };
        }

        private void Numbers(JsonElement e, string path, int expected, Span<float> target)
        {
            var items = Array(e, path);
            if (items.Length != expected) throw Fail(path, $"expected {expected} numbers, found {items.Length}");
            for (var i = 0; i < items.Length; i++)
            {
                var at = $"{path}[{i}]";
                if (items[i].ValueKind != JsonValueKind.Number) throw Fail(at, $"expected a number, found {Describe(items[i])}");
                if (!items[i].TryGetSingle(out var v) || !float.IsFinite(v)) throw Fail(at, $"{items[i].GetRawText()} is not a finite float");
                target[i] = v;
            }
        }

        private JsonElement Required(JsonElement parent, string property, string path) =>
            parent.TryGetProperty(property, out var value) ? value : throw Fail($"{path}.{property}", "missing");

        private JsonElement[] Array(JsonElement e, string path)
        {
            Expect(e, JsonValueKind.Array, path);
            return [.. e.EnumerateArray()];
        }

        private string String(JsonElement e, string path)
        {
            Expect(e, JsonValueKind.String, path);
            try
            {
                return e.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw Fail(path, "is not valid UTF-8 text");
            }
        }

        private int Int(JsonElement e, string path)
        {
            Expect(e, JsonValueKind.Number, path);
            return e.TryGetInt32(out var v) ? v : throw Fail(path, $"{e.GetRawText()} is not a whole number");
        }

        private long Long(JsonElement e, string path)
        {
            Expect(e, JsonValueKind.Number, path);
            return e.TryGetInt64(out var v) ? v : throw Fail(path, $"{e.GetRawText()} is not a whole number");
        }

        private double Double(JsonElement e, string path)
        {
            Expect(e, JsonValueKind.Number, path);
            return e.TryGetDouble(out var v) && double.IsFinite(v) ? v : throw Fail(path, $"{e.GetRawText()} is not a finite number");
        }

        private bool Bool(JsonElement e, string path) => e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Fail(path, $"expected true or false, found {Describe(e)}"),
        };

        private void Expect(JsonElement e, JsonValueKind kind, string path)
        {
            if (e.ValueKind != kind)
            {
                var wanted = kind switch
                {
                    JsonValueKind.Object => "an object",
                    JsonValueKind.Array => "an array",
                    JsonValueKind.String => "a string",
                    JsonValueKind.Number => "a number",
                    _ => kind.ToString().ToLowerInvariant(),
                };
                throw Fail(path, $"expected {wanted}, found {Describe(e)}");
            }
        }

        private static string Describe(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => $"the string \"{e.GetString()}\"",
            JsonValueKind.Number => $"the number {e.GetRawText()}",
            JsonValueKind.Null => "null",
            JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ => e.ValueKind.ToString(),
        };

        private UserInputException Fail(string path, string problem) =>
            new(string.Create(CultureInfo.InvariantCulture, $"{name}: {path}: {problem}"));
    }
}
