using System.Numerics;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;

namespace Warpscope.Core.Representations;

/// <summary>
/// The decision field carried into a layer's space: the input rectangle cut into cells that the
/// layer maps, each drawn where the layer puts it and coloured by the network's prediction.
/// </summary>
/// <remarks>
/// <para><b>Adaptive cells.</b> The rectangle starts as cells × cells base cells and a cell is cut in
/// four while it is larger than <see cref="SheetRefinement.MinPixels"/> on screen and either (a) its
/// vertices (corners, centre, and any vertex a finer neighbour put on its edges) are not all of one
/// predicted class, or (b) its image is far from affine: the centre's image lies farther from the
/// mean of the corners' images than <see cref="SheetRefinement.Bend"/> times the cell's size on
/// screen (no wedges), or than <see cref="SheetRefinement.Tolerance"/> pixels for a cell on the
/// border of the input rectangle (the sheet's outline is the rectangle's image to within that). A cell whose
/// vertices agree is drawn as a fan of flat triangles around its centre through all its boundary
/// vertices (so no crack opens where a neighbour is finer), in the class of its vertices. Where the
/// rest of the network is one affine map (the last hidden layer) each class's region is convex, so
/// such a fan lies wholly inside its class: the carried colours cannot contradict the output
/// layer's separator. Only cells of about a pixel, on the boundary, mix classes.</para>
/// <para><b>Order.</b> Cells are listed base cell by base cell, row by row from the bottom of the
/// input rectangle, each cut cell's four children in place of it (bottom left, bottom right, top
/// left, top right). Drawn in this order, where a layer folds the sheet over itself the part that
/// comes later in the input (higher y, then higher x) lies on top; the colours there agree anyway,
/// being the prediction at the same hidden point.</para>
/// </remarks>
public sealed class CarriedField
{
    private CarriedField(int classes, float[] inputX, float[] inputY, PointCloud mapped, float[] probabilities,
        int[] cellStarts, int[] rings, int[] centres, float[] stretch)
    {
        Classes = classes;
        InputX = inputX;
        InputY = inputY;
        Mapped = mapped;
        Probabilities = probabilities;
        CellStarts = cellStarts;
        Rings = rings;
        Centres = centres;
        Stretch = stretch;
    }

    public int Classes { get; }

    /// <summary>Each vertex's input position.</summary>
    public float[] InputX { get; }
    public float[] InputY { get; }

    /// <summary>Each vertex's position in the layer's space.</summary>
    public PointCloud Mapped { get; }

    /// <summary>The network's class probabilities at each vertex: [classes][vertices].</summary>
    public float[] Probabilities { get; }

    public int VertexCount => InputX.Length;

    public int CellCount => Centres.Length;

    /// <summary>Cell c's boundary, counter-clockwise in the input: vertices Rings[CellStarts[c]..CellStarts[c + 1]].</summary>
    public int[] CellStarts { get; }
    public int[] Rings { get; }

    /// <summary>Each cell's centre vertex; the cell is drawn as a fan around it.</summary>
    public int[] Centres { get; }

    /// <summary>
    /// How much the layer stretches each cell's area: the area of its image over its own (the local
    /// Jacobian determinant for a 2-unit layer; for wider layers the area of the image surface, √det JᵀJ).
    /// Measured on the cell's diagonals: area = ½·√(|d₁|²|d₂|² − (d₁·d₂)²) in any dimension.
    /// </summary>
    public float[] Stretch { get; }

    public ReadOnlySpan<int> Ring(int cell) => Rings.AsSpan(CellStarts[cell], CellStarts[cell + 1] - CellStarts[cell]);

    /// <summary>The predicted class at a vertex (ties go to the lower class).</summary>
    public int VertexClass(int vertex)
    {
        var n = VertexCount;
        var best = 0;
        for (var c = 1; c < Classes; c++)
            if (Probabilities[c * n + vertex] > Probabilities[best * n + vertex]) best = c;
        return best;
    }

