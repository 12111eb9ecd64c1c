namespace Warpscope.Core.Datasets;

/// <summary>An axis-aligned rectangle of the input plane: the natural view of a dataset.</summary>
public readonly record struct PlaneRect(float XMin, float XMax, float YMin, float YMax)
{
    public float Width => XMax - XMin;
    public float Height => YMax - YMin;

    public static PlaneRect Square(float halfSide) => new(-halfSide, halfSide, -halfSide, halfSide);
}
