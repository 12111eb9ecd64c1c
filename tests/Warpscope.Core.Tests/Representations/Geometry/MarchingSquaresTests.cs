using System.Diagnostics;
using System.Numerics;
using Warpscope.Core.Datasets;
using Warpscope.Core.Representations.Geometry;
using Xunit.Abstractions;

namespace Warpscope.Core.Tests.Representations.Geometry;

public class MarchingSquaresTests(ITestOutputHelper output)
{
    private static readonly PlaneRect Square2 = PlaneRect.Square(2);

    /// <summary>f at every lattice point, [rows][columns], row 0 at YMin.</summary>
    private static float[] Sample(Func<float, float, float> f, int columns, int rows, PlaneRect rect)
    {
        var values = new float[columns * rows];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                values[r * columns + c] = f(rect.XMin + c * rect.Width / (columns - 1), rect.YMin + r * rect.Height / (rows - 1));
            }
        }
        return values;
    }

    /// <summary>Signed shoelace area: positive for a counter-clockwise loop.</summary>
    private static double Area(Vector2[] loop)
    {
        var sum = 0.0;
        for (var i = 0; i + 1 < loop.Length; i++) sum += (double)loop[i].X * loop[i + 1].Y - (double)loop[i + 1].X * loop[i].Y;
        return sum / 2;
    }

    private static bool OnBorder(Vector2 p, PlaneRect rect) =>
        Math.Abs(p.X - rect.XMin) < 1e-5 || Math.Abs(p.X - rect.XMax) < 1e-5 || Math.Abs(p.Y - rect.YMin) < 1e-5 || Math.Abs(p.Y - rect.YMax) < 1e-5;

    [Fact]
    public void Circle_GivesOneClosedClockwiseLoopOnTheRadiusEnclosingPiRSquared()
    {
        const float radius = 1.2f;
        var values = Sample((x, y) => x * x + y * y, 101, 101, Square2);
        var contours = MarchingSquares.Contours(values, 101, 101, Square2, radius * radius);

        var loop = Assert.Single(contours);
        Assert.Equal(loop[0], loop[^1]);
        // Linear interpolation of a quadratic along an edge of length h errs by at most about h²/(8r).
        Assert.All(loop, p => Assert.InRange(p.Length(), radius - 2e-3f, radius + 2e-3f));
        // x² + y² rises outward, and the above region stays on the left: the loop runs clockwise.
        Assert.Equal(-Math.PI * radius * radius, Area(loop), Math.PI * radius * radius * 2e-3);
    }

    [Theory]
    [InlineData(20, 4)] // cells 0–7 and 8–15 in blocks of eight, 16–18 one by one
    [InlineData(9, 3)] // one block, no rest
    [InlineData(5, 5)] // no block
    public void SingleRaisedSample_AnywhereInTheLattice_GivesOneContourAroundIt(int columns, int rows)
    {
        // The crossed cells are found eight at a time: a crossing at any position in a block, or after the last, must not be missed.
        var rect = new PlaneRect(0, columns - 1, 0, rows - 1);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var values = new float[columns * rows];
                values[r * columns + c] = 1;
                values[(r + rows / 2) % rows * columns + (c + 3) % columns] = float.NaN; // NaNs elsewhere change nothing
                var contour = Assert.Single(MarchingSquares.Contours(values, columns, rows, rect, 0.5f));
                Assert.All(contour, p => Assert.Equal(0.5f, Math.Abs(p.X - c) + Math.Abs(p.Y - r), 1e-5f));
                // A loop of four segments inside; two segments on an edge of the lattice; one in a corner.
                bool rowEdge = r == 0 || r == rows - 1, columnEdge = c == 0 || c == columns - 1;
                Assert.Equal(rowEdge && columnEdge ? 2 : rowEdge || columnEdge ? 3 : 5, contour.Length);
            }
        }
    }

    [Fact]
    public void Peak_GivesACounterClockwiseLoop()
    {
        var values = Sample((x, y) => -(x * x + y * y), 41, 41, Square2);
        var loop = Assert.Single(MarchingSquares.Contours(values, 41, 41, Square2, -1));
        Assert.True(Area(loop) > 3.0, $"area {Area(loop)}");
    }

    [Fact]
    public void LinearField_GivesOneOpenPolylineOnTheExactLine_EndingOnTheBorder()
    {
        // f = 2x − 3y + 0.5 on a non-square lattice: linear along every edge, so interpolation is exact.
        var rect = new PlaneRect(-1, 2, -1.5f, 1);
        var values = Sample((x, y) => 2 * x - 3 * y + 0.5f, 33, 21, rect);
        var line = Assert.Single(MarchingSquares.Contours(values, 33, 21, rect, 0));

        Assert.NotEqual(line[0], line[^1]);
        Assert.All(line, p => Assert.Equal(0, 2 * p.X - 3 * p.Y + 0.5f, 1e-5f));
        Assert.True(OnBorder(line[0], rect) && OnBorder(line[^1], rect));
        Assert.All(line.Skip(1).SkipLast(1), p => Assert.False(OnBorder(p, rect)));
        // The rising side (gradient (2, −3)) lies to the left of the direction of travel.
        var d = line[^1] - line[0];
        Assert.True(Vector2.Dot(new Vector2(-d.Y, d.X), new Vector2(2, -3)) > 0);
    }

    [Fact]
    public void TwoBlobs_GiveTwoLoops_TheLowerOneFirstInScanOrder()
    {
        static float Blob(float x, float y, float cx, float cy) => MathF.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 0.25f);
        var values = Sample((x, y) => Blob(x, y, 0.6f, -0.9f) + Blob(x, y, -0.7f, 1.0f), 81, 81, Square2);
        var contours = MarchingSquares.Contours(values, 81, 81, Square2, 0.5f);

        Assert.Equal(2, contours.Count);
        Assert.All(contours, loop => Assert.Equal(loop[0], loop[^1]));
        Assert.All(contours, loop => Assert.True(Area(loop) > 0, "a peak's loop runs counter-clockwise"));
        var lower = contours[0].Aggregate(Vector2.Zero, (s, p) => s + p) / contours[0].Length;
        var upper = contours[1].Aggregate(Vector2.Zero, (s, p) => s + p) / contours[1].Length;
        Assert.Equal(0.6f, lower.X, 0.05f);
        Assert.Equal(-0.9f, lower.Y, 0.05f);
        Assert.Equal(-0.7f, upper.X, 0.05f);
        Assert.Equal(1.0f, upper.Y, 0.05f);
    }

    [Fact]
    public void Saddle_CentreAbove_JoinsTheAboveCornersAndCutsOffTheBelowOnes()
    {
        // One cell, f = xy + 0.1: corners (−1,−1) and (1,1) above 0, the others below; centre 0.1 is above.
        // f is linear along each side, so the crossings are exact: xy = −0.1 on the border.
        var rect = PlaneRect.Square(1);
        var contours = MarchingSquares.Contours(Sample((x, y) => x * y + 0.1f, 2, 2, rect), 2, 2, rect, 0);

        Assert.Equal(2, contours.Count);
        AssertPolyline([new(0.1f, -1), new(1, -0.1f)], contours[0]);   // cuts off the bottom-right corner
        AssertPolyline([new(-0.1f, 1), new(-1, 0.1f)], contours[1]);   // cuts off the top-left corner
    }

    [Fact]
    public void Saddle_CentreBelow_CutsOffEachAboveCorner()
    {
        var rect = PlaneRect.Square(1);
        var contours = MarchingSquares.Contours(Sample((x, y) => x * y - 0.1f, 2, 2, rect), 2, 2, rect, 0);

        Assert.Equal(2, contours.Count);
        AssertPolyline([new(-0.1f, -1), new(-1, -0.1f)], contours[0]); // isolates the bottom-left corner
        AssertPolyline([new(0.1f, 1), new(1, 0.1f)], contours[1]);     // isolates the top-right corner
    }

    [Fact]
    public void Saddle_OnALargerLattice_MatchesTheBilinearTopology()
    {
        // f = xy + 0.001 sampled so that the origin is a cell centre: corners at xy = ±0.0028 make that cell a
        // saddle whose centre (0.001) is above. The level set xy = −0.001 is two hyperbola branches, in the second and fourth quadrants, each one
        // open polyline from border to border; a wrong saddle choice would join them across the centre.
        var rect = PlaneRect.Square(1);
        var contours = MarchingSquares.Contours(Sample((x, y) => x * y + 0.001f, 20, 20, rect), 20, 20, rect, 0);

        Assert.Equal(2, contours.Count);
        Assert.All(contours, line => Assert.True(OnBorder(line[0], rect) && OnBorder(line[^1], rect)));
        Assert.All(contours.SelectMany(l => l), p => Assert.True(p.X * p.Y < 0));
    }

    [Theory]
    [InlineData(-0.5f)]
    [InlineData(8.5f)]
    public void LevelOutsideTheRange_GivesNothing(float level)
    {
        var values = Sample((x, y) => x * x + y * y, 30, 30, Square2);
        Assert.Empty(MarchingSquares.Contours(values, 30, 30, Square2, level));
    }

    [Fact]
    public void ConstantField_GivesNothing_EvenAtItsOwnValue()
    {
        var values = Enumerable.Repeat(0.5f, 100).ToArray();
        Assert.Empty(MarchingSquares.Contours(values, 10, 10, Square2, 0.5f));
    }

    [Fact]
    public void NaNCells_CarryNoContour_AndOpenTheLoopThere()
    {
        var values = Sample((x, y) => x * x + y * y, 101, 101, Square2);
        for (var r = 60; r < 101; r++) values[r * 101 + 50] = float.NaN; // a slit through the top of the circle

        var line = Assert.Single(MarchingSquares.Contours(values, 101, 101, Square2, 1));
        Assert.NotEqual(line[0], line[^1]);
        Assert.All(line, p => Assert.True(MathF.Abs(p.X) >= 0.04f - 1e-5f || p.Y < 0));
    }

    [Fact]
    public void Output_IsDeterministic()
    {
        var values = Sample((x, y) => MathF.Sin(3 * x) * MathF.Cos(2 * y), 64, 48, Square2);
        var a = MarchingSquares.Contours(values, 64, 48, Square2, 0.3f);
        var b = MarchingSquares.Contours(values, 64, 48, Square2, 0.3f);
        Assert.True(a.Count > 2);
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++) Assert.Equal(a[i], b[i]);
    }

    [Fact]
    public void TwoClassBoundary_IsTheHalfLevelOfP1()
    {
        // p₁ = σ(2x − y): p₁ = 0.5 exactly on 2x − y = 0. σ is not linear along an edge, so allow interpolation error.
        var values = Sample((x, y) => 1 / (1 + MathF.Exp(-(2 * x - y))), 41, 41, Square2);
        var line = Assert.Single(MarchingSquares.Contours(values, 41, 41, Square2, 0.5f));
        Assert.All(line, p => Assert.Equal(0, 2 * p.X - p.Y, 1e-3f));
    }

    [Fact]
    public void KClassBoundary_IsTheZeroContourOfEachClassMargin()
    {
        // Three classes with logits x, −x, 2y: softmax p; class k's margin mₖ = pₖ − max_{j≠k} pⱼ.
        const int n = 61;
        var p = new float[3][];
        for (var k = 0; k < 3; k++) p[k] = new float[n * n];
        var logits = new Func<float, float, float>[] { (x, _) => x, (x, _) => -x, (_, y) => 2 * y };
        for (var k = 0; k < 3; k++)
        {
            var k1 = k;
            p[k] = Sample((x, y) =>
            {
                var z = logits.Select(l => MathF.Exp(l(x, y))).ToArray();
                return z[k1] / z.Sum();
            }, n, n, Square2);
        }
        for (var k = 0; k < 3; k++)
        {
            var margin = new float[n * n];
            for (var i = 0; i < margin.Length; i++) margin[i] = p[k][i] - Enumerable.Range(0, 3).Where(j => j != k).Max(j => p[j][i]);
            var contours = MarchingSquares.Contours(margin, n, n, Square2, 0);
            Assert.NotEmpty(contours);
            // On the boundary class k ties with its strongest rival: logit k equals the largest other logit.
            foreach (var point in contours.SelectMany(c => c))
            {
                var l = logits.Select(f => f(point.X, point.Y)).ToArray();
                var rival = Enumerable.Range(0, 3).Where(j => j != k).Max(j => l[j]);
                Assert.Equal(rival, l[k], 0.03f);
            }
        }
    }

    [Fact]
    public void WrongSizes_NameTheArgument()
    {
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => MarchingSquares.Contours(new float[5], 2, 2, Square2, 0)).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentOutOfRangeException>(() => MarchingSquares.Contours(new float[2], 1, 2, Square2, 0)).ParamName);
    }

    [Fact]
    public void Lattice512_Speed()
    {
        // Reported, not asserted: timings on a shared machine are noise. The minimum over runs is the cost.
        const int n = 512;
        var values = Sample((x, y) => MathF.Sin(4 * x) * MathF.Cos(3 * y) + 0.3f * x * y, n, n, Square2);
        var times = new List<double>();
        var count = 0;
        for (var i = 0; i < 40; i++)
        {
            var watch = Stopwatch.StartNew();
            count = MarchingSquares.Contours(values, n, n, Square2, 0.1f).Count;
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        output.WriteLine($"512×512 marching squares, {count} polylines: min {times[0]:F2} ms, median {times[20]:F2} ms");
        Assert.True(count > 0);
    }

    private static void AssertPolyline(Vector2[] expected, Vector2[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].X, actual[i].X, 1e-5f);
            Assert.Equal(expected[i].Y, actual[i].Y, 1e-5f);
        }
    }
}
