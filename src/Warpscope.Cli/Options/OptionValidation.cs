using System.CommandLine;

namespace Warpscope.Cli.Options;

/// <summary>Range checks on numeric options whose messages name the option.</summary>
internal static class OptionValidation
{
    public static Option<double> Positive(this Option<double> option)
    {
        option.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<double>();
            if (!(v > 0) || double.IsInfinity(v)) r.AddError($"{option.Name} must be a positive number (got {v})");
        });
        return option;
    }

    public static Option<double> Within(this Option<double> option, double min, double max)
    {
        option.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<double>();
            if (!(v >= min && v <= max)) r.AddError($"{option.Name} must be between {min} and {max} (got {v})");
        });
        return option;
    }

    public static Option<int> Within(this Option<int> option, int min, int max)
    {
        option.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<int>();
            if (v < min || v > max) r.AddError($"{option.Name} must be between {min} and {max} (got {v})");
        });
        return option;
    }

    public static Option<long?> AtLeast(this Option<long?> option, long min)
    {
        option.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<long?>();
            if (v < min) r.AddError($"{option.Name} must be at least {min} (got {v})");
        });
        return option;
    }
}
