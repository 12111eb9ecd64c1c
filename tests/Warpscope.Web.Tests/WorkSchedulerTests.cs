using System.Diagnostics;

namespace Warpscope.Web.Tests;

public class WorkSchedulerTests
{
    private static int Spin(TimeSpan length)
    {
        var clock = Stopwatch.StartNew();
        var n = 0;
        while (clock.Elapsed < length) n++;
        return n;
    }

    [Fact]
    public async Task AJob_RunsOnAWorker_AndItsResultOrExceptionComesBack()
    {
        using var scheduler = new WorkScheduler(1);
        var account = new WorkScheduler.Account();
        var name = await scheduler.RunAsync(account, () => Thread.CurrentThread.Name);
        Assert.StartsWith("warpscope-", name);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => scheduler.RunAsync<int>(account, () => throw new InvalidOperationException("boom")));
        Assert.Equal("boom", e.Message);
    }

    /// <summary>
    /// Three heavy sessions keep one 20 ms job waiting each, a light one runs 1 ms jobs one after another.
    /// Taken in turn (first come, first served) the light session would wait for all three heavy jobs each
    /// time and get about as many jobs done as each of them; taken by least use, and beside them in the
    /// light lane, it gets many times more.
    /// </summary>
    [Fact]
    public async Task ALightSession_GetsItsJobsAhead_OfHeavyOnes()
    {
        using var scheduler = new WorkScheduler(1);
        var heavy = Enumerable.Range(0, 3).Select(_ => new WorkScheduler.Account()).ToList();
        var light = new WorkScheduler.Account();
        var counts = new int[4];
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        async Task Loop(WorkScheduler.Account account, int index, TimeSpan length)
        {
            while (!stop.IsCancellationRequested)
            {
                await scheduler.RunAsync(account, () => Spin(length));
                Interlocked.Increment(ref counts[index]);
            }
        }
        await Task.WhenAll(heavy.Select((a, i) => Loop(a, i, TimeSpan.FromMilliseconds(20))).Append(Loop(light, 3, TimeSpan.FromMilliseconds(1))));
        Assert.True(counts[3] >= 3 * counts[..3].Max(), $"light {counts[3]} jobs, heavy {string.Join(", ", counts[..3])}");
        Assert.All(counts[..3], c => Assert.True(c >= 3, $"a heavy session starved: {string.Join(", ", counts[..3])}"));
    }

    [Fact]
    public async Task AJobCancelledWhileWaiting_NeverRuns()
    {
        using var scheduler = new WorkScheduler(1);
        var account = new WorkScheduler.Account();
        using var release = new ManualResetEventSlim();
        // Hold the worker and the light lane (the second job's session has used no more than the first's).
        var holdWorker = scheduler.RunAsync(account, () => release.Wait(TimeSpan.FromSeconds(10)));
        var holdLane = scheduler.RunAsync(new WorkScheduler.Account(), () => release.Wait(TimeSpan.FromSeconds(10)));
        await Task.Delay(100);
        using var cancel = new CancellationTokenSource();
        var ran = false;
        var waiting = scheduler.RunAsync(account, () => ran = true, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        release.Set();
        await Task.WhenAll(holdWorker, holdLane);
        await Task.Delay(50);
        Assert.False(ran);
    }

    [Fact]
    public async Task TheSliceBudget_ShrinksAsJobsShareTheWorkers()
    {
        using var scheduler = new WorkScheduler(2);
        var budget = TimeSpan.FromMilliseconds(40);
        Assert.Equal(budget, scheduler.SliceBudget(budget));
        using var release = new ManualResetEventSlim();
        var jobs = Enumerable.Range(0, 8).Select(_ => scheduler.RunAsync(new WorkScheduler.Account(), () => release.Wait(TimeSpan.FromSeconds(10)))).ToList();
        await Task.Delay(100);
        Assert.Equal(8, scheduler.Load);
        Assert.Equal(TimeSpan.FromMilliseconds(10), scheduler.SliceBudget(budget)); // 40 ms × 2 workers / 8 jobs
        release.Set();
        await Task.WhenAll(jobs);
        Assert.Equal(budget, scheduler.SliceBudget(budget));
    }
}
