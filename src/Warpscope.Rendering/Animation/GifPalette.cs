namespace Warpscope.Rendering.Animation;

/// <summary>
/// A GIF colour table: up to 256 colours, optionally followed by one slot whose index marks
/// "unchanged since the previous frame" (transparent), padded to a power of two as GIF requires.
/// </summary>
internal sealed class GifPalette
{
    private readonly uint[] _colours;

    /// <param name="colours">packed RGBA (red in the low byte), alpha ignored.</param>
    /// <param name="transparentSlot">reserve index <c>colours.Length</c> for transparency.</param>
    public GifPalette(uint[] colours, bool transparentSlot)
    {
        var entries = colours.Length + (transparentSlot ? 1 : 0);
        if (colours.Length == 0 || entries > 256)
            throw new ArgumentException($"A GIF colour table holds 1 to 256 entries; got {entries}.", nameof(colours));
        _colours = colours;
        TransparentIndex = transparentSlot ? colours.Length : -1;
        var bits = 1;
        while (1 << bits < entries) bits++;
        Bits = bits;
    }

    public ReadOnlySpan<uint> Colours => _colours;

    /// <summary>The index meaning "keep the previous frame's pixel", or -1 when there is none.</summary>
    public int TransparentIndex { get; }

    /// <summary>The table written holds 2^Bits entries (1 to 8 bits).</summary>
    public int Bits { get; }

    /// <summary>LZW needs at least 2 bits even for a 2-colour table.</summary>
    public int MinCodeSize => Math.Max(2, Bits);

    public void WriteTable(GifByteBuffer output)
    {
        var entries = 1 << Bits;
        output.EnsureCapacity(3 * entries);
        var buffer = output.Buffer;
        var position = output.Position;
        foreach (var colour in _colours)
        {
            buffer[position++] = (byte)colour;
            buffer[position++] = (byte)(colour >> 8);
            buffer[position++] = (byte)(colour >> 16);
        }
        var padding = 3 * (entries - _colours.Length);
        buffer.AsSpan(position, padding).Clear();
        output.Position = position + padding;
    }
}
