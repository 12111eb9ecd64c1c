using Warpscope.Core.Model;

namespace Warpscope.Core.Representations;

/// <summary>
/// The whole network's class probabilities on a lattice of the input plane: the coloured
/// background of the input view. Probabilities: [classes][Rows·Columns], class-major, rows from
/// the bottom.
/// </summary>
public sealed class DecisionField
{
    private DecisionField(Lattice lattice, int classes, float[] probabilities)
    {
        Lattice = lattice;
        Classes = classes;
        Probabilities = probabilities;
    }

    public Lattice Lattice { get; }
    public int Classes { get; }
    public float[] Probabilities { get; }

    public float Probability(int @class, int column, int row) => Probabilities[@class * Lattice.Count + row * Lattice.Columns + column];

    /// <summary>The most probable class at a sample (ties to the lower class) and its probability.</summary>
    public (int Class, float Probability) Winner(int index)
    {
        var best = 0;
        var p = Probabilities[index];
        for (var c = 1; c < Classes; c++)
        {
            var q = Probabilities[c * Lattice.Count + index];
            if (q > p)
            {
                best = c;
                p = q;
            }
        }
        return (best, p);
    }

    public static DecisionField Compute(Network network, Lattice lattice, ForwardPass? pass = null)
    {
        pass ??= new ForwardPass(network);
        var (x, y) = lattice.Points();
        var probabilities = new float[network.ClassCount * lattice.Count];
        pass.Predict(x, y, probabilities);
        return new DecisionField(lattice, network.ClassCount, probabilities);
    }

    /// <summary>
    /// The field whose zero contour is class k's boundary: pₖ − max_{j≠k} pⱼ, positive where k wins.
    /// For two classes both classes give the same line, p₁ = ½.
    /// </summary>
    public float[] Margin(int @class)
    {
        var n = Lattice.Count;
        var margin = new float[n];
        for (var i = 0; i < n; i++)
        {
            var other = float.NegativeInfinity;
            for (var c = 0; c < Classes; c++)
            {
                if (c != @class) other = MathF.Max(other, Probabilities[c * n + i]);
            }
            margin[i] = Probabilities[@class * n + i] - other;
        }
        return margin;
    }
}
