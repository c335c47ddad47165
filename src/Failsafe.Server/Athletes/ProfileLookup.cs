using System.Data.Common;

namespace Failsafe.Server.Athletes;

/// <summary>
/// The one query every athlete request makes: the caller's profile id, log revision, unit and time zone, by account. Plain
/// ADO.NET on the server's shared <see cref="DbDataSource"/> (the pool EF Core uses too) rather than through a
/// <see cref="Store.Data.FailsafeDb"/>: a request whose answer is cached then creates no database context at all
/// (bench/README.md, "Server under load", gives the figures that decided it).
/// </summary>
public sealed class ProfileLookup(DbDataSource source)
{
    public async Task<(int Id, long Revision, string Unit, string? TimeZone)?> ByAccount(string account, CancellationToken cancel)
    {
        await using var connection = await source.OpenConnectionAsync(cancel);
        await using var command = Store.Data.Sql.Command(
            connection, "SELECT \"Id\", \"Revision\", \"Unit\", \"TimeZone\" FROM \"profiles\" WHERE \"AccountId\" = @account", ("@account", account));
        await using var reader = await command.ExecuteReaderAsync(cancel);
        if (!await reader.ReadAsync(cancel))
            return null;
        return (reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }
}