    /// <summary>The class a cell is drawn in: its centre's.</summary>
    public int CellClass(int cell) => VertexClass(Centres[cell]);

    /// <summary>The probability of class c at a vertex.</summary>
    public float Probability(int @class, int vertex) => Probabilities[@class * VertexCount + vertex];

    /// <summary>
    /// The field carried into hidden layer k. Without <paramref name="refinement"/> the cells stay
    /// the columns × columns base cells; with it they are cut as described above, measured in the
    /// view's own window.
    /// </summary>
    public static CarriedField Build(Network network, int layer, PlaneRect rect, int cells = 64, ForwardPass? pass = null, SheetRefinement? refinement = null,
        LayerStage stage = LayerStage.Activations)
    {
        LayerMaps.CheckLayer(network, layer);
        if (cells < 1) throw new ArgumentOutOfRangeException(nameof(cells), "at least one cell per side");
        var scratch = Builder.Scratch.Take();
        try
        {
            return new Builder(pass ?? new ForwardPass(network), layer, rect, cells, refinement, stage == LayerStage.PreActivations && layer > 0, scratch).Run();
        }
        finally
        {
            Builder.Scratch.Give(scratch);
        }
    }

    /// <summary>Lets go of the scratch that builds keep for the next ones (ScratchMemory.Release).</summary>
    public static void ReleaseScratch() => Builder.Scratch.Release();

    /// <summary>
    /// Cuts the cells round by round, a quadtree over each base cell; every new vertex of a round is
    /// evaluated in one batch. A round checks only the cells that may have changed: the new children,
    /// and the neighbours of a cut cell (a vertex on their edge may bring another class).
    /// </summary>
    private sealed class Builder
    {
        private readonly ForwardPass _pass;
        private readonly int _layer;
        private readonly PlaneRect _rect;
        private readonly int _cells;
        private readonly SheetRefinement? _refinement;
        private readonly int _depth;
        private readonly int _step; // a base cell's side on the fine lattice
        private readonly long _side; // fine-lattice vertices per side
        private readonly int _units;
        private readonly int _classes;
        private readonly LatticeIndex _index;
        private readonly List<int> _ix;
        private readonly List<int> _iy;
        private readonly List<Node> _nodes;
        private readonly Scratch _scratch;
        // Each batch's positions in the layer's space as the forward pass gave them, [unit][count]: copied
        // once into the field at the end, rather than kept interleaved in an array grown by doubling
        // (a 16-unit layer's vertices ran to tens of MB of copies, issue 12).
        private readonly List<(int Start, PointCloud Values)> _batches = [];
        private float[] _probs;     // [vertex][class]
        private int[] _class;
        private Vector2[] _screen;
        private int _evaluated;
        private readonly List<int> _ring = new(16);
        private readonly bool _pre;

        public Builder(ForwardPass pass, int layer, PlaneRect rect, int cells, SheetRefinement? refinement, bool pre, Scratch scratch)
        {
            _scratch = scratch;
            (_index, _ix, _iy, _nodes) = (scratch.Index, scratch.Ix, scratch.Iy, scratch.Nodes);
            _pre = pre;
            _pass = pass;
            _layer = layer;
            _rect = rect;
            _cells = cells;
            _refinement = refinement;
            // One level finer than the deepest cut, so that every cell's centre is a lattice point.
            _depth = (refinement?.MaxDepth ?? 0) + 1;
            _step = 1 << _depth;
            _side = ((long)cells << _depth) + 1;
            _units = LayerMaps.Width(pass.Network, layer);
            _classes = pass.Network.ClassCount;
            var capacity = 2 * (cells + 1) * (cells + 1);
            _probs = scratch.Probabilities.Length >= capacity * _classes ? scratch.Probabilities : new float[capacity * _classes];
            _class = scratch.Classes.Length >= capacity ? scratch.Classes : new int[capacity];
            _screen = scratch.Screen.Length >= capacity ? scratch.Screen : new Vector2[capacity];
        }

        private int Count => _ix.Count;

