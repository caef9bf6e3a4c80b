using System.Text.Json;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>Checks that a response carries OpenAI's error body: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public static class OpenAiErrors
{
    /// <summary>Returns the <c>error</c> object after asserting its shape.</summary>
    public static async Task<JsonElement> ReadErrorAsync(this HttpResponseMessage response)
    {
        var error = (await response.ReadJsonAsync()).GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("type").GetString()));
        Assert.True(error.TryGetProperty("param", out _), "param is always present, null when no field is at fault");
        Assert.True(error.TryGetProperty("code", out _), "code is always present");
        return error;
    }
}
