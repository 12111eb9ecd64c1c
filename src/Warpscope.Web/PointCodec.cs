using System.Buffers.Binary;
using Warpscope.Core;
using Warpscope.Core.Datasets;
using Warpscope.Core.Sessions;

namespace Warpscope.Web;

/// <summary>
/// Edited points in a URL: base64url of 9 bytes per point, float32 x and y (little-endian, exact)
/// and one byte of class, its top bit set for a test point. Train points come first.
/// </summary>
public static class PointCodec
{
    private const int Bytes = 9;
    private const byte TestBit = 0x80;

    public static string Encode(CustomData data)
    {
        var buffer = new byte[data.Count * Bytes];
        var at = 0;
        Write(data.Train, false);
        Write(data.Test, true);
        return Convert.ToBase64String(buffer).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        void Write(LabeledPoints points, bool test)
        {
            for (var i = 0; i < points.Count; i++, at += Bytes)
            {
                BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(at), points.X[i]);
                BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(at + 4), points.Y[i]);
                buffer[at + 8] = (byte)(points.Labels[i] | (test ? TestBit : 0));
            }
        }
    }

    public static CustomData Decode(string text, IReadOnlyList<string> classNames, PlaneRect domain, int maxPoints)
    {
        var base64 = text.Trim().Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new UserInputException("pts: not base64url");
        }
        if (bytes.Length % Bytes != 0) throw new UserInputException($"pts: {bytes.Length} bytes is not a whole number of {Bytes}-byte points");
        var count = bytes.Length / Bytes;
        if (count > maxPoints) throw new UserInputException($"pts: {count} points; at most {maxPoints}");
        var train = new List<(float, float, int)>();
        var test = new List<(float, float, int)>();
        for (var i = 0; i < count; i++)
        {
            var at = i * Bytes;
            var x = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(at));
            var y = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(at + 4));
            var label = bytes[at + 8] & ~TestBit;
            if (!float.IsFinite(x) || !float.IsFinite(y)) throw new UserInputException($"pts: point {i + 1} is not finite");
            if (Math.Abs(x) > WebLimits.MaxCoordinate || Math.Abs(y) > WebLimits.MaxCoordinate)
                throw new UserInputException($"pts: point {i + 1} ({x:G6}, {y:G6}) lies outside ±{WebLimits.MaxCoordinate:G}");
            if (label >= classNames.Count) throw new UserInputException($"pts: point {i + 1} has class {label}, but there are {classNames.Count} classes");
            ((bytes[at + 8] & TestBit) != 0 ? test : train).Add((x, y, label));
        }
        return new CustomData(ToPoints(train), ToPoints(test), classNames, domain);
    }

    internal static LabeledPoints ToPoints(IReadOnlyList<(float X, float Y, int Label)> points) =>
        new([.. points.Select(p => p.X)], [.. points.Select(p => p.Y)], [.. points.Select(p => p.Label)]);
}
