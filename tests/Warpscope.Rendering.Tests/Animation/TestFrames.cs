using Warpscope.Workloads;

namespace Warpscope.Rendering.Tests.Animation;

/// <summary>Frames whose content is known, as opaque RGBA8888.</summary>
internal static class TestFrames
{
    /// <summary>White, with a bar at a frame-dependent column in a colour unique to the frame:
    /// decoding tells both which frame it is and whether the order held.</summary>
    public static byte[] MovingBar(int width, int height, int frame)
    {
        var rgba = Solid(width, height, 255, 255, 255);
        var barX = frame * 3 % Math.Max(1, width - 4);
        var (r, g, b) = ((byte)(20 + 17 * frame), (byte)(200 - 9 * frame), (byte)(60 + 5 * frame));
        for (var y = 0; y < height; y++)
        {
            for (var x = barX; x < Math.Min(width, barX + 4); x++) Set(rgba, width, x, y, r, g, b);
        }
        Set(rgba, width, 0, 0, (byte)frame, 0, 0);
        return rgba;
    }

    public static byte[] Solid(int width, int height, byte r, byte g, byte b)
    {
        var rgba = new byte[width * height * 4];
        for (var i = 0; i < rgba.Length; i += 4)
        {
            rgba[i] = r;
            rgba[i + 1] = g;
            rgba[i + 2] = b;
            rgba[i + 3] = 255;
        }
        return rgba;
    }

    /// <summary>A smooth two-axis gradient plus uniform noise of ±<paramref name="noise"/>: tens of
    /// thousands of distinct colours, the worst case for a 256-colour palette.</summary>
    public static byte[] GradientWithNoise(int width, int height, int seed, int noise = 12)
    {
        var random = new Random(seed);
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var r = 255.0 * x / Math.Max(1, width - 1);
                var g = 255.0 * y / Math.Max(1, height - 1);
                var b = 255.0 - (r + g) / 2;
                Set(rgba, width, x, y, Noisy(r), Noisy(g), Noisy(b));
            }
        }
        return rgba;

        byte Noisy(double v) => (byte)Math.Clamp((int)Math.Round(v) + random.Next(-noise, noise + 1), 0, 255);
    }

    /// <summary>What Warpscope draws (see <see cref="TypicalFrame"/>), frame <paramref name="frame"/> of <paramref name="frameCount"/>.</summary>
    public static byte[] Typical(int width, int height, int frame, int frameCount) =>
        TypicalFrame.Draw(width, height, frameCount <= 1 ? 0 : (double)frame / (frameCount - 1));

    public static int DistinctColours(byte[] rgba)
    {
        var colours = new HashSet<int>();
        for (var i = 0; i < rgba.Length; i += 4) colours.Add(rgba[i] | rgba[i + 1] << 8 | rgba[i + 2] << 16);
        return colours.Count;
    }

    /// <summary>Mean |a − b| over the R, G and B channels, in 0–255 units.</summary>
    public static double MeanAbsoluteError(byte[] a, byte[] b)
    {
        long sum = 0;
        for (var i = 0; i < a.Length; i += 4)
        {
            sum += Math.Abs(a[i] - b[i]) + Math.Abs(a[i + 1] - b[i + 1]) + Math.Abs(a[i + 2] - b[i + 2]);
        }
        return sum / (a.Length / 4 * 3.0);
    }

    private static void Set(byte[] rgba, int width, int x, int y, byte r, byte g, byte b)
    {
        var i = (y * width + x) * 4;
        rgba[i] = r;
        rgba[i + 1] = g;
        rgba[i + 2] = b;
        rgba[i + 3] = 255;
    }
}
