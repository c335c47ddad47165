using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Failsafe.Server.Tests;

/// <summary>An SMTP server on a free loopback port that keeps every message it is given.</summary>
public sealed class SmtpInbox : IDisposable
{
    private readonly Channel<MimeMessage> _received = Channel.CreateUnbounded<MimeMessage>();
    private readonly CancellationTokenSource _stop = new();

    public int Port { get; }

    public SmtpInbox()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_received.Writer));
        _ = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    /// <summary>Keeps each message the SMTP server is given (the server's own service provider owns it).</summary>
    private sealed class Store(ChannelWriter<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            await received.WriteAsync(await MimeMessage.LoadAsync(stream, cancellationToken), cancellationToken);
            return SmtpResponse.Ok;
        }
    }

    /// <summary>The next message received, within 15 s.</summary>
    public async Task<MimeMessage> Next()
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(Api.Cancel);
        wait.CancelAfter(TimeSpan.FromSeconds(15));
        return await _received.Reader.ReadAsync(wait.Token);
    }

    public int Waiting => _received.Reader.Count;

    public Dictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Failsafe:Mail:Host"] = "127.0.0.1", ["Failsafe:Mail:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Failsafe:Mail:Security"] = "none", ["Failsafe:Mail:From"] = "Failsafe <noreply@failsafe.test>",
    };

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
