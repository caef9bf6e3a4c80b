using System.Text;

namespace Orleans.Inference.Simulation.Text;

/// <summary>
/// Applies stop sequences to a growing text. Text that might be the start of a stop sequence
/// is held back until it is decided, so a stop sequence never reaches the caller, not even in part.
/// </summary>
internal sealed class StopSequenceMatcher(string[] stops)
{
    private readonly StringBuilder _text = new();
    private readonly int _longest = stops.Max(s => s.Length);
    private int _released;

    /// <summary>Adds a token. Returns the text now safe to release, and whether a stop sequence matched.</summary>
    public (string Release, bool Stopped) Add(string token)
    {
        var searchFrom = Math.Max(0, _text.Length - _longest + 1);
        _text.Append(token);
        var text = _text.ToString();
        var stopAt = -1;
        foreach (var stop in stops)
        {
            var at = text.IndexOf(stop, searchFrom, StringComparison.Ordinal);
            if (at >= 0 && (stopAt < 0 || at < stopAt)) stopAt = at;
        }

        if (stopAt >= 0) return (Take(Math.Max(stopAt, _released)), true);
        return (Take(text.Length - HeldBack(text)), false);
    }

    /// <summary>Releases whatever is held back, when the sequence ends without a stop.</summary>
    public string Flush() => Take(_text.Length);

    private string Take(int end)
    {
        if (end <= _released) return string.Empty;
        var release = _text.ToString(_released, end - _released);
        _released = end;
        return release;
    }

    /// <summary>Length of the longest tail of the text that is a proper prefix of a stop sequence.</summary>
    private int HeldBack(string text)
    {
        var max = Math.Min(_longest - 1, text.Length - _released);
        for (var length = max; length > 0; length--)
        {
            var tail = text.AsSpan(text.Length - length);
            foreach (var stop in stops)
            {
                if (stop.Length > length && stop.AsSpan().StartsWith(tail, StringComparison.Ordinal)) return length;
            }
        }

        return 0;
    }
}
