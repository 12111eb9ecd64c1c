namespace Warpscope.Core.Datasets.Generators;

/// <summary>
/// What every two-class generator shares: its limits are checked before anything is drawn, its
/// classes are "0" and "1", and its points go into one buffer. A generator only says how to draw.
/// </summary>
internal abstract class TwoClassGenerator : IDatasetGenerator
{
    public abstract string Name { get; }
    public abstract string Description { get; }
    public abstract PlaneRect Domain { get; }

    /// <summary>2 for points of the plane; 3 for points of space (the buffer then keeps z).</summary>
    public virtual int Dimensions => 2;

    /// <summary>The largest noise the recipe accepts.</summary>
    protected abstract double MaxNoise { get; }

    private SpecLimits Limits => new(Name, MaxNoise);

    public IReadOnlyList<string> ClassNames(DatasetSpec spec)
    {
        Limits.CheckClasses(spec);
        return Sampling.NumberedClasses(2);
    }

    public LabeledPoints Generate(DatasetSpec spec, Random random)
    {
        Limits.Check(spec);
        var points = new PointBuffer(spec.Points, Dimensions == 3);
        Draw(spec, random, points);
        return points.ToPoints();
    }

    /// <summary>Adds spec.Points labelled points, all randomness from <paramref name="random"/>.</summary>
    protected abstract void Draw(DatasetSpec spec, Random random, PointBuffer points);
}
