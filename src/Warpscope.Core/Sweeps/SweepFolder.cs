using Warpscope.Core.IO;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Training;

namespace Warpscope.Core.Sweeps;

/// <summary>
/// Where a sweep lives: sweep.json (the plan), runs/ (one model file per finished run, written
/// atomically, so a killed sweep leaves only whole runs), and the summaries made from all runs.
/// </summary>
public sealed class SweepFolder(string path)
{
    public string Path { get; } = path;
    public string ManifestPath => System.IO.Path.Combine(Path, "sweep.json");
    public string RunsPath => System.IO.Path.Combine(Path, "runs");

    public string RunPath(SweepRun run) => System.IO.Path.Combine(RunsPath, run.FileName);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Makes the folder for this plan, or checks that the sweep already in it has the same plan.</summary>
    public void Prepare(SweepPlan plan)
    {
        if (System.IO.File.Exists(Path)) throw new UserInputException($"{Path}: is a file, not a folder");
        Directory.CreateDirectory(RunsPath);
        var bytes = SweepManifest.Bytes(plan);
        if (System.IO.File.Exists(ManifestPath))
        {
            if (!System.IO.File.ReadAllBytes(ManifestPath).AsSpan().SequenceEqual(bytes))
                throw new UserInputException($"{ManifestPath}: this folder holds a sweep with other settings; choose another --out (or delete it)");
            return;
        }
        AtomicFile.Write(ManifestPath, s => s.Write(bytes));
    }

    /// <summary>The plan of the sweep in this folder.</summary>
    public SweepPlan ReadPlan()
    {
        if (!System.IO.File.Exists(ManifestPath)) throw new UserInputException($"{Path}: not a sweep folder (no sweep.json)");
        return SweepManifest.Parse(System.IO.File.ReadAllBytes(ManifestPath), ManifestPath);
    }

    public bool Has(SweepRun run) => System.IO.File.Exists(RunPath(run));

    public TrainedModel Load(SweepRun run) => ModelFile.Load(RunPath(run));

    public void Save(SweepRun run, TrainedModel model) => ModelFile.Save(RunPath(run), model);
}
