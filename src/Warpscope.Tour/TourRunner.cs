using System.Globalization;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;
using Warpscope.Core.Sessions;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;
using Warpscope.Rendering;

namespace Warpscope.Tour;

/// <summary>
/// The classic scenes of how networks warp space (Olah, "Neural Networks, Manifolds, and
/// Topology"), reproduced with freshly trained networks and measured: each scene trains its
/// networks, measures its claims (accuracies, a linear probe of the last hidden layer on a fresh
/// sample), draws its pictures and animations, and words its caption from the measured numbers.
/// </summary>
public sealed class TourRunner(TourSettings settings, Action<string>? progress = null)
{
    private readonly SceneRenderer _renderer = new();
    private readonly List<TourPanel> _panels = [];
    private int Pixels => ScenePainter.PlotPixels(settings.Size, settings.Size);
    private int AnimationPixels => ScenePainter.PlotPixels(settings.AnimationSize, settings.AnimationSize);

    public IReadOnlyList<TourSceneResult> Run()
    {
        Directory.CreateDirectory(settings.Folder);
        try
        {
            return [SimpleData(), SpiralTooSimple(), SpiralDeepEnough(), CirclesShallow(), CirclesLifted(), EasyWayOut()];
        }
        finally
        {
            _renderer.Dispose();
        }
    }

    private const double CurvesMaxNorm = ClassicScenes.CurvesMaxNorm, SpiralMaxNorm = ClassicScenes.SpiralMaxNorm, RingsMaxNorm = ClassicScenes.RingsMaxNorm;
    private const double WeightDecay = ClassicScenes.WeightDecay;

    /// <summary>Trains one of the classic scenes (the playground's Scenes menu loads the same ones) with the tour's seed.</summary>
    private TrainingSession Train(ClassicScene scene)
    {
        var session = Start(scene);
        session.Run();
        return session;
    }

    /// <summary>Trains one scene keeping the snapshots its training animation shows: no second training.</summary>
    private (TrainingSession Session, TrainingTimeline Timeline) TrainRecorded(ClassicScene scene)
    {
        var session = Start(scene);
        return (session, TrainingTimeline.RecordForFrames(session, settings.Frames));
    }

    private TrainingSession Start(ClassicScene scene)
    {
        var job = scene.WithSeed(settings.Seed).Job;
        progress?.Invoke($"training {job.Network} on {job.Dataset.Name}");
        return new TrainingSession(job);
    }

    private TourSceneResult SimpleData()
    {
        var linear = Train(ClassicScenes.Line);
        var net = Train(ClassicScenes.TwoUnits);
        var files = new List<TourFile>
        {
            Picture("1-data.png", "the two curves", [Data(linear, "the data: two interleaved curves")]),
            Picture("1-linear.png", "a linear model's straight boundary", [Input(linear, "a linear model")]),
            Picture("1-two-units.png", "input space and the 2-unit hidden layer", net,
                [Input(net, "2 tanh units: input space"), Hidden(net, 1, "the hidden layer: separable by a line")]),
            Morph("1-morph.gif", "the plane morphing into the hidden layer", net),
        };
        var linearAccuracy = linear.TrainFigures.Accuracy;
        var netAccuracy = net.TrainFigures.Accuracy;
        var probe = Probe(net);
        return new TourSceneResult(1, "simple-data", "Simple data",
            F($"Two curves interleave so that no straight line separates them: the best linear model gets {linearAccuracy:P1} right. ") +
            F($"One hidden layer of just two tanh units gets {netAccuracy:P1}: the layer bends the plane until the curves are straight, ") +
            F($"and in its space the output layer's straight (dashed) line separates them; a linear probe on a fresh sample there scores {probe:P1}. ") +
            Capped(CurvesMaxNorm, "1-two-units.png"),
            [new("linearAccuracy", linearAccuracy), new("twoUnitAccuracy", netAccuracy), new("probeAccuracy", probe)],
            [Describe("linear", linear), Describe("two-units", net)], files, TakePanels());
    }

