using System.CommandLine;
using System.CommandLine.Parsing;

namespace Warpscope.Cli.Options;

/// <summary>
/// Range checks on numeric options whose messages name the option. A value that does not parse as the
/// option's type is reported here too, in the same words as the range ("--epochs must be a whole number
/// between 0 and 10000000 (got '1e12')"): reading it would throw inside the parser (issue 13).
/// </summary>
internal static class OptionValidation
{
    public static Option<double> Positive(this Option<double> option)
    {
        option.Validators.Add(r =>
        {
            if (!TryRead(r, option, "a positive number", out double v)) return;
            if (!(v > 0) || double.IsInfinity(v)) r.AddError($"{option.Name} must be a positive number (got {v})");
        });
        return option;
    }

    public static Option<double> Within(this Option<double> option, double min, double max)
    {
        option.Validators.Add(r =>
        {
            if (!TryRead(r, option, $"a number between {min} and {max}", out double v)) return;
            if (!(v >= min && v <= max)) r.AddError($"{option.Name} must be between {min} and {max} (got {v})");
        });
        return option;
    }

    public static Option<int> Within(this Option<int> option, int min, int max)
    {
        option.Validators.Add(r =>
        {
            if (!TryRead(r, option, $"a whole number between {min} and {max}", out int v)) return;
            if (v < min || v > max) r.AddError($"{option.Name} must be between {min} and {max} (got {v})");
        });
        return option;
    }

    public static Option<long?> Within(this Option<long?> option, long min, long max)
    {
        option.Validators.Add(r =>
        {
            if (!TryRead(r, option, $"a whole number between {min} and {max}", out long? v)) return;
            if (v < min || v > max) r.AddError($"{option.Name} must be between {min} and {max} (got {v})");
        });
        return option;
    }

    /// <summary>The option's value, or false with an error naming the option, what it takes and what it got.</summary>
    private static bool TryRead<T>(OptionResult result, Option option, string takes, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            result.AddError($"{option.Name} must be {takes} (got '{string.Join(' ', result.Tokens.Select(t => t.Value))}')");
            value = default!;
            return false;
        }
    }

    /// <summary>
    /// The parser's own words for a value of the wrong type ("Cannot parse argument 'x' for option '--seed'
    /// as expected type 'System.Int32'") in a user's: "--seed must be a whole number (got 'x')".
    /// </summary>
    public static string Friendly(string message)
    {
        var m = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(.*)' for option '(.*)' as expected type '(?:System\.)?([\w.`\[\]]+)'");
        if (!m.Success) return message;
        var kind = m.Groups[3].Value switch
        {
            "Int32" or "Int64" or "Nullable`1[System.Int32]" or "Nullable`1[System.Int64]" => "a whole number",
            "Single" or "Double" or "Nullable`1[System.Double]" => "a number",
            "Boolean" => "true or false",
            _ => "a value of another kind",
        };
        return $"{m.Groups[2].Value} must be {kind} (got '{m.Groups[1].Value}')";
    }
}
