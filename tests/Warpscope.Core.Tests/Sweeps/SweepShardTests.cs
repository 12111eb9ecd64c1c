using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Sessions;
using Warpscope.Core.Sweeps;
using Warpscope.Core.Training;

namespace Warpscope.Core.Tests.Sweeps;

/// <summary>Issue 17: which slice of a sweep a process runs, from its options or its scheduler.</summary>
public class SweepShardTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void TheShards_DealEveryRunOnce_ALikeMixEach()
    {
        var plan = new SweepPlan(new DatasetSpec("rings"), [1, 2, 3, 4], [2, 3, 4, 8, 16], 5, new TrainingConfig());
        var slices = Enumerable.Range(0, 4).Select(i => new SweepShard(i, 4).Select(plan.Runs)).ToList();
        Assert.All(slices, s => Assert.Equal(25, s.Count));
        Assert.Equal(plan.Runs.Count, slices.SelectMany(s => s).Distinct().Count());
        Assert.All(slices, s => Assert.Equal([1, 2, 3, 4], s.Select(r => r.Depth).Distinct().Order()));
    }

    [Fact]
    public void AnExplicitShard_WinsOverTheScheduler()
    {
        Assert.Equal(new SweepShard(2, 4), SweepShard.Pick("2/4", null, Env(("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "8"))));
    }

    [Fact]
    public void Slurm_CountsFromTheArraysFirstTask()
    {
        Assert.Equal(new SweepShard(3, 8), SweepShard.Pick(null, null, Env(("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "8"))));
        // --array=1-4: tasks 1 to 4 are shards 0 to 3.
        Assert.Equal(new SweepShard(3, 4), SweepShard.Pick(null, null, Env(("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
    }

    [Fact]
    public void Kubernetes_TakesItsIndex_AndNeedsTheCount()
    {
        Assert.Equal(new SweepShard(1, 4), SweepShard.Pick(null, 4, Env(("JOB_COMPLETION_INDEX", "1"))));
        var e = Assert.Throws<UserInputException>(() => SweepShard.Pick(null, null, Env(("JOB_COMPLETION_INDEX", "1"))));
        Assert.StartsWith("JOB_COMPLETION_INDEX is set: say how many shards", e.Message);
        Assert.Equal("JOB_COMPLETION_INDEX: shard 4 of 4 (shards are numbered 0 to 3)",
            Assert.Throws<UserInputException>(() => SweepShard.Pick(null, 4, Env(("JOB_COMPLETION_INDEX", "4")))).Message);
    }

    [Fact]
    public void NoScheduler_IsTheWholeSweep() => Assert.True(SweepShard.Pick(null, null, Env()).IsWhole);

    [Theory]
    [InlineData("1..4", new[] { 1, 2, 3, 4 })]
    [InlineData("2,3,4,8,16", new[] { 2, 3, 4, 8, 16 })]
    [InlineData("8, 1..3, 2", new[] { 1, 2, 3, 8 })]
    public void Counts_ReadListsAndRanges(string text, int[] expected) => Assert.Equal(expected, SetupVocabulary.Counts(text, "--depths", 64));

    [Fact]
    public void TheManifest_RoundTripsThePlan()
    {
        var plan = new SweepPlan(new DatasetSpec("curves", 400, 0, 0.5, 3), [1, 2], [2, 5], 3, new TrainingConfig(LearningRate: 0.1, Epochs: 50, MaxNorm: 1.5), Activation.Relu);
        Assert.Equal(plan, SweepManifest.Parse(SweepManifest.Bytes(plan), "sweep.json"));
    }

    [Fact]
    public void TheManifest_KeepsACsvsColumnsAndTestFile()
    {
        // Lost before: a resumed or merged sweep read the file with the default columns.
        var data = new DatasetSpec("survey.csv", 0, 0, 0, 1) { Columns = new CsvColumns("east", "north", "kind"), TestData = "held-out.csv" };
        var plan = new SweepPlan(data, [1], [2, 3], 2, new TrainingConfig(Epochs: 10));
        var read = SweepManifest.Parse(SweepManifest.Bytes(plan), "sweep.json");
        Assert.Equal(new CsvColumns("east", "north", "kind"), read.Data.Columns);
        Assert.Equal("held-out.csv", read.Data.TestData);
        Assert.Equal(plan, read);
        // Its accuracies are test accuracies (a sweep on a test file called them training ones before).
        Assert.True(read.Data.HoldsOutTest);
        Assert.False((data with { TestData = null }).HoldsOutTest);
    }
}
