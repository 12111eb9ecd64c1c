namespace Warpscope.Core.Diagnostics;

/// <summary>Rank and determinant of a small dense matrix by Gaussian elimination in double precision.</summary>
internal static class Matrices
{
    /// <summary>Rank with full pivoting: pivots below 1e-6 of the largest entry count as zero (the weights are floats).</summary>
    public static int Rank(double[,] matrix)
    {
        var a = (double[,])matrix.Clone();
        int rows = a.GetLength(0), cols = a.GetLength(1);
        var largest = 0.0;
        foreach (var v in a) largest = Math.Max(largest, Math.Abs(v));
        if (largest == 0) return 0;
        var tolerance = 1e-6 * largest;
        var rank = 0;
        for (; rank < Math.Min(rows, cols); rank++)
        {
            var (pr, pc, best) = (rank, rank, 0.0);
            for (var r = rank; r < rows; r++)
                for (var c = rank; c < cols; c++)
                    if (Math.Abs(a[r, c]) > best) (pr, pc, best) = (r, c, Math.Abs(a[r, c]));
            if (best <= tolerance) break;
            SwapRows(a, rank, pr);
            SwapColumns(a, rank, pc);
            for (var r = rank + 1; r < rows; r++)
            {
                var f = a[r, rank] / a[rank, rank];
                for (var c = rank; c < cols; c++) a[r, c] -= f * a[rank, c];
            }
        }
        return rank;
    }

    /// <summary>det of a square matrix, with partial pivoting.</summary>
    public static double Determinant(double[,] matrix)
    {
        var a = (double[,])matrix.Clone();
        var n = a.GetLength(0);
        if (n != a.GetLength(1)) throw new ArgumentException("not square", nameof(matrix));
        var det = 1.0;
        for (var k = 0; k < n; k++)
        {
            var p = k;
            for (var r = k + 1; r < n; r++) if (Math.Abs(a[r, k]) > Math.Abs(a[p, k])) p = r;
            if (a[p, k] == 0) return 0;
            if (p != k)
            {
                SwapRows(a, k, p);
                det = -det;
            }
            det *= a[k, k];
            for (var r = k + 1; r < n; r++)
            {
                var f = a[r, k] / a[k, k];
                for (var c = k; c < n; c++) a[r, c] -= f * a[k, c];
            }
        }
        return det;
    }

    private static void SwapRows(double[,] a, int i, int j)
    {
        if (i == j) return;
        for (var c = 0; c < a.GetLength(1); c++) (a[i, c], a[j, c]) = (a[j, c], a[i, c]);
    }

    private static void SwapColumns(double[,] a, int i, int j)
    {
        if (i == j) return;
        for (var r = 0; r < a.GetLength(0); r++) (a[r, i], a[r, j]) = (a[r, j], a[r, i]);
    }
}