    private TourSceneResult SpiralTooSimple()
    {
        var (session, timeline) = TrainRecorded(ClassicScenes.SpiralTooSimple);
        var files = new List<TourFile> { Training("2-training.gif", "a 2-unit network failing to untangle the spiral", session, timeline, 1) };
        var accuracy = session.TrainFigures.Accuracy;
        return new TourSceneResult(2, "spiral-too-simple", "Spiral, too simple",
            F($"A network with one hidden layer of two units cannot untangle the two arms of the spiral: however it folds the plane, ") +
            F($"the arms stay wound around each other, and it gets only {accuracy:P1} of the training points right. ") + Capped(SpiralMaxNorm, "2-training.gif"),
            [new("accuracy", accuracy)], [Describe("two-units", session)], files, TakePanels());
    }

    private TourSceneResult SpiralDeepEnough()
    {
        // A small weight decay keeps the layers out of tanh's flat ends, at the same accuracy: without it 84 % of
        // the points sit on the edges of the last layer's ±1 box and the picture reads as two corners (issue 12).
        var (session, timeline) = TrainRecorded(ClassicScenes.SpiralDeepEnough);
        var last = LayerMaps.HiddenLayers(session.Network);
        var files = new List<TourFile>
        {
            Training("3-training.gif", "a deeper network learning the spiral", session, timeline, last),
            // No grid in the saturated last layer: its lines tangle there. A third panel looks inside it: z = atanh of the activations.
            Picture("3-layers.png", "input space, the last hidden layer, and its pre-activations", session,
                [Input(session, "input space"), Hidden(session, last, "last hidden layer: the arms pulled apart", o => o with { ShowGrid = false }),
                 Hidden(session, last, "inside it, before tanh: z", o => o with { ShowGrid = false, Stage = LayerStage.PreActivations })]),
            Morph("3-morph.gif", "the spiral morphing through every layer", session),
        };
        var accuracy = session.TrainFigures.Accuracy;
        var probe = Probe(session);
        var saturated = _panels.First(p => p.File == "3-layers.png").Stats.Saturation ?? 0;
        var inside = saturated > 0.3
            ? F($"The layer is saturated: {saturated:P0} of the points sit within 0.02 of the edges of tanh's ±1 box; ") +
              "the third panel shows the same points before tanh (z = atanh of the middle panel), where they spread out and the line is bent by tanh."
            : F($"Trained with a small weight decay (L2 = {WeightDecay:G2}), the layer stays out of tanh's flat ends: only {saturated:P0} of the points ") +
              "sit within 0.02 of its ±1 box, so the arms are two clean clusters; the third panel shows the same points before tanh (z).";
        return new TourSceneResult(3, "spiral-deep-enough", "Spiral, deep enough",
            F($"With two layers of 16 units and a last layer of 2, the network gets {accuracy:P1} of the training points right ") +
            F($"({session.TestFigures.Accuracy:P1} of the held-out ones). Layer by layer it pulls the arms apart; in the last hidden layer ") +
            F($"a straight line separates them, and a linear probe on a fresh sample there scores {probe:P1}. ") + inside,
            [new("accuracy", accuracy), new("testAccuracy", session.TestFigures.Accuracy), new("probeAccuracy", probe), new("saturation", saturated)],
            [Describe("deep", session)], files, TakePanels());
    }

    private TourSceneResult CirclesShallow()
    {
        var (session, timeline) = TrainRecorded(ClassicScenes.CirclesShallow);
        var files = new List<TourFile> { Training("4-training.gif", "a 2-unit network trying to pull the disk out of the ring", session, timeline, 1) };
        var accuracy = session.TrainFigures.Accuracy;
        return new TourSceneResult(4, "circles-shallow", "Circles, shallow",
            F($"A disk inside a ring, with one hidden layer of two units: it gets {accuracy:P1} right and no more. ") +
            "A tanh layer of the same width is a continuous, invertible deformation of the plane (a homeomorphism), " +
            "so the ring always still surrounds the disk and no straight line can cut one from the other. " + Capped(RingsMaxNorm, "4-training.gif"),
            [new("accuracy", accuracy)], [Describe("two-units", session)], files, TakePanels());
    }

