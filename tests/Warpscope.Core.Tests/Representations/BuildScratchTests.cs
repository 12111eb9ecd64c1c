using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;
using Warpscope.Core.Sessions;

namespace Warpscope.Core.Tests.Representations;

/// <summary>
/// Scratch that live frames reuse (issue 13: a frame allocated 2.7 MB): the carried field's build scratch
/// is pooled between builds, and a layer's sheet field works in its samples' own array with pooled
/// intermediate layers. Neither may change a result.
/// </summary>
public class BuildScratchTests
{
    private static readonly PlaneRect Window = new(-6, 6, -6, 6);

    private static Network Net(int[] hidden, int seed) =>
        Network.Create(NetworkSpec.Uniform(hidden, Activation.Tanh), seed);

    private static SheetRefinement Refinement() =>
        new(cloud => Enumerable.Range(0, cloud.Count).Select(i => new System.Numerics.Vector2(cloud[0, i] * 200, cloud[1, i] * 200)).ToArray(), 1f) { CutMixed = true };

    [Fact]
    public void ACarriedField_BuiltAgainAfterOthers_IsTheSameField()
    {
        var net = Net([16, 2], seed: 3);
        var first = CarriedField.Build(net, 2, Window, 24, refinement: Refinement());
        // Other builds in between leave larger and smaller scratch behind, from another network and shape.
        CarriedField.Build(Net([8, 8, 2], seed: 9), 3, Window, 48, refinement: Refinement());
        CarriedField.Build(Net([2], seed: 5), 1, Window, 8);
        var again = CarriedField.Build(net, 2, Window, 24, refinement: Refinement());

        Assert.True(first.VertexCount > 24 * 24, $"{first.VertexCount} vertices: the refinement cut cells");
        Assert.Equal(first.InputX, again.InputX);
        Assert.Equal(first.InputY, again.InputY);
        Assert.Equal(first.Mapped.Values, again.Mapped.Values);
        Assert.Equal(first.Probabilities, again.Probabilities);
        Assert.Equal(first.CellStarts, again.CellStarts);
        Assert.Equal(first.Rings, again.Rings);
        Assert.Equal(first.Centres, again.Centres);
        Assert.Equal(first.Stretch, again.Stretch);
    }

    [Fact]
    public void ReleasedScratch_IsLetGoOf_AndTheNextBuildIsTheSame()
    {
        var net = Net([16, 2], seed: 3);
        var first = CarriedField.Build(net, 2, Window, 24, refinement: Refinement());
        var pooled = Pools.Floats.Rent(1000);
        Pools.Floats.Return(pooled);

        ScratchMemory.Release();

        // A released pool hands out a new array (the bounded pool gave the same one back before), and takes
        // back what was rented before the release.
        var rentedAfter = Pools.Floats.Rent(1000);
        Assert.NotSame(pooled, rentedAfter);
        Pools.Floats.Return(rentedAfter);
        var again = CarriedField.Build(net, 2, Window, 24, refinement: Refinement());
        Assert.Equal(first.Mapped.Values, again.Mapped.Values);
        Assert.Equal(first.Rings, again.Rings);
        Assert.Equal(first.Probabilities, again.Probabilities);
    }

    [Fact]
    public void ForwardPasses_AreKeptPerNetwork_GiveTheSameResults_AndAreLetGoOf()
    {
        var net = Net([16, 2], seed: 3);
        var other = Net([16, 2], seed: 4);
        float[] x = [0.5f, -1f, 2f], y = [1f, 0f, -3f];
        var fresh = new float[6];
        new ForwardPass(net).Predict(x, y, fresh);

        ForwardPass pass;
        using (var first = ForwardPass.Rent(net)) pass = first.Pass;
        var again = ForwardPass.Rent(net);
        Assert.Same(pass, again.Pass);                  // the pass given back, not a new one
        using var theirs = ForwardPass.Rent(other);
        Assert.NotSame(pass, theirs.Pass);              // another network's pass is its own
        Assert.Same(other, theirs.Pass.Network);
        var kept = new float[6];
        again.Pass.Predict(x, y, kept);
        Assert.Equal(fresh, kept);
        again.Dispose();

        ScratchMemory.Release();
        Assert.NotSame(pass, ForwardPass.Rent(net).Pass);
    }

    [Fact]
    public void AKeptForwardPass_DoesNotKeepItsNetworkAlive()
    {
        var network = RentAndReturnOnAnotherThread();
        for (var i = 0; i < 3 && network.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(network.IsAlive, "a network whose pass was given back stayed alive: the kept passes root it");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference RentAndReturnOnAnotherThread()
    {
        var net = Net([8, 2], seed: 11);
        // Given back from a thread of the pool, as a live frame's worker does.
        Task.Run(() => ForwardPass.Rent(net).Dispose()).Wait();
        ForwardPass.Rent(net).Dispose();
        return new WeakReference(net);
    }

    [Fact]
    public async Task CarriedFields_BuiltAtOnceOnManyThreads_AreEachTheirOwn()
    {
        var nets = Enumerable.Range(1, 6).Select(s => Net([16, 2], seed: s)).ToArray();
        var alone = nets.Select(n => CarriedField.Build(n, 2, Window, 20, refinement: Refinement())).ToArray();
        var together = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => CarriedField.Build(nets[i % 6], 2, Window, 20, refinement: Refinement()))));
        for (var i = 0; i < together.Length; i++)
        {
            Assert.Equal(alone[i % 6].Mapped.Values, together[i].Mapped.Values);
            Assert.Equal(alone[i % 6].Rings, together[i].Rings);
        }
    }

    [Fact]
    public void ALayersSheetField_EqualsTheRestOfTheNetworkOnItsSamples()
    {
        // Layer 1 of 2 units, then 16 and 2 more layers: the intermediate layers run in pooled arrays.
        var net = Net([2, 16, 8, 2], seed: 4);
        var lattice = Lattice.Square(new PlaneRect(-1, 1, -1, 1), 40);
        foreach (var stage in new[] { LayerStage.Activations, LayerStage.PreActivations })
        {
            var field = DecisionField.FromLayer(net, 1, lattice, stage);
            var (x, y) = lattice.Points();
            var expected = LayerMaps.ProbabilitiesFrom(net, 1, new PointCloud(2, lattice.Count, [.. x, .. y]), stage);
            Assert.Equal(expected, field.Probabilities);
            Assert.Contains(field.Probabilities, p => p is > 0.01f and < 0.99f); // not a saturated, vacuous field
        }
        // Asked again after other sizes have been through the pool: the same.
        DecisionField.FromLayer(Net([2, 64, 64, 2], seed: 1), 1, Lattice.Square(Window, 90));
        Assert.Equal(DecisionField.FromLayer(net, 1, lattice).Probabilities,
            LayerMaps.ProbabilitiesFrom(net, 1, new PointCloud(2, lattice.Count, [.. lattice.Points().X, .. lattice.Points().Y])));
    }
}
