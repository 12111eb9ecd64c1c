using System.Text.Json;
using Warpscope.Core;

namespace Warpscope.Web;

/// <summary>A message from the page (docs/web-protocol.md), already validated.</summary>
public abstract record ClientMessage
{
    /// <summary>Parses one JSON text message; a malformed or unknown one becomes <see cref="Invalid"/>.</summary>
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
                "hello" => new Hello(StateOf(root)),
                "config" => new Config(StateOf(root)),
                "play" => new Play(),
                "pause" => new Pause(),
                "step" => new Step(),
                "reset" => new Reset(),
                "clear" => new Clear(),
                "points" => PointsOf(root, limits),
                "csv" => root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
                    ? new Csv(text.GetString()!) : new Invalid("csv: needs \"text\", a string"),
                "scrub" => root.TryGetProperty("index", out var index) && index.TryGetInt32(out var k) && k >= -1
                    ? new Scrub(k) : new Invalid("scrub: needs \"index\", a whole number ≥ -1"),
                "morph" => MorphOf(root),
                "probes" => new Probes(),
                "model" => ModelOf(root),
                "ack" => root.TryGetProperty("seq", out var seq) && seq.TryGetUInt32(out var n)
                    ? new Ack(n) : new Invalid("ack: needs \"seq\", a frame number"),
                _ => new Invalid($"unknown message type '{type}'"),
            };
        }
        catch (JsonException e)
        {
            return new Invalid($"not valid JSON ({e.Message.Split('.')[0]})");
        }
        catch (InvalidOperationException)
        {
            // A field of the wrong JSON kind (e.g. a string where a number belongs).
            return new Invalid("a field has the wrong type; see docs/web-protocol.md");
        }
    }

    private static ClientMessage ModelOf(JsonElement root)
    {
        if (!root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 and <= 200 } file)
            return new Invalid("model: needs \"name\", the file's name");
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.String || !data.TryGetBytesFromBase64(out var bytes))
            return new Invalid("model: needs \"data\", the file's bytes in base64");
        return new OpenModel(Path.GetFileName(file), bytes);
    }

    private static string StateOf(JsonElement root) =>
        root.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";

    private static ClientMessage MorphOf(JsonElement root)
    {
        if (!root.TryGetProperty("t", out var t) || t.ValueKind == JsonValueKind.Null) return new Morph(null);
        return t.TryGetDouble(out var v) && double.IsFinite(v) && v >= 0 ? new Morph(v) : new Invalid("morph: \"t\" must be a number ≥ 0, or null");
    }

    private static ClientMessage PointsOf(JsonElement root, WebLimits limits)
    {
        if (!root.TryGetProperty("add", out var add) || add.ValueKind != JsonValueKind.Array)
            return new Invalid("points: needs \"add\", an array of [x, y, class]");
        if (add.GetArrayLength() > limits.MaxPointsPerMessage)
            return new Invalid($"points: {add.GetArrayLength()} points in one message; at most {limits.MaxPointsPerMessage}");
        var points = new List<(float X, float Y, int Class)>();
        foreach (var p in add.EnumerateArray())
        {
            if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() != 3
                || !p[0].TryGetDouble(out var x) || !p[1].TryGetDouble(out var y) || !p[2].TryGetInt32(out var c)
                || !double.IsFinite(x) || !double.IsFinite(y) || Math.Abs(x) > WebLimits.MaxCoordinate || Math.Abs(y) > WebLimits.MaxCoordinate || c is < 0 or > 7)
                return new Invalid($"points: point {points.Count + 1} is not [x, y, class] with x and y within ±{WebLimits.MaxCoordinate:G} and class 0 to 7");
            points.Add(((float)x, (float)y, c));
        }
        return new AddPoints(points);
    }

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
