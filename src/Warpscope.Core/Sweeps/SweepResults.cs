using System.Globalization;
using System.Text;
using System.Text.Json;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Scenes;
using Warpscope.Core.Training;

namespace Warpscope.Core.Sweeps;

/// <summary>One finished run: what it is and what it reached.</summary>
public sealed record SweepOutcome(SweepRun Run, TrainedModel Model)
{
    /// <summary>
    /// What the sweep compares, higher is better: test accuracy, or training accuracy where nothing was held
    /// out; for a regression, R² likewise (1 is a perfect fit, 0 no better than the targets' mean).
    /// </summary>
    public double Score => Model.Metrics is { } m
        ? Model.Network.Spec.IsRegression ? TestOrTrain(m.TestRSquared, m.TrainRSquared) : TestOrTrain(m.TestAccuracy, m.TrainAccuracy)
        : double.NaN;

    private static double TestOrTrain(double test, double train) => double.IsNaN(test) ? train : test;

    /// <summary>The run's decision field over the data's domain: its thumbnail in the sweep's grid.</summary>
    public Scene Thumbnail(Dataset data, ViewOptions options) => new ModelView(Model.Network, Model.ClassNames, data).Input(options);
}

/// <summary>A cell of the depth × width table: its seeds' runs, their median score (accuracy or R²) and spread.</summary>
public sealed record SweepCell(int Depth, int Width, IReadOnlyList<SweepOutcome> Outcomes)
{
    /// <summary>The median of the seeds' scores (the mean of the middle two for an even count).</summary>
    public double Median
    {
        get
        {
            var sorted = Outcomes.Select(o => o.Score).Order().ToArray();
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    public double Min => Outcomes.Min(o => o.Score);
    public double Max => Outcomes.Max(o => o.Score);

    /// <summary>The run whose score is the median (the lower of the middle two; ties to the lower seed): the cell's thumbnail.</summary>
    public SweepOutcome Typical => Outcomes.OrderBy(o => o.Score).ThenBy(o => o.Run.Seed).ElementAt((Outcomes.Count - 1) / 2);
}

/// <summary>
/// Every run of a sweep and the depth × width table they make; writes runs.csv and runs.json. Made
/// only from the plan and the run files, so an unsharded sweep and a merge of shards give the same bytes.
/// </summary>
public sealed class SweepResults
{
    public SweepResults(SweepPlan plan, IReadOnlyList<SweepOutcome> outcomes)
    {
        Plan = plan;
        Outcomes = outcomes;
        var byRun = outcomes.ToDictionary(o => o.Run);
        Cells = [.. from d in plan.Depths from w in plan.Widths
                    select new SweepCell(d, w, [.. plan.Runs.Where(r => r.Depth == d && r.Width == w).Select(r => byRun[r])])];
    }

    public SweepPlan Plan { get; }

    /// <summary>The score of guessing: one over the number of classes; for a regression, R² = 0 (predicting the mean).</summary>
    public double Chance => Regression ? 0 : 1.0 / Math.Max(2, Outcomes.Count == 0 ? 2 : Outcomes[0].Model.Network.ClassCount);

    /// <summary>True for a sweep of regression networks: the score is R², not accuracy.</summary>
    public bool Regression => Outcomes.Count > 0 && Outcomes[0].Model.Network.Spec.IsRegression;

    /// <summary>What the score is: "accuracy" or "R²".</summary>
    public string ScoreName => Regression ? "R²" : "accuracy";

    /// <summary>A score as the pictures and the table print it: a percentage of accuracy, or R² to three decimals.</summary>
    public string Show(double score) => Regression ? F($"{score:F3}") : F($"{100 * score:F1}%");
    public IReadOnlyList<SweepOutcome> Outcomes { get; }
    public IReadOnlyList<SweepCell> Cells { get; }

    /// <summary>True when the data holds out test points, so scores are test scores.</summary>
    public bool OnTest => Plan.Data.HoldsOutTest;

    public SweepCell Cell(int depth, int width) => Cells.First(c => c.Depth == depth && c.Width == width);

    /// <summary>Reads every run of the plan from the folder; names how many are missing when some are.</summary>
    public static SweepResults Load(SweepPlan plan, SweepFolder folder)
    {
        var missing = plan.Runs.Where(r => !folder.Has(r)).ToList();
        if (missing.Count > 0)
            throw new UserInputException($"{folder.RunsPath}: {missing.Count} of {plan.Runs.Count} runs are missing (first: {missing[0].FileName}); run the missing shards, then merge");
        return new SweepResults(plan, [.. plan.Runs.Select(r => new SweepOutcome(r, folder.Load(r)))]);
    }

    public string Csv()
    {
        var text = new StringBuilder(Regression
            ? "depth,width,seed,parameters,train_mse,test_mse,train_r2,test_r2,epochs,steps,file\n"
            : "depth,width,seed,parameters,train_accuracy,test_accuracy,loss,epochs,steps,file\n");
        foreach (var o in Outcomes)
        {
            var m = o.Model.Metrics!;
            var figures = Regression ? F($"{R(m.Loss)},{R(m.TestLoss)},{R(m.TrainRSquared)},{R(m.TestRSquared)}") : F($"{R(m.TrainAccuracy)},{R(m.TestAccuracy)},{R(m.Loss)}");
            text.Append(F($"{o.Run.Depth},{o.Run.Width},{o.Run.Seed},{o.Model.Network.ParameterCount},{figures},{m.Epochs},{m.Steps},runs/{o.Run.FileName}\n"));
        }
        return text.ToString();
    }

    public byte[] Json()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("data", Plan.Data.Name);
            w.WriteString(Regression ? "r2" : "accuracy", OnTest ? "test" : "train");
            w.WriteStartArray("cells");
            foreach (var c in Cells)
            {
                w.WriteStartObject();
                w.WriteNumber("depth", c.Depth);
                w.WriteNumber("width", c.Width);
                Number(w, "median", c.Median);
                Number(w, "min", c.Min);
                Number(w, "max", c.Max);
                w.WriteNumber("typicalSeed", c.Typical.Run.Seed);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("runs");
            foreach (var o in Outcomes)
            {
                var m = o.Model.Metrics!;
                w.WriteStartObject();
                w.WriteNumber("depth", o.Run.Depth);
                w.WriteNumber("width", o.Run.Width);
                w.WriteNumber("seed", o.Run.Seed);
                w.WriteNumber("parameters", o.Model.Network.ParameterCount);
                if (Regression)
                {
                    Number(w, "trainMse", m.Loss);
                    Number(w, "testMse", m.TestLoss);
                    Number(w, "trainR2", m.TrainRSquared);
                    Number(w, "testR2", m.TestRSquared);
                }
                else
                {
                    Number(w, "trainAccuracy", m.TrainAccuracy);
                    Number(w, "testAccuracy", m.TestAccuracy);
                    Number(w, "loss", m.Loss);
                }
                w.WriteNumber("epochs", m.Epochs);
                w.WriteNumber("steps", m.Steps);
                w.WriteString("file", $"runs/{o.Run.FileName}");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void Number(Utf8JsonWriter w, string property, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(property, Math.Round(value, 6));
        else w.WriteNull(property);
    }

    private static string R(double value) => double.IsFinite(value) ? Math.Round(value, 6).ToString("R", CultureInfo.InvariantCulture) : "";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
