using System.ClientModel;
using OpenAI;
using OpenAI.Chat;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost;

#pragma warning disable OPENAI001 // Seed is marked for evaluation in the SDK; the gateway honours it.

/// <summary>The official OpenAI .NET SDK, unchanged, pointed at the gateway.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class OpenAiSdkTests(ApiHostFactory host)
{
    private OpenAIClient Client => new(
        new ApiKeyCredential("not-needed"), new OpenAIClientOptions { Endpoint = new Uri(host.BaseAddress, "v1") });

    [Fact]
    public async Task ChatClient_CompleteChat_ReturnsTheReply()
    {
        var chat = Client.GetChatClient(TestCatalog.Free);

        ChatCompletion completion = await chat.CompleteChatAsync(
            [new SystemChatMessage("Be brief."), new UserChatMessage("Hello")],
            new ChatCompletionOptions { MaxOutputTokenCount = 7, Seed = 3 });

        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(7, completion.Content[0].Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(7, completion.Usage.OutputTokenCount);
        Assert.Equal(TestCatalog.Free, completion.Model);
    }

    [Fact]
    public async Task ChatClient_CompleteChatStreaming_ReturnsTheSameReplyInPieces()
    {
        var chat = Client.GetChatClient(TestCatalog.Paced);
        ChatMessage[] messages = [new UserChatMessage("Stream to me")];
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 9, Seed = 8 };
        ChatCompletion whole = await chat.CompleteChatAsync(messages, options);

        var text = new System.Text.StringBuilder();
        var updates = 0;
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        await foreach (var update in chat.CompleteChatStreamingAsync(messages, options))
        {
            updates++;
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.True(updates > 2);
        Assert.Equal(whole.Content[0].Text, text.ToString());
        Assert.Equal(ChatFinishReason.Length, finish);
        Assert.Equal(9, usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Pipeline_PostCompletion_ReturnsTheCompletion()
    {
        // SDK 2.x keeps its legacy completions client internal; its public pipeline (auth, retries, transport) sends the request.
        var pipeline = Client.Pipeline;
        using var message = pipeline.CreateMessage();
        message.Request.Method = "POST";
        message.Request.Uri = new Uri(host.BaseAddress, "v1/completions");
        message.Request.Headers.Set("Content-Type", "application/json");
        message.Request.Content = BinaryContent.Create(BinaryData.FromString(
            $$"""{"model":"{{TestCatalog.Free}}","prompt":"Say something","max_tokens":5}"""));

        await pipeline.SendAsync(message);

        Assert.Equal(200, message.Response!.Status);
        using var body = System.Text.Json.JsonDocument.Parse(message.Response.Content);
        var choice = body.RootElement.GetProperty("choices")[0];
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(5, choice.GetProperty("text").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
