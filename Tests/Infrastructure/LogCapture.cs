using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Orleans.Inference.Tests.Infrastructure;

/// <summary>Keeps every log entry a host writes, as text: its message, its structured values, scopes and exception.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new System.Text.StringBuilder($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values) text.Append($" {key}={value}");
            }

            capture._scopes.ForEachScope((scope, builder) => builder.Append($" scope={scope}"), text);
            if (exception is not null) text.Append(' ').Append(exception);
            capture._entries.Enqueue(text.ToString());
        }
    }
}
