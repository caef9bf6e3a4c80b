using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Errors;

/// <summary>
/// Random mutations of valid bodies, over real HTTP: each gets 200 (the mutation left it valid) or a 4xx in OpenAI's error
/// shape, within a deadline; never a 5xx, never a hang. Seeded, so a failure names the seed and mutation that reproduce it.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class BadInputFuzzTests(ApiHostFactory host)
{
    private const int MutationsPerSeed = 150;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static readonly (string Path, string Body)[] ValidBodies =
    [
        ("v1/completions", """{"model":"test-free","prompt":"Once upon a time","max_tokens":8,"temperature":0.7,"top_p":1,"stop":["\n","."],"seed":42,"n":1,"user":"u1"}"""),
        ("v1/completions", """{"model":"test-free","prompt":["one","two","three"],"max_tokens":4,"stream":false,"stream_options":{"include_usage":true}}"""),
        ("v1/chat/completions", """{"model":"test-free","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"Hi"}]}],"max_completion_tokens":8,"stop":"\n"}"""),
        ("v1/chat/completions", """{"model":"test-free","messages":[{"role":"user","content":"Tell me a story","name":"ann"},{"role":"assistant","content":"Once"}],"max_tokens":4,"stream":true}"""),
    ];

    /// <summary>Values a field may be swapped for: other types, edges of the number types, odd strings, nesting past the depth limit.</summary>
    private static readonly string[] Values =
    [
        "null", "true", "false", "0", "-1", "1", "2", "4096", "2147483648", "-2147483649", "1e308", "-1e308", "1e400", "1e-320",
        "0.5", "3.14", "-0.0", "\"\"", "\"x\"", "\"test-free\"", "\"user\"", "\"\\u0000\"", "\"\\ud800\"", "\"💥\"",
        $"\"{new string('a', 10_000)}\"", "[]", "[null]", "[\"a\"]", "[1,2]", "[\"a\",\"b\",\"c\",\"d\",\"e\"]", "{}",
        """{"a":1}""", """{"type":"text","text":"x"}""", new string('[', 100) + new string(']', 100),
    ];

    private static readonly Regex Placeholders = new("\"@value([0-9]+)@\"");

    private static readonly byte[] InterestingBytes = "{}[]\",:\\0-e.ntf "u8.ToArray().Concat(new byte[] { 0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xFF }).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Post_MutatedValidBody_Returns200OrOpenAi4xx_InTime(int seed)
    {
        var random = new Random(seed);
        var failures = new List<string>();
        var outcomes = new Dictionary<int, int>();
        foreach (var (path, body) in ValidBodies)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(path, Encoding.UTF8.GetBytes(body))).Status);
        }

        for (var i = 0; i < MutationsPerSeed; i++)
        {
            var (path, valid) = ValidBodies[random.Next(ValidBodies.Length)];
            var steps = new List<string>();
            var mutated = Mutate(random, valid, steps);
            var (status, problem) = await SendAsync(path, mutated);
            outcomes[(int)status] = outcomes.GetValueOrDefault((int)status) + 1;
            if (problem is not null)
            {
                failures.Add($"seed {seed}, mutation {i} ({string.Join("; ", steps)}) of {path}: {problem}\n  body: {Show(mutated)}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {MutationsPerSeed} mutations failed:\n{string.Join("\n", failures.Take(5))}");

        // A fuzzer whose mutations all fail the same way, or all pass, tests little.
        Assert.True(outcomes.GetValueOrDefault(200) > 0 && outcomes.GetValueOrDefault(400) > 0, $"seed {seed}: outcomes {string.Join(", ", outcomes)}");
    }

    /// <summary>The status, and what is wrong with the response, if anything.</summary>
    private async Task<(HttpStatusCode Status, string? Problem)> SendAsync(string path, byte[] body)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            using var response = await host.Http.PostBytesAsync(path, body, cancellationToken: deadline.Token);
            var text = await response.Content.ReadAsStringAsync(deadline.Token);
            var status = (int)response.StatusCode;
            if (status == 200) return (response.StatusCode, text.Length > 0 ? null : "200 with an empty body");
            if (status is < 400 or >= 500) return (response.StatusCode, $"status {status}: {text}");
            return (response.StatusCode, IsOpenAiError(text) ? null : $"status {status} without OpenAI's error shape: {text}");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return (0, $"no response within {Deadline.TotalSeconds} s");
        }
    }

    private static bool IsOpenAiError(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("error", out var error)
                && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String && message.GetString()!.Length > 0
                && error.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString()!.Length > 0
                && error.TryGetProperty("param", out _) && error.TryGetProperty("code", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>One to three mutations: changes to the JSON's structure first (while it is still JSON), then to its bytes.</summary>
    private static byte[] Mutate(Random random, string valid, List<string> steps)
    {
        var structural = random.Next(3);
        var bytewise = structural == 0 ? 1 + random.Next(2) : random.Next(2);
        var root = JsonNode.Parse(valid)!.AsObject();
        for (var i = 0; i < structural; i++) MutateStructure(random, root, steps);
        var bytes = Encoding.UTF8.GetBytes(structural > 0 ? Render(random, root, steps) : valid).ToList();
        for (var i = 0; i < bytewise; i++) MutateBytes(random, bytes, steps);
        return [.. bytes];
    }

    private static void MutateStructure(Random random, JsonObject root, List<string> steps)
    {
        var value = Values[random.Next(Values.Length)];
        if (root.Count == 0)
        {
            steps.Add($"add model: {Shorten(value)}");
            root["model"] = Placeholder(value);
            return;
        }

        var (parent, key, path) = PickField(random, root);
        switch (random.Next(3))
        {
            case 0:
                steps.Add($"set {path} to {Shorten(value)}");
                Set(parent, key, Placeholder(value));
                break;
            case 1:
                steps.Add($"remove {path}");
                if (parent is JsonObject fromObject) fromObject.Remove(key);
                else parent.AsArray().RemoveAt(int.Parse(key));
                break;
            default:
                steps.Add($"wrap {path} in an array");
                var node = parent is JsonObject o ? o[key] : parent.AsArray()[int.Parse(key)];
                Set(parent, key, new JsonArray(node?.DeepClone()));
                break;
        }
    }

    /// <summary>The object as text; sometimes with what a JsonNode cannot hold: a duplicate key, or an array for a root.</summary>
    private static string Render(Random random, JsonObject root, List<string> steps)
    {
        var json = Placeholders.Replace(root.ToJsonString(), match => Values[int.Parse(match.Groups[1].Value)]);
        switch (random.Next(4))
        {
            case 0:
                var name = root.Count > 0 && random.Next(2) == 0 ? root.ElementAt(random.Next(root.Count)).Key : "extra_" + random.Next(100);
                var value = Values[random.Next(Values.Length)];
                steps.Add($"add a first '{name}': {Shorten(value)}");
                return "{\"" + name + "\":" + value + (root.Count > 0 ? "," : string.Empty) + json[1..];
            case 1:
                steps.Add("make the root an array");
                return "[" + json + "]";
            default:
                return json;
        }
    }

    /// <summary>
    /// Stands for one of <see cref="Values"/> until the body is rendered, since a JsonNode cannot hold all of them (a lone
    /// surrogate, nesting past its own depth limit).
    /// </summary>
    private static JsonNode Placeholder(string value) => JsonValue.Create($"@value{Array.IndexOf(Values, value)}@");

    /// <summary>A random field of the object, or of an object or array nested in it, with its path for the failure message.</summary>
    private static (JsonNode Parent, string Key, string Path) PickField(Random random, JsonObject root)
    {
        JsonNode parent = root;
        var key = root.ElementAt(random.Next(root.Count)).Key;
        var path = key;
        while (random.Next(2) == 0)
        {
            var child = parent is JsonObject o ? o[key] : parent.AsArray()[int.Parse(key)];
            if (child is JsonObject { Count: > 0 } childObject)
            {
                (parent, key) = (childObject, childObject.ElementAt(random.Next(childObject.Count)).Key);
                path += "." + key;
            }
            else if (child is JsonArray { Count: > 0 } childArray)
            {
                (parent, key) = (childArray, random.Next(childArray.Count).ToString());
                path += $"[{key}]";
            }
            else
            {
                break;
            }
        }

        return (parent, key, path);
    }

    private static void Set(JsonNode parent, string key, JsonNode? value)
    {
        if (parent is JsonObject o) o[key] = value;
        else parent.AsArray()[int.Parse(key)] = value;
    }

    private static void MutateBytes(Random random, List<byte> bytes, List<string> steps)
    {
        var at = random.Next(bytes.Count + 1);
        switch (random.Next(5))
        {
            case 0 when bytes.Count > 0:
                var count = Math.Min(1 + random.Next(8), bytes.Count - Math.Min(at, bytes.Count - 1));
                at = Math.Min(at, bytes.Count - 1);
                steps.Add($"delete {count} bytes at {at}");
                bytes.RemoveRange(at, count);
                break;
            case 1:
                var inserted = Enumerable.Range(0, 1 + random.Next(4))
                    .Select(_ => random.Next(3) == 0 ? (byte)random.Next(256) : InterestingBytes[random.Next(InterestingBytes.Length)]).ToArray();
                steps.Add($"insert {Convert.ToHexString(inserted)} at {at}");
                bytes.InsertRange(at, inserted);
                break;
            case 2 when bytes.Count > 0:
                at = Math.Min(at, bytes.Count - 1);
                var replacement = InterestingBytes[random.Next(InterestingBytes.Length)];
                steps.Add($"replace byte {at} with {replacement:X2}");
                bytes[at] = replacement;
                break;
            case 3:
                steps.Add($"truncate at {at}");
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            default:
                var start = random.Next(bytes.Count + 1);
                var span = bytes.Skip(start).Take(1 + random.Next(16)).ToArray();
                steps.Add($"copy {span.Length} bytes from {start} to {at}");
                bytes.InsertRange(at, span);
                break;
        }
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..37] + "..." : text;

    /// <summary>The body as text, with bytes that are not printable ASCII as \xNN, shortened.</summary>
    private static string Show(byte[] body)
    {
        var text = new StringBuilder();
        foreach (var b in body.Take(600)) text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        return body.Length > 600 ? text.Append($"... ({body.Length} bytes)").ToString() : text.ToString();
    }
}
