using Warpscope.Core.Datasets;
using Warpscope.Core.Model;

namespace Warpscope.Core.Representations;

/// <summary>
/// The decision field carried into a layer's space: the input rectangle cut into Columns × Rows
/// cells, each coloured by the whole network's prediction at its centre, with its four corners
/// mapped by the layer. Drawn where the layer puts it, the cells show the decision boundary inside
/// every hidden space. Corner (c, r) is point r·(Columns+1) + c of <see cref="Corners"/>.
/// </summary>
public sealed class CarriedField
{
    private CarriedField(int columns, int rows, PointCloud corners, int[] classes, float[] confidence, float[] stretch)
    {
        Stretch = stretch;
        Columns = columns;
        Rows = rows;
        Corners = corners;
        Classes = classes;
        Confidence = confidence;
    }

    public int Columns { get; }
    public int Rows { get; }
    public PointCloud Corners { get; }

    /// <summary>The predicted class of each cell, row by row from the bottom.</summary>
    public int[] Classes { get; }

    /// <summary>The winning probability of each cell.</summary>
    public float[] Confidence { get; }

    /// <summary>
    /// How much the layer stretches each cell's area: the area of its image over its own (the local
    /// Jacobian determinant for a 2-unit layer; for wider layers the area of the image surface, √det JᵀJ).
    /// Measured on the cell's diagonals: area = ½·√(|d₁|²|d₂|² − (d₁·d₂)²) in any dimension.
    /// </summary>
    public float[] Stretch { get; }

    public int Corner(int column, int row) => row * (Columns + 1) + column;

    public static CarriedField Build(Network network, int layer, PlaneRect rect, int cells = 64, ForwardPass? pass = null)
    {
        LayerMaps.CheckLayer(network, layer);
        pass ??= new ForwardPass(network);
        var side = cells + 1;
        var cx = new float[side * side];
        var cy = new float[side * side];
        for (var r = 0; r < side; r++)
        {
            for (var c = 0; c < side; c++)
            {
                cx[r * side + c] = rect.XMin + c * rect.Width / cells;
                cy[r * side + c] = rect.YMin + r * rect.Height / cells;
            }
        }
        var mapped = LayerMaps.Map(pass, layer, cx, cy);
        var field = DecisionField.Compute(network, Lattice.Square(rect, cells), pass);
        var classes = new int[field.Lattice.Count];
        var confidence = new float[field.Lattice.Count];
        for (var i = 0; i < classes.Length; i++) (classes[i], confidence[i]) = field.Winner(i);
        var stretch = new float[cells * cells];
        var cellArea = (double)rect.Width / cells * rect.Height / cells;
        for (var r = 0; r < cells; r++)
        {
            for (var c = 0; c < cells; c++)
            {
                int a = r * side + c, b = a + 1, d = a + side, e = d + 1;
                double d11 = 0, d22 = 0, d12 = 0;
                for (var k = 0; k < mapped.Dimensions; k++)
                {
                    double u = mapped[k, e] - mapped[k, a];
                    double v = mapped[k, d] - mapped[k, b];
                    d11 += u * u;
                    d22 += v * v;
                    d12 += u * v;
                }
                stretch[r * cells + c] = (float)(0.5 * Math.Sqrt(Math.Max(0, d11 * d22 - d12 * d12)) / cellArea);
            }
        }
        return new CarriedField(cells, cells, mapped, classes, confidence, stretch);
    }
}
