using System.Buffers.Binary;
using Warpscope.Core;
using Warpscope.Core.Datasets;
using Warpscope.Core.Sessions;

namespace Warpscope.Web;

/// <summary>
/// Edited points in a URL: base64url of 9 bytes per point, float32 x and y (little-endian, exact)
/// and one byte of class, its top bit set for a test point; regression points take 13 bytes, float32
/// x, y and target value, then a byte that is 0x80 for a test point. Train points come first.
/// </summary>
public static class PointCodec
{
    private const int Bytes = 9;
    private const int RegressionBytes = 13;
    private const byte TestBit = 0x80;

    public static string Encode(CustomData data)
    {
        var size = data.IsRegression ? RegressionBytes : Bytes;
        var buffer = new byte[data.Count * size];
        var at = 0;
        Write(data.Train, false);
        Write(data.Test, true);
        return Convert.ToBase64String(buffer).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        void Write(LabeledPoints points, bool test)
        {
            for (var i = 0; i < points.Count; i++, at += size)
            {
                BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(at), points.X[i]);
                BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(at + 4), points.Y[i]);
                if (points.Targets is { } targets)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(at + 8), targets[i]);
                    buffer[at + 12] = test ? TestBit : (byte)0;
                }
                else buffer[at + 8] = (byte)(points.Labels[i] | (test ? TestBit : 0));
            }
        }
    }

    /// <param name="regression">The points carry target values (13 bytes each), and <paramref name="classNames"/> is the target's one name.</param>
    public static CustomData Decode(string text, IReadOnlyList<string> classNames, PlaneRect domain, int maxPoints, bool regression = false)
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
        if (regression) return DecodeRegression(bytes, classNames, domain, maxPoints);
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
            CheckPosition(i, x, y);
            if (label >= classNames.Count) throw new UserInputException($"pts: point {i + 1} has class {label}, but there are {classNames.Count} classes");
            ((bytes[at + 8] & TestBit) != 0 ? test : train).Add((x, y, label));
        }
        return new CustomData(ToPoints(train), ToPoints(test), classNames, domain);
    }

    private static CustomData DecodeRegression(byte[] bytes, IReadOnlyList<string> classNames, PlaneRect domain, int maxPoints)
    {
        if (bytes.Length % RegressionBytes != 0) throw new UserInputException($"pts: {bytes.Length} bytes is not a whole number of {RegressionBytes}-byte regression points");
        var count = bytes.Length / RegressionBytes;
        if (count > maxPoints) throw new UserInputException($"pts: {count} points; at most {maxPoints}");
        var train = new List<(float X, float Y, float Value)>();
        var test = new List<(float X, float Y, float Value)>();
        for (var i = 0; i < count; i++)
        {
            var at = i * RegressionBytes;
            var x = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(at));
            var y = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(at + 4));
            var value = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(at + 8));
            CheckPosition(i, x, y);
            if (!float.IsFinite(value)) throw new UserInputException($"pts: point {i + 1}'s value is not finite");
            if ((bytes[at + 12] & ~TestBit) != 0) throw new UserInputException($"pts: point {i + 1}'s flags byte is {bytes[at + 12]}; only 0 (train) or 128 (test)");
            ((bytes[at + 12] & TestBit) != 0 ? test : train).Add((x, y, value));
        }
        return new CustomData(ToTargets(train), ToTargets(test), classNames, domain);
    }

    private static void CheckPosition(int i, float x, float y)
    {
        if (!float.IsFinite(x) || !float.IsFinite(y)) throw new UserInputException($"pts: point {i + 1} is not finite");
        if (Math.Abs(x) > WebLimits.MaxCoordinate || Math.Abs(y) > WebLimits.MaxCoordinate)
            throw new UserInputException($"pts: point {i + 1} ({x:G6}, {y:G6}) lies outside ±{WebLimits.MaxCoordinate:G}");
    }

    private static LabeledPoints ToTargets(IReadOnlyList<(float X, float Y, float Value)> points) =>
        LabeledPoints.WithTargets([.. points.Select(p => p.X)], [.. points.Select(p => p.Y)], [.. points.Select(p => p.Value)]);

    internal static LabeledPoints ToPoints(IReadOnlyList<(float X, float Y, int Label)> points) =>
        new([.. points.Select(p => p.X)], [.. points.Select(p => p.Y)], [.. points.Select(p => p.Label)]);
}
