using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Scenes;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Tests.Scenes;

/// <summary>One morph, one view: the staged morph ends exactly where the static view of the last layer stands (issue 12).</summary>
public class MorphEndTests
{
    private static TrainingSession Trained(string data, int[] hidden)
    {
        var run = new TrainingSession(new TrainingJob(new DatasetSpec(data, 300, 0.1), NetworkSpec.Uniform(hidden, Activation.Tanh),
            new TrainingConfig(OptimizerKind.Adam, 0.03, 32, 200), 1));
        run.Run();
        return run;
    }

    [Fact]
    public void UnitsChosenForAWideLayer_DoNotBreakTheMorphOfANarrowerLastLayer()
    {
        // The playground passes the view's options, made for layer 1 (8 units: units 7, 0, 3), to the morph.
        var run = Trained("xor", [8, 2]);
        var options = new ViewOptions { Layer = 1, Units = [7, 0, 3], CarriedCells = 8 };
        var morph = new MorphSequence(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain, options);
        Assert.Equal("unit 0", morph.At(morph.Layers).XLabel);
        Assert.NotEmpty(morph.At(0.5).Points);
    }

    [Theory]
    [InlineData("moons", new[] { 4, 2 })]   // PCA of 4 units inside the morph, the last layer's units at the end
    [InlineData("rings", new[] { 3 })]      // 3-D all along: the end keeps the separating plane
    [InlineData("spiral", new[] { 8, 8, 2 })]
    public void MorphEnd_IsTheStaticView_AndApproachesItContinuously(string data, int[] hidden)
    {
        var run = Trained(data, hidden);
        var options = new ViewOptions { FieldResolution = 200, CarriedCells = 24 };
        var morph = new MorphSequence(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain, options);
        var still = SceneFactory.Hidden(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain, options with { Layer = hidden.Length });

        var end = morph.At(morph.Layers);
        Assert.Equal(still.Window, end.Window);
        Assert.Equal(still.XLabel, end.XLabel);
        Assert.Equal(still.Points.Select(p => p.Position), end.Points.Select(p => p.Position));
        Assert.Equal(still.Lines.Count(l => l.Kind == LineKind.Separator), end.Lines.Count(l => l.Kind == LineKind.Separator));
        Assert.True(end.Lines.Any(l => l.Kind == LineKind.Separator) || hidden[^1] > 3, "the end shows the output layer's separator");

        // Just before the end every point is within 1 % of the window of where the static view draws it.
        var near = morph.At(morph.Layers - 1e-4);
        var tolerance = 0.01f * still.Window.Width;
        var byIndex = still.Points.ToDictionary(p => p.Index, p => p.Position);
        Assert.All(near.Points, p => Assert.True(System.Numerics.Vector2.Distance(p.Position, byIndex[p.Index]) < tolerance,
            $"point {p.Index} at {p.Position}, static view {byIndex[p.Index]}"));
        Assert.InRange(near.Window.Width / still.Window.Width, 0.98, 1.02);
    }
}
