using System.Buffers;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;
using Warpscope.Core.Sessions;
using Warpscope.Core.Training;

namespace Warpscope.Web;

/// <summary>
/// Builds a session's live frame: the input view and the chosen layer's view (or the staged morph)
/// as scenes from the same factory the command line draws with, then encoded by <see cref="FrameWriter"/>.
/// Keeps the morph between frames while neither the network nor the view changes.
/// </summary>
public sealed class LiveFrameBuilder(WebLimits limits)
{
    private (IMorph Sequence, string Key)? _morph;
    private readonly ArrayBufferWriter<byte> _buffer = new(128 * 1024);

    /// <summary>The frame's bytes, in a buffer of this builder's that the next call overwrites: send them before building again.</summary>
    public ReadOnlyMemory<byte> Build(TrainingSession session, PlaygroundState state, uint sequence, FrameFlags flags, int? scrub, double? morphT)
    {
        var network = session.NetworkAt(scrub);
        var dataset = session.Dataset;
        var view = new ModelView(network, dataset.ClassNames, dataset);
        var views = new List<FrameView>
        {
            new(FrameViewKind.Input, 0, view.Input(state.InputView(limits.FieldResolution))),
        };
        if (state.Layer > 0)
        {
            var options = state.LayerView(limits.FieldResolution, limits.CarriedCells, limits.Grid);
            views.Add(morphT is { } t
                ? new FrameView(FrameViewKind.Morph, state.Layer, Morph(session, scrub, view, options).At(t))
                : new FrameView(FrameViewKind.Layer, state.Layer, view.View(options)));
        }

        var (train, test) = scrub is null ? (session.TrainFigures, session.TestFigures) : Figures(network, dataset);
        var snapshots = session.Timeline.Snapshots;
        // A regression has no accuracy: its frames carry R² in those places (and say so by their flag).
        var regression = network.Spec.IsRegression;
        var header = new FrameHeader(sequence, session.Epoch, regression ? flags | FrameFlags.Regression : flags, (float)train.Loss, (float)test.Loss,
            (float)(regression ? train.RSquared : train.Accuracy), (float)(regression ? test.RSquared : test.Accuracy),
            snapshots.Count, scrub ?? -1, session.EpochAt(scrub));
        using var lease = ForwardPass.Rent(network);
        var diagram = new FrameDiagram(UnitMaps.Build(network, dataset.Domain, limits.DiagramSide, limits.DiagramUnits, lease.Pass), network);
        _buffer.ResetWrittenCount();
        FrameWriter.Write(_buffer, header, views, diagram);
        return _buffer.WrittenMemory;
    }

    private IMorph Morph(TrainingSession session, int? scrub, ModelView view, ViewOptions options)
    {
        var key = $"{session.Version}/{scrub}/{options}";
        if (_morph is { } cached && cached.Key == key) return cached.Sequence;
        var sequence = view.Morph(options);
        _morph = (sequence, key);
        return sequence;
    }

    private static (Evaluation Train, Evaluation Test) Figures(Network network, Dataset dataset)
    {
        using var lease = ForwardPass.Rent(network);
        return (dataset.Train.Count > 0 ? lease.Pass.Evaluate(dataset.Train) : Evaluation.Empty,
                dataset.Test.Count > 0 ? lease.Pass.Evaluate(dataset.Test) : Evaluation.Empty);
    }
}