        public CarriedField Run()
        {
            var step = _step;
            for (var r = 0; r < _cells; r++)
            {
                for (var c = 0; c < _cells; c++) _nodes.Add(NewNode(c * step, r * step, step));
            }
            Evaluate();
            if (_refinement is { } refine) Refine(refine);
            var leaves = _scratch.Leaves;
            for (var i = 0; i < _cells * _cells; i++) CollectLeaves(i, leaves);
            var field = Finish(leaves);
            (_scratch.Probabilities, _scratch.Classes, _scratch.Screen) = (_probs, _class, _screen);
            return field;
        }

        private void Refine(SheetRefinement refine)
        {
            var (work, next, cuts, queued) = (_scratch.Work, _scratch.Next, _scratch.Cuts, _scratch.Queued);
            for (var n = 0; n < _nodes.Count; n++) work.Add(n);
            // queued: the round a node was last queued for, so each is checked once a round
            for (var round = 1; work.Count > 0 && round <= 4 * (_depth + 1); round++)
            {
                cuts.Clear();
                foreach (var n in work)
                {
                    if (_nodes[n].FirstChild < 0 && Count < refine.MaxVertices && NeedsCut(_nodes[n], refine)) cuts.Add(n);
                }
                if (cuts.Count == 0) break;
                next.Clear();
                foreach (var n in cuts) Cut(n);
                while (queued.Count < _nodes.Count) queued.Add(0);
                foreach (var n in cuts)
                {
                    var node = _nodes[n];
                    for (var k = 0; k < 4; k++) Queue(node.FirstChild + k);
                    if (!refine.CutMixed) continue;
                    // A vertex now on a neighbour's edge may bring it another class: check it again.
                    int h = node.Size / 2;
                    Queue(Locate(node.X + h, node.Y - 1));
                    Queue(Locate(node.X + node.Size, node.Y + h));
                    Queue(Locate(node.X + h, node.Y + node.Size));
                    Queue(Locate(node.X - 1, node.Y + h));
                }
                Evaluate();
                (work, next) = (next, work);

                void Queue(int leaf)
                {
                    if (leaf < 0 || queued[leaf] == round) return;
                    queued[leaf] = round;
                    next.Add(leaf);
                }
            }
        }

        /// <summary>The leaf containing fine-lattice point (x, y), or −1 outside the rectangle.</summary>
        private int Locate(int x, int y)
        {
            var total = _cells * _step;
            if (x < 0 || y < 0 || x >= total || y >= total) return -1;
            var n = y / _step * _cells + x / _step;
            while (_nodes[n].FirstChild >= 0)
            {
                var node = _nodes[n];
                var h = node.Size / 2;
                n = node.FirstChild + (x >= node.X + h ? 1 : 0) + (y >= node.Y + h ? 2 : 0);
            }
            return n;
        }

        private void CollectLeaves(int n, List<Node> leaves)
        {
            var node = _nodes[n];
            if (node.FirstChild < 0)
            {
                leaves.Add(node);
                return;
            }
            for (var k = 0; k < 4; k++) CollectLeaves(node.FirstChild + k, leaves);
        }

        private Node NewNode(int x, int y, int size) =>
            new(x, y, size, Vertex(x + size / 2, y + size / 2), Vertex(x, y), Vertex(x + size, y), Vertex(x + size, y + size), Vertex(x, y + size), -1);

        /// <summary>Cuts node n in four (bottom left, bottom right, top left, top right); returns the first child's index.</summary>
        private int Cut(int n)
        {
            var node = _nodes[n];
            var h = node.Size / 2;
            var first = _nodes.Count;
            _nodes.Add(NewNode(node.X, node.Y, h));
            _nodes.Add(NewNode(node.X + h, node.Y, h));
            _nodes.Add(NewNode(node.X, node.Y + h, h));
            _nodes.Add(NewNode(node.X + h, node.Y + h, h));
            _nodes[n] = node with { FirstChild = first };
            return first;
        }

