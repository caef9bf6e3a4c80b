using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Inference.Engines;
using Orleans.Inference.Generation;
using Orleans.Inference.OpenAiProtocol.Json;

namespace Orleans.Inference.Backends.Http;

/// <summary>
/// Loading a served model: each replica must answer <c>GET /v1/models</c> and list it (one that does is enough to serve;
/// the others stay in rotation behind their circuit breakers), then connections are opened, then an optional warm-up.
/// </summary>
internal sealed partial class OpenAIBackend
{
    public async Task LoadAsync(IProgress<LoadProgress> progress, CancellationToken cancellationToken)
    {
        // No ConfigureAwait(false) here: progress reports must arrive on the model grain's own turn.
        var replicas = endpoint.Replicas;
        var problems = new List<string>();
        for (var i = 0; i < replicas.Count; i++)
        {
            var replica = replicas[i];
            progress.Report(new LoadProgress(i * 80 / replicas.Count, $"checking replica {i + 1} of {replicas.Count} ({replica.BaseAddress})", null));
            if (await ListsModelAsync(replica, cancellationToken) is { } problem) problems.Add(problem);
        }

        if (problems.Count == replicas.Count)
            throw new InvalidOperationException($"No replica of backend '{endpoint.Name}' serves model '{_model}': {string.Join("; ", problems)}");

        progress.Report(new LoadProgress(85, "opening warm connections", null));
        await endpoint.WarmAsync(cancellationToken);
        if (options.WarmUp)
        {
            progress.Report(new LoadProgress(95, "warming up", null));
            var warmUp = BatchSequence.ForResult(new InferenceRequest("Hello", new SamplingParameters(1)), cancellationToken);
            await RunAsync([warmUp], cancellationToken);
            await warmUp.Result;
        }

        progress.Report(new LoadProgress(100, "ready", TimeSpan.Zero));
    }

    /// <summary>Null when the replica lists the model; otherwise what is wrong with it.</summary>
    private async Task<string?> ListsModelAsync(BackendReplica replica, CancellationToken cancellationToken)
    {
        try
        {
            var models = await replica.Direct.GetFromJsonAsync(new Uri(replica.BaseAddress, "v1/models"), OpenAiJson.Context.ModelListModelObject, cancellationToken);
            var listed = models?.Data?.Any(model => model.Id == _model) == true;
            log.ReplicaChecked(endpoint.Name, replica.BaseAddress, _model, listed);
            return listed ? null : $"{replica.BaseAddress} does not list it";
        }
        catch (Exception error) when (error is HttpRequestException or JsonException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            log.ReplicaCheckFailed(endpoint.Name, replica.BaseAddress, error);
            return $"{replica.BaseAddress} did not answer ({error.Message})";
        }
    }
}
