using System.Runtime.CompilerServices;

namespace Warpscope.Core.Numerics;

/// <summary>
/// eˣ for x ≤ 0 (the softmax's z − max), in float: x = k·ln 2 + r with |r| ≤ ½ln 2 (ln 2 split in
/// two parts so r is exact), e^r by Cephes' degree-6 minimax polynomial, then 2ᵏ put into the
/// exponent bits. Within 2 float ulps of eˣ (tested); 0 below −87, where eˣ is subnormal or 0.
/// Vector256.Exp and Vector512.Exp widen to double and cost several times more, and a 2-class output takes one
/// exponential per sample and class in every training step.
/// </summary>
internal static class FastExp
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float Lowest = -87f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T OfNonPositive<T>(T x) where T : struct, IFloatVector<T>
    {
        var tooSmall = T.LessThan(x, T.Create(Lowest));
        x = T.Max(T.Create(Lowest), x);
        var k = T.Round(x * T.Create(Log2E));
        var r = T.MultiplyAdd(k, T.Create(-Ln2High), x);
        r = T.MultiplyAdd(k, T.Create(-Ln2Low), r);
        var p = T.MultiplyAdd(T.Create(1.9875691500e-4f), r, T.Create(1.3981999507e-3f));
        p = T.MultiplyAdd(p, r, T.Create(8.3334519073e-3f));
        p = T.MultiplyAdd(p, r, T.Create(4.1665795894e-2f));
        p = T.MultiplyAdd(p, r, T.Create(1.6666665459e-1f));
        p = T.MultiplyAdd(p, r, T.Create(5.0000001201e-1f));
        var e = T.MultiplyAdd(p, r * r, r) + T.One;
        return T.AndNot(e * T.Pow2(k), tooSmall);
    }
}