        private bool NeedsCut(Node leaf, SheetRefinement refine)
        {
            if (leaf.Size < 4) return false; // its children's centres would not be lattice points
            var a = _screen[leaf.A];
            var b = _screen[leaf.B];
            var c = _screen[leaf.C];
            var d = _screen[leaf.D];
            var min = Vector2.Min(Vector2.Min(a, b), Vector2.Min(c, d));
            var max = Vector2.Max(Vector2.Max(a, b), Vector2.Max(c, d));
            var extent = MathF.Max(max.X - min.X, max.Y - min.Y) / refine.Pixel;
            if (float.IsNaN(extent)) return false; // not on screen
            // A mixed cell is cut while it is large in the view or in the input plane (a morph's first frame).
            var inputExtent = refine.InputPixels * (float)leaf.Size / (_side - 1);
            if (refine.CutMixed && MathF.Max(extent, inputExtent) > refine.MinPixels && Mixed(leaf, _class[leaf.Centre])) return true;
            if (!(extent > refine.MinPixels)) return false;
            // Far from affine: inside the sheet, relative to the cell's size (a fan of flat triangles
            // around the centre follows a gentle bend, and its colours are exact either way); on the
            // input rectangle's border, in pixels, so that the sheet's outline is its true image.
            var off = Vector2.Distance(_screen[leaf.Centre], 0.25f * (a + b + c + d)) / refine.Pixel;
            var border = leaf.X == 0 || leaf.Y == 0 || leaf.X + leaf.Size == _side - 1 || leaf.Y + leaf.Size == _side - 1;
            return off > (border ? refine.Tolerance : MathF.Max(refine.Tolerance, refine.Bend * extent));
        }

        /// <summary>The vertex at fine-lattice point (x, y), created if new (evaluated in the next batch).</summary>
        private int Vertex(int x, int y)
        {
            var i = _index.GetOrAdd(y * _side + x, Count);
            if (i < Count) return i;
            _ix.Add(x);
            _iy.Add(y);
            return i;
        }

        private int TryVertex(int x, int y) => _index.Get(y * _side + x);

        /// <summary>Whether any boundary vertex of the leaf has another class than <paramref name="centre"/>.</summary>
        private bool Mixed(Node leaf, int centre)
        {
            if (_class[leaf.A] != centre || _class[leaf.B] != centre || _class[leaf.C] != centre || _class[leaf.D] != centre) return true;
            var ring = _ring;
            ring.Clear();
            Boundary(leaf, ring);
            foreach (var v in ring)
                if (_class[v] != centre) return true;
            return false;
        }

        /// <summary>The leaf's boundary vertices, counter-clockwise from its bottom-left corner.</summary>
        private void Boundary(Node leaf, List<int> ring)
        {
            int x0 = leaf.X, y0 = leaf.Y, x1 = leaf.X + leaf.Size, y1 = leaf.Y + leaf.Size;
            Edge(x0, y0, leaf.A, x1, y0, leaf.Size, ring);
            Edge(x1, y0, leaf.B, x1, y1, leaf.Size, ring);
            Edge(x1, y1, leaf.C, x0, y1, leaf.Size, ring);
            Edge(x0, y1, leaf.D, x0, y0, leaf.Size, ring);
        }

        /// <summary>Appends vertex <paramref name="start"/> at (x0, y0) and every vertex a finer neighbour put on the edge to (x1, y1).</summary>
        private void Edge(int x0, int y0, int start, int x1, int y1, int length, List<int> ring)
        {
            int mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
            if (length >= 2 && TryVertex(mx, my) is var middle and >= 0)
            {
                Edge(x0, y0, start, mx, my, length / 2, ring);
                Edge(mx, my, middle, x1, y1, length / 2, ring);
                return;
            }
            ring.Add(start);
        }

