using Warpscope.Core.Model;

namespace Warpscope.Core.Numerics;

/// <summary>
/// Class probabilities over several threads: the points are cut into contiguous runs, one per
/// thread, each run through a <see cref="ForwardPass"/> of its own (the caller's thread takes the
/// first). Every point's arithmetic is the same as on one thread, so the results are bit for bit
/// those of <see cref="ForwardPass.Predict"/>. The worker threads live as long as the object and
/// wait between calls; nothing is allocated per call. One caller at a time; dispose to end the threads.
/// </summary>
internal sealed unsafe class ParallelForwardPass : IDisposable
{
    /// <summary>Below this many points per thread the hand-over costs more than it saves.</summary>
    private const int MinPointsPerThread = 1024;

    private readonly ForwardPass[] _passes;
    private readonly Thread[] _workers;
    private readonly SemaphoreSlim[] _start;
    private readonly CountdownEvent _done;
    private readonly Exception?[] _failures;
    private volatile bool _disposed;
    private float* _x;
    private float* _y;
    private float* _probabilities;
    private int _n;
    private int _runs;
    private long _workerAllocatedBytes;

    public ParallelForwardPass(Network network, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Network = network;
        _passes = [.. Enumerable.Range(0, threads).Select(_ => new ForwardPass(network))];
        _failures = new Exception?[threads];
        _start = [.. Enumerable.Range(1, threads - 1).Select(_ => new SemaphoreSlim(0))];
        _done = new CountdownEvent(1);
        // The first wait that blocks (rather than spins) creates the event's lock object: 24 bytes
        // on whichever frame first waits on a loaded machine. One blocking wait here, while nothing
        // can signal, creates it now, so no frame ever allocates.
        _done.Wait(1);
        _workers = [.. Enumerable.Range(1, threads - 1).Select(i => new Thread(() => Work(i))
        {
            IsBackground = true,
            Name = $"Warpscope forward {i}",
        })];
        foreach (var worker in _workers) worker.Start();
    }

    public Network Network { get; }

    /// <summary>Bytes the worker threads have allocated while waiting for and doing their runs (tests hold it at 0).</summary>
    internal long WorkerAllocatedBytes => Interlocked.Read(ref _workerAllocatedBytes);

    /// <summary>Threads used for a large enough call (the caller's included).</summary>
    public int Threads => _passes.Length;

    /// <summary>probabilities: [classes][n], class-major, as <see cref="ForwardPass.Predict"/>.</summary>
    public void Predict(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> probabilities)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var n = x.Length;
        if (y.Length != n) throw new ArgumentException($"x has {n} values, y {y.Length}");
        if (probabilities.Length < Network.ClassCount * n)
            throw new ArgumentException($"probabilities needs {Network.ClassCount * n} values", nameof(probabilities));
        var runs = Math.Clamp(n / MinPointsPerThread, 1, Threads);
        if (runs == 1)
        {
            _passes[0].Predict(x, y, probabilities);
            return;
        }
        fixed (float* px = x, py = y, pp = probabilities)
        {
            _x = px;
            _y = py;
            _probabilities = pp;
            _n = n;
            _runs = runs;
            _done.Reset(runs - 1);
            for (var i = 1; i < runs; i++) _start[i - 1].Release();
            Run(0);
            _done.Wait();
            _x = _y = _probabilities = null;
        }
        for (var i = 0; i < runs; i++)
        {
            if (_failures[i] is { } failure)
            {
                Array.Clear(_failures);
                throw new InvalidOperationException("a forward-pass thread failed", failure);
            }
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var start in _start) start.Release();
        foreach (var worker in _workers) worker.Join();
        foreach (var start in _start) start.Dispose();
        _done.Dispose();
    }

    private void Work(int index)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        while (true)
        {
            _start[index - 1].Wait();
            if (_disposed) return;
            try
            {
                Run(index);
            }
            catch (Exception e)
            {
                _failures[index] = e;
            }
            finally
            {
                var now = GC.GetAllocatedBytesForCurrentThread();
                Interlocked.Add(ref _workerAllocatedBytes, now - allocated);
                allocated = now;
                _done.Signal();
            }
        }
    }

    /// <summary>Run i of the current call: its share of the points, cut at whole blocks where it can.</summary>
    private void Run(int index)
    {
        var (from, to) = Range(index);
        if (to <= from) return;
        var count = to - from;
        _passes[index].Predict(
            new ReadOnlySpan<float>(_x + from, count),
            new ReadOnlySpan<float>(_y + from, count),
            new Span<float>(_probabilities, Network.ClassCount * _n),
            _n, from);
    }

    private (int From, int To) Range(int index)
    {
        // Equal shares rounded to whole vectors of 8 points, so no run pads a vector another run fills.
        var share = (_n / _runs + 7) & ~7;
        return (Math.Min(_n, index * share), index == _runs - 1 ? _n : Math.Min(_n, (index + 1) * share));
    }
}
