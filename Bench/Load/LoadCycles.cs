using System.Text.Json;

namespace Orleans.Inference.Bench.Load;

/// <summary>Loads and unloads a model over and over through the admin API, while other load is measured.</summary>
internal static class LoadCycles
{
    public static Func<Uri, HttpClient, CancellationToken, Task> RunAsync(string modelId) => async (server, http, stop) =>
    {
        var model = new Uri(server, $"admin/models/{modelId}");
        try
        {
            while (!stop.IsCancellationRequested)
            {
                (await http.PostAsync(new Uri(server, $"admin/models/{modelId}/load"), null, stop)).EnsureSuccessStatusCode();
                await WaitForAsync(http, model, "Ready", stop);
                (await http.PostAsync(new Uri(server, $"admin/models/{modelId}/unload"), null, stop)).EnsureSuccessStatusCode();
                await WaitForAsync(http, model, "Unloaded", stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The measured run is over.
        }
    };

    private static async Task WaitForAsync(HttpClient http, Uri model, string state, CancellationToken stop)
    {
        while (true)
        {
            using var status = JsonDocument.Parse(await http.GetStringAsync(model, stop));
            if (status.RootElement.GetProperty("state").GetString() == state) return;
            await Task.Delay(50, stop);
        }
    }
}