        /// <summary>Maps and predicts every vertex made since the last batch.</summary>
        private void Evaluate()
        {
            var start = _evaluated;
            var n = Count - start;
            if (n == 0) return;
            Grow(Count);
            var x = new float[n];
            var y = new float[n];
            var scale = 1f / (1L << _depth) / _cells;
            for (var i = 0; i < n; i++)
            {
                x[i] = _rect.XMin + _ix[start + i] * scale * _rect.Width;
                y[i] = _rect.YMin + _iy[start + i] * scale * _rect.Height;
            }
            var mapped = new float[_units * n];
            var probs = new float[_classes * n];
            _pass.MapAndPredict(x, y, _layer, mapped, probs, _pre);
            for (var i = 0; i < n; i++)
            {
                var v = start + i;
                var best = 0;
                for (var c = 0; c < _classes; c++)
                {
                    _probs[v * _classes + c] = probs[c * n + i];
                    if (probs[c * n + i] > probs[best * n + i]) best = c;
                }
                _class[v] = best;
            }
            var batch = new PointCloud(_units, n, mapped);
            _batches.Add((start, batch));
            if (_refinement is { } refine)
            {
                var screen = refine.ToWindow(batch);
                screen.CopyTo(_screen, start);
            }
            _evaluated = Count;
        }

        private void Grow(int count)
        {
            if (_class.Length >= count) return;
            var size = Math.Max(count, 2 * _class.Length);
            Array.Resize(ref _probs, size * _classes);
            Array.Resize(ref _class, size);
            Array.Resize(ref _screen, size);
        }

        private CarriedField Finish(List<Node> leaves)
        {
            var n = Count;
            var scale = 1f / (1L << _depth) / _cells;
            var inputX = new float[n];
            var inputY = new float[n];
            var mapped = new float[_units * n];
            foreach (var (start, batch) in _batches)
            {
                for (var u = 0; u < _units; u++) batch.Axis(u).CopyTo(mapped.AsSpan(u * n + start, batch.Count));
            }
            var probs = new float[_classes * n];
            for (var v = 0; v < n; v++)
            {
                inputX[v] = _rect.XMin + _ix[v] * scale * _rect.Width;
                inputY[v] = _rect.YMin + _iy[v] * scale * _rect.Height;
                for (var c = 0; c < _classes; c++) probs[c * n + v] = _probs[v * _classes + c];
            }
            var starts = new int[leaves.Count + 1];
            var rings = _scratch.Rings;
            var centres = new int[leaves.Count];
            var stretch = new float[leaves.Count];
            var ring = new List<int>(8);
            for (var i = 0; i < leaves.Count; i++)
            {
                var leaf = leaves[i];
                ring.Clear();
                Boundary(leaf, ring);
                starts[i] = rings.Count;
                rings.AddRange(ring);
                centres[i] = leaf.Centre;
                stretch[i] = Stretch(leaf, scale, mapped, n);
            }
            starts[leaves.Count] = rings.Count;
            return new CarriedField(_classes, inputX, inputY, new PointCloud(_units, n, mapped), probs, starts, [.. rings], centres, stretch);
        }

        private float Stretch(Node leaf, float scale, float[] mapped, int n)
        {
            int a = leaf.A, b = leaf.B, e = leaf.C, d = leaf.D;
            double d11 = 0, d22 = 0, d12 = 0;
            for (var k = 0; k < _units; k++)
            {
                double u = mapped[k * n + e] - mapped[k * n + a];
                double v = mapped[k * n + d] - mapped[k * n + b];
                d11 += u * u;
                d22 += v * v;
                d12 += u * v;
            }
            var area = (double)leaf.Size * scale * _rect.Width * leaf.Size * scale * _rect.Height;
            return (float)(0.5 * Math.Sqrt(Math.Max(0, d11 * d22 - d12 * d12)) / area);
        }

        /// <summary>
        /// What a build needs only while it runs (the lattice index, the quadtree, the vertices' lattice
        /// points, per-vertex classes and screen positions, the round lists), kept for the next build (a few,
        /// one per build running at once): a live frame's carried field made about 0.4 MB of these afresh
        /// for every frame of every page.
        /// </summary>
        public sealed class Scratch
        {
            /// <summary>Larger scratch (a heavy page's field) is not kept: the next build starts small again.</summary>
            private const int KeepUpToVertices = 1 << 18;