    private TourSceneResult CirclesLifted()
    {
        var session = Train(ClassicScenes.CirclesLifted);
        var files = new List<TourFile>
        {
            Turning("5-lift.gif", "the 3-unit hidden layer turning in 3-D, the plane separating disk from ring", session),
            Morph("5-morph.gif", "the plane lifting into 3-D", session),
        };
        var accuracy = session.TrainFigures.Accuracy;
        var probe = Probe(session);
        return new TourSceneResult(5, "circles-lifted", "Circles, one more dimension",
            F($"Give the hidden layer a third unit and the network lifts the disk out of the plane, like a tent: it gets {accuracy:P1} right. ") +
            F($"In the 3-D hidden space the output layer's plane passes between the lifted disk and the ring; a linear probe on a fresh sample there scores {probe:P1}."),
            [new("accuracy", accuracy), new("probeAccuracy", probe)], [Describe("three-units", session)], files, TakePanels());
    }

    private TourSceneResult EasyWayOut()
    {
        var session = Train(ClassicScenes.EasyWayOut);
        var files = new List<TourFile> { Picture("6-channel.png", "the thin channel a deep 2-wide network squeezes through", [Input(session, "4 layers of 2 units")]) };
        var train = session.TrainFigures.Accuracy;
        var dense = DatasetFactory.Create(new DatasetSpec("rings", 20_000, 0, 0, settings.Seed + 1000));
        var fresh = new ForwardPass(session.Network).Evaluate(dense.Train).Accuracy;
        return new TourSceneResult(6, "easy-way-out", "The easy way out",
            F($"Deeper networks of 2-unit layers still cannot separate the disk from the ring, but they can cheat on a finite sample: ") +
            F($"this one gets {train:P1} of its training points right by threading a thin channel between points, ") +
            F($"and {fresh:P1} of a dense fresh sample of 20,000 points, where the channel's cost shows."),
            [new("trainAccuracy", train), new("denseAccuracy", fresh)], [Describe("deep-narrow", session)], files, TakePanels());
    }

    /// <summary>What a max-norm cap did to the layer of a scene's panel, worded from its measured saturation.</summary>
    private string Capped(double maxNorm, string file)
    {
        var saturated = _panels.First(p => p.File == file).Stats.Saturation ?? 0;
        return F($"Each hidden unit's weights are capped at length {maxNorm:G3} (max-norm), so the layer bends the plane without squeezing it ") +
               F($"into tanh's flat ends: {saturated:P0} of the points sit within 0.02 of its ±1 box.");
    }

    /// <summary>The hidden panels measured since the last scene.</summary>
    private IReadOnlyList<TourPanel> TakePanels()
    {
        var panels = _panels.ToList();
        _panels.Clear();
        return panels;
    }

    /// <summary>Records what a hidden panel of a file measures of itself.</summary>
    private void Measure(string file, Network network, Scene scene, int pixels)
    {
        if (scene.Layer > 0) _panels.Add(new TourPanel(file, scene.Title, ViewStats.Of(network, scene, pixels)));
    }

    private static TourNetworkResult Describe(string id, TrainingSession session) =>
        new(id, session.Network.Spec.ToString(), F($"{session.Job.Dataset.Name}, {session.Job.Dataset.Points} points, noise {session.Job.Dataset.Noise}"),
            session.Job.Seed, session.TrainFigures.Accuracy, session.TestFigures.Accuracy);

