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

    public static readonly ArrayPool<int> Ints = new Releasable<int>();
    public static readonly ArrayPool<float> Floats = new Releasable<float>();
    public static readonly ArrayPool<byte> Bytes = new Releasable<byte>();
    public static readonly ArrayPool<bool> Flags = new Releasable<bool>();
    public static readonly ArrayPool<Vector2> Vectors = new Releasable<Vector2>();

    /// <summary>
    /// Lets go of every pooled array (arrays rented now come back into fresh pools). For a process that
    /// goes idle: a server whose last page closed (up to 20 MB here after 30 pages, issue 13).
    /// </summary>
    public static void Release()
    {
        foreach (var pool in new IReleasable[] { (IReleasable)Ints, (IReleasable)Floats, (IReleasable)Bytes, (IReleasable)Flags, (IReleasable)Vectors })
            pool.Release();
    }

    private interface IReleasable
    {
        void Release();
    }

    /// <summary>A bounded pool whose arrays can all be let go of at once.</summary>
    private sealed class Releasable<T> : ArrayPool<T>, IReleasable
    {
        private ArrayPool<T> _pool = Create(MaxLength, PerSize);

        public override T[] Rent(int minimumLength) => Volatile.Read(ref _pool).Rent(minimumLength);

        public override void Return(T[] array, bool clearArray = false) => Volatile.Read(ref _pool).Return(array, clearArray);

        public void Release() => Volatile.Write(ref _pool, Create(MaxLength, PerSize));
    }
}
