using System.Text.Json;
using System.Text.Json.Serialization;

namespace Warpscope.Web;

/// <summary>
/// The JSON of the page's socket, written and read by source-generated code: the replies
/// (<see cref="ServerReply"/>) and the fields of the page's messages (<see cref="ClientMessageFields"/>).
/// Fields are camelCase; nulls are written, as the page reads a missing figure as null.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, MaxDepth = 8)]
[JsonSerializable(typeof(ServerReply.State))]
[JsonSerializable(typeof(ServerReply.Error))]
[JsonSerializable(typeof(ServerReply.Diverged))]
[JsonSerializable(typeof(ServerReply.Advice))]
[JsonSerializable(typeof(ServerReply.Probes))]
[JsonSerializable(typeof(ServerReply.Opened))]
[JsonSerializable(typeof(ClientMessageFields.Setup))]
[JsonSerializable(typeof(ClientMessageFields.Points))]
[JsonSerializable(typeof(ClientMessageFields.Csv))]
[JsonSerializable(typeof(ClientMessageFields.Scrub))]
[JsonSerializable(typeof(ClientMessageFields.Morph))]
[JsonSerializable(typeof(ClientMessageFields.Model))]
[JsonSerializable(typeof(ClientMessageFields.Ack))]
internal sealed partial class WebJson : JsonSerializerContext
{
    /// <summary>A reply's UTF-8 JSON, its record's fields as the page reads them.</summary>
    public static byte[] Serialize(ServerReply reply) => JsonSerializer.SerializeToUtf8Bytes(reply, reply.GetType(), Default);
}
