using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace TaskBoard.Tests.Infrastructure;

/// <summary>
/// A Serilog sink that keeps every event the app logs, rendered with all its properties and any
/// exception, so a test can search everything a real sink could have written.
/// </summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly List<string> lines = [];

    public void Emit(LogEvent logEvent)
    {
        var properties = string.Join(" ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}"));
        var line = $"{logEvent.Level} {logEvent.RenderMessage(CultureInfo.InvariantCulture)} {properties} {logEvent.Exception}";
        lock (lines)
        {
            lines.Add(line);
        }
    }

    public string Text
    {
        get
        {
            lock (lines)
            {
                return string.Join('\n', lines);
            }
        }
    }
}
