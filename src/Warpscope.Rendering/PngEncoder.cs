using System.IO.Hashing;
using Warpscope.Core.Numerics;
using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Warpscope.Rendering;

/// <summary>
/// A PNG writer for opaque RGBA8888 or BGRA8888 pixels: 8-bit RGB, the Sub filter, and .NET's zlib (zlib-ng)
/// at its fastest level. Skia's own encoder at zlib level 1 takes about 13 ms for 512² (shared/STACK.md),
/// half the time budget of a whole picture; switching to this one took the 512² input view from
/// 35.6 to 30.0 ms end to end (ViewBenchmarks). Issue #6 made the filter SIMD (four pixels per shuffle),
/// the CRC slice-by-8, and the buffers pooled, so a picture allocates only its own bytes.
/// Deterministic: the same pixels give the same bytes.
/// </summary>
public static class PngEncoder
{


    // RGBA differences of four pixels → their twelve RGB bytes (the last four lanes are overwritten by the next store).
    private static readonly Vector128<byte> DropAlpha = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 15, 15, 15, 15);

    // The same from BGRA: the one shuffle also puts red first, so the native layout costs nothing extra.
    private static readonly Vector128<byte> DropAlphaSwap = Vector128.Create((byte)2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, 15, 15, 15, 15);

    /// <summary>rgba: [height][width][4], R, G, B, A (or B, G, R, A when <paramref name="bgra"/>), alpha ignored (every picture here is opaque).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> rgba, int width, int height, bool bgra = false)
    {
        if (rgba.Length < width * height * 4) throw new ArgumentException("too few pixels", nameof(rgba));
        var stride = 1 + 3 * width;
        var rawLength = stride * height;
        // 16 bytes of slack: the vector filter stores 16 bytes for every 12 it means.
        var raw = Pools.Bytes.Rent(rawLength + 16);
        // Deflate never grows data by more than 5 bytes per 16 KB block plus the zlib header and trailer.
        var compressed = Pools.Bytes.Rent(rawLength + rawLength / 1000 + 1024);
        try
        {
            for (var y = 0; y < height; y++) SubFilter(rgba.Slice(y * width * 4, width * 4), raw.AsSpan(y * stride, stride + 4), width, bgra);

            int length;
            using (var target = new MemoryStream(compressed, writable: true))
            {
                using (var zlib = new ZLibStream(target, CompressionLevel.Fastest, leaveOpen: true))
                    zlib.Write(raw, 0, rawLength);
                length = (int)target.Position;
            }

            var png = new byte[8 + (12 + 13) + (12 + length) + 12];
            var at = 0;
            ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
            signature.CopyTo(png);
            at += signature.Length;
            Span<byte> header = stackalloc byte[13];
            BinaryPrimitives.WriteInt32BigEndian(header, width);
            BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
            header[8] = 8; // bits per channel
            header[9] = 2; // colour type: RGB
            header[10] = 0; // deflate
            header[11] = 0; // adaptive filtering
            header[12] = 0; // no interlace
            at = Chunk(png, at, "IHDR"u8, header);
            at = Chunk(png, at, "IDAT"u8, compressed.AsSpan(0, length));
            Chunk(png, at, "IEND"u8, []);
            return png;
        }
        finally
        {
            Pools.Bytes.Return(raw);
            Pools.Bytes.Return(compressed);
        }
    }

    /// <summary>
    /// One row: the filter byte (1, Sub), then each RGB byte minus the same channel of the pixel to its
    /// left (flat colours become zeros). row: 1 + 3·width bytes and 4 of slack (or the next row's start,
    /// which is written afterwards).
    /// </summary>
    private static void SubFilter(ReadOnlySpan<byte> source, Span<byte> row, int width, bool bgra)
    {
        row[0] = 1;
        var x = 0;
        if (Vector128.IsHardwareAccelerated && width >= 5)
        {
            ref var from = ref MemoryMarshal.GetReference(source);
            ref var to = ref MemoryMarshal.GetReference(row);
            var shuffle = bgra ? DropAlphaSwap : DropAlpha;
            // The first pixel has nothing on its left: the scalar tail below handles x = 0 before the loop.
            WritePixel(source, row, 0, bgra);
            // Pixels 1..: vector of pixels x..x+3 minus the vector one pixel earlier.
            for (x = 1; x + 4 <= width; x += 4)
            {
                var current = Vector128.LoadUnsafe(ref from, (nuint)(4 * x));
                var left = Vector128.LoadUnsafe(ref from, (nuint)(4 * x - 4));
                Vector128.Shuffle(current - left, shuffle).StoreUnsafe(ref to, (nuint)(1 + 3 * x));
            }
        }
        for (; x < width; x++) WritePixel(source, row, x, bgra);
    }

    private static void WritePixel(ReadOnlySpan<byte> source, Span<byte> row, int x, bool bgra)
    {
        var o = 1 + 3 * x;
        for (var k = 0; k < 3; k++)
        {
            var i = 4 * x + (bgra ? 2 - k : k);
            row[o + k] = (byte)(source[i] - (x == 0 ? 0 : source[i - 4]));
        }
    }

    private static int Chunk(byte[] png, int at, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(at), data.Length);
        type.CopyTo(png.AsSpan(at + 4));
        data.CopyTo(png.AsSpan(at + 8));
        // PNG's CRC-32 (ISO 3309) over the chunk's type and data.
        var hash = new Crc32();
        hash.Append(type);
        hash.Append(data);
        var crc = hash.GetCurrentHashAsUInt32();
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(at + 8 + data.Length), crc);
        return at + 12 + data.Length;
    }

}
