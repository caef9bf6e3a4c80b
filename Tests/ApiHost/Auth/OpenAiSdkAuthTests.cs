using System.ClientModel;
using OpenAI;
using OpenAI.Chat;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Auth;

/// <summary>The official OpenAI .NET SDK, unchanged, against a gateway with keys: its api key is the bearer token.</summary>
[Collection(AuthApiHostCollection.Name)]
public sealed class OpenAiSdkAuthTests(AuthApiHostFactory host)
{
    [Fact]
    public async Task ChatClient_WithTheRightKey_ReturnsTheReply()
    {
        ChatCompletion completion = await Chat(AuthApiHostFactory.InferenceKey).CompleteChatAsync(
            [new UserChatMessage("Hello")], new ChatCompletionOptions { MaxOutputTokenCount = 4 });

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(4, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task ChatClient_WithAWrongKey_Throws401WithOpenAisMessage()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            Chat("sk-test-not-a-key-7c2e9a4b").CompleteChatAsync([new UserChatMessage("Hello")], new ChatCompletionOptions { MaxOutputTokenCount = 4 }));

        Assert.Equal(401, error.Status);
        Assert.Contains("Incorrect API key provided.", error.Message);
    }

    [Fact]
    public async Task ModelClient_WithTheRightKey_ListsTheModels()
    {
        var models = new OpenAIClient(new ApiKeyCredential(AuthApiHostFactory.AdminKey), Options()).GetOpenAIModelClient();

        var list = (await models.GetModelsAsync()).Value;

        Assert.Contains(list, model => model.Id == TestCatalog.Free);
    }

    private ChatClient Chat(string key) => new OpenAIClient(new ApiKeyCredential(key), Options()).GetChatClient(TestCatalog.Free);

    private OpenAIClientOptions Options() => new() { Endpoint = new Uri(host.BaseAddress, "v1") };
}
