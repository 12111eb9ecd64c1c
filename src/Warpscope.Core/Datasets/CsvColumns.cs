using System.Globalization;

namespace Warpscope.Core.Datasets;

/// <summary>
/// Which columns of a CSV file hold x, y and the label, each a header name or a 0-based index; null
/// keeps the default: the first two columns and the last. A name is looked for in the header first,
/// so a column named "2" is found by its name. <see cref="Z"/> names a third input column (3-D data);
/// it has no default: without it the data are points of the plane.
/// </summary>
public sealed record CsvColumns(string? X = null, string? Y = null, string? Label = null)
{
    public static CsvColumns Default { get; } = new();

    /// <summary>The column of the third coordinate, which makes the data 3-D; null for data of the plane.</summary>
    public string? Z { get; init; }

    public bool IsDefault => X is null && Y is null && Label is null && Z is null;

    /// <summary>
    /// The columns' indices in a file whose first row is <paramref name="first"/>, and whether that row is a
    /// header: it is when a column was found by name there, or when its x or y is not a number. Without
    /// <paramref name="withLabel"/> the label is not looked for (-1). <paramref name="line"/> is the first
    /// row's line number. A column that is not there fails in one line naming the option and the file.
    /// </summary>
    public Resolved Resolve(IReadOnlyList<string> first, string source, int line, bool withLabel = true)
    {
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
        var z = Find(Z, "z", -1);
        var label = withLabel ? Find(Label, "label", first.Count - 1) : -1;
        // After the look-ups: a column asked for by name that is not there is named as such, even in a narrow file.
        var inputs = Z is null ? 2 : 3;
        if (first.Count < inputs + (withLabel ? 1 : 0))
        {
            throw new UserInputException((withLabel, Z is null) switch
            {
                (true, true) => $"{source}:{line}: expected 3 fields (x,y,label), found {first.Count}",
                (true, false) => $"{source}:{line}: expected 4 fields (x,y,z,label), found {first.Count}",
                (false, true) => $"{source}:{line}: expected at least 2 fields (x,y,…), found {first.Count}",
                _ => $"{source}:{line}: expected at least 3 fields (x,y,z,…), found {first.Count}",
            });
        }
        if (x == y) throw Bad("y", $"--x and --y both name column {x} of {source}");
        if (z >= 0 && (z == x || z == y)) throw Bad("z", $"--z: column {z} of {source} already holds {(z == x ? "x" : "y")}");
        if (label >= 0 && (label == x || label == y || label == z)) throw Bad("label", $"--label: column {label} of {source} already holds {(label == x ? "x" : label == y ? "y" : "z")}");
        var isHeader = byName || !(CsvDataset.IsNumber(first[x]) && CsvDataset.IsNumber(first[y]) && (z < 0 || CsvDataset.IsNumber(first[z])));
        var named = isHeader && first[x].Length > 0 && first[y].Length > 0 && (z < 0 || first[z].Length > 0);
        IReadOnlyList<string> axes = z < 0
            ? named ? [first[x], first[y]] : Dataset.PlainAxes
            : named ? [first[x], first[y], first[z]] : Dataset.SpaceAxes;
        return new Resolved(x, y, label, first.Count, isHeader, axes) { Z = z };
    }

    private static UserInputException Bad(string key, string message) => new(message) { Key = key };

    /// <summary>The columns' indices, the row width, whether the first row is a header, and the names of the x and y (and z) columns.</summary>
    public sealed record Resolved(int X, int Y, int Label, int Width, bool FirstIsHeader, IReadOnlyList<string> AxisNames)
    {
        /// <summary>The z column's index; −1 for data of the plane.</summary>
        public int Z { get; init; } = -1;
    }
}
