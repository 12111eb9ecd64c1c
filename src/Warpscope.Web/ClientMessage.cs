using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Warpscope.Core;

namespace Warpscope.Web;

/// <summary>A message from the page (docs/web-protocol.md), already validated.</summary>
public abstract record ClientMessage
{
    /// <summary>
    /// Parses one JSON text message; a malformed or unknown one becomes <see cref="Invalid"/>. The envelope
    /// (an object with a string <c>type</c>) is checked first, then the type's fields are read into their
    /// record (<see cref="ClientMessageFields"/>) and held to the protocol's rules.
    /// </summary>
    public static ClientMessage Parse(ReadOnlySpan<byte> json, WebLimits limits)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
                return new Invalid("a message must be a JSON object with a \"type\"");
            var type = typeElement.GetString();
            return type switch
            {
                // A page's first message never fails (its link is read leniently): a state that is not a string is none.
                "hello" => Read(root, WebJson.Default.Setup, f => new Hello(f.State ?? ""), _ => new Hello("")),
                "config" => Read(root, WebJson.Default.Setup, f => new Config(f.State ?? ""), _ => new Config("")),
                "play" => new Play(),
                "pause" => new Pause(),
                "step" => new Step(),
                "reset" => new Reset(),
                "clear" => new Clear(),
                "points" => Read(root, WebJson.Default.Points, f => PointsOf(f, limits), e => WrongPoints(root, e, limits)),
                "csv" => Read(root, WebJson.Default.Csv, f => f.Text is { } text ? new Csv(text) : CsvNeedsText, _ => CsvNeedsText),
                "scrub" => Read(root, WebJson.Default.Scrub, f => f.Index is { } k && k >= -1 ? new Scrub(k) : ScrubNeedsIndex, _ => ScrubNeedsIndex),
                "morph" => Read(root, WebJson.Default.Morph, f => f.T is not { } t ? new Morph(null) : double.IsFinite(t) && t >= 0 ? new Morph(t) : MorphNeedsT, _ => MorphNeedsT),
                "probes" => new Probes(),
                "model" => Read(root, WebJson.Default.Model, ModelOf, e => e.Path == "$.name" || !HasName(root) ? ModelNeedsName : ModelNeedsData),
                "ack" => Read(root, WebJson.Default.Ack, f => f.Seq is { } n ? new Ack(n) : AckNeedsSeq, _ => AckNeedsSeq),
                _ => new Invalid($"unknown message type '{type}'"),
            };
        }
        catch (JsonException e)
        {
            return new Invalid($"not valid JSON ({e.Message.Split('.')[0]})");
        }
        catch (InvalidOperationException)
        {
            // A string that is not valid UTF-8 (the type's).
            return WrongType;
        }
    }

    private static Invalid CsvNeedsText => new("csv: needs \"text\", a string");
    private static Invalid ScrubNeedsIndex => new("scrub: needs \"index\", a whole number ≥ -1");
    private static Invalid MorphNeedsT => new("morph: \"t\" must be a number ≥ 0, or null");
    private static Invalid ModelNeedsName => new("model: needs \"name\", the file's name");
    private static Invalid ModelNeedsData => new("model: needs \"data\", the file's bytes in base64");
    private static Invalid AckNeedsSeq => new("ack: needs \"seq\", a frame number");
    private static Invalid PointsNeedAdd => new("points: needs \"add\", an array of [x, y, class]");

    /// <summary>Reads a message's fields into their record and checks them; a field of the wrong JSON kind is <paramref name="wrong"/>'s answer.</summary>
    private static ClientMessage Read<T>(JsonElement root, JsonTypeInfo<T> fields, Func<T, ClientMessage> check, Func<JsonException, ClientMessage> wrong)
    {
        T read;
        try
        {
            read = root.Deserialize(fields)!;
        }
        catch (JsonException e)
        {
            // As the protocol has always answered: a string that is not UTF-8, or a number's place holding another kind.
            return e.InnerException is InvalidOperationException { InnerException: DecoderFallbackException } || IsNumberSlotOfAnotherKind(root, e.Path) ? WrongType : wrong(e);
        }
        return check(read);
    }

    private static Invalid WrongType => new("a field has the wrong type; see docs/web-protocol.md");

    /// <summary>
    /// Whether the reader stopped at a place that holds a number (<c>$.index</c>, <c>$.t</c>, <c>$.seq</c>,
    /// <c>$.add[i][j]</c>) but found another kind of JSON value there: a field of the wrong type, not a bad number.
    /// </summary>
    private static bool IsNumberSlotOfAnotherKind(JsonElement root, string? path)
    {
        if (path is "$.index" or "$.t" or "$.seq") return root.GetProperty(path[2..]).ValueKind != JsonValueKind.Number;
        if (path is null || !path.StartsWith("$.add[", StringComparison.Ordinal)) return false;
        var indices = path[5..].Split(['[', ']'], StringSplitOptions.RemoveEmptyEntries);
        if (indices.Length != 2 || !int.TryParse(indices[0], out var i) || !int.TryParse(indices[1], out var j) || j > 2) return false;
        var point = root.GetProperty("add")[i];
        return point.GetArrayLength() == 3 && point[j].ValueKind != JsonValueKind.Number;
    }

    /// <summary>Whether a model message names its file (checked before its data, whether or not the data reads).</summary>
    private static bool HasName(JsonElement root) =>
        root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 and <= 200 };

    private static ClientMessage ModelOf(ClientMessageFields.Model fields)
    {
        if (fields.Name is not { Length: > 0 and <= 200 } file) return ModelNeedsName;
        if (fields.Data is not { } bytes) return ModelNeedsData;
        return new OpenModel(Path.GetFileName(file), bytes);
    }

    private static ClientMessage PointsOf(ClientMessageFields.Points fields, WebLimits limits)
    {
        if (fields.Add is not { } add) return PointsNeedAdd;
        if (add.Length > limits.MaxPointsPerMessage) return TooManyPoints(add.Length, limits);
        var points = new List<(float X, float Y, int Class)>(add.Length);
        foreach (var p in add)
        {
            if (p is not [var x, var y, var c] || !double.IsFinite(x) || !double.IsFinite(y) || Math.Abs(x) > WebLimits.MaxCoordinate || Math.Abs(y) > WebLimits.MaxCoordinate
                || c is < 0 or > 7 || c != Math.Floor(c))
                return BadPoint(points.Count);
            points.Add(((float)x, (float)y, (int)c));
        }
        return new AddPoints(points);
    }

    /// <summary>
    /// What is wrong with points that do not read as arrays of numbers: too many of them, before anything else
    /// (as when they read), else the first that is not a point (the reader's path names it: <c>$.add[i]…</c>).
    /// </summary>
    private static Invalid WrongPoints(JsonElement root, JsonException e, WebLimits limits)
    {
        var add = root.GetProperty("add");
        if (add.ValueKind != JsonValueKind.Array) return PointsNeedAdd;
        if (add.GetArrayLength() > limits.MaxPointsPerMessage) return TooManyPoints(add.GetArrayLength(), limits);
        var path = e.Path ?? "";
        var close = path.IndexOf(']', StringComparison.Ordinal);
        return path.StartsWith("$.add[", StringComparison.Ordinal) && close > 6 && int.TryParse(path.AsSpan(6, close - 6), out var i) ? BadPoint(i) : PointsNeedAdd;
    }

    private static Invalid TooManyPoints(int count, WebLimits limits) => new($"points: {count} points in one message; at most {limits.MaxPointsPerMessage}");

    private static Invalid BadPoint(int index) =>
        new($"points: point {index + 1} is not [x, y, class] with x and y within ±{WebLimits.MaxCoordinate:G} and class 0 to 7");

    public sealed record Hello(string State) : ClientMessage;
    public sealed record Config(string State) : ClientMessage;
    public sealed record Play : ClientMessage;
    public sealed record Pause : ClientMessage;
    public sealed record Step : ClientMessage;
    public sealed record Reset : ClientMessage;
    public sealed record Clear : ClientMessage;
    public sealed record AddPoints(IReadOnlyList<(float X, float Y, int Class)> Points) : ClientMessage;
    public sealed record Csv(string Text) : ClientMessage;
    public sealed record Scrub(int Index) : ClientMessage;
    public sealed record Morph(double? T) : ClientMessage;
    public sealed record Ack(uint Sequence) : ClientMessage;

    /// <summary>Asks for the layer probes and the topology diagnosis of the network shown (issue 17).</summary>
    public sealed record Probes : ClientMessage;

    /// <summary>A model file the user opened (a Warpscope model's JSON or an ONNX file): its name and bytes.</summary>
    public sealed record OpenModel(string Name, byte[] Bytes) : ClientMessage;

    /// <summary>A message that could not be understood; the page gets an error reply naming why, in one line.</summary>
    public sealed record Invalid : ClientMessage
    {
        public Invalid(string message) => Message = UserInputException.OneLine(message);

        public string Message { get; }
    }
}
