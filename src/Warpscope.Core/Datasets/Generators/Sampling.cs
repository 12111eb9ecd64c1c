namespace Warpscope.Core.Datasets.Generators;

/// <summary>The draws and bookkeeping the generators share; every draw comes from the caller's <see cref="Random"/>.</summary>
internal static class Sampling
{
    /// <summary>U(a, b), as the Playground's <c>randUniform</c>.</summary>
    public static double Uniform(Random random, double a, double b) => a + (b - a) * random.NextDouble();

    /// <summary>
    /// A normal draw by Marsaglia's polar method, as the Playground's <c>normalRandom</c>: a point
    /// uniform in the unit disk (minus its centre, where log s is undefined) maps to
    /// v1·sqrt(−2 ln s / s) ~ N(0, 1). The second normal the method yields is discarded, as there.
    /// </summary>
    public static double Normal(Random random, double mean, double standardDeviation)
    {
        double v1, s;
        do
        {
            v1 = 2 * random.NextDouble() - 1;
            var v2 = 2 * random.NextDouble() - 1;
            s = v1 * v1 + v2 * v2;
        } while (s > 1 || s == 0);
        return mean + standardDeviation * v1 * Math.Sqrt(-2 * Math.Log(s) / s);
    }

    /// <summary>
    /// How many of <paramref name="total"/> points class <paramref name="index"/> of
    /// <paramref name="parts"/> gets: total / parts each, and the remainder one apiece to the
    /// first classes, so that the counts sum to exactly <paramref name="total"/>.
    /// </summary>
    public static int ShareOf(int total, int parts, int index) => total / parts + (index < total % parts ? 1 : 0);

    /// <summary>"0", "1", …, "K−1".</summary>
    public static IReadOnlyList<string> NumberedClasses(int count) =>
        Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
