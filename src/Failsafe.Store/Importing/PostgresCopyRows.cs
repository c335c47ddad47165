using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Failsafe.Store.Importing;

/// <summary>
/// Rows of one <c>COPY … FROM STDIN (FORMAT BINARY)</c>, encoded here and sent through Npgsql's raw copy stream: the
/// format's header, per row the field count and per field its length and its value in PostgreSQL's binary form (as
/// its type's receive function reads it), and the trailer. <see cref="NpgsqlBinaryImporter"/> does the same, but
/// resolves a type and binds a parameter for every field it writes, which cost the server more CPU than reading the
/// CSV; here each field is a few bytes copied into a buffer, and names already held as UTF-8 are copied as they are.
/// Values are encoded the way Npgsql encodes them (see <see cref="Timestamp"/> and <see cref="Date"/>).
/// <para>
/// Why it is written by hand (measured, bench/README.md, "Where the PostgreSQL import's CPU goes"): the server's CPU for
/// a 1,000,000-set upload fell from 6.8–8.2 s to 2–3 s, and on two cores that CPU is taken from PostgreSQL's backend,
/// the import's critical path: 71,978 sets/s median against 68,479 for the writer alone, 89,086 with the import's hot
/// loops optimized as well.
/// </para>
/// <para>
/// Usage: <see cref="Row"/> with the number of fields, then exactly that many field calls; then <see cref="Complete"/>,
/// which ends the COPY (PostgreSQL's errors surface there). Disposing without completing cancels the COPY.
/// </para>
/// </summary>
internal sealed class PostgresCopyRows : IDisposable
{
    private const int BufferSize = 64 * 1024;

    /// <summary>The microseconds of timestamps and the days of dates count from 2000-01-01, PostgreSQL's epoch.</summary>
    private static readonly long EpochTicks = new DateTime(2000, 1, 1).Ticks;

    private static readonly int EpochDay = new DateOnly(2000, 1, 1).DayNumber;

    /// <summary>Strict, like Npgsql's own encoding: a string that is not valid UTF-16 is an error, not a changed text.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly NpgsqlRawCopyStream _stream;
    private byte[] _buffer = new byte[BufferSize];
    private int _at;
    private bool _done;

    /// <param name="connection">The open connection (in the import's transaction).</param>
    /// <param name="copy">The <c>COPY "table" (columns) FROM STDIN (FORMAT BINARY)</c> statement.</param>
    public PostgresCopyRows(NpgsqlConnection connection, string copy)
    {
        _stream = connection.BeginRawBinaryCopy(copy);
        // The signature: "PGCOPY\n\377\r\n\0".
        ReadOnlySpan<byte> signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xff, (byte)'\r', (byte)'\n', 0];
        signature.CopyTo(_buffer);
        _at = signature.Length;
        // Flags (no OIDs) and the length of the header's extension area: both zero.
        Int32Raw(0);
        Int32Raw(0);
    }

    /// <summary>Starts a row of <paramref name="fields"/> fields.</summary>
    public void Row(short fields)
    {
        Room(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_at), fields);
        _at += 2;
    }

    public void Null() => Int32Raw(-1);

    public void Int32(int value)
    {
        Room(8);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), 4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at + 4), value);
        _at += 8;
    }

    public void Int64(long value)
    {
        Room(12);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), 8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_at + 4), value);
        _at += 12;
    }

    public void Double(double value)
    {
        Room(12);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), 8);
        BinaryPrimitives.WriteDoubleBigEndian(_buffer.AsSpan(_at + 4), value);
        _at += 12;
    }

    public void Double(double? value)
    {
        if (value is { } v)
            Double(v);
        else
            Null();
    }

    public void Bool(bool value)
    {
        Room(5);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), 1);
        _buffer[_at + 4] = value ? (byte)1 : (byte)0;
        _at += 5;
    }

    /// <summary>A <c>date</c>: days since 2000-01-01; the first and last <see cref="DateOnly"/> are -infinity and infinity, as Npgsql writes them.</summary>
    public void Date(DateOnly value) =>
        Int32(value == DateOnly.MinValue ? int.MinValue : value == DateOnly.MaxValue ? int.MaxValue : value.DayNumber - EpochDay);

    /// <summary>
    /// A <c>timestamptz</c>: microseconds since 2000-01-01 00:00 UTC, the ticks of <paramref name="utc"/> taken as UTC
    /// (truncated to the microsecond); the first and last <see cref="DateTime"/> are -infinity and infinity, as Npgsql writes them.
    /// </summary>
    public void Timestamp(DateTime utc) =>
        Int64(utc == DateTime.MinValue ? long.MinValue : utc == DateTime.MaxValue ? long.MaxValue : (utc.Ticks - EpochTicks) / 10);

    /// <summary>A text (<c>text</c>, <c>varchar</c>) already encoded as UTF-8.</summary>
    public void Text(ReadOnlySpan<byte> utf8)
    {
        Room(4 + utf8.Length);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_at + 4));
        _at += 4 + utf8.Length;
    }

    /// <summary>A text (<c>text</c>, <c>varchar</c>), or NULL.</summary>
    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        var most = Utf8.GetMaxByteCount(value.Length);
        Room(4 + (most <= BufferSize - 4 ? most : Utf8.GetByteCount(value)));
        var length = Utf8.GetBytes(value, _buffer.AsSpan(_at + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), length);
        _at += 4 + length;
    }

    /// <summary>Sends the trailer and ends the COPY; PostgreSQL's errors (a unique index, a too long text) are thrown here.</summary>
    public void Complete()
    {
        Room(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_at), -1);
        _at += 2;
        Send();
        _done = true;
        _stream.Dispose();
    }

    public void Dispose()
    {
        if (_done)
            return;
        _done = true;
        try
        {
            // A stream Npgsql already closed (its connection broke) has nothing to cancel: cancelling it would throw
            // and hide the error the caller is handling.
            if (_stream.CanWrite)
                _stream.Cancel();
        }
        finally
        {
            _stream.Dispose();
        }
    }

    private void Int32Raw(int value)
    {
        Room(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_at), value);
        _at += 4;
    }

    /// <summary>Makes room for <paramref name="bytes"/> more bytes: sends what the buffer holds when they do not fit.</summary>
    private void Room(int bytes)
    {
        if (_at + bytes <= _buffer.Length)
            return;
        Send();
        if (bytes > _buffer.Length)
            _buffer = new byte[bytes];
    }

    private void Send()
    {
        _stream.Write(_buffer, 0, _at);
        _at = 0;
    }
}
