using System.Numerics;
using System.Text;

namespace Warpscope.Web.Tests;

/// <summary>Reads a live frame back, following docs/web-protocol.md (as the page's protocol.js does).</summary>
public static class FrameReader
{
    public static Frame Read(byte[] bytes) => Read(bytes, bytes.Length, headerOnly: false);

    /// <summary>
    /// The frame in the first <paramref name="length"/> bytes; with <paramref name="headerOnly"/> only what
    /// precedes the views (a load test's page, which acknowledges a frame without looking at it).
    /// </summary>
    public static Frame Read(byte[] bytes, int length, bool headerOnly)
    {
        using var r = new BinaryReader(new MemoryStream(bytes, 0, length), Encoding.UTF8);
        var magic = r.ReadUInt32();
        if (magic != FrameWriter.Magic) throw new InvalidDataException($"bad magic {magic:X8}");
        var frame = new Frame
        {
            Sequence = r.ReadUInt32(),
            Epoch = (int)r.ReadUInt32(),
            Flags = (FrameFlags)r.ReadUInt32(),
            TrainLoss = r.ReadSingle(),
            TestLoss = r.ReadSingle(),
            TrainAccuracy = r.ReadSingle(),
            TestAccuracy = r.ReadSingle(),
            TimelineLength = (int)r.ReadUInt32(),
            TimelineIndex = r.ReadInt32(),
            TimelineEpoch = (int)r.ReadUInt32(),
            Bytes = length,
        };
        if (headerOnly) return frame;
        int views = r.ReadByte();
        for (var v = 0; v < views; v++) frame.Views.Add(ReadView(r));
        if (r.ReadByte() == 1) frame.Diagram = ReadDiagram(r);
        if (r.BaseStream.Position != length) throw new InvalidDataException($"{length - r.BaseStream.Position} bytes left over");
        return frame;
    }

    private static View ReadView(BinaryReader r)
    {
        var view = new View
        {
            Kind = (FrameViewKind)r.ReadByte(),
            Layer = r.ReadByte(),
            Classes = r.ReadByte(),
            Flags = r.ReadByte(),
            Window = (r.ReadSingle(), r.ReadSingle(), r.ReadSingle(), r.ReadSingle()),
            Title = Str(r),
            Subtitle = Str(r),
            XLabel = Str(r),
            YLabel = Str(r),
        };
        if ((view.Flags & 8) != 0) view.Values = (r.ReadSingle(), r.ReadSingle(), Str(r));
        view.FieldColumns = r.ReadUInt16();
        view.FieldRows = r.ReadUInt16();
        view.FieldClasses = r.ReadBytes(view.FieldColumns * view.FieldRows);
        view.FieldLevels = r.ReadBytes(view.FieldColumns * view.FieldRows);
        int regions = r.ReadUInt16();
        for (var i = 0; i < regions; i++)
        {
            int c = r.ReadByte();
            view.Regions.Add((c, Points(r, r.ReadUInt16())));
        }
        view.Vertices = Points(r, (int)r.ReadUInt32());
        var cells = r.ReadUInt32();
        for (var i = 0; i < cells; i++)
        {
            int cls = r.ReadByte(), level = r.ReadByte();
            var stretch = r.ReadSingle();
            var ring = new int[r.ReadUInt16()];
            for (var k = 0; k < ring.Length; k++) ring[k] = (int)r.ReadUInt32();
            view.Cells.Add((ring, cls, level, stretch));
        }
        view.SheetFieldColumns = r.ReadUInt16();
        view.SheetFieldRows = r.ReadUInt16();
        view.SheetFieldClasses = r.ReadBytes(view.SheetFieldColumns * view.SheetFieldRows);
        view.SheetFieldLevels = r.ReadBytes(view.SheetFieldColumns * view.SheetFieldRows);
        var lines = r.ReadUInt32();
        for (var i = 0; i < lines; i++)
        {
            int kind = r.ReadByte();
            view.Lines.Add((kind, Points(r, (int)r.ReadUInt32())));
        }
        var points = r.ReadUInt32();
        for (var i = 0; i < points; i++)
            view.Points.Add((new Vector2(r.ReadSingle(), r.ReadSingle()), r.ReadByte(), r.ReadByte() != 0, r.ReadUInt16()));
        var labels = r.ReadUInt16();
        for (var i = 0; i < labels; i++) view.Labels.Add((new Vector2(r.ReadSingle(), r.ReadSingle()), Str(r)));
        return view;
    }

