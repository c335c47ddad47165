using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Failsafe.Server.Web;

/// <summary>
/// Request size limits per endpoint: <see cref="ServerApp.MaxJsonBody"/> unless the endpoint declares its own
/// (<see cref="IRequestSizeLimitMetadata"/>, e.g. uploads). A declared length over the limit is refused at once
/// with 413; a body without a length is counted as it is read and refused when it passes the limit. (Kestrel
/// enforces its own server-wide limit too; this one also holds behind any other server.)
/// </summary>
public sealed class BodyLimit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? ServerApp.MaxJsonBody;
        if (context.Request.ContentLength is { } length && length > limit)
        {
            await Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body has {length:N0} bytes; this endpoint accepts at most {limit:N0}.");
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        if (context.Request.ContentLength is null && context.Request.Body.CanRead)
            context.Request.Body = new LimitedStream(context.Request.Body, limit);
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "Request too large", $"The body is larger than this endpoint accepts ({limit:N0} bytes).");
        }
    }

    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int n)
        {
            _read += n;
            if (_read > limit)
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            return n;
        }
    }
}
