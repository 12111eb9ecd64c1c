using System.Buffers.Binary;
using System.IO.Compression;

namespace Warpscope.Rendering;

/// <summary>
/// A PNG writer for opaque RGBA8888 pixels: 8-bit RGB, the Sub filter, and .NET's zlib (zlib-ng)
/// at its fastest level. Skia's own encoder at zlib level 1 takes about 13 ms for 512² (shared/STACK.md),
/// half the time budget of a whole picture; switching to this one took the 512² input view from
/// 35.6 to 30.0 ms end to end (ViewBenchmarks).
/// Deterministic: the same pixels give the same bytes.
/// </summary>
public static class PngEncoder
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>rgba: [height][width][4], alpha ignored (every picture here is opaque).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> rgba, int width, int height)
    {
        if (rgba.Length < width * height * 4) throw new ArgumentException("too few pixels", nameof(rgba));
        var stride = 1 + 3 * width;
        var raw = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var source = rgba.Slice(y * width * 4, width * 4);
            var row = raw.AsSpan(y * stride, stride);
            // Sub filter: each byte minus the same channel of the pixel to its left. Flat colours become zeros.
            row[0] = 1;
            byte pr = 0, pg = 0, pb = 0;
            for (int x = 0, o = 1; x < width; x++, o += 3)
            {
                var r = source[4 * x];
                var g = source[4 * x + 1];
                var b = source[4 * x + 2];
                row[o] = (byte)(r - pr);
                row[o + 1] = (byte)(g - pg);
                row[o + 2] = (byte)(b - pb);
                (pr, pg, pb) = (r, g, b);
            }
        }

        using var compressed = new MemoryStream(raw.Length / 4);
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            zlib.Write(raw);

        using var png = new MemoryStream((int)compressed.Length + 64);
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bits per channel
        header[9] = 2; // colour type: RGB
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering
        header[12] = 0; // no interlace
        Chunk(png, "IHDR"u8, header);
        Chunk(png, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void Chunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = Crc(Crc(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        output.Write(word);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        // CRC-32 of PNG (ISO 3309), reflected polynomial 0xEDB88320.
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
