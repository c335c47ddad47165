using System.Runtime.InteropServices;
using System.Text;
using SQLitePCL;

namespace Failsafe.Store.Importing;

/// <summary>
/// The bind calls of the import's inner loop, straight into the SQLite library that Microsoft.Data.Sqlite loaded
/// (bundled e_sqlite3), on the statement's raw handle. A million-set import makes fifteen million bind calls; through
/// SQLitePCL each one adds a reference to and releases the statement's SafeHandle and marshals its arguments, which
/// measured at a tenth of the writer thread (bench/README.md). The calls are short and never call back into .NET, so
/// they also skip the GC transition. The statement must outlive the binder (the <see cref="SqliteImportWriter"/> owns both).
/// </summary>
internal sealed unsafe class SqliteBinder
{
    /// <summary>SQLITE_TRANSIENT: SQLite copies the text before the call returns.</summary>
    private static readonly nint Transient = -1;

    /// <summary>SQLITE_STATIC: SQLite reads the text where it is, until the statement is bound again or finalized.</summary>
    private static readonly nint Static = 0;

    private static readonly delegate* unmanaged[SuppressGCTransition]<nint, int, long, int> BindInt64Fn;
    private static readonly delegate* unmanaged[SuppressGCTransition]<nint, int, double, int> BindDoubleFn;
    private static readonly delegate* unmanaged[SuppressGCTransition]<nint, int, int> BindNullFn;
    private static readonly delegate* unmanaged[SuppressGCTransition]<nint, int, byte*, int, nint, int> BindTextFn;

    static SqliteBinder()
    {
        // The library SQLitePCL's provider loaded: the same name, resolved the same way (the app's native assets).
        var library = NativeLibrary.Load("e_sqlite3", typeof(SQLite3Provider_e_sqlite3).Assembly, null);
        BindInt64Fn = (delegate* unmanaged[SuppressGCTransition]<nint, int, long, int>)NativeLibrary.GetExport(library, "sqlite3_bind_int64");
        BindDoubleFn = (delegate* unmanaged[SuppressGCTransition]<nint, int, double, int>)NativeLibrary.GetExport(library, "sqlite3_bind_double");
        BindNullFn = (delegate* unmanaged[SuppressGCTransition]<nint, int, int>)NativeLibrary.GetExport(library, "sqlite3_bind_null");
        BindTextFn = (delegate* unmanaged[SuppressGCTransition]<nint, int, byte*, int, nint, int>)NativeLibrary.GetExport(library, "sqlite3_bind_text");
    }

    private readonly nint _statement;
    private int _failure;

    public SqliteBinder(sqlite3_stmt statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        _statement = statement.DangerousGetHandle();
    }

    /// <summary>The first non-zero result code of a bind since the last <see cref="TakeFailure"/> (0 when all succeeded).</summary>
    public int TakeFailure()
    {
        var failure = _failure;
        _failure = 0;
        return failure;
    }

    private void Track(int rc)
    {
        if (rc != raw.SQLITE_OK && _failure == 0)
            _failure = rc;
    }

    public void Int64(int index, long value) => Track(BindInt64Fn(_statement, index, value));

    public void Double(int index, double value) => Track(BindDoubleFn(_statement, index, value));

    public void Double(int index, double? value) => Track(value is { } v ? BindDoubleFn(_statement, index, v) : BindNullFn(_statement, index));

    /// <summary>
    /// Binds UTF-8 text that SQLite reads in place (SQLITE_STATIC), without a copy: the memory must not move or
    /// change until the statement has run — an array from <see cref="SqliteImportWriter.Utf8"/> (pinned object heap) kept
    /// alive meanwhile, or a <c>"…"u8</c> literal (data of the assembly's image).
    /// </summary>
    public void Stable(int index, ReadOnlySpan<byte> utf8)
    {
        fixed (byte* text = utf8.IsEmpty ? Empty : utf8)
            Track(BindTextFn(_statement, index, text, utf8.Length, Static));
    }

    public void Text(int index, string? value)
    {
        if (value is null)
        {
            Track(BindNullFn(_statement, index));
            return;
        }
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        var buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        Text(index, buffer[..Encoding.UTF8.GetBytes(value, buffer)]);
    }

    private void Text(int index, ReadOnlySpan<byte> utf8)
    {
        // A null pointer would bind NULL: an empty text points at a byte of its own, with length 0.
        fixed (byte* text = utf8.IsEmpty ? Empty : utf8)
            Track(BindTextFn(_statement, index, text, utf8.Length, Transient));
    }

    private static ReadOnlySpan<byte> Empty => [0];
}
