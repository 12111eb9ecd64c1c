namespace Warpscope.Core.Representations.Projections;

/// <summary>Shows chosen units of a layer as the axes (all of them, in order, for a layer of 1 to 3 units).</summary>
public sealed class UnitsProjection : ILayerProjection
{
    private readonly int[] _units;

    public UnitsProjection(int width, IReadOnlyList<int> units)
    {
        if (units.Count is < 1 or > 3) throw new UserInputException($"units: choose 1 to 3 units to show, not {units.Count}");
        foreach (var u in units)
        {
            if (u < 0 || u >= width) throw new UserInputException($"units: unit {u} does not exist (the layer has units 0 to {width - 1})");
        }
        if (units.Distinct().Count() != units.Count) throw new UserInputException("units: a unit is listed twice");
        _units = [.. units];
        AxisNames = [.. _units.Select(u => $"unit {u}")];
    }

    /// <summary>The layer's own units as axes; for layers of 1 to 3 units.</summary>
    public static UnitsProjection Identity(int width) => new(width, [.. Enumerable.Range(0, width)]);

    public int Dimensions => _units.Length;
    public IReadOnlyList<string> AxisNames { get; }

    /// <summary>True when the projection shows every unit of a layer as it is.</summary>
    public bool IsIdentity(int width) => width == _units.Length && _units.Select((u, i) => u == i).All(b => b);

    public PointCloud Project(PointCloud points)
    {
        var values = new float[_units.Length * points.Count];
        for (var k = 0; k < _units.Length; k++) points.Axis(_units[k]).CopyTo(values.AsSpan(k * points.Count));
        return new PointCloud(_units.Length, points.Count, values);
    }
}
