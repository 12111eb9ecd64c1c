using System.Collections.Concurrent;
using Warpscope.Core.Datasets;
using Warpscope.Core.Training;

namespace Warpscope.Core.Sweeps;

/// <summary>
/// Trains a slice of a sweep's runs into its folder, one network per worker, each single-threaded,
/// largest first so the workers finish together. A run already in the folder is kept and skipped; a
/// run is written only when finished, atomically, so a killed sweep resumed ends with the same files.
/// Give it the plan's dataset where the caller has already made it (a CSV is then read and hashed once).
/// </summary>
public sealed class SweepRunner(SweepPlan plan, SweepFolder folder, Dataset? dataset = null)
{
    /// <summary>Runs found finished before this call and runs trained by it.</summary>
    public sealed record Report(int Skipped, int Trained, bool Stopped);

    public Report Run(SweepShard shard, int workers, Action<SweepProgress>? progress = null, CancellationToken cancel = default)
    {
        if (workers < 1) throw new UserInputException($"jobs: {workers} (at least 1)");
        folder.Prepare(plan);
        var slice = shard.Select(plan.Runs);
        var todo = slice.Where(r => !folder.Has(r)).OrderByDescending(r => r.Cost).ThenBy(r => r.Depth).ThenBy(r => r.Width).ThenBy(r => r.Seed).ToList();
        if (todo.Count == 0) return new Report(slice.Count, 0, false);

        var data = dataset ?? DatasetFactory.Create(plan.Data); // shared read-only by every worker
        var gate = new object();
        int done = 0;
        long work = 0, total = todo.Sum(r => r.Cost);
        progress?.Invoke(new SweepProgress(0, todo.Count, 0, total, null));
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        // No buffering: each worker takes the next run when free, so the largest go first.
        Parallel.ForEach(Partitioner.Create(todo, EnumerablePartitionerOptions.NoBuffering), options, (run, state) =>
        {
            if (cancel.IsCancellationRequested)
            {
                state.Stop();
                return;
            }
            var training = new TrainingSession(plan.Job(run, data), data);
            try
            {
                training.Run(cancel: cancel);
            }
            catch (TrainingDivergedException)
            {
                // Kept as it ended (its last finite weights): a sweep records what each shape reaches.
            }
            if (cancel.IsCancellationRequested && training.Done < training.Total) return;
            folder.Save(run, training.ToModel());
            lock (gate)
            {
                done++;
                work += run.Cost;
                progress?.Invoke(new SweepProgress(done, todo.Count, work, total, run));
            }
        });
        return new Report(slice.Count - todo.Count, done, cancel.IsCancellationRequested);
    }
}
