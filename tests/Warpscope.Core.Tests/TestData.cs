using Warpscope.Core.Datasets;

namespace Warpscope.Core.Tests;

/// <summary>Small labelled point sets for engine tests, drawn from a seed.</summary>
internal static class TestData
{
    public static LabeledPoints Random(int count, int classes, int seed, float scale = 2f)
    {
        var random = new Random(seed);
        var x = new float[count];
        var y = new float[count];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            x[i] = (float)((random.NextDouble() * 2 - 1) * scale);
            y[i] = (float)((random.NextDouble() * 2 - 1) * scale);
            labels[i] = random.Next(classes);
        }
        return new LabeledPoints(x, y, labels);
    }
}
