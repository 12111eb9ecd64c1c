using Microsoft.Extensions.Logging;
using Warpscope.Core;
using Warpscope.Core.Datasets;
using Warpscope.Core.Diagnostics;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;
using Warpscope.Core.Sessions;
using Warpscope.Core.Training;
using Warpscope.Onnx;

namespace Warpscope.Web;

/// <summary>
/// One page's session without its socket: it takes the page's messages (<see cref="HandleAsync"/>) and
/// the moments a frame is due (<see cref="FrameAsync"/>), owns the <see cref="TrainingSession"/>, the
/// play/scrub/morph state, the points, uploads and opened models, and answers with the effects to carry
/// out (<see cref="SessionEffect"/>), in order. It paces the frames: at most <see cref="MaxInFlight"/>
/// unacknowledged, at most 60 a second, no faster than the page turns them round. Its CPU work (training
/// slices, frames, new setups) runs on the server's <see cref="WorkScheduler"/>, one job at a time, so a
/// session uses at most one core. One caller at a time (the pump's loop); the clock is
/// <paramref name="time"/>'s, so a test can hold it.
/// </summary>
public sealed class SessionMachine(string id, WebLimits limits, WorkScheduler workers, ILogger log, TimeProvider? time = null)
{
    public const int MaxInFlight = 2;

    /// <summary>Frames are paced to at most 60 per second while playing.</summary>
    private static readonly TimeSpan FastestInterval = TimeSpan.FromSeconds(1.0 / 60);

    /// <summary>Training time per frame, at most, while the cores are not all busy; less when they are (<see cref="WorkScheduler.SliceBudget"/>).</summary>
    private static readonly TimeSpan TrainingBudget = TimeSpan.FromMilliseconds(40);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly LiveFrameBuilder _frames = new(limits);
    private readonly WorkScheduler.Account _account = new();
    private readonly List<SessionEffect> _effects = [];
    private (Dataset Data, double Accuracy)? _linear; // the straight line's accuracy, once per dataset
    private string _adviceIds = "";
    private long _adviceCheckedAt;

    private TrainingSession? _session;
    private PlaygroundState _state = new();
    private bool _dirty;
    private int? _scrub;
    private double? _morph;
    private uint _sent;
    private uint _acked;
    private readonly long[] _sentAt = new long[8];
    private double _roundTrip;
    private long _nextFrame;

    public string Id { get; } = id;

    /// <summary>Training continuously: frames keep coming, each after a slice of training.</summary>
    public bool Playing { get; private set; }

    /// <summary>Frames sent and not yet acknowledged.</summary>
    public int InFlight => (int)(_sent - _acked);

    /// <summary>A frame should go out once <see cref="UntilNextFrame"/> is over: the session has started, plays or has a change to show, and the page has room.</summary>
    public bool WantsFrame => _session is not null && (Playing || _dirty) && _sent - _acked < MaxInFlight;

    /// <summary>While playing, frames keep to the interval; a change the page asked for goes out at once.</summary>
    public TimeSpan UntilNextFrame => _dirty ? TimeSpan.Zero : _time.GetElapsedTime(_time.GetTimestamp(), _nextFrame);

    /// <summary>
    /// Seconds between frames while playing: never faster than 60 per second, nor faster than the page
    /// turns frames round (send to ack, smoothed) with <see cref="MaxInFlight"/> of them on the way, so a
    /// busy page is not sent frames it can only skip. A page's round trip is mostly waiting (for its next
    /// animation frame, on the network), not work: with one interval per round trip the default page got
    /// 27 frames a second while drawing one took it 8 ms (issue 14); two in flight keep it fed.
    /// </summary>
    public double FrameInterval => Math.Clamp(_roundTrip / MaxInFlight, FastestInterval.TotalSeconds, 0.25);

