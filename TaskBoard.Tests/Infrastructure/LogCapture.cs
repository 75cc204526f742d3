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
    private TaskCompletionSource logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Emit(LogEvent logEvent)
    {
        var properties = string.Join(" ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}"));
        var line = $"{logEvent.Level} {logEvent.RenderMessage(CultureInfo.InvariantCulture)} {properties} {logEvent.Exception}";
        lock (lines)
        {
            lines.Add(line);
            var done = logged;
            logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.SetResult();
        }
    }

    /// <summary>Waits until <paramref name="count"/> logged lines contain <paramref name="text"/>.</summary>
    public async Task WaitForAsync(string text, int count = 1, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task next;
            lock (lines)
            {
                if (lines.Count(l => l.Contains(text, StringComparison.Ordinal)) >= count)
                {
                    return;
                }

                next = logged.Task;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The app did not log \"{text}\" {count} time(s) in time.");
            }
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
