using System.Diagnostics;

namespace Warpscope.Web;

/// <summary>
/// Runs the live sessions' CPU work (training slices and frames) on a few dedicated threads, one per
/// core, never on the request threads, and shares them fairly: a free worker takes the waiting job of
/// the session that has used the least CPU lately (each session's use decays with a half-life of
/// <see cref="HalfLife"/>), oldest first on ties. A light page therefore waits for at most the slices
/// already running, however many heavy pages share the server, and heavy pages split what is left
/// evenly (issue 13: a light page waited 3.5 s for a frame next to 8 heavy ones, and
/// <c>/api/status</c> 2.6 s, when every session trained on the thread pool).
/// <para>A job is not interrupted, and a heavy page's frame can take 400 ms (16 layers of 64 units, its
/// hidden view's sheet), so one more worker, the <i>light lane</i>, takes only the job of a session
/// that has used less lately than every session holding a worker: a light page then shares a core with
/// a heavy job at once instead of waiting for it to end.</para>
/// </summary>
public sealed class WorkScheduler : IDisposable
{
    /// <summary>How fast a session's past use is forgiven.</summary>
    public static readonly TimeSpan HalfLife = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly List<Job> _waiting = [];
    private readonly Thread[] _threads;
    private bool _stopping;
    private long _order;
    private readonly List<Account> _running = [];

    public WorkScheduler(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        Workers = workers;
        _threads = new Thread[workers + 1];
        for (var i = 0; i < workers; i++)
        {
            _threads[i] = new Thread(() => Work(lane: false)) { IsBackground = true, Name = $"warpscope-worker-{i + 1}" };
            _threads[i].Start();
        }
        _threads[workers] = new Thread(() => Work(lane: true)) { IsBackground = true, Name = "warpscope-light-lane" };
        _threads[workers].Start();
    }

    /// <summary>Workers that take any job (one per core); the light lane comes on top.</summary>
    public int Workers { get; }

    /// <summary>Jobs waiting for a worker and jobs running now.</summary>
    public int Load
    {
        get
        {
            lock (_gate) return _waiting.Count + _running.Count;
        }
    }

    /// <summary>
    /// How long one slice of training may run now: <paramref name="alone"/> while the workers are not
    /// all taken, shrinking in proportion as more jobs share them (never below a fifth of it), so that a
    /// round of every busy session stays about <paramref name="alone"/> long.
    /// </summary>
    public TimeSpan SliceBudget(TimeSpan alone)
    {
        var load = Load;
        if (load <= Workers) return alone;
        return TimeSpan.FromTicks(Math.Max(alone.Ticks / 5, alone.Ticks * Workers / load));
    }

    /// <summary>Runs <paramref name="work"/> on a worker for <paramref name="account"/>; its result or exception comes back through the task.</summary>
    public Task<T> RunAsync<T>(Account account, Func<T> work, CancellationToken cancel = default)
    {
        if (cancel.IsCancellationRequested) return Task.FromCanceled<T>(cancel);
        var job = new Job(account, () => work());
        if (cancel.CanBeCanceled)
        {
            // A page that leaves while its job waits takes the job out of the queue. Registered before the job
            // is queued, so the worker that takes it always finds the registration to dispose (a registration
            // left on a session's long-lived token for every frame would pile up).
            job.Registration = cancel.Register(() =>
            {
                lock (_gate)
                {
                    if (!_waiting.Remove(job)) return;
                }
                job.Done.TrySetCanceled(cancel);
            });
        }
        lock (_gate)
        {
            if (_stopping)
            {
                job.Registration.Dispose();
                throw new ObjectDisposedException(nameof(WorkScheduler));
            }
            job.Order = _order++;
            _waiting.Add(job);
            Monitor.PulseAll(_gate); // the lane may want it though a worker does not
        }
        return Unwrap<T>(job.Done.Task);
    }

    private static async Task<T> Unwrap<T>(Task<object?> task) => (T)(await task.ConfigureAwait(false))!;

    private void Work(bool lane)
    {
        while (true)
        {
            Job job;
            lock (_gate)
            {
                int pick;
                while ((pick = lane ? LightestBelowRunning() : Fairest()) < 0 && !_stopping) Monitor.Wait(_gate);
                if (_stopping) return;
                job = _waiting[pick];
                _waiting.RemoveAt(pick);
                _running.Add(job.Account);
            }
            job.Registration.Dispose();
            var start = Stopwatch.GetTimestamp();
            try
            {
                job.Done.TrySetResult(job.Work());
            }
            catch (Exception e)
            {
                job.Done.TrySetException(e);
            }
            finally
            {
                var used = Stopwatch.GetElapsedTime(start);
                lock (_gate)
                {
                    _running.Remove(job.Account);
                    job.Account.Charge(used);
                    Monitor.PulseAll(_gate); // the lane's test depends on who runs
                }
            }
        }
    }

    /// <summary>For the light lane: the fairest waiting job if its session has used less than every session running now; else −1. Under the lock.</summary>
    private int LightestBelowRunning()
    {
        var pick = Fairest();
        if (pick < 0 || _running.Count == 0) return pick;
        var now = Stopwatch.GetTimestamp();
        var use = _waiting[pick].Account.UseAt(now);
        foreach (var account in _running)
            if (account.UseAt(now) <= use) return -1;
        return pick;
    }

    /// <summary>The index of the waiting job whose session has used least lately, the oldest of equals; −1 if none waits. Under the lock.</summary>
    private int Fairest()
    {
        if (_waiting.Count == 0) return -1;
        var now = Stopwatch.GetTimestamp();
        var best = 0;
        var bestUse = _waiting[0].Account.UseAt(now);
        for (var i = 1; i < _waiting.Count; i++)
        {
            var use = _waiting[i].Account.UseAt(now);
            if (use < bestUse || (use == bestUse && _waiting[i].Order < _waiting[best].Order))
            {
                best = i;
                bestUse = use;
            }
        }
        return best;
    }

    public void Dispose()
    {
        List<Job> left;
        lock (_gate)
        {
            if (_stopping) return;
            _stopping = true;
            left = [.. _waiting];
            _waiting.Clear();
            Monitor.PulseAll(_gate);
        }
        foreach (var job in left) job.Done.TrySetCanceled();
        foreach (var thread in _threads) thread.Join(TimeSpan.FromSeconds(5));
    }

    /// <summary>One session's share: the CPU it has used, decaying with <see cref="HalfLife"/>. Touched only under the scheduler's lock.</summary>
    public sealed class Account
    {
        private double _seconds;
        private long _at = Stopwatch.GetTimestamp();

        internal double UseAt(long now)
        {
            var elapsed = (double)(now - _at) / Stopwatch.Frequency;
            if (elapsed <= 0) return _seconds;
            _seconds *= Math.Pow(0.5, elapsed / HalfLife.TotalSeconds);
            _at = now;
            return _seconds;
        }

        internal void Charge(TimeSpan used) => _seconds = UseAt(Stopwatch.GetTimestamp()) + used.TotalSeconds;
    }

    private sealed class Job(Account account, Func<object?> work)
    {
        public Account Account { get; } = account;
        public Func<object?> Work { get; } = work;
        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public long Order { get; set; }
        public CancellationTokenRegistration Registration { get; set; }
    }
}
