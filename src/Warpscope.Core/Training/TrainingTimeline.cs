using Warpscope.Core.Model;

namespace Warpscope.Core.Training;

/// <summary>
/// Snapshots of a network's weights as it trains, so any view can be drawn at any moment of
/// training afterwards. Only the parameters are copied (a few KB), never pictures. When the
/// timeline is full, every other snapshot is dropped and the interval doubles, so a long run keeps
/// an even spread from start to end.
/// </summary>
public sealed class TrainingTimeline(Network network, long every = 1, int capacity = 1000)
{
    private readonly List<TrainingSnapshot> _snapshots = [];
    private long _every = Math.Max(1, every);

    public Network Network { get; } = network;
    public IReadOnlyList<TrainingSnapshot> Snapshots => _snapshots;

    /// <summary>Records the network's weights now if the step is on the timeline's interval (step 0 always is).</summary>
    public void Offer(long step, int epoch, double loss)
    {
        if (step % _every != 0) return;
        if (_snapshots.Count > 0 && _snapshots[^1].Step == step) return;
        _snapshots.Add(new TrainingSnapshot(step, epoch, loss, (float[])Network.Parameters.Clone()));
        if (_snapshots.Count <= capacity) return;
        // Keep the even-numbered snapshots (the first stays) and double the interval.
        for (var i = 1; i < _snapshots.Count; i++) _snapshots.RemoveAt(i);
        _every *= 2;
    }

    /// <summary>A network holding the weights of snapshot i.</summary>
    public Network NetworkAt(int index) => new(Network.Spec, (float[])_snapshots[index].Parameters.Clone());

    /// <summary>
    /// Trains a fresh session to the end of its job, keeping about <paramref name="frames"/> evenly spaced
    /// snapshots: the timeline of a training animation.
    /// </summary>
    public static TrainingTimeline RecordForFrames(TrainingSession session, int frames)
    {
        var config = session.Job.Training;
        var total = config.Steps ?? (long)config.Epochs * session.Trainer.StepsPerEpoch;
        var timeline = new TrainingTimeline(session.Network, Math.Max(1, total / Math.Max(1, frames - 1)), capacity: frames * 2);
        timeline.Record(session);
        return timeline;
    }

    /// <summary>Which of <paramref name="count"/> snapshots frame <paramref name="frame"/> of <paramref name="frames"/> shows: evenly spread, first to last.</summary>
    public static int FrameIndex(int count, int frame, int frames) =>
        frames <= 1 ? count - 1 : (int)Math.Round((double)frame / (frames - 1) * (count - 1));

    /// <summary>Trains the session to the end of its job, offering a snapshot after every step (and the start).</summary>
    public void Record(TrainingSession session, CancellationToken cancel = default)
    {
        Offer(session.Steps, session.Epoch, double.NaN);
        session.Run(null, cancel, afterStep: loss => Offer(session.Steps, session.Epoch, loss));
        if (_snapshots[^1].Step != session.Steps) _snapshots.Add(new TrainingSnapshot(session.Steps, session.Epoch, double.NaN, (float[])Network.Parameters.Clone()));
    }
}
