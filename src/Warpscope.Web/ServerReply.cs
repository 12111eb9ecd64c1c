using System.Text.Json.Serialization;

namespace Warpscope.Web;

/// <summary>
/// A JSON text message to the page (docs/web-protocol.md): one record per <c>type</c>, its fields named
/// as the page reads them (<see cref="WebJson"/> writes them in camelCase, <c>type</c> first, nulls kept).
/// </summary>
public abstract record ServerReply
{
    /// <summary>The message's kind, the first field on the wire.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>
    /// The session's state after a hello, a config, edited points or an opened model: the canonical query,
    /// what the page labels and sizes its views by, and what of the asked-for state could not be kept.
    /// </summary>
    /// <param name="LinearAccuracy">The best a straight line does on the training points; null when not known or when there are none (JSON has no NaN).</param>
    /// <param name="Regression">The points carry values and the network predicts one (mean squared error); <see cref="Classes"/> is then the value's one name.</param>
    public sealed record State(
        string Session,
        [property: JsonPropertyName("state")] string Query,
        IReadOnlyList<string> Classes,
        IReadOnlyList<int> Sizes,
        int Layers,
        float[] Domain,
        int Epoch,
        int Points,
        IReadOnlyList<string> Warnings,
        double? LinearAccuracy,
        bool Regression) : ServerReply
    {
        [JsonPropertyOrder(-1)]
        public override string Type => "state";
    }

    /// <summary>A message the page shows the learner; the session goes on.</summary>
    public sealed record Error(string Message) : ServerReply
    {
        [JsonPropertyOrder(-1)]
        public override string Type => "error";
    }

    /// <summary>Training stopped because the loss stopped being a number: why, in words.</summary>
    public sealed record Diverged(string Message) : ServerReply
    {
        [JsonPropertyOrder(-1)]
        public override string Type => "diverged";
    }

    /// <summary>What to tell the learner about training now (issue 14); no items takes back what was said.</summary>
    public sealed record Advice(IReadOnlyList<AdviceItem> Items) : ServerReply
    {
        [JsonPropertyOrder(-1)]
        public override string Type => "advice";
    }

    /// <summary>One piece of advice: a stable id (the page keeps what the learner dismissed by it) and its words.</summary>
    public sealed record AdviceItem(string Id, string Message);

    /// <summary>How linearly separable the classes are at each layer of the network shown, and why topology forbids success where it does (issue 17).</summary>
    public sealed record Probes(int Epoch, IReadOnlyList<ProbeLayer> Layers, string? Warning) : ServerReply
    {
        [JsonPropertyOrder(-1)]
        public override string Type => "probes";
    }

    /// <summary>One layer's probe; a figure that is not a number (no test points) is null.</summary>
    public sealed record ProbeLayer(int Layer, int Units, double? Accuracy, double? Margin);

    /// <summary>A model file the user gave is open: its name and what that means for the page.</summary>
    public sealed record Opened(string Name, string Message) : ServerReply
    {
        [JsonPropertyOrder(-1)]
        public override string Type => "opened";
    }
}
