namespace Warpscope.Rendering.Animation;

/// <summary>
/// Colour → small integer, open addressing. Keys are RGB with the top byte set (<see cref="Key"/>),
/// so 0 marks an empty slot. Cleared in time proportional to what was added, not to capacity:
/// the quantizer's map is large but usually holds a few hundred colours.
/// </summary>
internal sealed class ColourMap
{
    private readonly uint[] _keys;
    private readonly int[] _values;
    private readonly int[] _usedSlots;
    private readonly int _shift;

    /// <param name="maxCount">the most keys it will hold; the table keeps at least half its slots free.</param>
    public ColourMap(int maxCount)
    {
        var bits = 1;
        while (1 << bits < 2 * maxCount) bits++;
        _keys = new uint[1 << bits];
        _values = new int[1 << bits];
        _usedSlots = new int[maxCount];
        _shift = 32 - bits;
        MaxCount = maxCount;
    }

    public int Count { get; private set; }

    public int MaxCount { get; }

    /// <summary>The map key of a packed RGBA pixel: alpha is ignored (frames are opaque), and the
    /// top byte set keeps every key non-zero.</summary>
    public static uint Key(uint rgba) => rgba | 0xFF000000u;

    /// <summary>The value stored for <paramref name="key"/>, or -1.</summary>
    public int Find(uint key)
    {
        var mask = _keys.Length - 1;
        for (var slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            var k = _keys[slot];
            if (k == key) return _values[slot];
            if (k == 0) return -1;
        }
    }

    /// <summary>The value for <paramref name="key"/>; when absent and room is left, stores
    /// <paramref name="valueIfAbsent"/> and returns it; when full, returns -1.</summary>
    public int FindOrAdd(uint key, int valueIfAbsent)
    {
        var mask = _keys.Length - 1;
        for (var slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            var k = _keys[slot];
            if (k == key) return _values[slot];
            if (k != 0) continue;
            if (Count == MaxCount) return -1;
            _keys[slot] = key;
            _values[slot] = valueIfAbsent;
            _usedSlots[Count++] = slot;
            return valueIfAbsent;
        }
    }

    public void Clear()
    {
        for (var i = 0; i < Count; i++) _keys[_usedSlots[i]] = 0;
        Count = 0;
    }

    // Fibonacci hashing spreads nearby colours (anti-aliasing ramps) across the table.
    private int Slot(uint key) => (int)((key * 0x9E3779B1u) >> _shift);
}
