using System.Data;
using System.Data.Common;

namespace Failsafe.Store.Data;

/// <summary>Plain ADO.NET commands, for the statements that skip EF Core (the log's reader and writer, imports, the server's profile lookup).</summary>
public static class Sql
{
    /// <summary>A command of <paramref name="sql"/> on <paramref name="connection"/> with <paramref name="parameters"/> (null is sent as NULL).</summary>
    public static DbCommand Command(DbConnection connection, string sql, params IEnumerable<(string Name, object? Value)> parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            Add(command.Parameters, command.CreateParameter(), name, value);
        return command;
    }

    /// <summary>Adds <paramref name="parameter"/>, named <paramref name="name"/>, with <paramref name="value"/> (null as NULL) and, when given, <paramref name="type"/>.</summary>
    public static void Add(DbParameterCollection parameters, DbParameter parameter, string name, object? value, DbType? type = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.ParameterName = name;
        if (type is { } t)
            parameter.DbType = t;
        parameter.Value = value ?? DBNull.Value;
        parameters.Add(parameter);
    }
}
