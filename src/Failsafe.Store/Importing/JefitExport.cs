using System.Text;

namespace Failsafe.Store.Importing;

/// <summary>One section of a JEFIT export: its name, where its CSV lies in the file, and the line its CSV starts on.</summary>
internal sealed record JefitSection(string Name, long Start, long End, long LinesBefore);

/// <summary>
/// JEFIT's full export: CSV tables one after another, each under a banner line (<c>### EXERCISE LOGS ####…</c>) and
/// closed by a line of <c>#</c>. The sets are in two of them: <c>EXERCISE LOGS</c>, one row per exercise of a day, whose
/// <c>logs</c> packs its sets as <c>50.0x15,50.0x15</c>; and, for newer entries, <c>EXERCISE SET LOGS</c>, one row per set
/// (<c>exercise_log_id</c>, <c>weight_lbs</c>, <c>reps</c>, <c>set_type</c>). An exercise log with rows of its own there
/// takes its sets from them and not from its <c>logs</c> too, so each set is imported once. Weights are in the unit of
/// the export's <c>SETTING</c> (<c>mass</c>), whatever a column's name says; --unit when it says none.
/// </summary>
internal static class JefitExport
{
    public const string Settings = "SETTING";
    public const string Logs = "EXERCISE LOGS";
    public const string SetLogs = "EXERCISE SET LOGS";

    /// <summary>The layout the import starts with; each section gets its own from its header.</summary>
    public static ExportLayout Layout { get; } = new()
    {
        Source = ImportSource.Jefit,
        Layout = "JEFIT",
        Names = ["(banner)"],
        Date = 0,
        Exercise = 0,
    };

    /// <summary>Finds the sections of a seekable stream by their banner lines; leaves the stream at its start.</summary>
    public static Dictionary<string, JefitSection> Scan(Stream file)
    {
        var sections = new Dictionary<string, JefitSection>(StringComparer.OrdinalIgnoreCase);
        file.Position = 0;
        var buffer = new byte[1 << 16];
        long position = 0, line = 1, lineStart = 0;
        var atStart = true;
        var banner = new List<byte>();
        var collecting = false;
        (string Name, long Start, long Lines)? open = null;

        void Close(long end)
        {
            if (open is { } o)
                sections.TryAdd(o.Name, new JefitSection(o.Name, o.Start, end, o.Lines));
            open = null;
        }

        int n;
        while ((n = file.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < n; i++, position++)
            {
                var b = buffer[i];
                if (atStart)
                {
                    collecting = b == (byte)'#';
                    lineStart = position;
                    banner.Clear();
                    atStart = false;
                }
                if (b == (byte)'\n')
                {
                    if (collecting)
                    {
                        Close(lineStart);
                        var name = Encoding.UTF8.GetString([.. banner]).Trim().Trim('#').Trim();
                        if (name.Length > 0)
                            open = (name.ToUpperInvariant(), position + 1, line);
                    }
                    line++;
                    atStart = true;
                }
                else if (collecting && banner.Count < 256)
                {
                    banner.Add(b);
                }
            }
        }
        if (collecting)
        {
            Close(lineStart);
            var name = Encoding.UTF8.GetString([.. banner]).Trim().Trim('#').Trim();
            if (name.Length > 0)
                open = (name.ToUpperInvariant(), position, line);
        }
        Close(position);
        file.Position = 0;
        return sections;
    }

    /// <summary>A unit as JEFIT's settings write it, or null.</summary>
    public static WeightUnit? Unit(string text) => text.Trim().ToLowerInvariant() switch
    {
        "kg" or "kgs" or "kilograms" => WeightUnit.Kg,
        "lb" or "lbs" or "pounds" => WeightUnit.Lb,
        _ => null,
    };

    /// <summary>The part of a stream between two positions, read only.</summary>
    public sealed class Slice(Stream inner, long from, long end) : ReadOnlyStream
    {
        private readonly long _from = from;
        private long _at = from;

        public override long Length => end - _from;
        public override long Position { get => _at - _from; set => throw new NotSupportedException(); }

        public override int Read(Span<byte> buffer)
        {
            var left = (int)Math.Min(buffer.Length, end - _at);
            if (left <= 0)
                return 0;
            inner.Position = _at;
            var n = inner.Read(buffer[..left]);
            _at += n;
            return n;
        }
    }
}
