namespace Warpscope.Onnx.Tests;

/// <summary>The files scripts/make-onnx-fixtures.py wrote with PyTorch, copied beside the tests.</summary>
internal static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));

    /// <summary>n seeded points uniform in [−range, range]²: x, y apart and interleaved [n][2] for ONNX Runtime.</summary>
    public static (float[] X, float[] Y, float[] Interleaved) RandomPoints(int n, int seed, float range)
    {
        var random = new Random(seed);
        var x = new float[n];
        var y = new float[n];
        var both = new float[2 * n];
        for (var i = 0; i < n; i++)
        {
            x[i] = both[2 * i] = (float)((2 * random.NextDouble() - 1) * range);
            y[i] = both[2 * i + 1] = (float)((2 * random.NextDouble() - 1) * range);
        }
        return (x, y, both);
    }
}
