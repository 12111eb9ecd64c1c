namespace Warpscope.Core.Datasets;

/// <summary>An axis-aligned rectangle of the input plane: the natural view of a dataset.</summary>
public readonly record struct PlaneRect(float XMin, float XMax, float YMin, float YMax)
{
    public float Width => XMax - XMin;
    public float Height => YMax - YMin;

    public static PlaneRect Square(float halfSide) => new(-halfSide, halfSide, -halfSide, halfSide);

    /// <summary>The corners of a cells × cells grid over the rectangle: (cells + 1)² points, row by row from the bottom.</summary>
    public (float[] X, float[] Y) GridPoints(int cells)
    {
        var side = cells + 1;
        var x = new float[side * side];
        var y = new float[side * side];
        for (var r = 0; r < side; r++)
        {
            for (var c = 0; c < side; c++)
            {
                x[r * side + c] = XMin + c * Width / cells;
                y[r * side + c] = YMin + r * Height / cells;
            }
        }
        return (x, y);
    }
}
