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

    public static byte[] Write(FrameHeader header, IReadOnlyList<FrameView> views, FrameDiagram? diagram = null)
    {
        using var stream = new MemoryStream(64 * 1024);
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(header.Sequence);
        w.Write((uint)Math.Max(0, header.Epoch));
        w.Write((uint)header.Flags);
        w.Write(header.TrainLoss);
        w.Write(header.TestLoss);
        w.Write(header.TrainAccuracy);
        w.Write(header.TestAccuracy);
        w.Write((uint)header.TimelineLength);
        w.Write(header.TimelineIndex);
        w.Write((uint)Math.Max(0, header.TimelineEpoch));
        w.Write((byte)views.Count);
        foreach (var view in views) WriteView(w, view);
        WriteDiagram(w, diagram);
        w.Flush();
        return stream.ToArray();
    }

    /// <summary>
    /// The network diagram after the views: u8 present; then u8 side, u8 columns; each column u16 units,
    /// u8 shown, and per shown unit a label, f32 lo, f32 hi and side² bytes of its value quantised to
    /// lo..hi (row by row from the top); then between each pair of columns f32 scale and the shown
    /// weights [out][in] as signed bytes of w / scale · 127 (issue 14: 1 byte a cell, 1 a weight).
    /// </summary>
    private static void WriteDiagram(BinaryWriter w, FrameDiagram? diagram)
    {
        if (diagram is not { Maps: var maps, Network: var network })
        {
            w.Write((byte)0);
            return;
        }
        w.Write((byte)1);
        w.Write((byte)maps.Side);
        w.Write((byte)maps.Columns.Count);
        for (var c = 0; c < maps.Columns.Count; c++)
        {
            var column = maps.Columns[c];
            w.Write((ushort)column.Units);
            w.Write((byte)column.Values.Length);
            for (var u = 0; u < column.Values.Length; u++)
            {
                WriteString(w, c == 0 ? network.Spec.Features[u].ToName() : "");
                var values = column.Values[u];
                float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
                foreach (var v in values)
                {
                    if (!float.IsFinite(v)) continue;
                    lo = MathF.Min(lo, v);
                    hi = MathF.Max(hi, v);
                }
                if (lo > hi) (lo, hi) = (0, 0);
                w.Write(lo);
                w.Write(hi);
                var scale = hi > lo ? 255f / (hi - lo) : 0;
                foreach (var v in values) w.Write((byte)(float.IsFinite(v) ? Math.Clamp((int)MathF.Round((v - lo) * scale), 0, 255) : 0));
            }
        }
        for (var layer = 0; layer + 1 < maps.Columns.Count; layer++)
        {
            var inputs = maps.Columns[layer].Values.Length;
            var outputs = maps.Columns[layer + 1].Values.Length;
            var max = 0f;
            for (var o = 0; o < outputs; o++)
                for (var i = 0; i < inputs; i++) max = MathF.Max(max, MathF.Abs(network.Weight(layer, o, i)));
            w.Write(max);
            for (var o = 0; o < outputs; o++)
                for (var i = 0; i < inputs; i++)
                    w.Write((sbyte)(max > 0 ? Math.Clamp((int)MathF.Round(network.Weight(layer, o, i) / max * 127), -127, 127) : 0));
        }
    }

    private static void WriteView(BinaryWriter w, FrameView view)
    {
        var scene = view.Scene;
        w.Write((byte)view.Kind);
        w.Write((byte)view.Layer);
        w.Write((byte)scene.ClassNames.Count);
        var threeD = scene.Lines.Any(l => l.Kind == LineKind.Axis);
        w.Write((byte)((scene.Axes ? 1 : 0) | (threeD ? 2 : 0) | (scene.CellColouring == CellColouring.Stretch ? 4 : 0)));
        w.Write(scene.Window.XMin);
        w.Write(scene.Window.XMax);
        w.Write(scene.Window.YMin);
        w.Write(scene.Window.YMax);
        WriteString(w, scene.Title);
        WriteString(w, scene.Subtitle);
        WriteString(w, scene.XLabel);
        WriteString(w, scene.YLabel);
        WriteField(w, scene.Field);

        w.Write((ushort)scene.Regions.Count);
        foreach (var region in scene.Regions)
        {
            w.Write((byte)region.Class);
            w.Write((ushort)region.Polygon.Length);
            foreach (var p in region.Polygon)
            {
                w.Write(p.X);
                w.Write(p.Y);
            }
        }

        if (scene.Sheet is { } sheet && scene.SheetField is { } sheetField)
        {
            // The page needs no cells: the field, with the samples the sheet does not cover left out.
            WriteSheet(w, null);
            WriteField(w, sheetField, SheetAudit.Coverage(sheet, sheetField.Lattice));
        }
        else
        {
            WriteSheet(w, scene.Sheet);
            WriteField(w, null);
        }

        w.Write((uint)scene.Lines.Count);
        foreach (var line in scene.Lines)
        {
            w.Write((byte)line.Kind);
            w.Write((uint)line.Points.Length);
            foreach (var p in line.Points)
            {
                w.Write(p.X);
                w.Write(p.Y);
            }
        }

        w.Write((uint)scene.Points.Count);
        foreach (var p in scene.Points)
        {
            w.Write(p.Position.X);
            w.Write(p.Position.Y);
            w.Write((byte)p.Class);
            w.Write((byte)(p.Test ? 1 : 0));
            w.Write((ushort)Math.Max(0, p.Index));
        }

        w.Write((ushort)scene.Labels.Count);
        foreach (var label in scene.Labels)
        {
            w.Write(label.Position.X);
            w.Write(label.Position.Y);
            WriteString(w, label.Text);
        }
    }

    /// <summary>The carried field: its vertices once, then each cell's class, its centre's probability, its stretch and its boundary ring.</summary>
    private static void WriteSheet(BinaryWriter w, SceneSheet? sheet)
    {
        if (sheet is null)
        {
            w.Write(0u);
            w.Write(0u);
            return;
        }
        w.Write((uint)sheet.Points.Length);
        foreach (var p in sheet.Points)
        {
            w.Write(p.X);
            w.Write(p.Y);
        }
        w.Write((uint)sheet.CellCount);
        for (var c = 0; c < sheet.CellCount; c++)
        {
            var cls = sheet.CellClasses[c];
            var ring = sheet.Ring(c);
            w.Write((byte)cls);
            w.Write(Level(sheet.HubProbability(c)));
            w.Write(sheet.Stretch[c]);
            w.Write((ushort)ring.Length);
            foreach (var v in ring) w.Write((uint)v);
        }
    }

    /// <summary>A field's samples as a byte of winning class (<see cref="Uncovered"/> where <paramref name="covered"/> says so) and a byte of its probability.</summary>
    private static void WriteField(BinaryWriter w, DecisionField? field, bool[]? covered = null)
    {
        if (field is null)
        {
            w.Write((ushort)0);
            w.Write((ushort)0);
            return;
        }
        var lattice = field.Lattice;
        w.Write((ushort)lattice.Columns);
        w.Write((ushort)lattice.Rows);
        var classes = new byte[lattice.Count];
        var levels = new byte[lattice.Count];
        for (var i = 0; i < lattice.Count; i++)
        {
            var (c, p) = field.Winner(i);
            classes[i] = covered is null || covered[i] ? (byte)c : Uncovered;
            levels[i] = Level(p);
        }
        w.Write(classes);
        w.Write(levels);
    }

    private static byte Level(float p) => (byte)Math.Clamp(MathF.Round(p * 255f), 0f, 255f);

    private static void WriteString(BinaryWriter w, string? text)
    {
        var bytes = Encoding.UTF8.GetBytes(text ?? "");
        var length = Math.Min(bytes.Length, ushort.MaxValue);
        w.Write((ushort)length);
        w.Write(bytes, 0, length);
    }
}
