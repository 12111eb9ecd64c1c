using System.Runtime.CompilerServices;

namespace Warpscope.Rendering.Animation;

/// <summary>
/// GIF's variable-code-size LZW (GIF89a appendix F), packed least-significant bit first into
/// sub-blocks of at most 255 bytes. The code-size and clear-code timing follow giflib's encoder,
/// the behaviour every decoder is tested against: widen after emitting a code once the next free
/// code reaches 2^size, and emit a clear code instead of assigning code 4095.
/// </summary>
internal sealed class GifLzwEncoder
{
    private const int MaxCodeSize = 12;
    private const int LastCode = (1 << MaxCodeSize) - 1;
    private const int HashBits = 13;
    private const int HashMask = (1 << HashBits) - 1;
    private const uint Empty = uint.MaxValue;

    // Open addressing over (prefix code, next index) → code, at most 4093 live entries in 8192
    // slots so probes stay short. An entry packs key << 12 | code; a key is prefix << 8 | index
    // with prefix ≤ 4094, so no entry equals Empty.
    private readonly uint[] _table = new uint[1 << HashBits];

    /// <summary>Writes the minimum-code-size byte, the data sub-blocks and the block terminator.</summary>
    /// <param name="indices">[pixels] colour-table indices, each below 2^minCodeSize.</param>
    public void Encode(ReadOnlySpan<byte> indices, int minCodeSize, GifByteBuffer output)
    {
        if (indices.IsEmpty) throw new ArgumentException("An image needs at least one pixel.", nameof(indices));
        if (minCodeSize is < 2 or > 8) throw new ArgumentOutOfRangeException(nameof(minCodeSize), minCodeSize, "GIF minimum code size is 2 to 8.");

        // Worst case is one 12-bit code per pixel plus clears, and a length byte per 255 data bytes.
        output.EnsureCapacity(indices.Length * 2 + 64);
        var buffer = output.Buffer;
        var position = output.Position;
        buffer[position++] = (byte)minCodeSize;
        var blockStart = position++;
        var blockLength = 0;
        ulong bits = 0;
        var bitCount = 0;

        var clearCode = 1 << minCodeSize;
        var endCode = clearCode + 1;
        var codeSize = minCodeSize + 1;
        var nextCode = endCode + 1;
        var table = _table;
        Array.Fill(table, Empty);

        Emit(clearCode);
        int prefix = indices[0];
        for (var i = 1; i < indices.Length; i++)
        {
            int index = indices[i];
            var key = (uint)(prefix << 8 | index);
            var slot = (int)((key * 0x9E3779B1u) >> (32 - HashBits));
            while (true)
            {
                var entry = table[slot];
                if (entry == Empty) break;
                if (entry >> MaxCodeSize == key)
                {
                    prefix = (int)(entry & LastCode);
                    goto NextPixel;
                }
                slot = (slot + 1) & HashMask;
            }

            Emit(prefix);
            if (nextCode >= LastCode)
            {
                Emit(clearCode);
                codeSize = minCodeSize + 1;
                nextCode = endCode + 1;
                Array.Fill(table, Empty);
            }
            else
            {
                table[slot] = key << MaxCodeSize | (uint)nextCode++;
            }
            prefix = index;
        NextPixel:;
        }
        Emit(prefix);
        Emit(endCode);
        if (bitCount > 0) PutByte((byte)bits);

        if (blockLength > 0)
        {
            buffer[blockStart] = (byte)blockLength;
            buffer[position++] = 0;
        }
        else
        {
            // The reserved length byte of an empty last block becomes the terminator.
            buffer[blockStart] = 0;
            position = blockStart + 1;
        }
        output.Position = position;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        void Emit(int code)
        {
            bits |= (ulong)code << bitCount;
            bitCount += codeSize;
            while (bitCount >= 8)
            {
                PutByte((byte)bits);
                bits >>= 8;
                bitCount -= 8;
            }
            // The decoder, one table entry behind, widens when its next code reaches 2^size.
            if (nextCode >= 1 << codeSize && codeSize < MaxCodeSize) codeSize++;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        void PutByte(byte value)
        {
            buffer[position++] = value;
            if (++blockLength < 255) return;
            buffer[blockStart] = 255;
            blockStart = position++;
            blockLength = 0;
        }
    }
}
