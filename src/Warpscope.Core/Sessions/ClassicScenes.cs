using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Sessions;

/// <summary>
/// One of the classic scenes after Chris Olah's "Neural Networks, Manifolds, and Topology": a dataset,
/// a tanh network and how to train it, the claim its training bears out, and what to look at. The
/// tour (<c>warpscope tour</c>) trains and draws them; the playground's Scenes menu loads them as
/// ordinary states, so pressing Play shows the same claim live.
/// </summary>
/// <param name="Id">Short name, used in the playground's menu and URLs.</param>
/// <param name="Number">The tour's scene it belongs to (1–6; scene 1 has two networks).</param>
/// <param name="Title">The menu's words.</param>
/// <param name="Data">The dataset, seeded.</param>
/// <param name="Hidden">Hidden layer widths (tanh); empty: a linear model.</param>
/// <param name="LearningRate">Adam's step, with batches of 32.</param>
/// <param name="Epochs">How long the tour trains it; the claim holds by then.</param>
/// <param name="L2">Weight decay.</param>
/// <param name="MaxNorm">Cap on each hidden unit's incoming weight norm (0: none).</param>
/// <param name="Claim">What training shows, in words (checked by tests after <paramref name="Epochs"/>).</param>
/// <param name="MinAccuracy">The claim as numbers: the training accuracy after the epochs lies in [min, max].</param>
/// <param name="MaxAccuracy">See <paramref name="MinAccuracy"/>.</param>
/// <param name="Look">What to look at while it trains, for a newcomer.</param>
public sealed record ClassicScene(
    string Id, int Number, string Title, DatasetSpec Data, int[] Hidden, double LearningRate, int Epochs, double L2, double MaxNorm,
    string Claim, double MinAccuracy, double MaxAccuracy, string Look)
{
    public NetworkSpec Network => NetworkSpec.Uniform(Hidden, Activation.Tanh);

    public TrainingConfig Training =>
        new(OptimizerKind.Adam, LearningRate, 32, Epochs, L2: L2, Seed: Data.Seed, MaxNorm: MaxNorm);

    /// <summary>The scene with another seed (the tour's --seed): the same data recipe and network.</summary>
    public ClassicScene WithSeed(int seed) => this with { Data = Data with { Seed = seed } };

    /// <summary>The training job the tour runs.</summary>
    public TrainingJob Job => new(Data, Network, Training, Data.Seed);
}

/// <summary>The classic scenes, in the tour's order.</summary>
public static class ClassicScenes
{
    /// <summary>The 2-unit layers' max-norm, in units of the data's scale (issue 12): capped, they bend the plane without saturating.</summary>
    public const double CurvesMaxNorm = 1.5, SpiralMaxNorm = 1, RingsMaxNorm = 2;

    /// <summary>The deep spiral's weight decay: keeps its layers unsaturated at the same accuracy.</summary>
    public const double WeightDecay = 1e-3;

    public static readonly ClassicScene Line = new(
        "curves-line", 1, "1. Simple data: a straight line", new DatasetSpec("curves", 400, 0, 0.5, 1), [], 0.03, 300, 0, 0,
        "a linear model stays below 90 % on the two curves", 0, 0.9,
        "Two curves interleave. With no hidden layer the network can only draw a straight boundary, and it stays below 90 % however long it trains. Add a hidden layer of 2 units (or pick the next scene) and play again.");

    public static readonly ClassicScene TwoUnits = new(
        "curves-two-units", 1, "1. Simple data: two tanh units", new DatasetSpec("curves", 400, 0, 0.5, 1), [2], 0.1, 600, 0, CurvesMaxNorm,
        "one hidden layer of two tanh units separates the curves (≥ 99 %)", 0.99, 1,
        "Watch the hidden-layer view: the layer bends the plane until the two curves lie on either side of the dashed line, the output layer's straight boundary. In the input view that line comes back curved.");

    public static readonly ClassicScene SpiralTooSimple = new(
        "spiral-too-simple", 2, "2. Spiral, too simple", new DatasetSpec("spiral", 2000, 0.1, 0.5, 1), [2], 0.03, 300, 0, SpiralMaxNorm,
        "one hidden layer of two units cannot untangle the spiral (below 80 %)", 0, 0.8,
        "However the two units fold the plane, the arms stay wound around each other in the hidden-layer view: no straight line separates them, and the accuracy stalls.");

    public static readonly ClassicScene SpiralDeepEnough = new(
        "spiral-deep", 3, "3. Spiral, deep enough", new DatasetSpec("spiral", 2000, 0.1, 0.5, 1), [16, 16, 2], 0.01, 400, WeightDecay, 0,
        "two layers of 16 units and a last layer of 2 separate the arms (≥ 99 %)", 0.99, 1,
        "Layer by layer the network pulls the arms apart: in the last hidden layer a straight dashed line separates them. Try the Layer menu and the morph slider to see each step.");

    public static readonly ClassicScene CirclesShallow = new(
        "circles-shallow", 4, "4. Circles, shallow", new DatasetSpec("rings", 600, 0, 0.5, 1), [2], 0.03, 400, 0, RingsMaxNorm,
        "a layer of two units cannot pull the disk out of the ring (below 90 %)", 0, 0.9,
        "A tanh layer as wide as its input deforms the plane without tearing it, so in the hidden-layer view the ring always still surrounds the disk, and no line cuts one from the other.");

    public static readonly ClassicScene CirclesLifted = new(
        "circles-lifted", 5, "5. Circles, one more dimension", new DatasetSpec("rings", 600, 0, 0.5, 1), [3], 0.03, 400, 0, 0,
        "a third unit lifts the disk out of the plane, and a plane separates it (≥ 99 %)", 0.99, 1,
        "The hidden-layer view is 3-D (drag it to turn): the third unit lifts the disk like a tent, and the output layer's plane passes between the disk and the ring.");

    public static readonly ClassicScene EasyWayOut = new(
        "easy-way-out", 6, "6. The easy way out", new DatasetSpec("rings", 600, 0, 0.5, 1), [2, 2, 2, 2], 0.03, 800, 0, 0,
        "deep 2-wide layers still cannot separate disk from ring, but can cheat on a sample", 0, 1,
        "Four layers of 2 units: watch the input view for a thin channel the boundary threads between points. It scores well on these points, but a fresh sample falls into the channel.");

    public static IReadOnlyList<ClassicScene> All { get; } = [Line, TwoUnits, SpiralTooSimple, SpiralDeepEnough, CirclesShallow, CirclesLifted, EasyWayOut];

    public static bool TryGet(string id, out ClassicScene scene)
    {
        scene = All.FirstOrDefault(s => s.Id == id)!;
        return scene is not null;
    }
}
