using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
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
/// One page's live session over its WebSocket. A receive loop only reads, validates and queues the
/// page's messages; one session loop owns the <see cref="TrainingSession"/>: it applies the messages,
/// trains while playing and sends a frame when the page has room for one (at most
/// <see cref="MaxInFlight"/> unacknowledged), so a slow page gets fewer, newer frames and nothing
/// queues. The CPU work (training slices, frames, new setups) runs on the server's
/// <see cref="WorkScheduler"/>, one job at a time per session, so a session uses at most one core and
/// the request threads stay free; the scheduler shares the cores fairly between sessions.
/// </summary>
public sealed class LiveSession
{
    public const int MaxInFlight = 2;

    /// <summary>Frames are paced to at most 60 per second while playing.</summary>
    private static readonly TimeSpan FastestInterval = TimeSpan.FromSeconds(1.0 / 60);

    /// <summary>Training time per frame, at most, while the cores are not all busy; less when they are (<see cref="WorkScheduler.SliceBudget"/>).</summary>
    private static readonly TimeSpan TrainingBudget = TimeSpan.FromMilliseconds(40);

    private readonly WebSocket _socket;
    private readonly WebLimits _limits;
    private readonly ILogger _log;
    private readonly LiveFrameBuilder _frames;
    private readonly WorkScheduler _workers;
    private readonly WorkScheduler.Account _account = new();
    private (Dataset Data, double Accuracy)? _linear; // the straight line's accuracy, once per dataset
    private string _adviceIds = "";
    private long _adviceCheckedAt;
    private readonly Channel<object> _inbox = Channel.CreateBounded<object>(new BoundedChannelOptions(256) { SingleReader = true });

    private TrainingSession? _session;
    private PlaygroundState _state = new();
    private bool _playing;
    private bool _dirty;
    private int? _scrub;
    private double? _morph;
    private uint _sent;
    private uint _acked;
    private readonly long[] _sentAt = new long[8];
    private double _roundTrip;

    public LiveSession(string id, WebSocket socket, WebLimits limits, WorkScheduler workers, ILogger log)
    {
        _workers = workers;
        Id = id;
        _socket = socket;
        _limits = limits;
        _log = log;
        _frames = new LiveFrameBuilder(limits);
    }

    public string Id { get; }

