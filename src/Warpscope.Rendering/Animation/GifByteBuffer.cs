namespace Warpscope.Rendering.Animation;

/// <summary>
/// A growable byte buffer a GIF frame is assembled in before one write to the stream; the LZW
/// encoder writes its sub-blocks straight into <see cref="Buffer"/>.
/// </summary>
internal sealed class GifByteBuffer
{
    public byte[] Buffer { get; private set; } = new byte[1 << 16];

    public int Position { get; set; }

    public void EnsureCapacity(int extra)
    {
        if (Position + extra <= Buffer.Length) return;
        var grown = new byte[Math.Max(Buffer.Length * 2, Position + extra)];
        Buffer.AsSpan(0, Position).CopyTo(grown);
        Buffer = grown;
    }

    public void WriteByte(int value)
    {
        EnsureCapacity(1);
        Buffer[Position++] = (byte)value;
    }

    /// <summary>GIF numbers are little-endian 16-bit.</summary>
    public void WriteUInt16(int value)
    {
        EnsureCapacity(2);
        Buffer[Position++] = (byte)value;
        Buffer[Position++] = (byte)(value >> 8);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(bytes.Length);
        bytes.CopyTo(Buffer.AsSpan(Position));
        Position += bytes.Length;
    }

    public void WriteAscii(string text)
    {
        EnsureCapacity(text.Length);
        foreach (var c in text) Buffer[Position++] = (byte)c;
    }

    /// <summary>Moves everything written so far to <paramref name="output"/> and empties the buffer.</summary>
    public void FlushTo(Stream output)
    {
        output.Write(Buffer, 0, Position);
        Position = 0;
    }
}
