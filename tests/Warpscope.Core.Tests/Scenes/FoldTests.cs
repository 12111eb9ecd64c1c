using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;

namespace Warpscope.Core.Tests.Scenes;

/// <summary>Folds drawn (issue 12): where the sheet folds over itself, the fold is a line of the view.</summary>
public class FoldTests
{
    private static readonly PlaneRect Box = PlaneRect.Square(2);

    [Fact]
    public void AbsoluteValueMap_FoldsAlongTheImageOfXEqualsZero()
    {
        // Layer 1 (ReLU): relu(x), relu(−x), relu(y), relu(−y); layer 2 (linear): (|x|, y). The plane folds at x = 0.
        var network = Network.Create(new NetworkSpec([4, 2], [Activation.Relu, Activation.Linear], NetworkSpec.PlainFeatures, 2), 1);
        float[] w1 = [1, 0, -1, 0, 0, 1, 0, -1];
        float[] w2 = [1, 1, 0, 0, 0, 0, 1, -1];
        w1.CopyTo(network.Weights(0));
        w2.CopyTo(network.Weights(1));
        network.Biases(0).Clear();
        network.Biases(1).Clear();
        var scene = SceneFactory.Hidden(network, ["a", "b"], null, Box, new ViewOptions { Layer = 2, CarriedCells = 16, ShowGrid = false });
        var folds = scene.Lines.Where(l => l.Kind == LineKind.Fold).SelectMany(l => l.Points).ToArray();
        Assert.NotEmpty(folds);
        Assert.All(folds, p => Assert.InRange(p.X, -0.05f, 0.05f));
        Assert.True(folds.Max(p => p.Y) - folds.Min(p => p.Y) > 3, "the fold runs the height of the rectangle");
    }

    [Fact]
    public void TanhLayerAsWideAsItsInput_NeverFolds()
    {
        var data = DatasetFactory.Create(new DatasetSpec("spiral", 200, 0.1));
        var network = Network.Create(NetworkSpec.Uniform([2, 2], Activation.Tanh), 4);
        var pass = new ForwardPass(network);
        for (var layer = 1; layer <= 2; layer++)
            Assert.Empty(FoldLines.Build(pass, layer, data.Domain, LayerStage.Activations, p => p));
    }
}