    /// <summary>
    /// Applies one message from the page; what to send in answer comes back in order. A message that fails
    /// answers with an error and the session goes on; what was to be sent before the failure still is.
    /// </summary>
    public async Task<IReadOnlyList<SessionEffect>> HandleAsync(ClientMessage message, CancellationToken cancel)
    {
        _effects.Clear();
        try
        {
            await ApplyMessageAsync(message, cancel);
        }
        catch (UserInputException e)
        {
            Error(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The details go to the log, not to the page: a reference ties the two together.
            var reference = Guid.NewGuid().ToString("N")[..8];
            log.LogError(e, "session {Id}: a message failed (ref {Reference})", Id, reference);
            Error($"internal error (ref {reference}); the session goes on");
        }
        return [.. _effects];
    }

    /// <summary>
    /// The next frame, due now (<see cref="WantsFrame"/>, <see cref="UntilNextFrame"/>): while playing, one
    /// slice of training first, in the same job as the frame that shows it (one wait for a worker per frame).
    /// A frame that cannot be built answers with an error instead; the session goes on.
    /// </summary>
    public async Task<IReadOnlyList<SessionEffect>> FrameAsync(CancellationToken cancel)
    {
        _effects.Clear();
        _nextFrame = _time.GetTimestamp() + (long)(FrameInterval * _time.TimestampFrequency);
        _dirty = false;
        var train = Playing;
        ReadOnlyMemory<byte> frame;
        var stopped = false;
        try
        {
            var sequence = ++_sent;
            var speed = _state.Speed;
            var budget = workers.SliceBudget(TrainingBudget);
            IReadOnlyList<Advice>? advice;
            (stopped, frame, advice) = await Cpu(() => (train && !TrainSlice(speed, budget), BuildFrame(sequence), train ? CheckAdvice() : null), cancel);
            if (advice is not null && string.Join(',', advice.Select(a => a.Id)) is var ids && ids != _adviceIds)
            {
                _adviceIds = ids;
                Reply(new ServerReply.Advice([.. advice.Select(a => new ServerReply.AdviceItem(a.Id, a.Message))]));
            }
        }
        catch (UserInputException e)
        {
            _acked = _sent; // no frame went out
            _morph = null;
            Error(e.Message);
            return [.. _effects];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A frame that can't be built must not end the session: pause, say why, keep the socket.
            var reference = Guid.NewGuid().ToString("N")[..8];
            log.LogError(e, "session {Id}: a frame failed (ref {Reference})", Id, reference);
            _acked = _sent;
            _morph = null;
            Playing = false;
            Error($"internal error while drawing (ref {reference}); paused, the session goes on");
            return [.. _effects];
        }
        if (stopped) Stopped();
        _sentAt[_sent % _sentAt.Length] = _time.GetTimestamp();
        _effects.Add(new SessionEffect.Frame(_sent, frame));
        return [.. _effects];
    }

    /// <summary>The session as the page sees it now, for an export; taken between two steps of the pump's loop.</summary>
    public SessionSnapshot Snapshot()
    {
        var session = _session ?? throw new UserInputException("the session has not started");
        return new SessionSnapshot(_state, session.NetworkAt(_scrub).Clone(), session.Dataset, [.. session.Timeline.Snapshots], _morph);
    }

    private async Task ApplyMessageAsync(ClientMessage message, CancellationToken cancel)
    {
        switch (message)
        {
            case ClientMessage.Ack ack:
                if (ack.Sequence > _acked && ack.Sequence <= _sent)
                {
                    _acked = ack.Sequence;
                    NoteRoundTrip(ack.Sequence);
                }
                return;
            case ClientMessage.Invalid invalid:
                Error(invalid.Message);
                return;
            case ClientMessage.Hello hello:
                await ConfigureAsync(hello.State, cancel, fromLink: true);
                return;
            case ClientMessage.Config config:
                await ConfigureAsync(config.State, cancel);
                return;
        }
        if (_session is null)
        {
            Error("send hello first");
            return;
        }
        await ApplySessionMessageAsync(message, _session, cancel);
    }

    private async Task ApplySessionMessageAsync(ClientMessage message, TrainingSession session, CancellationToken cancel)
    {
        switch (message)
        {
            case ClientMessage.Play:
                Playing = session.Divergence is null;
                _scrub = null;
                if (session.Divergence is { } why) Reply(new ServerReply.Diverged(why));
                break;
            case ClientMessage.Pause:
                Playing = false;
                break;
            case ClientMessage.Step:
                Playing = false;
                _scrub = null;
                if (!await Cpu(() => session.TrainEpochs(1), cancel) && session.Divergence is { } reason) Reply(new ServerReply.Diverged(reason));
                break;
            case ClientMessage.Reset:
                Playing = false;
                _scrub = null;
                session.Reset();
                ClearAdvice();
                break;
            case ClientMessage.AddPoints add:
                if (_state.ThreeD)
                    throw new UserInputException("points: the input view is 3-D (x, y, z), and a click on it has no depth to place a point at; drag it to turn it, or choose data of the plane to draw points");
                if (session.Dataset.Task == LearningTask.Regression)
                    throw new UserInputException("points: a click adds a point of a class, and these points carry values; upload a CSV of x, y and value to change them, or choose a classification dataset");
                await EditAsync(AddedPoints(_state.Setup.Points(session.Dataset), add.Points), cancel);
                break;
            case ClientMessage.Clear:
                if (_state.ThreeD)
                    throw new UserInputException("clear: the points are 3-D (x, y, z), and the points drawn by hand that would follow are of the plane; choose data of the plane to draw your own");
                var all = _state.Setup.Points(session.Dataset);
                var none = all.IsRegression ? LabeledPoints.WithTargets([], [], []) : LabeledPoints.Empty;
                await EditAsync(all with { Train = none, Test = none }, cancel);
                break;
            case ClientMessage.Csv csv:
                await EditAsync(Uploaded(csv.Text), cancel);
                break;
            case ClientMessage.Scrub scrub:
                Playing = false;
                _scrub = scrub.Index < 0 ? null : Math.Min(scrub.Index, session.Timeline.Snapshots.Count - 1);
                break;
            case ClientMessage.Morph morph:
                _morph = morph.T is { } t ? Math.Min(t, _state.Setup.Hidden.Count) : null;
                break;
            case ClientMessage.OpenModel open:
                await OpenModelAsync(open, cancel);
                break;
            case ClientMessage.Probes:
                await ProbesAsync(session, cancel);
                return; // nothing drawn changes
        }
        _dirty = true;
    }

    /// <summary>Runs CPU work of this session on the scheduler's workers.</summary>
    private Task<T> Cpu<T>(Func<T> work, CancellationToken cancel) => workers.RunAsync(_account, work, cancel);

    private void Reply(ServerReply reply) => _effects.Add(new SessionEffect.Reply(reply));

    private void Error(string message) => Reply(new ServerReply.Error(message));

    private void NoteRoundTrip(uint sequence)
    {
        var seconds = _time.GetElapsedTime(_sentAt[sequence % _sentAt.Length]).TotalSeconds;
        _roundTrip = _roundTrip == 0 ? seconds : 0.8 * _roundTrip + 0.2 * Math.Min(seconds, 1);
    }

    /// <summary>
    /// One slice of training: up to `speed` epochs, but it stops after its time budget, in steps, not whole
    /// epochs: a large network on many points answers a pause or a change promptly, and leaves the cores to
    /// the other pages between its slices (issue 13: one epoch took 1.5 s). False when training stopped.
    /// </summary>
    private bool TrainSlice(int speed, TimeSpan budget)
    {
        if (_session!.TrainFor(speed, budget)) return true;
        Playing = false;
        return false;
    }

    /// <summary>
    /// What to tell the learner about training (issue 14), looked at most every 300 ms while playing:
    /// null when not looked at this time.
    /// </summary>
    private IReadOnlyList<Advice>? CheckAdvice()
    {
        if (_time.GetElapsedTime(_adviceCheckedAt) < TimeSpan.FromMilliseconds(300)) return null;
        _adviceCheckedAt = _time.GetTimestamp();
        var session = _session!;
        return TrainingAdvice.For(session.Network, session.Dataset, _state.Setup, session.Epoch, session.RecentLosses, LinearAccuracy());
    }

    /// <summary>The best a straight line does on the session's training points (kept per dataset).</summary>
    private double LinearAccuracy()
    {
        var data = _session!.Dataset;
        if (_linear is { } known && ReferenceEquals(known.Data, data)) return known.Accuracy;
        // A regression's points have no classes for a line to separate.
        var accuracy = data.Task == LearningTask.Regression ? double.NaN : TrainingAdvice.LinearAccuracy(data);
        _linear = (data, accuracy);
        return accuracy;
    }

    /// <summary>
    /// How linearly separable the classes are at each layer of the network shown (a probe fitted on points
    /// it never trained on) and, where topology forbids success, why (issue 17): the page's probe chart.
    /// </summary>
    private async Task ProbesAsync(TrainingSession session, CancellationToken cancel)
    {
        if (session.Network.Spec.IsRegression)
            throw new UserInputException("probes: they measure how well a straight line separates the classes at each layer, and a regression's points have no classes");
        var network = session.NetworkAt(_scrub);
        var (probes, warning) = await Cpu(() => (LayerProbes.Measure(network, session.Dataset), Topology.Warning(network.Spec, session.Dataset)), cancel);
        Reply(new ServerReply.Probes(session.EpochAt(_scrub), [.. probes.Select(p => new ServerReply.ProbeLayer(p.Layer, p.Units, Finite(p.Accuracy), Finite(p.Margin)))], warning));

        static double? Finite(double v) => double.IsFinite(v) ? v : null;
    }

    private void Stopped()
    {
        var session = _session!;
        if (session.Divergence is { } why) Reply(new ServerReply.Diverged(why));
        else if (session.Dataset.Train.Count == 0) Error("there are no training points: add some, or choose a dataset");
    }

    /// <summary>
    /// Applies a state. The page's first (its URL: a share link, perhaps edited by hand) never fails:
    /// keys that do not parse take their defaults, and the state message says which (issue 14).
    /// </summary>
    private async Task ConfigureAsync(string query, CancellationToken cancel, bool fromLink = false)
    {
        IReadOnlyList<string> problems = [];
        var state = fromLink ? PlaygroundState.ParseLenient(query, limits, out problems) : PlaygroundState.Parse(query, limits);
        if (_session is not null)
        {
            await ApplyAsync(state, cancel, problems);
            return;
        }
        try
        {
            _session = await Cpu(state.Setup.Start, cancel);
        }
        catch (UserInputException e) when (fromLink)
        {
            problems = [.. problems, $"{e.Message} (the link was ignored: everything has its default)"];
            state = PlaygroundState.Parse("", limits);
            _session = await Cpu(state.Setup.Start, cancel);
        }
        _state = state;
        await Cpu(LinearAccuracy, cancel);
        ReplyState(problems);
        _dirty = true;
    }

    /// <summary>
    /// Moves the running session to a state (a control change, edited points, an opened model), then does
    /// <paramref name="then"/> to it, in one job; where the weights restarted (or <paramref name="then"/> set
    /// them) the timeline position and what was said about training go. Then the page hears the state.
    /// </summary>
    private async Task ApplyAsync(PlaygroundState state, CancellationToken cancel, IReadOnlyList<string>? warnings = null, Action<TrainingSession>? then = null)
    {
        var session = _session!;
        var restarted = await Cpu(() =>
        {
            var reset = _state.Setup.MoveTo(state.Setup, session);
            then?.Invoke(session);
            LinearAccuracy();
            return reset || then is not null;
        }, cancel);
        if (restarted)
        {
            _scrub = null;
            ClearAdvice();
        }
        _state = state;
        if (_morph is { } t) _morph = state.Setup.Hidden.Count == 0 ? null : Math.Min(t, state.Setup.Hidden.Count);
        ReplyState(warnings);
        _dirty = true;
    }

    /// <summary>
    /// Opens a model the user gave (issue 16): its shape, training settings and data (a built-in dataset, or
    /// the points a model file carries; none for an ONNX file) become the session's state, then its weights
    /// the network's, paused at epoch 0. The link then holds the setup, not the weights.
    /// </summary>
    private async Task OpenModelAsync(ClientMessage.OpenModel open, CancellationToken cancel)
    {
        var (model, state) = await Cpu(() => ModelState(open), cancel);
        Playing = false;
        _morph = null;
        await ApplyAsync(state, cancel, then: session => session.Adopt(model.Network.Parameters));
        Reply(new ServerReply.Opened(open.Name, $"Opened {open.Name}: the views show its weights; Play trains on from them. A link holds its setup, not its weights."));
    }

    /// <summary>
    /// The state a model opens as. Only what the file itself holds is used: a built-in dataset's recipe (checked
    /// against the page's bounds before any point is made) or the points it carries; a model trained on a file
    /// it does not carry opens without points. Nothing on this machine is read on a model's say-so.
    /// </summary>
    private (TrainedModel Model, PlaygroundState State) ModelState(ClientMessage.OpenModel open)
    {
        var model = open.Name.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)
            ? OnnxImport.Parse(open.Bytes, open.Name)
            : ModelFile.Parse(open.Bytes, open.Name);
        var spec = model.Network.Spec;
        if (!spec.Scaling.IsIdentity)
            throw new UserInputException($"{open.Name}: the model standardises its inputs, which the playground does not show yet; draw it with warpscope render");
        var builtIn3D = model.Dataset is { } named && model.Data is null && DatasetRegistry.TryGet(named.Name, out var generator) && generator.Dimensions == 3;
        if (spec.InputDimensions == 3 && !builtIn3D)
            throw new UserInputException($"{open.Name}: a model of 3-D inputs (x, y, z) opens with the built-in 3-D data it was trained on (tori) only; the playground's own points are of the plane; draw it with warpscope render");
        var setup = _state.Setup with
        {
            Hidden = spec.Hidden,
            Activations = spec.Activations,
            Features = spec.Features,
            Training = model.Training ?? _state.Setup.Training,
        };
        var view = _state with { Projection = "auto" };
        PlaygroundState state;
        if (model.Dataset is { } recipe && model.Data is null && DatasetRegistry.TryGet(recipe.Name, out _))
        {
            state = view with { Setup = setup with { Data = recipe, Custom = null } };
        }
        else
        {
            var none = spec.IsRegression ? LabeledPoints.WithTargets([], [], []) : LabeledPoints.Empty;
            var (train, test, domain) = model.Data is { Train: { } t, Test: { } h } kept
                ? (t, h, kept.Domain)
                : (none, none, model.InputDomain(null));
            if (train.Count + test.Count > limits.MaxPoints)
                throw new UserInputException($"{open.Name}: its data has {train.Count + test.Count} points; the playground takes at most {limits.MaxPoints}");
            state = (view with { Setup = setup }).WithCustom(new CustomData(train, test, model.ClassNames, domain));
        }
        // Within the page's bounds (points, layers, units, classes): the canonical state parses back, or says why not.
        var checkedState = PlaygroundState.Parse(state.ToQuery(), limits);
        if (checkedState.Setup.Custom is null && DatasetFactory.Create(checkedState.Setup.Data).ClassCount != spec.Classes)
            throw new UserInputException($"{open.Name}: its dataset has another number of classes than its network's {spec.Classes}");
        if (spec.IsRegression)
        {
            // The weights mean what they meant only under the same target scaling as the playground gives these points.
            var data = checkedState.Setup.MakeDataset();
            if (data.Task != LearningTask.Regression)
                throw new UserInputException($"{open.Name}: a regression model, but its data has classes");
            if (checkedState.Setup.NetworkFor(data).Target != spec.Target)
                throw new UserInputException($"{open.Name}: the model scales its target (ŷ = {spec.Target.Offset:G4} + {spec.Target.Scale:G4}·z) other than the playground does for its points, which it does not show yet; draw it with warpscope render");
        }
        return (model, checkedState);
    }

