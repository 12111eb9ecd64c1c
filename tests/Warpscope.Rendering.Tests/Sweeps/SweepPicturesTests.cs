using SkiaSharp;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Sweeps;
using Warpscope.Core.Training;
using Warpscope.Rendering.Sweeps;

namespace Warpscope.Rendering.Tests.Sweeps;

/// <summary>Issue 17: the sweep's heatmap colours each cell by its median, the same results give the same bytes.</summary>
public class SweepPicturesTests
{
    // SweepPictures' layout: cells start 70 px from the left and 64 from the top, 104 × 72 px each.
    private static SKColor CellCorner(SKBitmap bitmap, int row, int column) => bitmap.GetPixel(70 + 104 * column + 4, 64 + 72 * row + 4);

    private static SweepResults Results(params double[][] accuracies)
    {
        var plan = new SweepPlan(new DatasetSpec("rings", 100), [1, 2], [2, 3], accuracies[0].Length, new TrainingConfig());
        var i = 0;
        var outcomes = plan.Runs.Select(r =>
        {
            var network = Network.Create(plan.Network(r, 2), r.Seed);
            var accuracy = accuracies[i / plan.Seeds][i++ % plan.Seeds];
            return new SweepOutcome(r, new TrainedModel(network, ["0", "1"], Metrics: new ModelMetrics(1, accuracy, 0.1, 10, 10)));
        });
        return new SweepResults(plan, [.. outcomes]);
    }

    [Fact]
    public void TheHeatmap_IsDarkestAt100Percent_AndWhiteAtChance_ByTheMedianOfTheSeeds()
    {
        // Cells in order (depth 1: width 2, 3; depth 2: width 2, 3); the medians are 1, 0.5, 0.75 and 1
        // (one bad seed of three does not move a median).
        var results = Results([1, 1, 0.6], [0.5, 0.5, 0.9], [0.75, 0.7, 0.8], [0.5, 1, 1]);
        Assert.Equal([1, 0.5, 0.75, 1], results.Cells.Select(c => c.Median));
        Assert.Equal(0.5, results.Cell(2, 3).Min);
        Assert.Equal(2, results.Cell(1, 3).Typical.Run.Seed); // the middle of (0.5, seed 1), (0.5, seed 2), (0.9, seed 3)
        using var pictures = new SweepPictures();
        var png = pictures.Heatmap(results);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(new SKColor(0x08, 0x30, 0x6B), CellCorner(bitmap, 0, 0));
        Assert.Equal(new SKColor(0xF7, 0xFB, 0xFF), CellCorner(bitmap, 0, 1));
        var middle = CellCorner(bitmap, 1, 0);
        Assert.Equal((0xF7 + 0x08) / 2.0, middle.Red, 1.0);
        Assert.Equal(new SKColor(0x08, 0x30, 0x6B), CellCorner(bitmap, 1, 1));
        Assert.Equal(png, pictures.Heatmap(Results([1, 1, 0.6], [0.5, 0.5, 0.9], [0.75, 0.7, 0.8], [0.5, 1, 1])));
    }

    /// <summary>A sweep of regression networks whose runs reached the given test R² (per cell, per seed).</summary>
    private static SweepResults RegressionResults(params double[][] r2)
    {
        var plan = new SweepPlan(new DatasetSpec("multigauss", 100), [1, 2], [2, 3], r2[0].Length, new TrainingConfig());
        var i = 0;
        var outcomes = plan.Runs.Select(r =>
        {
            var network = Network.Create(plan.Network(r, 1, LearningTask.Regression), r.Seed);
            var score = r2[i / plan.Seeds][i++ % plan.Seeds];
            return new SweepOutcome(r, new TrainedModel(network, ["value"], Metrics: new ModelMetrics(double.NaN, double.NaN, 0.1, 10, 10) { TestRSquared = score, TrainRSquared = 1 }));
        });
        return new SweepResults(plan, [.. outcomes]);
    }

    [Fact]
    public void RegressionHeatmap_IsDarkestAtRSquaredOne_WhiteAtZeroOrBelow_AndKeepsItsTitleWhole()
    {
        // Medians: 1, 0 (a fit no better than the mean), 0.5 and −0.3 (worse than the mean: as light as 0).
        var results = RegressionResults([1, 0.9, 1], [0, -2, 0.4], [0.5, 0.4, 0.6], [-0.3, -0.5, 0.1]);
        Assert.True(results.Regression);
        Assert.Equal("R²", results.ScoreName);
        Assert.Equal([1, 0, 0.5, -0.3], results.Cells.Select(c => c.Median));
        Assert.StartsWith("depth,width,seed,parameters,train_mse,test_mse,train_r2,test_r2,", results.Csv());
        using var pictures = new SweepPictures();
        using var bitmap = SKBitmap.Decode(pictures.Heatmap(results));
        Assert.Equal(new SKColor(0x08, 0x30, 0x6B), CellCorner(bitmap, 0, 0));
        Assert.Equal(new SKColor(0xF7, 0xFB, 0xFF), CellCorner(bitmap, 0, 1));
        Assert.Equal((0xF7 + 0x08) / 2.0, CellCorner(bitmap, 1, 0).Red, 1.0);
        Assert.Equal(new SKColor(0xF7, 0xFB, 0xFF), CellCorner(bitmap, 1, 1));
        // "multigauss: median test R² of 3 seeds (min–max)" is wider than two cells: the picture widens to hold it,
        // so the title's ink ends short of the right edge.
        var inked = Enumerable.Range(0, bitmap.Width).Where(x => Enumerable.Range(6, 20).Any(y => bitmap.GetPixel(x, y).Red < 128)).Max();
        Assert.InRange(inked, 0, bitmap.Width - 8);
    }
}
