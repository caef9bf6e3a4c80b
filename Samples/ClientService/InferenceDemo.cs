using Orleans.Inference.Client;
using Orleans.Inference.Generation;
using Orleans.Inference.Models;

namespace Orleans.Inference.Samples.ClientService;

/// <summary>What a service does with the gateway's grains: follow a model's load, complete a prompt, stream one.</summary>
internal sealed class InferenceDemo(IGrainFactory grains, TextWriter output)
{
    /// <summary>Asks for the model and prints its load, state by state, until it is ready; false if it failed.</summary>
    public async Task<bool> FollowLoadAsync(string model, CancellationToken cancellationToken)
    {
        await grains.GetGrain<IModelGrain>(model).LoadAsync();
        await foreach (var status in grains.WatchModelAsync(model, cancellationToken))
        {
            await output.WriteLineAsync($"model {status.ModelId}: {status.State} {status.Progress}% {status.Stage}".TrimEnd());
            if (status.State == ModelState.Ready) return true;
            if (status.State == ModelState.Failed)
            {
                await output.WriteLineAsync($"model {status.ModelId} failed to load: {status.Error}");
                return false;
            }
        }

        return false;
    }

    /// <summary>Completes <paramref name="prompt"/> and prints the text and its usage.</summary>
    public async Task CompleteAsync(string model, string prompt, int maxTokens, CancellationToken cancellationToken)
    {
        var result = await grains.CompleteAsync(model, new InferenceRequest(prompt, new SamplingParameters(maxTokens)), cancellationToken);
        await output.WriteLineAsync($"completion ({result.FinishReason}, {result.Usage.PromptTokens} prompt + {result.Usage.CompletionTokens} completion tokens): {result.Text}");
    }

    /// <summary>Streams <paramref name="prompt"/>'s completion, printing each chunk as it arrives.</summary>
    public async Task StreamAsync(string model, string prompt, int maxTokens, CancellationToken cancellationToken)
    {
        var chunks = 0;
        await output.WriteAsync("stream: ");
        await foreach (var chunk in grains.StreamAsync(model, new InferenceRequest(prompt, new SamplingParameters(maxTokens)), cancellationToken))
        {
            chunks++;
            await output.WriteAsync(chunk.Text);
            if (chunk.IsFinal) await output.WriteLineAsync($"{Environment.NewLine}stream ended ({chunk.FinishReason}) after {chunks} chunks");
        }
    }
}
