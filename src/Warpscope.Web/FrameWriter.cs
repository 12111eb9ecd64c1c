using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Warpscope.Core.Model;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;

namespace Warpscope.Web;

/// <summary>What a live frame says about training, ahead of its views.</summary>
public readonly record struct FrameHeader(
    uint Sequence, int Epoch, FrameFlags Flags, float TrainLoss, float TestLoss, float TrainAccuracy, float TestAccuracy,
    int TimelineLength, int TimelineIndex, int TimelineEpoch);

[Flags]
public enum FrameFlags
{
    None = 0,
    Playing = 1,
    Diverged = 2,
    Scrubbing = 4,
    Morph = 8,

    /// <summary>The network predicts a value (mean squared error): the frame's accuracies are R², its views coloured by value.</summary>
    Regression = 16,
}

/// <summary>What a view of a frame is: the input plane, a hidden layer, or the staged morph.</summary>
public enum FrameViewKind : byte
{
    Input = 0,
    Layer = 1,
    Morph = 2,
}

/// <summary>The network diagram a frame carries: each unit's thumbnail over the input plane, and the weights between the shown units.</summary>
public sealed record FrameDiagram(UnitMaps Maps, Network Network);

/// <summary>One view of a frame: its scene and what it shows.</summary>
public readonly record struct FrameView(FrameViewKind Kind, int Layer, Scene Scene);

/// <summary>
/// Writes a live frame in the binary layout of docs/web-protocol.md: a header, then each view's
/// window, labels, quantised field (winning class and its probability, one byte each), class regions,
/// the carried sheet (its cells, then the field that colours it), lines and points as float32 geometry.
/// </summary>
public static class FrameWriter
{
    public const uint Magic = 0x31465357; // "WSF1"

    /// <summary>The class byte of a sheet field's sample that the sheet does not cover.</summary>
    public const byte Uncovered = 0xFF;

    /// <summary>The frame as a new array (tests, exports); a live session writes into its own buffer instead.</summary>
    public static byte[] Write(FrameHeader header, IReadOnlyList<FrameView> views, FrameDiagram? diagram = null)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        Write(buffer, header, views, diagram);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Appends the frame to <paramref name="into"/>. A live session keeps one buffer and sends from it: a frame
    /// is about 110 KB, and a new array of it per frame (from the large object heap) cost collections under load.
    /// </summary>
    public static void Write(IBufferWriter<byte> into, FrameHeader header, IReadOnlyList<FrameView> views, FrameDiagram? diagram = null)
    {
        var w = new Output(into);
        w.U32(Magic);
        w.U32(header.Sequence);
        w.U32((uint)Math.Max(0, header.Epoch));
        w.U32((uint)header.Flags);
        w.F32(header.TrainLoss);
        w.F32(header.TestLoss);
        w.F32(header.TrainAccuracy);
        w.F32(header.TestAccuracy);
        w.U32((uint)header.TimelineLength);
        w.U32((uint)header.TimelineIndex);
        w.U32((uint)Math.Max(0, header.TimelineEpoch));
        w.U8((byte)views.Count);
        foreach (var view in views) WriteView(w, view);
        WriteDiagram(w, diagram);
    }