    private static Vector2[] Points(BinaryReader r, int n)
    {
        var points = new Vector2[n];
        for (var i = 0; i < n; i++) points[i] = new Vector2(r.ReadSingle(), r.ReadSingle());
        return points;
    }

    private static Diagram ReadDiagram(BinaryReader r)
    {
        var diagram = new Diagram { Side = r.ReadByte() };
        int columns = r.ReadByte();
        for (var c = 0; c < columns; c++)
        {
            var column = new DiagramColumn { Units = r.ReadUInt16() };
            int shown = r.ReadByte();
            for (var u = 0; u < shown; u++)
                column.Thumbnails.Add(new Thumbnail(Str(r), r.ReadSingle(), r.ReadSingle(), r.ReadBytes(diagram.Side * diagram.Side)));
            diagram.Columns.Add(column);
        }
        for (var c = 0; c + 1 < columns; c++)
        {
            var scale = r.ReadSingle();
            var count = diagram.Columns[c].Thumbnails.Count * diagram.Columns[c + 1].Thumbnails.Count;
            diagram.Weights.Add([.. r.ReadBytes(count).Select(b => (sbyte)b / 127f * scale)]);
        }
        return diagram;
    }

    private static string Str(BinaryReader r) => Encoding.UTF8.GetString(r.ReadBytes(r.ReadUInt16()));
}

public sealed class Frame
{
    public uint Sequence { get; init; }
    public int Epoch { get; init; }
    public FrameFlags Flags { get; init; }
    public float TrainLoss { get; init; }
    public float TestLoss { get; init; }
    public float TrainAccuracy { get; init; }
    public float TestAccuracy { get; init; }
    public int TimelineLength { get; init; }
    public int TimelineIndex { get; init; }
    public int TimelineEpoch { get; init; }
    public int Bytes { get; init; }
    public List<View> Views { get; } = [];
    public Diagram? Diagram { get; set; }
}

public sealed class View
{
    public FrameViewKind Kind { get; init; }
    public int Layer { get; init; }
    public int Classes { get; init; }
    public int Flags { get; init; }
    public (float XMin, float XMax, float YMin, float YMax) Window { get; init; }
    public string Title { get; init; } = "";
    public string Subtitle { get; init; } = "";
    public string XLabel { get; init; } = "";
    public string YLabel { get; init; } = "";

    /// <summary>A regression view's colour scale and the value's name (view flag 8); null for a classifier's.</summary>
    public (float Low, float High, string Name)? Values { get; set; }
    public int FieldColumns { get; set; }
    public int FieldRows { get; set; }
    public byte[] FieldClasses { get; set; } = [];
    public byte[] FieldLevels { get; set; } = [];
    public List<(int Class, Vector2[] Polygon)> Regions { get; } = [];
    public Vector2[] Vertices { get; set; } = [];
    public List<(Vector2 Position, string Text)> Labels { get; } = [];
    public int SheetFieldColumns { get; set; }
    public int SheetFieldRows { get; set; }
    public byte[] SheetFieldClasses { get; set; } = [];
    public byte[] SheetFieldLevels { get; set; } = [];
    public List<(int[] Ring, int Class, int Level, float Stretch)> Cells { get; } = [];
    public List<(int Kind, Vector2[] Points)> Lines { get; } = [];
    public List<(Vector2 Position, byte Class, bool Test, ushort Index)> Points { get; } = [];
}

public sealed class Diagram
{
    public int Side { get; init; }
    public List<DiagramColumn> Columns { get; } = [];

    /// <summary>Between column c and c + 1: the shown weights [out][in], dequantised.</summary>
    public List<float[]> Weights { get; } = [];
}

public sealed class DiagramColumn
{
    public int Units { get; init; }
    public List<Thumbnail> Thumbnails { get; } = [];
}

/// <summary>A unit's thumbnail: its label (features only), its range, and side² bytes quantised to it (rows from the top).</summary>
public sealed record Thumbnail(string Label, float Lo, float Hi, byte[] Cells)
{
    public float At(int cell) => Lo + Cells[cell] / 255f * (Hi - Lo);
}
