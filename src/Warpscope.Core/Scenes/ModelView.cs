using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Training;

namespace Warpscope.Core.Scenes;

/// <summary>
/// A network and the data it is seen with: the one door to its scenes. <see cref="Input"/> is the input
/// plane, <see cref="Layer"/> a hidden layer, <see cref="Morph"/> the continuous passage from the
/// input to a layer, and <see cref="Replay"/> the network as it was at a moment of its training. The
/// command line, the web app's exports and the tour all draw through it; a renderer turns the scenes
/// into pixels (for example <c>SceneRenderer.Png([view.Input(), view.Layer(2)], 1024, 512)</c>).
/// </summary>
public sealed class ModelView
{
    /// <summary>
    /// The view of <paramref name="network"/> with its class names; <paramref name="data"/> (may be null:
    /// drawn without points) and the input rectangle shown, by default the data's domain, or the
    /// [−6, 6]² square without data.
    /// </summary>
    public ModelView(Network network, IReadOnlyList<string> classNames, Dataset? data = null, PlaneRect? domain = null)
    {
        Network = network;
        ClassNames = classNames;
        Data = data;
        Domain = domain ?? data?.Domain ?? new PlaneRect(-6, 6, -6, 6);
        if (network.Spec.IsRegression)
        {
            Values = ScaleFor(network, data, Domain);
            _drawn = Values.ColourNetwork(network);
            _drawnNames = [$"{classNames[0]} high", $"{classNames[0]} low"];
        }
        else
        {
            _drawn = network;
            _drawnNames = classNames;
        }
    }

    // A regression network is drawn as its colour network (ValueScale.ColourNetwork), then dressed as a regression view.
    private readonly Network _drawn;
    private readonly IReadOnlyList<string> _drawnNames;

    /// <summary>A training session's network as it stands, on its own data.</summary>
    public static ModelView Of(TrainingSession session) => new(session.Network, session.Dataset.ClassNames, session.Dataset);

    public Network Network { get; }
    public IReadOnlyList<string> ClassNames { get; }
    public Dataset? Data { get; }
    public PlaneRect Domain { get; }

    /// <summary>A regression network's colour scale, around its data's targets (null for a classifier).</summary>
    public ValueScale? Values { get; }

    /// <summary>The same data and window with another network of the same shape (a snapshot of its training, say).</summary>
    public ModelView With(Network network) => new(network, ClassNames, Data, Domain);

    /// <summary>The input plane: the decision field, its boundary, the data and the regular grid.</summary>
    public Scene Input(ViewOptions? options = null) => View((options ?? new ViewOptions()) with { Layer = 0 });

    /// <summary>Hidden layer k (1-based): the data, the warped grid and the carried field where the layers put them.</summary>
    public Scene Layer(int layer, ViewOptions? options = null) => View((options ?? new ViewOptions()) with { Layer = layer });

    /// <summary>The view the options ask for: the input plane for layer 0, else that hidden layer.</summary>
    public Scene View(ViewOptions options)
    {
        if (Network.Spec.InputDimensions == 3 && Values is not null)
            throw new UserInputException("a regression network of 3-D inputs cannot be drawn yet (3-D views colour classes only)");
        if (options.Layer == 0 && Values is null)
            return Network.Spec.InputDimensions == 3 ? InputVolume.Build(Network, ClassNames, Data, options) : SceneFactory.Input(Network, ClassNames, Data, Domain, options);
        if (Values is null) return SceneFactory.Hidden(Network, ClassNames, Data, Domain, options);
        return AsRegression(SceneFactory.Build(_drawn, _drawnNames, Data, Domain, options), options, Values);
    }

    /// <summary>
    /// A scene of the colour network as the regression view it stands for: the points carry their
    /// targets, the lines where the colour network's two classes meet (its boundary, separator and
    /// traces: the value's midpoint, not a decision) and its class regions are left out, and the
    /// subtitle names the regression network.
    /// </summary>
    private Scene AsRegression(Scene scene, ViewOptions options, ValueScale values)
    {
        var shown = new List<float>();
        if (Data is { } data)
        {
            if (options.ShowTrain && data.Train.Targets is { } train) shown.AddRange(train);
            if (options.ShowTest && data.Test.Targets is { } test) shown.AddRange(test);
        }
        return scene with
        {
            Values = values,
            ValueName = ClassNames[0],
            Regions = [],
            Lines = [.. scene.Lines.Where(l => l.Kind is not (LineKind.Boundary or LineKind.Separator or LineKind.Trace))],
            Labels = [.. scene.Labels.Where(l => l.Text != SceneFactory.TraceLabel)],
            Points = [.. scene.Points.Select(p => p with { Value = p.Index >= 0 && p.Index < shown.Count ? shown[p.Index] : float.NaN })],
            Subtitle = scene.Subtitle?.Replace(_drawn.Spec.ToString(), Network.Spec.ToString(), StringComparison.Ordinal),
        };
    }

    /// <summary>The scale around the data's targets; without data, around the network's own values over the domain (a 64² lattice).</summary>
    private static ValueScale ScaleFor(Network network, Dataset? data, PlaneRect domain)
    {
        if (data is { Train.Targets: { } train })
            return ValueScale.Around(data.Test.Targets is { } test ? train.Concat(test) : train);
        var lattice = Representations.Lattice.Square(domain, 64);
        var (x, y) = lattice.Points();
        var values = new float[lattice.Count];
        new ForwardPass(network).Predict(x, y, values);
        return ValueScale.Around(values);
    }

    /// <summary>
    /// The staged morph from the input plane (or 3-D input space: a <see cref="VolumeMorph"/>) to the last hidden
    /// layer (its last frame is that layer's view). A
    /// regression network morphs as its colour network, each frame dressed as a regression view, so the carried
    /// sheet keeps the value's colours all the way.
    /// </summary>
    public IMorph Morph(ViewOptions options)
    {
        if (Network.Spec.InputDimensions == 3)
        {
            return Values is null ? new VolumeMorph(Network, ClassNames, Data, options)
                : throw new UserInputException("a regression network of 3-D inputs cannot be drawn yet (3-D views colour classes only)");
        }
        if (Values is not { } values) return new MorphSequence(Network, ClassNames, Data, Domain, options);
        return new MorphSequence(_drawn, _drawnNames, Data, Domain, options) { Finish = scene => AsRegression(scene, options, values) };
    }

    /// <summary>
    /// Frame <paramref name="frame"/> of a replay of <paramref name="frames"/> frames of a training
    /// recorded in <paramref name="snapshots"/>: the snapshots spread evenly, first to last; the view
    /// of the network as it was then, and the snapshot it shows.
    /// </summary>
    public (ModelView View, TrainingSnapshot Snapshot) Replay(IReadOnlyList<TrainingSnapshot> snapshots, int frame, int frames)
    {
        if (snapshots.Count == 0) throw new ArgumentException("a replay needs at least one snapshot", nameof(snapshots));
        var snapshot = snapshots[TrainingTimeline.FrameIndex(snapshots.Count, frame, frames)];
        return (With(new Network(Network.Spec, (float[])snapshot.Parameters.Clone())), snapshot);
    }

    /// <summary>How the network does on the view's training points: loss and accuracy, or for regression the MSE and R² (<see cref="Evaluation.Empty"/> without data).</summary>
    public Evaluation TrainEvaluation() => Data is { Train.Count: > 0 } data ? new ForwardPass(Network).Evaluate(data.Train) : Evaluation.Empty;
}
