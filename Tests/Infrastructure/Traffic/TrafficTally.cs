using System.Text;

namespace Orleans.Inference.Tests.Infrastructure.Traffic;

/// <summary>Outcomes counted by how they ended, for assertions and for a summary a person can read in the test output.</summary>
public sealed class TrafficTally
{
    private readonly List<TrafficOutcome> _outcomes = [];
    private readonly Lock _lock = new();

    public void Add(TrafficOutcome outcome)
    {
        lock (_lock) _outcomes.Add(outcome);
    }

    public void AddRange(IEnumerable<TrafficOutcome> outcomes)
    {
        lock (_lock) _outcomes.AddRange(outcomes);
    }

    public IReadOnlyList<TrafficOutcome> Outcomes
    {
        get
        {
            lock (_lock) return [.. _outcomes];
        }
    }

    /// <summary>How many ended each way, most first.</summary>
    public IReadOnlyList<(string Reason, int Count)> ByReason() =>
        [.. Outcomes.GroupBy(o => o.Reason).Select(g => (g.Key, g.Count())).OrderByDescending(r => r.Item2).ThenBy(r => r.Key, StringComparer.Ordinal)];

    public int Count(string reason) => Outcomes.Count(o => o.Reason == reason);

    /// <summary>One line per reason, and the slowest request, which says whether anything came near its deadline.</summary>
    public string Describe()
    {
        var outcomes = Outcomes;
        var text = new StringBuilder($"{outcomes.Count} requests");
        if (outcomes.Count > 0) text.Append($", slowest {outcomes.Max(o => o.Elapsed).TotalSeconds:F1} s");
        foreach (var (reason, count) in ByReason()) text.Append($"\n  {count,7}  {reason}");
        return text.ToString();
    }

    /// <summary>Fails the test on any request that hung or that no client could read, naming a few.</summary>
    public void AssertEveryRequestEndedClearly()
    {
        var bad = Outcomes.Where(o => o.Reason == TrafficOutcome.Hung || o.IsMalformed).ToList();
        Assert.True(bad.Count == 0, $"{bad.Count} requests hung or were unreadable, e.g.:\n" +
            string.Join('\n', bad.Take(5).Select(o => $"  {o.Request.Kind} to {o.Request.Model}: {o.Reason}")) + "\n" + Describe());
    }
}
