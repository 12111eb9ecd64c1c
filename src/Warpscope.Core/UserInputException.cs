namespace Warpscope.Core;

/// <summary>
/// A mistake in what the user gave (an option, a file, a field): the message names the input and
/// the problem in one line, and front ends print it without a stack trace. Control characters echoed
/// from the input (a line break inside a quoted value) are shown escaped, so the message stays one line.
/// </summary>
public sealed class UserInputException(string message) : Exception(OneLine(message))
{
    /// <summary>The named input the message is about (a URL key, say), where a front end can use it to recover.</summary>
    public string? Key { get; init; }

    /// <summary><paramref name="text"/> with line breaks, tabs and other control characters written as escapes (\n, \u0000).</summary>
    public static string OneLine(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var line = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            line.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return line.ToString();
    }
}