    private async Task EditAsync(CustomData edited, CancellationToken cancel)
    {
        if (edited.Count > limits.MaxPoints) throw new UserInputException($"at most {limits.MaxPoints} points");
        await ApplyAsync(_state.WithCustom(edited), cancel);
    }

    /// <summary>Takes back what was said about training (new weights or setup): it no longer applies.</summary>
    private void ClearAdvice()
    {
        if (_adviceIds.Length == 0) return;
        _adviceIds = "";
        Reply(new ServerReply.Advice([]));
    }

    private static CustomData AddedPoints(CustomData current, IReadOnlyList<(float X, float Y, int Class)> added)
    {
        var classes = Math.Max(current.ClassNames.Count, added.Count == 0 ? 0 : added.Max(p => p.Class) + 1);
        var names = current.ClassNames.Concat(Enumerable.Range(current.ClassNames.Count, Math.Max(0, classes - current.ClassNames.Count)).Select(c => $"class {c}")).ToList();
        var train = Enumerable.Range(0, current.Train.Count).Select(i => (current.Train.X[i], current.Train.Y[i], current.Train.Labels[i]))
            .Concat(added.Select(p => (p.X, p.Y, p.Class))).ToList();
        return current with { Train = PointCodec.ToPoints(train), ClassNames = names };
    }

