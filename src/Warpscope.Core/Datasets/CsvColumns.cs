using System.Globalization;

namespace Warpscope.Core.Datasets;

/// <summary>
/// Which columns of a CSV file hold x, y and the label, each a header name or a 0-based index; null
/// keeps the default: the first two columns and the last. A name is looked for in the header first,
/// so a column named "2" is found by its name.
/// </summary>
public sealed record CsvColumns(string? X = null, string? Y = null, string? Label = null)
{
    public static CsvColumns Default { get; } = new();

    public bool IsDefault => X is null && Y is null && Label is null;

    /// <summary>
    /// The columns' indices in a file whose first row is <paramref name="first"/>, and whether that row is a
    /// header: it is when a column was found by name there, or when its x or y is not a number. Without
    /// <paramref name="withLabel"/> the label is not looked for (-1). <paramref name="line"/> is the first
    /// row's line number. A column that is not there fails in one line naming the option and the file.
    /// </summary>
    public Resolved Resolve(IReadOnlyList<string> first, string source, int line, bool withLabel = true)
    {
        if (first.Count < (withLabel ? 3 : 2))
        {
            throw new UserInputException(withLabel
                ? $"{source}:{line}: expected 3 fields (x,y,label), found {first.Count}"
                : $"{source}:{line}: expected at least 2 fields (x,y,…), found {first.Count}");
        }
        var byName = false;
        int Find(string? column, string key, int fallback)
        {
            if (column is null) return fallback;
            var text = column.Trim();
            for (var i = 0; i < first.Count; i++)
            {
                if (!string.Equals(first[i], text, StringComparison.Ordinal)) continue;
                byName = true;
                return i;
            }
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                return index < first.Count
                    ? index
                    : throw Bad(key, $"--{key} {text}: {source} has {first.Count} columns (0 to {first.Count - 1})");
            }
            var header = first.Any(f => !CsvDataset.IsNumber(f)) ? $"its columns: {string.Join(", ", first)}" : "it has no header row";
            throw Bad(key, $"--{key} '{text}': no such column in {source} ({header})");
        }

        var x = Find(X, "x", 0);
        var y = Find(Y, "y", 1);
        var label = withLabel ? Find(Label, "label", first.Count - 1) : -1;
        if (x == y) throw Bad("y", $"--x and --y both name column {x} of {source}");
        if (label == x || label == y) throw Bad("label", $"--label: column {label} of {source} already holds {(label == x ? "x" : "y")}");
        var isHeader = byName || !(CsvDataset.IsNumber(first[x]) && CsvDataset.IsNumber(first[y]));
        IReadOnlyList<string> axes = isHeader && first[x].Length > 0 && first[y].Length > 0 ? [first[x], first[y]] : Dataset.PlainAxes;
        return new Resolved(x, y, label, first.Count, isHeader, axes);
    }

    private static UserInputException Bad(string key, string message) => new(message) { Key = key };

    /// <summary>The columns' indices, the row width, whether the first row is a header, and the names of the x and y columns.</summary>
    public sealed record Resolved(int X, int Y, int Label, int Width, bool FirstIsHeader, IReadOnlyList<string> AxisNames);
}
