using Warpscope.Core.Datasets;

namespace Warpscope.Core.Representations;

/// <summary>
/// A Columns × Rows lattice of sample points covering a rectangle, one sample at the centre of each
/// cell (as pixel centres of an image of the rectangle). Row 0 is the bottom row (y = YMin side).
/// </summary>
public sealed record Lattice(PlaneRect Bounds, int Columns, int Rows)
{
    public int Count => Columns * Rows;

    public float CellWidth => Bounds.Width / Columns;
    public float CellHeight => Bounds.Height / Rows;

    public float X(int column) => Bounds.XMin + (column + 0.5f) * CellWidth;
    public float Y(int row) => Bounds.YMin + (row + 0.5f) * CellHeight;

    /// <summary>The rectangle through the first and last sample centres: what contouring sees as the lattice.</summary>
    public PlaneRect Centres => new(X(0), X(Columns - 1), Y(0), Y(Rows - 1));

    /// <summary>Every sample's coordinates, row by row from the bottom: x, y: [Rows·Columns].</summary>
    public (float[] X, float[] Y) Points()
    {
        var x = new float[Count];
        var y = new float[Count];
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                x[r * Columns + c] = X(c);
                y[r * Columns + c] = Y(r);
            }
        }
        return (x, y);
    }

    public static Lattice Square(PlaneRect bounds, int size) => new(bounds, size, size);
}
