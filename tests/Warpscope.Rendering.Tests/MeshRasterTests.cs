using SkiaSharp;

namespace Warpscope.Rendering.Tests;

/// <summary>The mesh rasteriser leaves no crack between triangles that share an edge (issue 12: white specks in the morph's first frame).</summary>
public class MeshRasterTests
{
    [Theory]
    [InlineData(0f)]       // edges through pixel centres: the case rounding used to drop from both sides
    [InlineData(0.25f)]
    [InlineData(1f / 3)]
    public void FansOfCellsWithEdgesThroughPixelCentres_CoverEveryPixelInside(float shift)
    {
        const int size = 64;
        // 7 × 7 cells of 8 px, each a fan of 4 triangles around its centre, corners on pixel centres (+ shift).
        var triangles = new List<SKPoint>();
        for (var cy = 0; cy < 7; cy++)
        for (var cx = 0; cx < 7; cx++)
        {
            var (x0, y0) = (4.5f + 8 * cx + shift, 4.5f + 8 * cy + shift);
            SKPoint[] ring = [new(x0, y0), new(x0 + 8, y0), new(x0 + 8, y0 + 8), new(x0, y0 + 8)];
            var centre = new SKPoint(x0 + 4, y0 + 4);
            for (var k = 0; k < 4; k++) triangles.AddRange([centre, ring[k], ring[(k + 1) % 4]]);
        }
        var mask = new bool[size * size];
        MeshRaster.Mask(mask, size, size, triangles.ToArray());
        var missing = new List<string>();
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            var (px, py) = (x + 0.5f, y + 0.5f);
            var inside = px > 4.5f + shift + 1e-3f && px < 60.5f + shift - 1e-3f && py > 4.5f + shift + 1e-3f && py < 60.5f + shift - 1e-3f;
            if (inside && !mask[y * size + x]) missing.Add($"({x}, {y})");
        }
        Assert.True(missing.Count == 0, $"pixels inside the mesh left unfilled: {string.Join(" ", missing.Take(10))}");
        // Nothing far outside is filled: the slack is a hair, not a pixel.
        Assert.False(mask[2 * size + 2]);
        Assert.False(mask[62 * size + 62]);
    }
}