    /// <summary>Runs until the page closes the socket or <paramref name="cancel"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var receive = ReceiveAsync(stop.Token);
        try
        {
            await LoopAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
            // The page went away mid-send.
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await receive;
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
            }
        }
    }

    /// <summary>The session as the page sees it now, taken between two steps of the session loop.</summary>
    public async Task<SessionSnapshot> SnapshotAsync(CancellationToken cancel)
    {
        var request = new TaskCompletionSource<SessionSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _inbox.Writer.WriteAsync(request, cancel);
        return await request.Task.WaitAsync(TimeSpan.FromSeconds(10), cancel);
    }

    private async Task ReceiveAsync(CancellationToken cancel)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var count = 0;
                var tooBig = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length)
                    {
                        if (buffer.Length < _limits.MaxMessageBytes) Array.Resize(ref buffer, Math.Min(buffer.Length * 2, _limits.MaxMessageBytes));
                        else
                        {
                            tooBig = true; // keep reading to the end of the message, dropping it
                            count = 0;
                        }
                    }
                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), cancel);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    count += result.Count;
                } while (!result.EndOfMessage);

                object message = tooBig ? new ClientMessage.Invalid($"message too large; at most {_limits.MaxMessageBytes} bytes")
                    : result.MessageType == WebSocketMessageType.Binary ? new ClientMessage.Invalid("binary messages are not accepted; send JSON text")
                    : ClientMessage.Parse(buffer.AsSpan(0, count), _limits);
                await _inbox.Writer.WriteAsync(message, cancel);
            }
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }

    private async Task LoopAsync(CancellationToken cancel)
    {
        var nextFrame = 0L;
        while (!cancel.IsCancellationRequested)
        {
            while (_inbox.Reader.TryRead(out var message)) await HandleAsync(message, cancel);
            if (_session is not null && (_playing || _dirty) && _sent - _acked < MaxInFlight)
            {
                // While playing, frames keep to the interval; a change the page asked for goes out at once.
                var wait = _dirty ? TimeSpan.Zero : Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), nextFrame);
                if (wait > TimeSpan.Zero)
                {
                    await Task.WhenAny(_inbox.Reader.WaitToReadAsync(cancel).AsTask(), Task.Delay(wait, cancel));
                    continue;
                }
                nextFrame = Stopwatch.GetTimestamp() + (long)(FrameInterval * Stopwatch.Frequency);
                await SendFrameAsync(train: _playing, cancel);
                continue;
            }
            if (!await _inbox.Reader.WaitToReadAsync(cancel)) return;
        }
    }

    /// <summary>
    /// Seconds between frames while playing: never faster than 60 per second, nor faster than the page
    /// turns frames round (send to ack, smoothed) with <see cref="MaxInFlight"/> of them on the way, so a
    /// busy page is not sent frames it can only skip. A page's round trip is mostly waiting (for its next
    /// animation frame, on the network), not work: with one interval per round trip the default page got
    /// 27 frames a second while drawing one took it 8 ms (issue 14); two in flight keep it fed.
    /// </summary>
    private double FrameInterval => Math.Clamp(_roundTrip / MaxInFlight, FastestInterval.TotalSeconds, 0.25);

    private void NoteRoundTrip(uint sequence)
    {
        var seconds = Stopwatch.GetElapsedTime(_sentAt[sequence % _sentAt.Length]).TotalSeconds;
        _roundTrip = _roundTrip == 0 ? seconds : 0.8 * _roundTrip + 0.2 * Math.Min(seconds, 1);
    }

    /// <summary>
    /// One slice of training, in the same job as the frame that shows it (one wait for a worker per
    /// frame). Up to `speed` epochs, but it stops after its time budget, in steps, not whole epochs: a
    /// large network on many points answers a pause or a change promptly, and leaves the cores to the
    /// other pages between its slices (issue 13: one epoch took 1.5 s). False when training stopped.
    /// </summary>
    private bool TrainSlice(int speed, TimeSpan budget)
    {
        if (_session!.TrainFor(speed, budget)) return true;
        _playing = false;
        return false;
    }

    /// <summary>
    /// What to tell the learner about training (issue 14), looked at most every 300 ms while playing:
    /// null when not looked at this time.
    /// </summary>
    private IReadOnlyList<Advice>? CheckAdvice()
    {
        if (Stopwatch.GetElapsedTime(_adviceCheckedAt) < TimeSpan.FromMilliseconds(300)) return null;
        _adviceCheckedAt = Stopwatch.GetTimestamp();
        var session = _session!;
        return TrainingAdvice.For(session.Network, session.Dataset, _state.Setup, session.Epoch, session.RecentLosses, LinearAccuracy());
    }

    /// <summary>The best a straight line does on the session's training points (kept per dataset).</summary>
    private double LinearAccuracy()
    {
        var data = _session!.Dataset;
        if (_linear is { } known && ReferenceEquals(known.Data, data)) return known.Accuracy;
        var accuracy = TrainingAdvice.LinearAccuracy(data);
        _linear = (data, accuracy);
        return accuracy;
    }

    /// <summary>
    /// How linearly separable the classes are at each layer of the network shown (a probe fitted on points
    /// it never trained on) and, where topology forbids success, why (issue 17): the page's probe chart.
    /// </summary>
    private async Task SendProbesAsync(TrainingSession session, CancellationToken cancel)
    {
        var network = session.NetworkAt(_scrub);
        var (probes, warning) = await Cpu(() => (LayerProbes.Measure(network, session.Dataset), Topology.Warning(network.Spec, session.Dataset)), cancel);
        await SendJsonAsync(new
        {
            type = "probes",
            epoch = session.EpochAt(_scrub),
            layers = probes.Select(p => new { layer = p.Layer, units = p.Units, accuracy = Finite(p.Accuracy), margin = Finite(p.Margin) }),
            warning,
        }, cancel);

        static double? Finite(double v) => double.IsFinite(v) ? v : null;
    }

    private async Task StoppedAsync(CancellationToken cancel)
    {
        var session = _session!;
        if (session.Divergence is { } why) await SendJsonAsync(new { type = "diverged", message = why }, cancel);
        else if (session.Dataset.Train.Count == 0) await SendErrorAsync("there are no training points: add some, or choose a dataset", cancel);
    }

    private async Task HandleAsync(object message, CancellationToken cancel)
    {
        try
        {
            switch (message)
            {
                case TaskCompletionSource<SessionSnapshot> request:
                    if (_session is null) request.SetException(new UserInputException("the session has not started"));
                    else request.SetResult(Snapshot());
                    return;
                case ClientMessage.Ack ack:
                    if (ack.Sequence > _acked && ack.Sequence <= _sent)
                    {
                        _acked = ack.Sequence;
                        NoteRoundTrip(ack.Sequence);
                    }
                    return;
                case ClientMessage.Invalid invalid:
                    await SendErrorAsync(invalid.Message, cancel);
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
                await SendErrorAsync("send hello first", cancel);
                return;
            }
            await HandleSessionMessageAsync((ClientMessage)message, _session, cancel);
        }
        catch (UserInputException e)
        {
            await SendErrorAsync(e.Message, cancel);
        }
        catch (Exception e) when (e is not (OperationCanceledException or WebSocketException))
        {
            // The details go to the log, not to the page: a reference ties the two together.
            var reference = Guid.NewGuid().ToString("N")[..8];
            _log.LogError(e, "session {Id}: a message failed (ref {Reference})", Id, reference);
            await SendErrorAsync($"internal error (ref {reference}); the session goes on", cancel);
        }
    }

    private async Task HandleSessionMessageAsync(ClientMessage message, TrainingSession session, CancellationToken cancel)
    {
        switch (message)
        {
            case ClientMessage.Play:
                _playing = session.Divergence is null;
                _scrub = null;
                if (session.Divergence is { } why) await SendJsonAsync(new { type = "diverged", message = why }, cancel);
                break;
            case ClientMessage.Pause:
                _playing = false;
                break;
            case ClientMessage.Step:
                _playing = false;
                _scrub = null;
                if (!await Cpu(() => session.TrainEpochs(1), cancel) && session.Divergence is { } reason) await SendJsonAsync(new { type = "diverged", message = reason }, cancel);
                break;
            case ClientMessage.Reset:
                _playing = false;
                _scrub = null;
                session.Reset();
                await ClearAdviceAsync(cancel);
                break;
            case ClientMessage.AddPoints add:
                await EditAsync(AddedPoints(_state.Setup.Points(session.Dataset), add.Points), cancel);
                break;
            case ClientMessage.Clear:
                var all = _state.Setup.Points(session.Dataset);
                await EditAsync(all with { Train = LabeledPoints.Empty, Test = LabeledPoints.Empty }, cancel);
                break;
            case ClientMessage.Csv csv:
                await EditAsync(Uploaded(csv.Text), cancel);
                break;
            case ClientMessage.Scrub scrub:
                _playing = false;
                _scrub = scrub.Index < 0 ? null : Math.Min(scrub.Index, session.Timeline.Snapshots.Count - 1);
                break;
            case ClientMessage.Morph morph:
                _morph = morph.T is { } t ? Math.Min(t, _state.Setup.Hidden.Count) : null;
                break;
            case ClientMessage.OpenModel open:
                await OpenModelAsync(open, cancel);
                break;
            case ClientMessage.Probes:
                await SendProbesAsync(session, cancel);
                return; // nothing drawn changes
        }
        _dirty = true;
    }

    /// <summary>Runs CPU work of this session on the scheduler's workers.</summary>
    private Task<T> Cpu<T>(Func<T> work, CancellationToken cancel) => _workers.RunAsync(_account, work, cancel);

    /// <summary>
    /// Applies a state. The page's first (its URL: a share link, perhaps edited by hand) never fails:
    /// keys that do not parse take their defaults, and the state message says which (issue 14).
    /// </summary>
    private async Task ConfigureAsync(string query, CancellationToken cancel, bool fromLink = false)
    {
        IReadOnlyList<string> problems = [];
        var state = fromLink ? PlaygroundState.ParseLenient(query, _limits, out problems) : PlaygroundState.Parse(query, _limits);
        if (_session is null)
        {
            try
            {
                _session = await Cpu(state.Setup.Start, cancel);
            }
            catch (UserInputException e) when (fromLink)
            {
                problems = [.. problems, $"{e.Message} (the link was ignored: everything has its default)"];
                state = PlaygroundState.Parse("", _limits);
                _session = await Cpu(state.Setup.Start, cancel);
            }
        }
        else
        {
            await ApplyAsync(state, cancel, problems);
            return;
        }
        _state = state;
        await Cpu(LinearAccuracy, cancel);
        await SendStateAsync(cancel, problems);
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
            await ClearAdviceAsync(cancel);
        }
        _state = state;
        if (_morph is { } t) _morph = state.Setup.Hidden.Count == 0 ? null : Math.Min(t, state.Setup.Hidden.Count);
        await SendStateAsync(cancel, warnings);
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
        _playing = false;
        _morph = null;
        await ApplyAsync(state, cancel, then: session => session.Adopt(model.Network.Parameters));
        await SendJsonAsync(new { type = "opened", name = open.Name, message = $"Opened {open.Name}: the views show its weights; Play trains on from them. A link holds its setup, not its weights." }, cancel);
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
        if (spec.IsRegression)
            throw new UserInputException($"{open.Name}: a regression model, which the playground does not show yet; draw it with warpscope render");
        if (!spec.Scaling.IsIdentity)
            throw new UserInputException($"{open.Name}: the model standardises its inputs, which the playground does not show yet; draw it with warpscope render");
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
            var (train, test, domain) = model.Data is { Train: { } t, Test: { } h } kept
                ? (t, h, kept.Domain)
                : (LabeledPoints.Empty, LabeledPoints.Empty, model.InputDomain(null));
            if (train.Count + test.Count > _limits.MaxPoints)
                throw new UserInputException($"{open.Name}: its data has {train.Count + test.Count} points; the playground takes at most {_limits.MaxPoints}");
            state = (view with { Setup = setup }).WithCustom(new CustomData(train, test, model.ClassNames, domain));
        }
        // Within the page's bounds (points, layers, units, classes): the canonical state parses back, or says why not.
        var checkedState = PlaygroundState.Parse(state.ToQuery(), _limits);
        if (checkedState.Setup.Custom is null && DatasetFactory.Create(checkedState.Setup.Data).ClassCount != spec.Classes)
            throw new UserInputException($"{open.Name}: its dataset has another number of classes than its network's {spec.Classes}");
        return (model, checkedState);
    }

    private async Task EditAsync(CustomData edited, CancellationToken cancel)
    {
        if (edited.Count > _limits.MaxPoints) throw new UserInputException($"at most {_limits.MaxPoints} points");
        await ApplyAsync(_state.WithCustom(edited), cancel);
    }

    /// <summary>Takes back what was said about training (new weights or setup): it no longer applies.</summary>
    private async Task ClearAdviceAsync(CancellationToken cancel)
    {
        if (_adviceIds.Length == 0) return;
        _adviceIds = "";
        await SendJsonAsync(new { type = "advice", items = Array.Empty<object>() }, cancel);
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
        var csv = CsvDataset.Parse(text, "uploaded CSV");
        if (csv.Points.Task == LearningTask.Regression)
            throw new UserInputException($"uploaded CSV: its labels are numbers with more than {CsvDataset.MaxClasses} distinct values, a regression target, which the playground does not show yet; train it with warpscope train --task regression");
        if (csv.Points.Count > _limits.MaxPoints) throw new UserInputException($"uploaded CSV: {csv.Points.Count} rows; at most {_limits.MaxPoints}");
        if (csv.ClassNames.Count > NetworkSpec.MaxClasses) throw new UserInputException($"uploaded CSV: {csv.ClassNames.Count} classes; at most {NetworkSpec.MaxClasses}");
        var names = csv.ClassNames.Select(n => n.Replace(',', ';').Trim() is { Length: > 0 } s ? s[..Math.Min(40, s.Length)] : "?").ToList();
        if (names.Count < 2) names.Add("other");
        var dataset = DatasetFactory.FromPoints(csv.Points, names, csv.Domain, _state.Setup.Data);
        return CustomData.From(dataset);
    }

    private SessionSnapshot Snapshot()
    {
        var session = _session!;
        return new SessionSnapshot(_state, session.NetworkAt(_scrub).Clone(), session.Dataset, [.. session.Timeline.Snapshots], _morph);
    }

    private async Task SendFrameAsync(bool train, CancellationToken cancel)
    {
        _dirty = false;
        ReadOnlyMemory<byte> frame;
        var stopped = false;
        try
        {
            var sequence = ++_sent;
            var speed = _state.Speed;
            var budget = _workers.SliceBudget(TrainingBudget);
            IReadOnlyList<Advice>? advice;
            (stopped, frame, advice) = await Cpu(() => (train && !TrainSlice(speed, budget), BuildFrame(sequence), train ? CheckAdvice() : null), cancel);
            if (advice is not null && string.Join(',', advice.Select(a => a.Id)) is var ids && ids != _adviceIds)
            {
                _adviceIds = ids;
                await SendJsonAsync(new { type = "advice", items = advice.Select(a => new { id = a.Id, message = a.Message }) }, cancel);
            }
        }
        catch (UserInputException e)
        {
            _acked = _sent; // no frame went out
            _morph = null;
            await SendErrorAsync(e.Message, cancel);
            return;
        }
        catch (Exception e) when (e is not (OperationCanceledException or WebSocketException))
        {
            // A frame that can't be built must not end the session: pause, say why, keep the socket.
            var reference = Guid.NewGuid().ToString("N")[..8];
            _log.LogError(e, "session {Id}: a frame failed (ref {Reference})", Id, reference);
            _acked = _sent;
            _morph = null;
            _playing = false;
            await SendErrorAsync($"internal error while drawing (ref {reference}); paused, the session goes on", cancel);
            return;
        }
        if (stopped) await StoppedAsync(cancel);
        _sentAt[_sent % _sentAt.Length] = Stopwatch.GetTimestamp();
        await _socket.SendAsync(frame, WebSocketMessageType.Binary, true, cancel);
    }

    private ReadOnlyMemory<byte> BuildFrame(uint sequence)
    {
        var flags = (_playing ? FrameFlags.Playing : 0) | (_session!.Divergence is null ? 0 : FrameFlags.Diverged)
            | (_scrub is null ? 0 : FrameFlags.Scrubbing) | (_morph is null ? 0 : FrameFlags.Morph);
        return _frames.Build(_session, _state, sequence, flags, _scrub, _morph);
    }

    private Task SendStateAsync(CancellationToken cancel, IReadOnlyList<string>? warnings = null)
    {
        var session = _session!;
        var d = session.Dataset.Domain;
        return SendJsonAsync(new
        {
            type = "state",
            session = Id,
            state = _state.ToQuery(),
            classes = session.Dataset.ClassNames,
            sizes = session.Network.Spec.Sizes,
            layers = session.Network.Spec.Hidden.Count,
            domain = new[] { d.XMin, d.XMax, d.YMin, d.YMax },
            epoch = session.Epoch,
            points = session.Dataset.Train.Count + session.Dataset.Test.Count,
            warnings = warnings ?? [],
            // null when not known, or when there are no training points (JSON has no NaN).
            linearAccuracy = _linear is { } linear && ReferenceEquals(linear.Data, session.Dataset) && double.IsFinite(linear.Accuracy) ? linear.Accuracy : (double?)null,
        }, cancel);
    }

    private Task SendErrorAsync(string message, CancellationToken cancel) => SendJsonAsync(new { type = "error", message }, cancel);

    private async Task SendJsonAsync(object payload, CancellationToken cancel)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload);
        // Text is never compressed: it carries the session id (see WarpscopeServer's accept).
        await _socket.SendAsync(bytes, WebSocketMessageType.Text, WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression, cancel);
    }
}
