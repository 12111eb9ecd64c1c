using System.Globalization;
using System.Text;
using Warpscope.Core.IO;

namespace Warpscope.Core.Datasets;

/// <summary>
/// Labelled points as CSV: rows <c>x,y,label</c>, optionally under a header line; or any columns, of
/// which <see cref="CsvColumns"/> picks x, y and the label (by default the first two and the last; the
/// rest are ignored). Reading rejects every bad row with file:line and the problem, and guesses nothing. Labels may be numbers or any
/// strings (in double quotes if they hold a comma); 2 to 8 distinct labels become the classes, in
/// numeric order if all are numbers, else in ordinal string order. A label column of numbers with more
/// than <see cref="MaxClasses"/> distinct values (or any numbers, told <see cref="LearningTask.Regression"/>)
/// is a regression target instead: each row keeps its value, and the header's name for the column
/// (or "value") is the target's name.
/// </summary>
public static class CsvDataset
{
    /// <summary>The most distinct labels a classification file has; a numeric label column with more is a regression target.</summary>
    public const int MaxClasses = 8;

    /// <param name="classes">The classes the labels must be (a test file read against its training file's); null: the file's own.</param>
    /// <param name="task">Classification or regression as the user says; null: regression when the labels are numbers with more than <see cref="MaxClasses"/> distinct values.</param>
    public static CsvData Read(string path, CsvColumns? columns = null, IReadOnlyList<string>? classes = null, LearningTask? task = null)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UserInputException($"{path}: file not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot read ({e.Message})");
        }
        // The file's hash is taken as it is read (a model keeps it to find the file again), not in a second pass.
        using (stream)
        using (var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256))
        {
            var data = Parse(Lines(stream, path, hash), path, columns ?? CsvColumns.Default, classes, task);
            return data with { Source = new DataSource(path, Path.GetFullPath(path), stream.Length, Convert.ToHexStringLower(hash.GetHashAndReset())) };
        }
    }

    /// <summary>Reads CSV bytes (UTF-8, optionally with a BOM) as they come; <paramref name="source"/> names them in error messages.</summary>
    public static CsvData Read(Stream stream, string source, CsvColumns? columns = null, LearningTask? task = null) =>
        Parse(Lines(stream, source, null), source, columns ?? CsvColumns.Default, null, task);

    /// <summary>Parses CSV text; <paramref name="source"/> names it in error messages.</summary>
    public static CsvData Parse(string text, string source, CsvColumns? columns = null, LearningTask? task = null) =>
        Parse(text.Split('\n').Select((line, i) => (i + 1, line)), source, columns ?? CsvColumns.Default, null, task);

    /// <summary>
    /// The lines of a file, numbered from 1, read as it goes (memory holds one line, not the file), each
    /// decoded as strict UTF-8: bytes that are not UTF-8 (a UTF-16 or Latin-1 file) are refused with their line.
    /// </summary>
    internal static IEnumerable<(int Number, string Text)> Lines(Stream stream, string source, System.Security.Cryptography.IncrementalHash? hash)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var buffer = new byte[1 << 16];
        var line = new byte[256];
        var length = 0;
        var number = 1;
        int read;
        while ((read = ReadSome(stream, buffer, source)) > 0)
        {
            hash?.AppendData(buffer, 0, read);
            var offset = 0;
            while (offset < read)
            {
                var end = Array.IndexOf(buffer, (byte)'\n', offset, read - offset);
                var count = (end < 0 ? read : end) - offset;
                if (length + count > DataLimits.MaxLineBytes)
                    throw new UserInputException($"{source}:{number}: line longer than {DataLimits.MaxLineBytes} bytes");
                if (length + count > line.Length) Array.Resize(ref line, Math.Max(2 * line.Length, length + count));
                Array.Copy(buffer, offset, line, length, count);
                length += count;
                if (end < 0) break;
                yield return (number, Decode(utf8, line, length, source, number));
                number++;
                length = 0;
                offset = end + 1;
            }
        }
        if (length > 0) yield return (number, Decode(utf8, line, length, source, number));
    }

    private static int ReadSome(Stream stream, byte[] buffer, string source)
    {
        try
        {
            return stream.Read(buffer);
        }
        catch (IOException e)
        {
            throw new UserInputException($"{source}: cannot read ({e.Message})");
        }
    }

    private static string Decode(UTF8Encoding utf8, byte[] bytes, int length, string source, int number)
    {
        try
        {
            return utf8.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            throw new UserInputException($"{source}:{number}: not valid UTF-8 text (save the file as UTF-8)");
        }
    }

    private static CsvData Parse(IEnumerable<(int Number, string Text)> lines, string source, CsvColumns columns, IReadOnlyList<string>? classes, LearningTask? task)
    {
        // While every label is a number, its value too: more than MaxClasses distinct ones make it a regression target.
        var values = new List<float>();
        string? notNumber = null;
        var manyLabels = false;
        var targetName = "value";
        // Columns, not rows of objects: a million rows take 12 MB, and each label is stored once per spelling.
        var xs = new List<float>();
        var ys = new List<float>();
        var zs = columns.Z is null ? null : new List<float>();
        var labels = new List<int>();
        var spellings = new Dictionary<string, int>(StringComparer.Ordinal);
        CsvColumns.Resolved? at = null;
        foreach (var (number, raw) in lines)
        {
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (number == 1) line = line.TrimStart('\uFEFF');
            if (string.IsNullOrWhiteSpace(line)) continue;
            var where = $"{source}:{number}";
            var fields = SplitFields(line, where);
            if (at is null)
            {
                // A header is recognised, not guessed: only the first line, and only when a column is named
                // in it, or its x or y is not a number.
                at = columns.Resolve(fields, source, number);
                if (at.FirstIsHeader)
                {
                    if (fields[at.Label].Length > 0) targetName = fields[at.Label];
                    continue;
                }
            }
            else if (fields.Count != at.Width)
            {
                throw new UserInputException(at.Width == 3
                    ? $"{where}: expected 3 fields (x,y,label), found {fields.Count}"
                    : $"{where}: expected {at.Width} fields as in the first row, found {fields.Count}");
            }
            if (xs.Count == DataLimits.MaxRows)
                throw new UserInputException($"{where}: more than {DataLimits.MaxRows.ToString("N0", CultureInfo.InvariantCulture)} data rows, the limit; sample the file down");
            var x = Coordinate(fields[at.X], "x", where);
            var y = Coordinate(fields[at.Y], "y", where);
            if (zs is not null) zs.Add(Coordinate(fields[at.Z], "z", where));
            var text = fields[at.Label];
            if (text.Length == 0)
                throw new UserInputException(columns.Label is null && at.Width > 3 ? $"{where}: label (the last of {at.Width} fields) is empty" : $"{where}: label is empty");
            if (task != LearningTask.Classification && notNumber is null)
            {
                if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value)) values.Add(value);
                else notNumber = $"{where}: label '{text}' is not a number";
            }
            if (task == LearningTask.Regression || manyLabels)
            {
                if (notNumber is not null) throw new UserInputException(manyLabels ? $"{notNumber}, yet the column has more than {DataLimits.MaxLabelSpellings} distinct labels (max {MaxClasses} classes)" : $"{notNumber} (a regression target must be)");
                xs.Add(x);
                ys.Add(y);
                labels.Add(0);
                continue;
            }
            if (!spellings.TryGetValue(text, out var spelling))
            {
                if (spellings.Count == DataLimits.MaxLabelSpellings)
                {
                    // Many distinct numbers are a regression target; stop collecting their spellings.
                    if (task is null && notNumber is null && classes is null)
                    {
                        manyLabels = true;
                        xs.Add(x);
                        ys.Add(y);
                        labels.Add(0);
                        continue;
                    }
                    throw new UserInputException($"{where}: more than {DataLimits.MaxLabelSpellings} distinct labels (max {MaxClasses} classes)");
                }
                if (classes is not null && ClassOf(text, classes) < 0)
                    throw new UserInputException($"{where}: label '{text}' is not one of the training data's classes ({string.Join(", ", classes)})");
                spellings.Add(text, spelling = spellings.Count);
            }
            xs.Add(x);
            ys.Add(y);
            labels.Add(spelling);
        }
        if (xs.Count == 0) throw new UserInputException($"{source}: no data rows");
        var regression = task == LearningTask.Regression
            || (task is null && classes is null && notNumber is null && (manyLabels || spellings.Keys.Select(Number).Distinct().Count() > MaxClasses));
        if (regression)
        {
            foreach (var v in values)
                if (MathF.Abs(v) > DataLimits.MaxCoordinate) throw new UserInputException($"{source}: a target {v} lies beyond ±{DataLimits.MaxCoordinate:G}, the limit");
            var targets = new LabeledPoints([.. xs], [.. ys], new int[xs.Count], [.. values], zs?.ToArray());
            return new CsvData(targets, [targetName], DomainOf(targets)) { AxisNames = at!.AxisNames };
        }

        var bySpelling = spellings.OrderBy(p => p.Value).Select(p => p.Key).ToArray();
        var (classNames, classOf) = classes is null ? Classes(bySpelling, source) : (classes, label => ClassOf(label, classes));
        var classOfSpelling = bySpelling.Select(classOf).ToArray();
        var points = new LabeledPoints([.. xs], [.. ys], [.. labels.Select(l => classOfSpelling[l])], z: zs?.ToArray());
        return new CsvData(points, classNames, DomainOf(points)) { AxisNames = at!.AxisNames };
    }

    /// <summary>The index of a label among known classes: by spelling, or by value when both are numbers ("1.0" is class "1"); -1 if none.</summary>
    private static int ClassOf(string label, IReadOnlyList<string> classes)
    {
        for (var c = 0; c < classes.Count; c++)
            if (string.Equals(classes[c], label, StringComparison.Ordinal)) return c;
        if (!IsFiniteNumber(label)) return -1;
        for (var c = 0; c < classes.Count; c++)
            if (IsFiniteNumber(classes[c]) && Number(classes[c]) == Number(label)) return c;
        return -1;
    }

    /// <summary>
    /// Writes a <c>x,y,label</c> header and one row per point, each float in its shortest form that
    /// parses back to the same bits, each label as its class name. Readers never see a half-written file.
    /// </summary>
    public static void Write(string path, LabeledPoints points, IReadOnlyList<string> classNames) =>
        AtomicFile.WriteAllText(path, Format(points, classNames));

    /// <summary>
    /// The CSV text <see cref="Write"/> writes. Named labels are read back in the order first seen, so the
    /// first row of each class comes first, in class order, and the rest follow as given: the file reads
    /// back with the same classes in the same order (the same colours). Numeric labels keep every row in place.
    /// </summary>
    public static string Format(LabeledPoints points, IReadOnlyList<string> classNames)
    {
        if (points.Targets is { } targets) return FormatValues(points, targets, classNames.Count > 0 ? classNames[0] : "value");
        var names = classNames.Select(Quoted).ToArray();
        var text = new StringBuilder("x,y,label\n");
        var first = new int[names.Length];
        Array.Fill(first, -1);
        for (var i = 0; i < points.Count; i++)
            if (points.Labels[i] >= 0 && points.Labels[i] < names.Length && first[points.Labels[i]] < 0) first[points.Labels[i]] = i;
        // (Numbers are read back by value: their rows keep their order.)
        if (classNames.All(IsFiniteNumber)) Array.Fill(first, -1);
        var leading = first.Where(i => i >= 0).ToHashSet();
        foreach (var i in first.Where(i => i >= 0).Concat(Enumerable.Range(0, points.Count).Where(i => !leading.Contains(i))))
        {
            var label = points.Labels[i];
            if (label < 0 || label >= names.Length)
                throw new ArgumentException($"point {i} has label {label}, but there are {names.Length} class names", nameof(points));
            text.Append(points.X[i].ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(points.Y[i].ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(names[label]).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Regression points as x, y and the value, under the value's name (read back as a regression: more than <see cref="MaxClasses"/> distinct numbers).</summary>
    private static string FormatValues(LabeledPoints points, float[] targets, string name)
    {
        var text = new StringBuilder("x,y,").Append(Quoted(name)).Append('\n');
        for (var i = 0; i < points.Count; i++)
        {
            text.Append(points.X[i].ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(points.Y[i].ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(targets[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// A square around the points' bounding box, with 10 % of its side as margin on every edge.
    /// Square so that both axes share one scale (a circle stays round), and so that points on a
    /// line still get a two-dimensional view; a single distinct point gets a side of 1.
    /// </summary>
    internal static PlaneRect DomainOf(LabeledPoints points)
    {
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        for (var i = 0; i < points.Count; i++)
        {
            minX = Math.Min(minX, points.X[i]);
            maxX = Math.Max(maxX, points.X[i]);
            minY = Math.Min(minY, points.Y[i]);
            maxY = Math.Max(maxY, points.Y[i]);
        }
        var side = Math.Max(maxX - minX, maxY - minY);
        if (side == 0) side = 1;
        var half = 0.5 * side + 0.1 * side;
        double cx = 0.5 * (minX + maxX), cy = 0.5 * (minY + maxY);
        return new PlaneRect((float)(cx - half), (float)(cx + half), (float)(cy - half), (float)(cy + half));
    }

    /// <summary>Class names in class order (numbers by value, names as first seen), and the class of each label as written.</summary>
    private static (IReadOnlyList<string> Names, Func<string, int> ClassOf) Classes(IEnumerable<string> labels, string source)
    {
        var spellings = labels.Distinct(StringComparer.Ordinal).ToArray();
        string[] names;
        Func<string, int> classOf;
        if (spellings.All(IsFiniteNumber))
        {
            // Numeric labels are classes by value, so "1" and "1.0" are one class (named as first
            // seen) and they sort as numbers: 2 before 10.
            names = spellings.DistinctBy(Number).OrderBy(Number).ToArray();
            var byValue = names.Select((name, i) => (Value: Number(name), Index: i)).ToDictionary(p => p.Value, p => p.Index);
            classOf = label => byValue[Number(label)];
        }
        else
        {
            // Named labels keep the order they are first seen in, so the first label gets the first
            // colour whatever its spelling (issue 14: sorted, "red" after "green" was drawn green).
            names = spellings;
            var byName = names.Select((name, i) => (Name: name, Index: i)).ToDictionary(p => p.Name, p => p.Index, StringComparer.Ordinal);
            classOf = label => byName[label];
        }
        if (names.Length > MaxClasses)
            throw new UserInputException($"{source}: {names.Length} distinct labels (max {MaxClasses})");
        if (names.Length < 2)
            throw new UserInputException($"{source}: only 1 distinct label (need 2 to {MaxClasses})");
        return (names, classOf);
    }

    /// <summary>
    /// Splits on commas outside double quotes; a quoted field keeps its inner text ("" is one quote),
    /// an unquoted one is trimmed.
    /// </summary>
    internal static List<string> SplitFields(string line, string where)
    {
        var fields = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            if (i < line.Length && line[i] == '"')
            {
                var field = new StringBuilder();
                for (i++; ; i++)
                {
                    if (i >= line.Length) throw new UserInputException($"{where}: unterminated quote");
                    if (line[i] != '"') field.Append(line[i]);
                    else if (i + 1 < line.Length && line[i + 1] == '"') field.Append(line[++i]);
                    else break;
                }
                for (i++; i < line.Length && char.IsWhiteSpace(line[i]); i++) { }
                if (i < line.Length && line[i] != ',') throw new UserInputException($"{where}: text after a closing quote");
                fields.Add(field.ToString());
            }
            else
            {
                var end = line.IndexOf(',', i);
                if (end < 0) end = line.Length;
                var field = line[i..end].Trim();
                if (field.Contains('"')) throw new UserInputException($"{where}: a quote inside the unquoted field '{field}'");
                fields.Add(field);
                i = end;
            }
            if (i >= line.Length) return fields;
            i++;
        }
    }

    internal static float Coordinate(string text, string axis, string where)
    {
        // Parsed straight to float: text → double → float can round twice and miss the nearest float.
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new UserInputException($"{where}: {axis} '{text}' is not a number");
        if (float.IsNaN(value)) throw new UserInputException($"{where}: {axis} is NaN");
        if (float.IsInfinity(value)) throw new UserInputException($"{where}: {axis} '{text}' is not a finite float");
        if (MathF.Abs(value) > DataLimits.MaxCoordinate)
            throw new UserInputException($"{where}: {axis} {text} lies beyond ±{DataLimits.MaxCoordinate:G}, the limit for coordinates");
        return value;
    }

    internal static bool IsNumber(string text) => float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static bool IsFiniteNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value);

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A class name as a CSV field that <see cref="Parse"/> reads back to the same string.</summary>
    internal static string Quoted(string name)
    {
        if (name.Length == 0 || name.Contains('\n') || name.Contains('\r'))
            throw new ArgumentException($"class name '{name}' cannot be written to CSV (empty or spans lines)", nameof(name));
        var plain = !name.Contains(',') && !name.Contains('"') && name.Trim().Length == name.Length;
        return plain ? name : $"\"{name.Replace("\"", "\"\"")}\"";
    }
}