    /// <summary>
    /// The network diagram after the views: u8 present; then u8 side, u8 columns; each column u16 units,
    /// u8 shown, and per shown unit a label, f32 lo, f32 hi and side² bytes of its value quantised to
    /// lo..hi (row by row from the top); then between each pair of columns f32 scale and the shown
    /// weights [out][in] as signed bytes of w / scale · 127 (issue 14: 1 byte a cell, 1 a weight).
    /// </summary>
    private static void WriteDiagram(Output w, FrameDiagram? diagram)
    {
        if (diagram is not { Maps: var maps, Network: var network })
        {
            w.U8(0);
            return;
        }
        w.U8(1);
        w.U8((byte)maps.Side);
        w.U8((byte)maps.Columns.Count);
        for (var c = 0; c < maps.Columns.Count; c++)
        {
            var column = maps.Columns[c];
            w.U16((ushort)column.Units);
            w.U8((byte)column.Values.Length);
            for (var u = 0; u < column.Values.Length; u++)
            {
                w.String(c == 0 ? network.Spec.Features[u].ToName() : "");
                var values = column.Values[u];
                float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
                foreach (var v in values)
                {
                    if (!float.IsFinite(v)) continue;
                    lo = MathF.Min(lo, v);
                    hi = MathF.Max(hi, v);
                }
                if (lo > hi) (lo, hi) = (0, 0);
                w.F32(lo);
                w.F32(hi);
                var scale = hi > lo ? 255f / (hi - lo) : 0;
                var cells = w.Take(values.Length);
                for (var i = 0; i < values.Length; i++)
                    cells[i] = (byte)(float.IsFinite(values[i]) ? Math.Clamp((int)MathF.Round((values[i] - lo) * scale), 0, 255) : 0);
            }
        }
        for (var layer = 0; layer + 1 < maps.Columns.Count; layer++)
        {
            var inputs = maps.Columns[layer].Values.Length;
            var outputs = maps.Columns[layer + 1].Values.Length;
            var max = 0f;
            for (var o = 0; o < outputs; o++)
                for (var i = 0; i < inputs; i++) max = MathF.Max(max, MathF.Abs(network.Weight(layer, o, i)));
            w.F32(max);
            var weights = w.Take(outputs * inputs);
            for (var o = 0; o < outputs; o++)
                for (var i = 0; i < inputs; i++)
                    weights[o * inputs + i] = (byte)(sbyte)(max > 0 ? Math.Clamp((int)MathF.Round(network.Weight(layer, o, i) / max * 127), -127, 127) : 0);
        }
    }

    private static void WriteView(Output w, FrameView view)
    {
        var scene = view.Scene;
        w.U8((byte)view.Kind);
        w.U8((byte)view.Layer);
        w.U8((byte)scene.ClassNames.Count);
        var threeD = scene.Lines.Any(l => l.Kind == LineKind.Axis);
        var values = scene.Values;
        w.U8((byte)((scene.Axes ? 1 : 0) | (threeD ? 2 : 0) | (scene.CellColouring == CellColouring.Stretch ? 4 : 0) | (values is null ? 0 : 8)));
        w.F32(scene.Window.XMin);
        w.F32(scene.Window.XMax);
        w.F32(scene.Window.YMin);
        w.F32(scene.Window.YMax);
        w.String(scene.Title);
        w.String(scene.Subtitle);
        w.String(scene.XLabel);
        w.String(scene.YLabel);
        if (values is not null)
        {
            // A regression view's colour scale (ValueScale): the field is its two-class colour network's, the points' colours its levels.
            w.F32(values.Low);
            w.F32(values.High);
            w.String(scene.ValueName);
        }
        WriteField(w, scene.Field);

        w.U16((ushort)scene.Regions.Count);
        foreach (var region in scene.Regions)
        {
            w.U8((byte)region.Class);
            w.U16((ushort)region.Polygon.Length);
            w.Points(region.Polygon);
        }

        if (scene.Sheet is { } sheet && scene.SheetField is { } sheetField)
        {
            // The page needs no cells: the field, with the samples the sheet does not cover left out.
            WriteSheet(w, null);
            WriteField(w, sheetField, scene.SheetCoverage ?? SheetAudit.Coverage(sheet, sheetField.Lattice));
        }
        else
        {
            WriteSheet(w, scene.Sheet);
            WriteField(w, null);
        }

        w.U32((uint)scene.Lines.Count);
        foreach (var line in scene.Lines)
        {
            w.U8((byte)line.Kind);
            w.U32((uint)line.Points.Length);
            w.Points(line.Points);
        }

        w.U32((uint)scene.Points.Count);
        foreach (var p in scene.Points)
        {
            var bytes = w.Take(12);
            BinaryPrimitives.WriteSingleLittleEndian(bytes, p.Position.X);
            BinaryPrimitives.WriteSingleLittleEndian(bytes[4..], p.Position.Y);
            bytes[8] = values is null ? (byte)p.Class : ValueLevel(values.Position(p.Value));
            bytes[9] = (byte)(p.Test ? 1 : 0);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes[10..], (ushort)Math.Max(0, p.Index));
        }

