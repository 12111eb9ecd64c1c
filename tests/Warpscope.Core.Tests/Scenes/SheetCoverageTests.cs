using System.Numerics;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Tests.Scenes;

/// <summary>The sheet's coverage of a lattice (what the page draws of a sheet's field) against a brute-force test of every sample in every triangle.</summary>
public class SheetCoverageTests
{
    [Theory]
    [InlineData(3, 128)] // the last layer, 2 units: clipped pieces and fans
    [InlineData(2, 96)]  // 16 units by PCA: a folded sheet
    public void Coverage_IsEverySampleCentreInsideSomeTriangle(int layer, int side)
    {
        var run = new TrainingSession(new TrainingJob(new DatasetSpec("spiral", 600, 0.1), NetworkSpec.Uniform([16, 16, 2], Activation.Tanh),
            new TrainingConfig(OptimizerKind.Adam, 0.01, 32, 150), 1));
        run.Run();
        var scene = SceneFactory.Hidden(run.Network, run.Dataset.ClassNames, run.Dataset, run.Dataset.Domain, new ViewOptions { Layer = layer, FieldResolution = side, CarriedCells = 32 });
        var sheet = scene.Sheet!;
        var lattice = Lattice.Square(scene.Window, side);
        var covered = SheetAudit.Coverage(sheet, lattice);

        var inside = new bool[lattice.Count];
        var onEdge = new bool[lattice.Count];
        var scale = new Vector2(side / scene.Window.Width, side / scene.Window.Height);
        var origin = new Vector2(scene.Window.XMin, scene.Window.YMin);
        for (var c = 0; c < sheet.CellCount; c++)
        {
            for (var k = 0; k < sheet.TriangleCount(c); k++)
            {
                var (ia, ib, ic) = sheet.Triangle(c, k);
                Vector2 a = (sheet.Points[ia] - origin) * scale, b = (sheet.Points[ib] - origin) * scale, d = (sheet.Points[ic] - origin) * scale;
                var area = Cross(b - a, d - a);
                if (MathF.Abs(area) < 1e-9f) continue;
                // Every sample within a sample of the triangle's bounds: the test, not the scan, decides which are inside.
                var min = Vector2.Min(a, Vector2.Min(b, d));
                var max = Vector2.Max(a, Vector2.Max(b, d));
                for (var r = Math.Max(0, (int)min.Y - 1); r <= Math.Min(side - 1, (int)max.Y + 1); r++)
                {
                    for (var col = Math.Max(0, (int)min.X - 1); col <= Math.Min(side - 1, (int)max.X + 1); col++)
                    {
                        var p = new Vector2(col + 0.5f, r + 0.5f);
                        float wa = Cross(b - p, d - p) / area, wb = Cross(d - p, a - p) / area, wc = 1 - wa - wb;
                        var least = MathF.Min(wa, MathF.Min(wb, wc));
                        if (least >= 1e-4f) inside[r * side + col] = true;
                        else if (least > -1e-4f) onEdge[r * side + col] = true;
                    }
                }
            }
        }
        var differ = Enumerable.Range(0, lattice.Count).Count(i => covered[i] != inside[i] && !onEdge[i]);
        Assert.Equal(0, differ);
        Assert.InRange(covered.Count(c => c), lattice.Count / 10, lattice.Count - 1); // not vacuous: part of the window, not all
    }

    private static float Cross(Vector2 u, Vector2 v) => u.X * v.Y - u.Y * v.X;
}
