namespace Failsafe.Server.Tests;

/// <summary>Runs a theory once per database provider: SQLite (always) and PostgreSQL (see <see cref="ServerFactory"/>).</summary>
public sealed class Providers : TheoryData<Provider>
{
    public Providers()
    {
        Add(Provider.Sqlite);
        Add(Provider.Postgres);
    }
}