    /// <summary>A linear probe on the last hidden layer's values for a fresh sample of the session's dataset.</summary>
    private double Probe(TrainingSession session)
    {
        var fresh = DatasetFactory.Create(session.Job.Dataset with { Seed = session.Job.Dataset.Seed + 500, TestFraction = 0 });
        var layer = LayerMaps.HiddenLayers(session.Network);
        var values = LayerMaps.Map(new ForwardPass(session.Network), layer, fresh.Train.X, fresh.Train.Y);
        return LinearProbe.Accuracy(values, fresh.Train.Labels, fresh.ClassCount, steps: settings.Quick ? 500 : 2000);
    }

    private ViewOptions View(int layer, string? title) => new() { Layer = layer, Title = title, CarriedCells = settings.Cells, FieldResolution = ScenePainter.PlotPixels(settings.Size, settings.Size) };

    private Scene Input(TrainingSession session, string title) => ModelView.Of(session).Input(View(0, title));

    private Scene Hidden(TrainingSession session, int layer, string title, Func<ViewOptions, ViewOptions>? tweak = null) =>
        ModelView.Of(session).View((tweak ?? (o => o))(View(layer, title)));

    private TourFile Picture(string name, string alt, TrainingSession session, IReadOnlyList<Scene> panels)
    {
        foreach (var scene in panels) Measure(name, session.Network, scene, Pixels);
        return Picture(name, alt, panels);
    }

    private Scene Data(TrainingSession session, string title) => Input(session, title) with { Field = null, Subtitle = F($"{session.Job.Dataset.Name}, {session.Dataset.Train.Count + session.Dataset.Test.Count} points"), Lines = [] };

    private TourFile Picture(string name, string alt, IReadOnlyList<Scene> panels)
    {
        progress?.Invoke($"drawing {name}");
        _renderer.Save(Path.Combine(settings.Folder, name), panels, settings.Size * panels.Count, settings.Size);
        return new TourFile(name, alt);
    }

    private TourFile Morph(string name, string alt, TrainingSession session)
    {
        progress?.Invoke($"animating {name}");
        var morph = ModelView.Of(session).Morph(View(0, null));
        var n = settings.Frames;
        Measure(name, session.Network, morph.At(morph.Layers), AnimationPixels);
        AnimationExport.Write(Path.Combine(settings.Folder, name), settings.AnimationSize, settings.AnimationSize, 30, n,
            i => [morph.Frame(i, n)], holdFirst: 15, holdLast: 30);
        return new TourFile(name, alt);
    }

    /// <summary>The input space and a hidden layer of the session's network at evenly spaced moments of its training.</summary>
    private TourFile Training(string name, string alt, TrainingSession session, TrainingTimeline timeline, int layer)
    {
        progress?.Invoke($"animating {name}");
        var n = settings.Frames;
        AnimationExport.Write(Path.Combine(settings.Folder, name), 2 * settings.AnimationSize, settings.AnimationSize, 15, n, i =>
        {
            var (then, at) = ModelView.Of(session).Replay(timeline.Snapshots, i, n);
            var title = F($"epoch {at.Epoch}: {then.TrainEvaluation().Accuracy:P0}");
            // A layer wider than 2 deep in a network saturates as it trains: its grid would tangle.
            var hidden = then.View(View(layer, $"hidden layer {layer}") with { ShowGrid = layer == 1 });
            if (i == n - 1) Measure(name, then.Network, hidden, Pixels);
            return [then.Input(View(0, title)), hidden];
        }, holdFirst: 5, holdLast: 30);
        return new TourFile(name, alt);
    }

    /// <summary>The 3-unit layer turning once around its vertical axis.</summary>
    private TourFile Turning(string name, string alt, TrainingSession session)
    {
        progress?.Invoke($"animating {name}");
        var n = settings.Frames;
        Scene Frame(int i) => ModelView.Of(session).View(View(1, "hidden layer 1 (3 units)") with { Yaw = 30 + 360f * i / n, Pitch = 25 });
        Measure(name, session.Network, Frame(0), Pixels);
        AnimationExport.Write(Path.Combine(settings.Folder, name), settings.AnimationSize, settings.AnimationSize, 30, n, i => [Frame(i)]);
        return new TourFile(name, alt);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
