namespace Warpscope.Web;

/// <summary>
/// The fields of each kind of message from the page, as System.Text.Json reads them (<see cref="WebJson"/>);
/// a field missing is null. <see cref="ClientMessage.Parse"/> checks them against the protocol's rules.
/// </summary>
internal static class ClientMessageFields
{
    /// <summary><c>hello</c> and <c>config</c>: the state's query string.</summary>
    public sealed record Setup(string? State);

    /// <summary><c>points</c>: the points to add, each [x, y, class].</summary>
    public sealed record Points(double[][]? Add);

    /// <summary><c>csv</c>: the file's text.</summary>
    public sealed record Csv(string? Text);

    /// <summary><c>scrub</c>: the timeline snapshot to show, -1 for live.</summary>
    public sealed record Scrub(int? Index);

    /// <summary><c>morph</c>: the morph's t, null for off.</summary>
    public sealed record Morph(double? T);

    /// <summary><c>model</c>: the file's name and its bytes (base64 on the wire).</summary>
    public sealed record Model(string? Name, byte[]? Data);

    /// <summary><c>ack</c>: the newest frame the page has drawn.</summary>
    public sealed record Ack(uint? Seq);
}
