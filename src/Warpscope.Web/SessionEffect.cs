namespace Warpscope.Web;

/// <summary>
/// What the session's core (<see cref="SessionMachine"/>) asks its socket to do, in order: the core decides,
/// the pump (<see cref="LiveSession"/>) sends.
/// </summary>
public abstract record SessionEffect
{
    /// <summary>Send a JSON text message.</summary>
    public sealed record Reply(ServerReply Message) : SessionEffect;

    /// <summary>Send a binary frame (<see cref="FrameWriter"/>'s format), already built on a worker.</summary>
    public sealed record Frame(uint Sequence, ReadOnlyMemory<byte> Bytes) : SessionEffect;
}
