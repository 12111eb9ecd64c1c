using System.Text;

namespace Warpscope.Tests.Shared;

/// <summary>
/// Seeded mutations of a valid input, for the parser fuzz tests (issue 13): bytes flipped, cut, doubled
/// and dropped, a token swapped for NaN, ±Inf, 1e39, a huge length or a stray quote, random bytes.
/// The same seed gives the same inputs.
/// </summary>
internal static class Mutations
{
    public static readonly string[] Nasty =
        ["NaN", "Infinity", "-Infinity", "1e39", "-1e39", "1e308", "99999999999999999999", "-0", "", "\"", ",", "&", "=", "%", "%ZZ", "\r", "\uFEFF", "é", "\u0000", "null", "[]", "{}", "true", new string('9', 400)];

    /// <summary>
    /// Feeds <paramref name="count"/> seeded mutations of <paramref name="valid"/> to <paramref name="parse"/>,
    /// which checks what it accepts; a <see cref="Warpscope.Core.UserInputException"/> is a refusal, and must be
    /// one line starting with <paramref name="source"/> (when given). Each input must take under a second.
    /// Returns how many were accepted and refused; any other exception fails the test.
    /// </summary>
    public static (int Accepted, int Refused) Run(byte[] valid, int seed, Action<byte[]> parse, string? source = null, int count = 10_000)
    {
        var random = new Random(seed);
        int accepted = 0, refused = 0;
        for (var i = 0; i < count; i++)
        {
            var bytes = Mutate(valid, random);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                parse(bytes);
                accepted++;
            }
            catch (Warpscope.Core.UserInputException e)
            {
                if (source is not null) Assert.StartsWith(source, e.Message);
                Assert.DoesNotContain('\n', e.Message);
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                refused++;
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"input {i} took {clock.Elapsed}");
        }
        return (accepted, refused);
    }

    public static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = valid.ToList();
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            switch (random.Next(6))
            {
                case 0 when bytes.Count > 0: // flip a byte
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                    break;
                case 1: // cut
                    bytes = bytes.Take(random.Next(bytes.Count + 1)).ToList();
                    break;
                case 2 when bytes.Count > 0: // duplicate a slice
                    var from = random.Next(bytes.Count);
                    var length = random.Next(Math.Min(60, bytes.Count - from) + 1);
                    bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(from, length));
                    break;
                case 3: // a token (between separators) swapped for something nasty
                {
                    var text = Encoding.UTF8.GetString([.. bytes]);
                    var tokens = System.Text.RegularExpressions.Regex.Split(text, @"(?<=[,:=&\[\]{}])|(?=[,:=&\[\]{}])");
                    tokens[random.Next(tokens.Length)] = Nasty[random.Next(Nasty.Length)];
                    bytes = Encoding.UTF8.GetBytes(string.Concat(tokens)).ToList();
                    break;
                }
                case 4 when bytes.Count > 0: // drop a slice
                    var at = random.Next(bytes.Count);
                    bytes.RemoveRange(at, random.Next(Math.Min(20, bytes.Count - at) + 1));
                    break;
                default: // random bytes
                    bytes.InsertRange(random.Next(bytes.Count + 1), Enumerable.Range(0, random.Next(1, 8)).Select(_ => (byte)random.Next(256)));
                    break;
            }
        }
        return [.. bytes];
    }
}