    private CustomData Uploaded(string text)
    {
        // The page's own points are of the plane (a link holds x, y and a class): a third coordinate is not dropped silently.
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        var header = end < 0 ? text : text[..end];
        if (header.Split(',').Any(f => f.Trim().Trim('"').Equals("z", StringComparison.OrdinalIgnoreCase)))
            throw new UserInputException("uploaded CSV: it has a column z, and points uploaded here are of the plane (x, y); choose data=tori for 3-D data in the playground, or train your 3-D CSV with warpscope train --data FILE --z z");
        var csv = CsvDataset.Parse(text, "uploaded CSV");
        if (csv.Points.Count > limits.MaxPoints) throw new UserInputException($"uploaded CSV: {csv.Points.Count} rows; at most {limits.MaxPoints}");
        if (csv.ClassNames.Count > NetworkSpec.MaxClasses) throw new UserInputException($"uploaded CSV: {csv.ClassNames.Count} classes; at most {NetworkSpec.MaxClasses}");
        var names = csv.ClassNames.Select(n => n.Replace(',', ';').Trim() is { Length: > 0 } s ? s[..Math.Min(40, s.Length)] : "?").ToList();
        if (names.Count < 2 && csv.Points.Task == LearningTask.Classification) names.Add("other");
        var dataset = DatasetFactory.FromPoints(csv.Points, names, csv.Domain, _state.Setup.Data);
        return CustomData.From(dataset);
    }

    private ReadOnlyMemory<byte> BuildFrame(uint sequence)
    {
        var flags = (Playing ? FrameFlags.Playing : 0) | (_session!.Divergence is null ? 0 : FrameFlags.Diverged)
            | (_scrub is null ? 0 : FrameFlags.Scrubbing) | (_morph is null ? 0 : FrameFlags.Morph);
        return _frames.Build(_session, _state, sequence, flags, _scrub, _morph);
    }

    private void ReplyState(IReadOnlyList<string>? warnings)
    {
        var session = _session!;
        var d = session.Dataset.Domain;
        Reply(new ServerReply.State(
            Id,
            _state.ToQuery(),
            session.Dataset.ClassNames,
            session.Network.Spec.Sizes,
            session.Network.Spec.Hidden.Count,
            [d.XMin, d.XMax, d.YMin, d.YMax],
            session.Epoch,
            session.Dataset.Train.Count + session.Dataset.Test.Count,
            warnings ?? [],
            // null when not known, or when there are no training points (JSON has no NaN).
            _linear is { } linear && ReferenceEquals(linear.Data, session.Dataset) && double.IsFinite(linear.Accuracy) ? linear.Accuracy : null,
            session.Network.Spec.IsRegression));
    }
}
