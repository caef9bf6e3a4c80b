using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// The ApiHost with API keys: inference keys (one as a plain string, one as an object), an admin key, keys with their
/// own rate and concurrency limits, and every log entry captured at the most detailed level, to look for keys in.
/// </summary>
public sealed class AuthApiHostFactory : ApiHostFactory
{
    public const string InferenceKey = "sk-test-inference-5f2b9c7e1d4a";
    public const string NamedInferenceKey = "sk-test-named-8e3a1f6c0b2d";
    public const string AdminKey = "sk-test-admin-3c9d7b1e5a0f";

    /// <summary>Keys with the same tight rate, each for one test: 3 at once, then one every 100 s.</summary>
    public const string RateKeyA = "sk-test-rate-a-1b7e4d9c2f6a";

    public const string RateKeyB = "sk-test-rate-b-6d2c8a0f3e9b";

    public const string RateKeyC = "sk-test-rate-c-7e0a3b5d9c1f";

    /// <summary>Burst, not rate: requests one rate-limited key may send before its 429.</summary>
    public const int RateBurst = 3;

    /// <summary>A key with at most <see cref="Concurrent"/> requests in progress.</summary>
    public const string ConcurrencyKey = "sk-test-concurrency-4a8f2e6b0c1d";

    public const int Concurrent = 2;

    /// <summary>
    /// Paced models (25 ms a step), one per stream the concurrency test holds open: a model runs one batch at a time, so
    /// streams sent one after another to one model would wait behind each other instead of running together.
    /// </summary>
    public static string HeldModel(int index) => $"test-held-{index}";

    /// <summary>A model that runs one request at a time (25 ms a step) with room for four waiting: where keys share a queue.</summary>
    public const string SharedQueueModel = "test-shared-queue";

    private readonly List<HttpClient> _clients = [];

    public LogCapture Logs { get; } = new();

    /// <summary>A client that sends <paramref name="key"/> as a bearer token on every request (none when null).</summary>
    public HttpClient ClientFor(string? key, bool leaving = false)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = leaving ? 0 : 1024 * 1024 })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        lock (_clients) _clients.Add(client);
        return client;
    }

    public override async Task DisposeAsync()
    {
        lock (_clients) _clients.ForEach(client => client.Dispose());
        await base.DisposeAsync();
    }

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["Auth:ApiKeys:0"] = InferenceKey;
        settings["Auth:ApiKeys:1:Key"] = NamedInferenceKey;
        settings["Auth:ApiKeys:1:Name"] = "named";
        Limited(settings, 2, "rate-a", RateKeyA);
        Limited(settings, 3, "rate-b", RateKeyB);
        settings["Auth:ApiKeys:4:Key"] = ConcurrencyKey;
        settings["Auth:ApiKeys:4:Name"] = "concurrency";
        settings["Auth:ApiKeys:4:ConcurrentRequests"] = Concurrent.ToString();
        Limited(settings, 5, "rate-c", RateKeyC);
        settings["Auth:AdminKeys:0"] = AdminKey;
        settings[$"Inference:Models:{SharedQueueModel}:LoadOnStart"] = "true";
        settings[$"Inference:Models:{SharedQueueModel}:Simulation:LoadSeconds"] = "0";
        settings[$"Inference:Models:{SharedQueueModel}:Simulation:StepMs"] = "25";
        settings[$"Inference:Models:{SharedQueueModel}:Batching:MaxBatchSize"] = "1";
        settings[$"Inference:Models:{SharedQueueModel}:Batching:MaxQueueLength"] = "4";
        for (var i = 0; i < Concurrent; i++)
        {
            settings[$"Inference:Models:{HeldModel(i)}:LoadOnStart"] = "true";
            settings[$"Inference:Models:{HeldModel(i)}:Simulation:LoadSeconds"] = "0";
            settings[$"Inference:Models:{HeldModel(i)}:Simulation:StepMs"] = "25";
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging
            .AddProvider(Logs)
            .AddFilter<LogCapture>(null, LogLevel.Trace)
            .AddFilter<LogCapture>("Orleans", LogLevel.Information) // the silo's own tracing is no place for keys, and slow
            .AddFilter<LogCapture>("Orleans.Inference", LogLevel.Trace));
    }

    private static void Limited(Dictionary<string, string?> settings, int index, string name, string key)
    {
        settings[$"Auth:ApiKeys:{index}:Key"] = key;
        settings[$"Auth:ApiKeys:{index}:Name"] = name;
        settings[$"Auth:ApiKeys:{index}:RequestsPerSecond"] = "0.01";
        settings[$"Auth:ApiKeys:{index}:Burst"] = RateBurst.ToString();
    }
}

[CollectionDefinition(Name)]
public sealed class AuthApiHostCollection : ICollectionFixture<AuthApiHostFactory>
{
    public const string Name = "apihost-auth";
}