            /// <summary>Scratch of builds that ended, for the next ones (like ArrayPool.Shared, it never changes a result).</summary>
            private static readonly System.Collections.Concurrent.ConcurrentBag<Scratch> Kept = [];

            public LatticeIndex Index { get; } = new();
            public List<int> Ix { get; } = [];
            public List<int> Iy { get; } = [];
            public List<Node> Nodes { get; } = [];
            public List<Node> Leaves { get; } = [];
            public List<int> Work { get; } = [];
            public List<int> Next { get; } = [];
            public List<int> Cuts { get; } = [];
            public List<int> Queued { get; } = [];
            public List<int> Rings { get; } = [];
            public float[] Probabilities { get; set; } = [];
            public int[] Classes { get; set; } = [];
            public Vector2[] Screen { get; set; } = [];

            public static Scratch Take() => Kept.TryTake(out var scratch) ? scratch : new Scratch();

            /// <summary>Lets go of the kept scratch (ScratchMemory.Release).</summary>
            public static void Release() => Kept.Clear();

            public static void Give(Scratch scratch)
            {
                if (scratch.Ix.Count > KeepUpToVertices) return;
                scratch.Index.Clear();
                foreach (var list in new[] { scratch.Ix, scratch.Iy, scratch.Work, scratch.Next, scratch.Cuts, scratch.Queued, scratch.Rings }) list.Clear();
                scratch.Nodes.Clear();
                scratch.Leaves.Clear();
                if (Kept.Count < Environment.ProcessorCount + 2) Kept.Add(scratch);
            }
        }

        /// <summary>A cell of the fine lattice: lower-left corner, side, its centre and corner vertices (counter-clockwise from the lower left), and its first child (−1: a leaf).</summary>
        internal readonly record struct Node(int X, int Y, int Size, int Centre, int A, int B, int C, int D, int FirstChild);
    }
}

/// <summary>
/// Fine-lattice keys to vertex indices: open addressing with linear probing in power-of-two tables kept
/// at most half full. The carried field looks a vertex up several times per cell and round; this is
/// several times faster than a Dictionary&lt;long, int&gt; there.
/// </summary>
internal sealed class LatticeIndex
{
    private long[] _keys = Empty(1 << 14);
    private int[] _values = new int[1 << 14];
    private int _count;

    /// <summary>The index stored for the key, or −1.</summary>
    public int Get(long key)
    {
        var mask = _keys.Length - 1;
        for (var slot = Slot(key, mask); ; slot = (slot + 1) & mask)
        {
            var k = _keys[slot];
            if (k == key) return _values[slot];
            if (k < 0) return -1;
        }
    }

    /// <summary>The index stored for the key; if none, stores and returns <paramref name="value"/>.</summary>
    public int GetOrAdd(long key, int value)
    {
        if (2 * (_count + 1) > _keys.Length) Grow();
        var mask = _keys.Length - 1;
        for (var slot = Slot(key, mask); ; slot = (slot + 1) & mask)
        {
            var k = _keys[slot];
            if (k == key) return _values[slot];
            if (k >= 0) continue;
            _keys[slot] = key;
            _values[slot] = value;
            _count++;
            return value;
        }
    }

    /// <summary>Empties the table, keeping its size.</summary>
    public void Clear()
    {
        if (_count == 0) return;
        Array.Fill(_keys, -1L);
        _count = 0;
    }

    private static int Slot(long key, int mask) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 40) & mask;

    private static long[] Empty(int size)
    {
        var keys = new long[size];
        Array.Fill(keys, -1L);
        return keys;
    }

    private void Grow()
    {
        var (keys, values) = (_keys, _values);
        _keys = Empty(2 * keys.Length);
        _values = new int[2 * keys.Length];
        _count = 0;
        for (var i = 0; i < keys.Length; i++)
            if (keys[i] >= 0) GetOrAdd(keys[i], values[i]);
    }
}
