using Microsoft.Extensions.Logging;
using Polly.Telemetry;

namespace Orleans.Inference.Backends.Http;

/// <summary>
/// Polly's telemetry for the HTTP backends' pipelines: the events an operator acts on (retries, breakers opening,
/// half-opening and closing, timeouts, failed attempts) as metrics and logs at their own severity. The events every
/// request makes (a pipeline executing and executed, a first attempt that succeeded) get severity None: never logged,
/// and tagged <c>event_severity="None"</c> where Polly meters them, since it has no way to leave them out.
/// <c>PipelineExecuting</c> still counts once per execution of each pipeline in <c>resilience_polly_strategy_events</c>,
/// so a dashboard of what went wrong filters <c>event_severity!="None"</c>. Polly times every execution
/// (<c>resilience.polly.pipeline.duration</c>): 0.45 KB a request on the proxy path (Bench <c>proxy</c>, chat, 10
/// clients: 17.10 KB without its telemetry, 17.55 with), its CPU lost in the run-to-run noise.
/// </summary>
internal static class BackendTelemetry
{
    public static TelemetryOptions Options(ILoggerFactory loggers) => new()
    {
        LoggerFactory = loggers,
        SeverityProvider = args => args.Event switch
        {
            { EventName: "PipelineExecuting" or "PipelineExecuted" } => ResilienceEventSeverity.None,
            { EventName: "ExecutionAttempt", Severity: ResilienceEventSeverity.Debug } => ResilienceEventSeverity.None,
            var other => other.Severity,
        },
    };
}