        w.U16((ushort)scene.Labels.Count);
        foreach (var label in scene.Labels)
        {
            w.F32(label.Position.X);
            w.F32(label.Position.Y);
            w.String(label.Text);
        }
    }

    /// <summary>The carried field: its vertices once, then each cell's class, its centre's probability, its stretch and its boundary ring.</summary>
    private static void WriteSheet(Output w, SceneSheet? sheet)
    {
        if (sheet is null)
        {
            w.U32(0);
            w.U32(0);
            return;
        }
        w.U32((uint)sheet.Points.Length);
        w.Points(sheet.Points);
        w.U32((uint)sheet.CellCount);
        for (var c = 0; c < sheet.CellCount; c++)
        {
            var ring = sheet.Ring(c);
            w.U8((byte)sheet.CellClasses[c]);
            w.U8(Level(sheet.HubProbability(c)));
            w.F32(sheet.Stretch[c]);
            w.U16((ushort)ring.Length);
            foreach (var v in ring) w.U32((uint)v);
        }
    }

    /// <summary>A field's samples as a byte of winning class (<see cref="Uncovered"/> where <paramref name="covered"/> says so) and a byte of its probability.</summary>
    private static void WriteField(Output w, DecisionField? field, bool[]? covered = null)
    {
        if (field is null)
        {
            w.U16(0);
            w.U16(0);
            return;
        }
        var lattice = field.Lattice;
        w.U16((ushort)lattice.Columns);
        w.U16((ushort)lattice.Rows);
        var bytes = w.Take(2 * lattice.Count);
        Span<byte> classes = bytes[..lattice.Count], levels = bytes[lattice.Count..];
        for (var i = 0; i < lattice.Count; i++)
        {
            var (c, p) = field.Winner(i);
            classes[i] = covered is null || covered[i] ? (byte)c : Uncovered;
            levels[i] = Level(p);
        }
    }

    /// <summary>
    /// A regression point's colour on the scale as one byte, k = 32 + round(32·(2u − 1)) ∈ 0 … 64 at position u: the
    /// renderer quantises a point's colour to these 65 levels (Palette.Value), so the page paints the same colour
    /// from k; a point without a value (NaN) is the middle, 32.
    /// </summary>
    internal static byte ValueLevel(float u)
    {
        var s = MathF.Round(Math.Clamp(2 * u - 1, -1f, 1f) * 32);
        return (byte)(float.IsNaN(s) ? 32 : 32 + (int)s);
    }

    private static byte Level(float p) => (byte)Math.Clamp(MathF.Round(p * 255f), 0f, 255f);

    /// <summary>Little-endian values appended to a buffer writer.</summary>
    private readonly struct Output(IBufferWriter<byte> into)
    {
        /// <summary>The next <paramref name="count"/> bytes of the frame, to fill before anything else is written.</summary>
        public Span<byte> Take(int count)
        {
            var span = into.GetSpan(count)[..count];
            into.Advance(count);
            return span;
        }

        public void U8(byte value) => Take(1)[0] = value;

        public void U16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Take(2), value);

        public void U32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Take(4), value);

        public void F32(float value) => BinaryPrimitives.WriteSingleLittleEndian(Take(4), value);

        /// <summary>Points as x, y float32 pairs.</summary>
        public void Points(ReadOnlySpan<System.Numerics.Vector2> points)
        {
            var bytes = Take(8 * points.Length);
            if (BitConverter.IsLittleEndian)
            {
                MemoryMarshal.AsBytes(points).CopyTo(bytes);
                return;
            }
            for (var i = 0; i < points.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes[(8 * i)..], points[i].X);
                BinaryPrimitives.WriteSingleLittleEndian(bytes[(8 * i + 4)..], points[i].Y);
            }
        }

        /// <summary>A u16 byte length, then the UTF-8 bytes (cut at 65 535).</summary>
        public void String(string? text)
        {
            var bytes = Encoding.UTF8.GetBytes(text ?? "");
            var length = Math.Min(bytes.Length, ushort.MaxValue);
            U16((ushort)length);
            bytes.AsSpan(0, length).CopyTo(Take(length));
        }
    }
}
