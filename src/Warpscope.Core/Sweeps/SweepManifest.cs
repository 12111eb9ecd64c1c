using System.Text.Json;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Sessions;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Sweeps;

/// <summary>
/// A sweep folder's sweep.json: the plan, and nothing that differs between shards or machines, so a
/// shard's, a merge's and an unsharded sweep's are the same bytes. A sweep resumed, a shard merged,
/// is checked against it.
/// </summary>
public static class SweepManifest
{
    public const string FormatName = "warpscope-sweep";
    public const int Version = 1;

    public static byte[] Bytes(SweepPlan plan)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("version", Version);
            w.WriteStartObject("data");
            w.WriteString("name", plan.Data.Name);
            w.WriteNumber("points", plan.Data.Points);
            w.WriteNumber("noise", plan.Data.Noise);
            w.WriteNumber("testFraction", plan.Data.TestFraction);
            w.WriteNumber("seed", plan.Data.Seed);
            w.WriteNumber("classes", plan.Data.Classes);
            // A CSV's held-out file and chosen columns (absent otherwise, so earlier manifests read the same).
            if (plan.Data.TestData is { } testData) w.WriteString("testData", testData);
            if (ModelFile.Columns(plan.Data.Columns) is { } columns)
            {
                w.WritePropertyName("columns");
                JsonSerializer.Serialize(w, columns, ModelFileJson.Default.Columns);
            }
            w.WriteEndObject();
            WriteInts(w, "depths", plan.Depths);
            WriteInts(w, "widths", plan.Widths);
            w.WriteNumber("seeds", plan.Seeds);
            w.WriteString("activation", plan.Activation.ToName());
            // The training config as a model file writes it, its max-norm always.
            w.WritePropertyName("training");
            JsonSerializer.Serialize(w, ModelFile.Training(plan.Training), ModelFileJson.Default.Training);
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>The plan a sweep.json holds; <paramref name="name"/> prefixes every message.</summary>
    public static SweepPlan Parse(byte[] json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != FormatName)
                throw new UserInputException($"{name}: not a warpscope sweep manifest (no \"format\": \"{FormatName}\")");
            if (root.GetProperty("version").GetInt32() != Version)
                throw new UserInputException($"{name}: version {root.GetProperty("version")} (this warpscope reads {Version})");
            var d = root.GetProperty("data");
            var data = new DatasetSpec(d.GetProperty("name").GetString()!, d.GetProperty("points").GetInt32(), d.GetProperty("noise").GetDouble(),
                d.GetProperty("testFraction").GetDouble(), d.GetProperty("seed").GetInt32(), d.GetProperty("classes").GetInt32())
            {
                TestData = d.TryGetProperty("testData", out var testData) ? testData.GetString() : null,
                Columns = d.TryGetProperty("columns", out var c)
                    ? new CsvColumns(Column(c, "x"), Column(c, "y"), Column(c, "label")) { Z = Column(c, "z") }
                    : CsvColumns.Default,
            };
            var t = root.GetProperty("training");
            var training = new TrainingConfig(
                SetupVocabulary.Optimizer(t.GetProperty("optimizer").GetString()!, $"{name}: $.training.optimizer"),
                t.GetProperty("learningRate").GetDouble(),
                t.GetProperty("batchSize").GetInt32(),
                t.GetProperty("epochs").GetInt32(),
                t.TryGetProperty("steps", out var steps) ? steps.GetInt64() : null,
                t.GetProperty("l1").GetDouble(),
                t.GetProperty("l2").GetDouble(),
                t.GetProperty("momentum").GetDouble(),
                t.GetProperty("shuffle").GetBoolean(),
                t.GetProperty("seed").GetInt32(),
                t.GetProperty("maxNorm").GetDouble());
            var activationName = root.GetProperty("activation").GetString()!;
            if (!ActivationNames.TryParse(activationName, out var activation))
                throw new UserInputException($"{name}: $.activation: unknown activation '{activationName}'");
            return new SweepPlan(data, Ints(root.GetProperty("depths")), Ints(root.GetProperty("widths")), root.GetProperty("seeds").GetInt32(), training, activation);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new UserInputException($"{name}: not a readable sweep manifest ({e.Message.Split('.')[0]})");
        }
    }

    private static void WriteInts(Utf8JsonWriter w, string property, IReadOnlyList<int> values)
    {
        w.WriteStartArray(property);
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    private static string? Column(JsonElement columns, string key) => columns.TryGetProperty(key, out var v) ? v.GetString() : null;
}
