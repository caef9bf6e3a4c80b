using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>
/// Grain storage that outlives a cluster, as a real store does: state is kept (serialized) outside the silos,
/// so a new cluster reads what the old one wrote.
/// </summary>
public sealed class SharedGrainStorage(Serializer serializer, ConcurrentDictionary<string, byte[]> store) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (store.TryGetValue(Key(stateName, grainId), out var bytes))
        {
            grainState.State = serializer.Deserialize<T>(bytes);
            grainState.RecordExists = true;
            grainState.ETag = bytes.Length.ToString();
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        store[Key(stateName, grainId)] = serializer.SerializeToArray(grainState.State);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        store.TryRemove(Key(stateName, grainId), out _);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
