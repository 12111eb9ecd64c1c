using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;

namespace Warpscope.Core.Representations;

/// <summary>
/// How linearly separable the classes are at every layer of a network, input to last hidden layer:
/// a <see cref="LinearProbe"/> fitted on each layer's values for points the network never trained on —
/// a fresh sample of a built-in generator (another seed), or a CSV's held-out test points (its
/// training points when none are held out). A net that separates the classes shows it as a probe
/// accuracy rising to the net's own at the last hidden layer, whose output layer is itself linear.
/// </summary>
public static class LayerProbes
{
    /// <summary>At most this many points are probed (the probe is full-batch).</summary>
    public const int MaxPoints = 1000;

    /// <summary>Gradient steps of each probe.</summary>
    public const int Steps = 1500;

    /// <summary>Added to the data's seed for the fresh sample.</summary>
    public const int FreshSeed = 500;

    public static IReadOnlyList<LayerProbe> Measure(Network network, Dataset data)
    {
        var sample = Sample(data);
        var pass = new ForwardPass(network);
        var probes = new List<LayerProbe>();
        for (var layer = 0; layer <= LayerMaps.HiddenLayers(network); layer++)
        {
            var values = LayerMaps.Map(pass, layer, sample.X, sample.Y, z: sample.Z);
            var fit = LinearProbe.Fit(values, sample.Labels, data.ClassCount, Steps);
            probes.Add(new LayerProbe(layer, values.Dimensions, fit.Accuracy, fit.Margin));
        }
        return probes;
    }

    /// <summary>The points probed: fresh ones for a generator, held-out ones for a file, at most <see cref="MaxPoints"/>.</summary>
    public static LabeledPoints Sample(Dataset data)
    {
        LabeledPoints points;
        if (data.Source is null && DatasetRegistry.TryGet(data.Spec.Name, out _))
            points = DatasetFactory.Create(data.Spec with { Seed = data.Spec.Seed + FreshSeed, TestFraction = 0, Points = Math.Min(data.Spec.Points, MaxPoints) }).Train;
        else
            points = data.Test.Count > 0 ? data.Test : data.Train;
        if (points.Count <= MaxPoints) return points;
        // An even stride keeps every part of the file, not just its first rows.
        var take = Enumerable.Range(0, MaxPoints).Select(i => (int)((long)i * points.Count / MaxPoints)).ToArray();
        return points.Select(take);
    }
}
