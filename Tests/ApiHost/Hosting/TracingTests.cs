using System.Diagnostics;
using System.Net;
using System.Text;
using Orleans.Inference.Tests.Infrastructure;

namespace Orleans.Inference.Tests.ApiHost.Hosting;

/// <summary>With tracing on, one trace runs from the HTTP request through the grain call and the batch to the backend call.</summary>
[Collection(TracingApiHostCollection.Name)]
public sealed class TracingTests(TracingApiHostFactory host)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Post_Completion_OneTraceFromHttpThroughGrainAndBatchToTheBackendCall(bool stream)
    {
        var trace = ActivityTraceId.CreateRandom();
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/completions")
        {
            Content = new StringContent(
                $$"""{"model":"{{TracingApiHostFactory.Model}}","prompt":"Hello","max_tokens":4,"stream":{{(stream ? "true" : "false")}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");

        // This process's own HttpClient is traced too: it must not replace the client's traceparent with its own.
        using var http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = host.BaseAddress };
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Activity[] spans = [];
        await HttpJson.EventuallyAsync(() =>
        {
            spans = [.. host.Spans.Ended.Where(span => span.TraceId == trace)];
            return spans.Any(span => span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.AspNetCore")
                && spans.Any(span => span.Kind == ActivityKind.Client && span.Source.Name == "System.Net.Http")
                // A stream's last token reaches the client before the batch grain closes its span and its call's.
                && spans.Any(batch => batch.OperationName == "inference.batch"
                    && spans.Any(call => call.SpanId == batch.ParentSpanId));
        }, TimeSpan.FromSeconds(5), "the request's server span, the batch's span and the backend call's client span end in the client's trace");

        var server = spans.Single(span => span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.AspNetCore");
        // A ready model costs the request one grain call: the batch grain's, with no model grain call before it.
        Assert.DoesNotContain(spans, span => span.DisplayName.StartsWith("IModelGrain/", StringComparison.Ordinal));
        Assert.Contains(spans, span => span.DisplayName.StartsWith("IBatchGrain/", StringComparison.Ordinal));
        var batch = spans.Single(span => span.OperationName == "inference.batch");
        var grainCall = spans.Single(span => span.SpanId == batch.ParentSpanId);
        Assert.Equal(ActivityKind.Server, grainCall.Kind);
        Assert.True(IsBelow(grainCall, server, spans), "the batch's grain call runs inside the HTTP request's span");
        Assert.Contains(batch.Links, link => link.Context.TraceId == trace);
        Assert.Equal(TracingApiHostFactory.Model, batch.GetTagItem("inference.model"));
        var backendCall = spans.Single(span => span.Kind == ActivityKind.Client && span.Source.Name == "System.Net.Http");
        Assert.Equal(batch.SpanId, backendCall.ParentSpanId);
        Assert.Equal(host.Simulator.BaseAddress.Port, backendCall.GetTagItem("server.port"));
        // Orleans' own calls (stream queue polls four times a second, membership table writes) start no traces.
        Assert.DoesNotContain(host.Spans.Ended, span => span.DisplayName.StartsWith("IMemoryStreamQueueGrain/", StringComparison.Ordinal)
            || span.DisplayName.StartsWith("IMembershipTable/", StringComparison.Ordinal));
    }

    private static bool IsBelow(Activity span, Activity ancestor, Activity[] spans)
    {
        for (var current = span; current is not null; current = spans.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestor.SpanId) return true;
        }

        return false;
    }
}
