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
    }

    /// <summary>A training session's network as it stands, on its own data.</summary>
    public static ModelView Of(TrainingSession session) => new(session.Network, session.Dataset.ClassNames, session.Dataset);

    public Network Network { get; }
    public IReadOnlyList<string> ClassNames { get; }
    public Dataset? Data { get; }
    public PlaneRect Domain { get; }

    /// <summary>The same data and window with another network of the same shape (a snapshot of its training, say).</summary>
    public ModelView With(Network network) => new(network, ClassNames, Data, Domain);

    /// <summary>The input plane: the decision field, its boundary, the data and the regular grid.</summary>
    public Scene Input(ViewOptions? options = null) => SceneFactory.Input(Network, ClassNames, Data, Domain, (options ?? new ViewOptions()) with { Layer = 0 });

    /// <summary>Hidden layer k (1-based): the data, the warped grid and the carried field where the layers put them.</summary>
    public Scene Layer(int layer, ViewOptions? options = null) =>
        SceneFactory.Hidden(Network, ClassNames, Data, Domain, (options ?? new ViewOptions()) with { Layer = layer });

    /// <summary>The view the options ask for: the input plane for layer 0, else that hidden layer.</summary>
    public Scene View(ViewOptions options) => SceneFactory.Build(Network, ClassNames, Data, Domain, options);

    /// <summary>The staged morph from the input plane to the options' layer (its last frame is that layer's view).</summary>
    public MorphSequence Morph(ViewOptions options) => new(Network, ClassNames, Data, Domain, options);

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

    /// <summary>The accuracy on the view's training points (NaN without data).</summary>
    public double TrainAccuracy() => Data is { Train.Count: > 0 } data ? new ForwardPass(Network).Evaluate(data.Train).Accuracy : double.NaN;
}
