using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;
using Warpscope.Core.Training;

namespace Warpscope.Core.Tests.Representations;

/// <summary>
/// <see cref="DecisionField.ComputeRefined"/> against <see cref="DecisionField.Compute"/>, the network
/// at every sample: the same classes everywhere, exact values wherever the class changes, and
/// interpolated values close to the exact ones elsewhere.
/// </summary>
public class RefinedFieldTests
{
    private static readonly Lazy<Network> Spiral = new(() => Trained(new DatasetSpec("spiral", 600, 0.1), [12, 12, 12], 200));
    private static readonly Lazy<Network> ThreeArms = new(() => Trained(new DatasetSpec("spiral", 600, 0.1, Classes: 3), [12, 12], 150));

    private static Network Trained(DatasetSpec data, int[] hidden, int epochs)
    {
        var run = new TrainingSession(new TrainingJob(data, NetworkSpec.Uniform(hidden, Activation.Tanh, data.Classes), new TrainingConfig(Epochs: epochs, LearningRate: 0.02)));
        run.Run();
        return run.Network;
    }

    public static TheoryData<int, int, int> Lattices => new()
    {
        // Classes, columns, rows: 436 is the 512² view's plot (padded to 437 inside), 437 = 4·109 + 1 is not
        // padded, 438 and 439 pad by 3 and 2; the small ones have a cell or two per level.
        { 2, 436, 436 },
        { 2, 437, 437 },
        { 2, 438, 439 },
        { 2, 121, 64 },
        { 2, 5, 6 },
        { 3, 300, 300 },
        { 3, 9, 7 },
    };

    [Theory]
    [MemberData(nameof(Lattices))]
    public void RefinedField_HasTheExactClassesAndIsExactWhereTheClassChanges(int classes, int columns, int rows)
    {
        var network = classes == 2 ? Spiral.Value : ThreeArms.Value;
        var lattice = new Lattice(PlaneRect.Square(6), columns, rows);
        var exact = DecisionField.Compute(network, lattice);
        var refined = DecisionField.ComputeRefined(network, lattice);
        Assert.Equal(classes, refined.Classes);
        Assert.Equal(exact.Probabilities.Length, refined.Probabilities.Length);
        int n = lattice.Count, changing = 0, interpolated = 0, close = 0;
        var worst = 0f;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var i = r * columns + c;
                var winner = refined.Winner(i).Class;
                Assert.Equal(exact.Winner(i).Class, winner);
                if (HasOtherNeighbour(refined, c, r, winner))
                {
                    // Every sample beside another class was evaluated by the network: bit for bit the exact value.
                    changing++;
                    for (var k = 0; k < classes; k++) Assert.Equal(exact.Probabilities[k * n + i], refined.Probabilities[k * n + i]);
                    continue;
                }
                interpolated++;
                var error = 0f;
                for (var k = 0; k < classes; k++) error = MathF.Max(error, MathF.Abs(exact.Probabilities[k * n + i] - refined.Probabilities[k * n + i]));
                worst = MathF.Max(worst, error);
                if (error <= 4f / 255) close++;
            }
        }
        Assert.True(changing > 0, "the window shows no boundary");
        // Away from the boundary: within four tint levels almost everywhere (97.7 % on the coarse 121×64
        // lattice, 98.7–99.1 % on the fine ones, as with the single 2×2 level before), never wildly off
        // (the worst are samples beside the refined cells, where the probability turns fastest).
        Assert.True(close >= 0.97 * interpolated, $"{close} of {interpolated} interpolated samples within 4/255");
        Assert.True(worst <= 0.25f, $"worst interpolated sample off by {worst}");
    }

    [Fact]
    public void RefinedField_IsTheSameEveryTime()
    {
        var lattice = Lattice.Square(PlaneRect.Square(6), 436);
        var a = DecisionField.ComputeRefined(Spiral.Value, lattice);
        var b = DecisionField.ComputeRefined(Spiral.Value, lattice, new ForwardPass(Spiral.Value));
        var c = DecisionField.ComputeRefined(Spiral.Value, Lattice.Square(PlaneRect.Square(6), 57));
        var d = DecisionField.ComputeRefined(Spiral.Value, lattice);
        Assert.Equal(a.Probabilities, b.Probabilities);
        Assert.Equal(a.Probabilities, d.Probabilities);
        Assert.Equal(57 * 57 * 2, c.Probabilities.Length);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(436)]
    [InlineData(437)]
    public void Spread_PutsEverySampleAndEveryMidpointInPlace(int length)
    {
        // Sixteen values a vector step, the rest one by one: each must land where the plain rule puts it.
        var half = Enumerable.Range(0, (length + 2) / 2).Select(i => MathF.Sqrt(i) * 3 + i % 3).ToArray();
        var row = new float[length];
        DecisionField.Spread(half, row);
        for (var c = 0; c < length; c++)
            Assert.Equal(c % 2 == 0 ? half[c / 2] : 0.5f * (half[c / 2] + half[c / 2 + 1]), row[c]);
    }

    private static bool HasOtherNeighbour(DecisionField field, int column, int row, int winner)
    {
        var lattice = field.Lattice;
        for (var r = Math.Max(0, row - 1); r <= Math.Min(lattice.Rows - 1, row + 1); r++)
        {
            for (var c = Math.Max(0, column - 1); c <= Math.Min(lattice.Columns - 1, column + 1); c++)
                if (field.Winner(r * lattice.Columns + c).Class != winner) return true;
        }
        return false;
    }
}
