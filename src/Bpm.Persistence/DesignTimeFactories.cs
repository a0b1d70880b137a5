using Microsoft.EntityFrameworkCore.Design;

namespace Bpm.Persistence;

// Used only by `dotnet ef migrations add` (tools/migrations.sh): the connection strings never connect.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBpmDbContext>
{
    public SqliteBpmDbContext CreateDbContext(string[] args) =>
        (SqliteBpmDbContext)PersistenceServices.CreateContext(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design.db" });
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlBpmDbContext>
{
    public PostgreSqlBpmDbContext CreateDbContext(string[] args) =>
        (PostgreSqlBpmDbContext)PersistenceServices.CreateContext(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=localhost;Database=design" });
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerBpmDbContext>
{
    public SqlServerBpmDbContext CreateDbContext(string[] args) =>
        (SqlServerBpmDbContext)PersistenceServices.CreateContext(new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = "Server=localhost;Database=design;TrustServerCertificate=True" });
}
