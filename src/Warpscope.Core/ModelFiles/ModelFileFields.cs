using System.Text.Json;
using System.Text.Json.Serialization;

namespace Warpscope.Core.ModelFiles;

/// <summary>
/// The objects of a model file (docs/model-format.md) as System.Text.Json reads and writes them
/// (<see cref="ModelFileJson"/>), in the order they are written; a field missing or null reads as null,
/// and a null field is left out when written. <see cref="ModelFileReader"/> holds them to the format's rules.
/// </summary>
internal static class ModelFileFields
{
    /// <summary>What is checked before anything else: a file of another kind says so, whatever else it holds.</summary>
    public sealed record Header(string? Format, int? Version, string? Task);

    public sealed record Model(
        string? Format, int? Version, string? Task, string?[]? Features, Standardise? Standardise, TargetStandardise? StandardiseTarget,
        string?[]? Classes, Layer?[]? Layers, int? Seed, string? Initialization, Dataset? Dataset, Data? Data, Training? Training, Metrics? Metrics);

    /// <summary>Two numbers each (three for 3-D data, z's last).</summary>
    public sealed record Standardise(float[]? Mean, float[]? Scale);

    /// <summary>Read as doubles (the checks name what the file holds), written as the floats they are.</summary>
    public sealed record TargetStandardise([property: JsonConverter(typeof(FloatWritten))] double? Mean, [property: JsonConverter(typeof(FloatWritten))] double? Scale);

    /// <summary>weights: units rows of inputs numbers.</summary>
    public sealed record Layer(int? Inputs, int? Units, string? Activation, float[]?[]? Weights, float[]? Biases);

    public sealed record Dataset(string? Name, int? Points, double? Noise, double? TestFraction, string? TestData, int? Seed, Columns? Columns, string? Task, int? Classes);

    /// <summary>A CSV's chosen columns; the sweep manifest writes them the same way.</summary>
    public sealed record Columns(string? X, string? Y, string? Z, string? Label);

    /// <summary>The data file's source (flat, as the format has always had it), the held-out file's, and the points when kept.</summary>
    public sealed record Data(string? File, string? FullPath, long? Bytes, string? Sha256, Source? TestData, float[]? Domain, string?[]? Axes, Points? Train, Points? Test);

    public sealed record Source(string? File, string? FullPath, long? Bytes, string? Sha256);

    /// <summary>targets for regression, labels for classes.</summary>
    public sealed record Points(float[]? X, float[]? Y, float[]? Z, float[]? Targets, int[]? Labels);

    /// <summary>The sweep manifest writes its training config the same way.</summary>
    public sealed record Training(
        string? Optimizer, double? LearningRate, int? BatchSize, int? Epochs, long? Steps, double? L1, double? L2, double? MaxNorm, double? Momentum, bool? Shuffle, int? Seed);

    /// <summary>Informative only: a figure that is not a number reads as not measured (NaN), and NaN is written as null.</summary>
    public sealed record Metrics(
        [property: JsonConverter(typeof(Measured))] double? TrainAccuracy,
        [property: JsonConverter(typeof(Measured))] double? TestAccuracy,
        [property: JsonConverter(typeof(Measured))] double? Loss,
        [property: JsonConverter(typeof(Measured))] double? TestLoss,
        [property: JsonConverter(typeof(Measured))] double? TrainR2,
        [property: JsonConverter(typeof(Measured))] double? TestR2,
        int? Epochs,
        long? Steps);

    /// <summary>
    /// An array of floats whose items are checked after its length, as the format's messages say: an item that is
    /// not a finite float reads as NaN (which no JSON number reads as), and a value that is not an array as null.
    /// </summary>
    public sealed class Floats : JsonConverter<float[]>
    {
        public override float[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return null;
            }
            var items = new List<float>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                items.Add(reader.TokenType == JsonTokenType.Number && reader.TryGetSingle(out var v) && float.IsFinite(v) ? v : float.NaN);
                reader.Skip();
            }
            return [.. items];
        }

        public override void Write(Utf8JsonWriter writer, float[] value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var v in value) writer.WriteNumberValue(v);
            writer.WriteEndArray();
        }
    }

    /// <summary>A double is finite (System.Text.Json reads 1e400 as infinity).</summary>
    public sealed class FiniteDouble : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var v) && double.IsFinite(v) ? v : throw new JsonException();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    /// <summary>A double that holds a float: read as any finite double, written as the float's shortest digits.</summary>
    public sealed class FloatWritten : JsonConverter<double?>
    {
        public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var v) && double.IsFinite(v) ? v : throw new JsonException();

        public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options) => writer.WriteNumberValue((float)value!.Value);
    }

    /// <summary>A measured figure: NaN when not a number in the file, null in the file when NaN.</summary>
    public sealed class Measured : JsonConverter<double?>
    {
        public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                reader.Skip();
                return double.NaN;
            }
            return reader.TryGetDouble(out var v) && double.IsFinite(v) ? v : throw new JsonException();
        }

        public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
        {
            if (value is { } v && double.IsFinite(v)) writer.WriteNumberValue(v);
            else writer.WriteNullValue();
        }
    }
}
