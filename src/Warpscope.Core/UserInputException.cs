namespace Warpscope.Core;

/// <summary>
/// A mistake in what the user gave (an option, a file, a field): the message names the input and
/// the problem in one line, and front ends print it without a stack trace.
/// </summary>
public sealed class UserInputException(string message) : Exception(message);
