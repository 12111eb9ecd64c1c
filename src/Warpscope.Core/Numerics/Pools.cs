using System.Buffers;
using System.Numerics;

namespace Warpscope.Core.Numerics;

/// <summary>
/// The engine's scratch arrays, pooled with a bound: two arrays a size, shared by all threads, none
/// above 262 144 elements (a live frame's lattices fit; an export's larger ones are allocated and collected). The shared ArrayPool keeps an array of
/// every size in every thread that rented one, and the parallel frames of 10 GIF exports left 250 MB
/// there for good (issue 13).
/// </summary>
public static class Pools
{
    private const int MaxLength = 1 << 18;
    private const int PerSize = 2;

    public static readonly ArrayPool<int> Ints = ArrayPool<int>.Create(MaxLength, PerSize);
    public static readonly ArrayPool<float> Floats = ArrayPool<float>.Create(MaxLength, PerSize);
    public static readonly ArrayPool<byte> Bytes = ArrayPool<byte>.Create(MaxLength, PerSize);
    public static readonly ArrayPool<bool> Flags = ArrayPool<bool>.Create(MaxLength, PerSize);
    public static readonly ArrayPool<Vector2> Vectors = ArrayPool<Vector2>.Create(MaxLength, PerSize);
}
