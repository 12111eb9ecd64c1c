using System.Globalization;

namespace Warpscope.Core.Sweeps;

/// <summary>
/// One slice of a sweep's runs: shard <see cref="Index"/> of <see cref="Count"/> takes every Count-th
/// run of <see cref="SweepPlan.Runs"/>, starting at its index, so each shard gets a like mix of small
/// and large networks.
/// </summary>
public sealed record SweepShard(int Index, int Count)
{
    public const int MaxCount = 10_000;

    public static SweepShard Whole { get; } = new(0, 1);

    public bool IsWhole => Count == 1;

    public IReadOnlyList<SweepRun> Select(IReadOnlyList<SweepRun> runs) => [.. runs.Where((_, i) => i % Count == Index)];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>"i/n", i from 0 to n − 1.</summary>
    public static SweepShard Parse(string text, string key)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new UserInputException($"{key}: '{text}' is not i/n (e.g. 0/4)");
        return Checked(index, count, key);
    }

    /// <summary>
    /// The slice a scheduler gives this process: an explicit <paramref name="shard"/> (i/n) first; else
    /// Slurm's SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (counted from SLURM_ARRAY_TASK_MIN when
    /// set, so --array=1-4 works); else Kubernetes' JOB_COMPLETION_INDEX with <paramref name="shards"/>;
    /// else the whole sweep.
    /// </summary>
    public static SweepShard Pick(string? shard, int? shards, Func<string, string?> environment)
    {
        if (shard is not null)
        {
            var picked = Parse(shard, "--shard");
            if (shards is { } n && n != picked.Count) throw new UserInputException($"--shard {shard} contradicts --shards {n}");
            return picked;
        }
        if (environment("SLURM_ARRAY_TASK_ID") is { } task)
        {
            var id = Number(task, "SLURM_ARRAY_TASK_ID");
            var min = environment("SLURM_ARRAY_TASK_MIN") is { } m ? Number(m, "SLURM_ARRAY_TASK_MIN") : 0;
            var count = shards ?? (environment("SLURM_ARRAY_TASK_COUNT") is { } c
                ? Number(c, "SLURM_ARRAY_TASK_COUNT")
                : throw new UserInputException("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: say how many shards with --shards n"));
            return Checked(id - min, count, "SLURM_ARRAY_TASK_ID");
        }
        if (environment("JOB_COMPLETION_INDEX") is { } completion)
        {
            var count = shards ?? throw new UserInputException("JOB_COMPLETION_INDEX is set: say how many shards the Job has with --shards n (its completions)");
            return Checked(Number(completion, "JOB_COMPLETION_INDEX"), count, "JOB_COMPLETION_INDEX");
        }
        if (shards is not null) throw new UserInputException("--shards: no shard index (give --shard i/n, or run as a Slurm array task or an indexed Kubernetes Job)");
        return Whole;
    }

    private static int Number(string text, string key) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new UserInputException($"{key}: '{text}' is not a whole number");

    private static SweepShard Checked(int index, int count, string key)
    {
        if (count is < 1 or > MaxCount) throw new UserInputException($"{key}: {count} shards (1 to {MaxCount})");
        if (index < 0 || index >= count) throw new UserInputException($"{key}: shard {index} of {count} (shards are numbered 0 to {count - 1})");
        return new SweepShard(index, count);
    }
}
