using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;

namespace Warpscope.Core.Sessions;

/// <summary>
/// The engine's pooled scratch, as a whole. Pools make a busy process fast (a live frame reuses the
/// arrays and build scratch of the frames before it) and keep what the busiest moment needed; a process
/// that goes idle gives it back here, then to the system with a compacting collection.
/// </summary>
public static class ScratchMemory
{
    /// <summary>Lets go of every pooled array, kept forward pass and kept build scratch; results never change (the next build starts afresh).</summary>
    public static void Release()
    {
        Pools.Release();
        ForwardPass.ReleaseKept();
        CarriedField.ReleaseScratch();
    }
}
