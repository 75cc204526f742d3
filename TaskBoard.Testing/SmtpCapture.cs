using System.Buffers;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace TaskBoard.Testing;

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer package) that keeps every message it is
/// given, for tests that follow the links in the app's emails. It can be stopped and started again
/// on the same port, to play a mail server that is down for a while.
/// </summary>
public sealed class SmtpCapture : IAsyncDisposable
{
    private readonly List<MimeMessage> messages = [];
    private readonly object gate = new();
    private TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? running;
    private Task? serverTask;

    public SmtpCapture(int? port = null) => Port = port ?? LoopbackPort.Free();

    public int Port { get; }

    public bool IsRunning => running is not null;

    /// <summary>Starts listening; call again after <see cref="StopAsync"/> to come back on the same port.</summary>
    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Port))).Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        running = new CancellationTokenSource();
        var server = new SmtpServer.SmtpServer(options, services);
        serverTask = server.StartAsync(running.Token);
        // Accepting connections once a client can connect.
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(System.Net.IPAddress.Loopback, Port);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new InvalidOperationException($"The test SMTP server did not start on port {Port}.");
    }

    public async Task StopAsync()
    {
        if (running is null)
        {
            return;
        }

        await running.CancelAsync();
        try
        {
            await serverTask!;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        running.Dispose();
        running = null;
    }

    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. messages];
            }
        }
    }

    /// <summary>The first message to <paramref name="to"/> that matches, waiting up to <paramref name="timeout"/> for it to arrive.</summary>
    public async Task<MimeMessage> WaitForAsync(string to, Func<MimeMessage, bool>? where = null, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task next;
            lock (gate)
            {
                var found = messages.FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address.Equals(to, StringComparison.OrdinalIgnoreCase)) && (where?.Invoke(m) ?? true));
                if (found is not null)
                {
                    return found;
                }

                next = arrived.Task;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"No email to {to} arrived in time. Received: {string.Join("; ", Messages.Select(m => $"{m.To} '{m.Subject}'"))}");
            }
        }
    }

    /// <summary>Every message to <paramref name="to"/> so far.</summary>
    public IReadOnlyList<MimeMessage> To(string to) =>
        [.. Messages.Where(m => m.To.Mailboxes.Any(b => b.Address.Equals(to, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>The first link to this app in the message's text (the part people click).</summary>
    public static string Link(MimeMessage message) =>
        System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"https?://\S+\?token=[A-Za-z0-9_\-]+(&[A-Za-z]+=[A-Za-z0-9_\-]+)*").Value is { Length: > 0 } link
            ? link
            : throw new InvalidOperationException($"No link in '{message.Subject}':\n{message.TextBody}");

    /// <summary>The token of the first link in the message.</summary>
    public static string Token(MimeMessage message) =>
        System.Text.RegularExpressions.Regex.Match(Link(message), @"\?token=([A-Za-z0-9_\-]+)").Groups[1].Value;

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Add(MimeMessage message)
    {
        lock (gate)
        {
            messages.Add(message);
            var done = arrived;
            arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.SetResult();
        }
    }

    private sealed class Store(SmtpCapture capture) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            capture.Add(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
