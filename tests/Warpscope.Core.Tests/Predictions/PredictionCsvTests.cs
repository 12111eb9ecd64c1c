using System.Globalization;
using System.Text;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Predictions;
using Warpscope.Core.Tests.Datasets;

namespace Warpscope.Core.Tests.Predictions;

public class PredictionCsvTests
{
    private static readonly Activation[] EveryActivation =
        [Activation.Tanh, Activation.Relu, Activation.LeakyRelu, Activation.Sigmoid, Activation.Softplus, Activation.Sine, Activation.Linear];

    private static readonly Network Net = Network.Create(new NetworkSpec([.. EveryActivation.Select(_ => 5)], EveryActivation, NetworkSpec.PlainFeatures, 3), seed: 7);

    private static readonly string[] Classes = ["red", "green, light", "blue"];

    /// <summary>n seeded rows "x,y,truth" under a header, x and y in [−4, 4].</summary>
    private static (string Csv, double[] X, double[] Y) Rows(int n, bool header = true)
    {
        var random = new Random(16);
        var text = new StringBuilder(header ? "px,py,truth\r\n" : "");
        var xs = new double[n];
        var ys = new double[n];
        for (var i = 0; i < n; i++)
        {
            xs[i] = (float)(8 * random.NextDouble() - 4);
            ys[i] = (float)(8 * random.NextDouble() - 4);
            text.Append(CultureInfo.InvariantCulture, $"{(float)xs[i]:R},{(float)ys[i]:R},t{i % 3}\r\n");
        }
        return (text.ToString(), xs, ys);
    }

    private static string[] Predict(string csv, int? layer = null)
    {
        var output = new StringWriter();
        PredictionCsv.Write(Net, Classes, new MemoryStream(Encoding.UTF8.GetBytes(csv)), "points.csv", output, layer);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void EveryActivation_ProbabilitiesAndClass_MatchTheReferencePassOn5000Rows()
    {
        const int n = 5000;
        var (csv, xs, ys) = Rows(n);

        var lines = Predict(csv);

        Assert.Equal("px,py,truth,p(red),\"p(green, light)\",p(blue),predicted", lines[0]);
        Assert.Equal(n + 1, lines.Length);
        var input = csv.Split("\r\n");
        double worst = 0;
        var decided = 0;
        for (var i = 0; i < n; i++)
        {
            var fields = lines[i + 1].Split(',');
            var expected = ReferenceMlp.Forward(Net.Layers, Net.Spec.Features, [.. Net.Parameters.Select(p => (double)p)], xs[i], ys[i]).A[^1];
            // The input row as written, then three probabilities, then the class (quoted when it holds a comma).
            Assert.StartsWith(input[i + 1] + ",", lines[i + 1]);
            for (var c = 0; c < 3; c++) worst = Math.Max(worst, Math.Abs(float.Parse(fields[3 + c], CultureInfo.InvariantCulture) - expected[c]));
            var sorted = expected.Order().ToArray();
            if (sorted[2] - sorted[1] < 1e-5) continue; // a near tie may go either way in float
            decided++;
            var best = Array.IndexOf(expected, expected.Max());
            Assert.EndsWith("," + (best == 1 ? "\"green, light\"" : Classes[best]), lines[i + 1]);
        }
        Assert.InRange(worst, 0, 1e-5);
        Assert.True(decided > n - 10, $"{decided} of {n} rows decided");
    }

    [Fact]
    public void Layer3_WritesItsActivations_MatchingTheReferencePass()
    {
        var (csv, xs, ys) = Rows(500);

        var lines = Predict(csv, layer: 3);

        Assert.Equal("px,py,truth,layer3_unit1,layer3_unit2,layer3_unit3,layer3_unit4,layer3_unit5", lines[0]);
        for (var i = 0; i < 500; i++)
        {
            var expected = ReferenceMlp.Forward(Net.Layers, Net.Spec.Features, [.. Net.Parameters.Select(p => (double)p)], xs[i], ys[i]).A[2];
            var values = lines[i + 1].Split(',').Skip(3).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(5, values.Length);
            for (var j = 0; j < 5; j++) Assert.InRange(values[j] - expected[j], -1e-5, 1e-5);
        }
    }

    [Fact]
    public void NoHeader_NamesTheColumnsXYAndByPosition()
    {
        var lines = Predict(Rows(3, header: false).Csv);

        Assert.Equal("x,y,column3,p(red),\"p(green, light)\",p(blue),predicted", lines[0]);
        Assert.Equal(4, lines.Length);
    }

    [Theory]
    [InlineData("x,y\n1,2\n1,abc\n", "points.csv:3: y 'abc' is not a number")]
    [InlineData("x,y\n1,2\n1,2,3\n", "points.csv:3: expected 2 fields as in the first row, found 3")]
    [InlineData("1\n", "points.csv:1: expected at least 2 fields (x,y,…), found 1")]
    [InlineData("\n\n", "points.csv: no rows")]
    public void BadInput_IsRefusedNamingTheLine(string csv, string expected)
    {
        var e = Assert.Throws<UserInputException>(() => Predict(csv));
        Assert.Equal(expected, e.Message);
    }
}

[Collection(CsvMemoryCollection.Name)]
public class PredictionCsvMemoryTests(Xunit.Abstractions.ITestOutputHelper log)
{
    [Fact]
    public void AMillionRows_StreamThrough_InBoundedMemory()
    {
        var network = Network.Create(NetworkSpec.Uniform([16, 16], Activation.Tanh), seed: 3);
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var input = new GeneratedRows(1_000_000, () => GC.GetTotalMemory(forceFullCollection: true) - baseline);
        var output = new CountingWriter();

        var rows = PredictionCsv.Write(network, ["a", "b"], input, "million.csv", output);

        log.WriteLine($"predict: 10^6 rows streamed with at most {input.PeakLiveBytes / 1024} KiB live above the start");
        Assert.Equal(1_000_000, rows);
        Assert.True(output.Lines == 1_000_001, $"{output.Lines} lines written");
        // The file is ~20 MB in and ~50 MB out; holding either would keep far more than a few blocks' worth.
        Assert.True(input.PeakLiveBytes < 8 << 20, $"{input.PeakLiveBytes} bytes live at most while streaming");
    }

    /// <summary>"x,y" rows made as they are read, sampling the live heap every 100 000 rows.</summary>
    private sealed class GeneratedRows(int rows, Func<long> live) : Stream
    {
        private byte[] _pending = [];
        private int _offset;
        private int _row;

        public long PeakLiveBytes { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                if (_row == rows) return 0;
                var text = new StringBuilder();
                for (var i = 0; i < 1000 && _row < rows; i++, _row++) text.Append(CultureInfo.InvariantCulture, $"{_row % 1000 * 0.01 - 5},{_row % 997 * 0.01 - 5}\n");
                if (_row % 100_000 == 0) PeakLiveBytes = Math.Max(PeakLiveBytes, live());
                _pending = Encoding.UTF8.GetBytes(text.ToString());
                _offset = 0;
            }
            var n = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class CountingWriter : TextWriter
    {
        public long Lines { get; private set; }
        public override Encoding Encoding => Encoding.UTF8;
        public override void Write(char value)
        {
            if (value == '\n') Lines++;
        }

        public override void Write(string? value)
        {
            if (value is not null) foreach (var c in value) Write(c);
        }
    }
}
