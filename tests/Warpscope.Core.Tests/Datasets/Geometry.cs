using Warpscope.Core.Datasets;

namespace Warpscope.Core.Tests.Datasets;

/// <summary>Small measurements the dataset tests make on point sets.</summary>
internal static class Geometry
{
    public static double Radius(LabeledPoints p, int i) => Math.Sqrt((double)p.X[i] * p.X[i] + (double)p.Y[i] * p.Y[i]);

    public static int[] ClassCounts(LabeledPoints p, int classes)
    {
        var counts = new int[classes];
        foreach (var label in p.Labels) counts[label]++;
        return counts;
    }

    public static IEnumerable<int> IndicesOf(LabeledPoints p, int label) =>
        Enumerable.Range(0, p.Count).Where(i => p.Labels[i] == label);

    /// <summary>Bit patterns, so that equality means identical floats (−0 ≠ 0, NaN = NaN).</summary>
    public static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();

    /// <summary>
    /// The best accuracy any straight line reaches on two classes: for each of many normal
    /// directions, every threshold along it (a sweep over the sorted projections), either side.
    /// </summary>
    public static double BestLineAccuracy(LabeledPoints p, int angles = 720)
    {
        var best = 0.0;
        var projected = new (double Value, int Label)[p.Count];
        var ones = p.Labels.Count(l => l == 1);
        for (var a = 0; a < angles; a++)
        {
            var theta = Math.PI * a / angles;
            var (nx, ny) = (Math.Cos(theta), Math.Sin(theta));
            for (var i = 0; i < p.Count; i++) projected[i] = (nx * p.X[i] + ny * p.Y[i], p.Labels[i]);
            Array.Sort(projected, (u, v) => u.Value.CompareTo(v.Value));
            // Threshold after the first k points: those say class 0, the rest class 1 (or flipped).
            var zerosBelow = 0;
            var onesBelow = 0;
            for (var k = 0; k <= p.Count; k++)
            {
                if (k > 0)
                {
                    if (projected[k - 1].Label == 0) zerosBelow++;
                    else onesBelow++;
                }
                var correct = zerosBelow + (ones - onesBelow);
                best = Math.Max(best, Math.Max(correct, p.Count - correct) / (double)p.Count);
            }
        }
        return best;
    }
}
