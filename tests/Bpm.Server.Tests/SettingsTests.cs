using Bpm.Persistence;

namespace Bpm.Server.Tests;

public sealed class SettingsTests
{
    [Theory]
    [InlineData("Data Source=data/bpm.db", "/srv/bpm", "/srv/bpm/data/bpm.db")]
    [InlineData("Data Source=/var/lib/bpm/bpm.db", "/srv/bpm", "/var/lib/bpm/bpm.db")]
    [InlineData("Data Source=:memory:", "/srv/bpm", ":memory:")]
    public void A_relative_SQLite_file_is_taken_from_the_settings_folder(string connectionString, string folder, string expectedFile)
    {
        var anchored = new DatabaseOptions { ConnectionString = connectionString }.AnchoredAt(folder);

        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(anchored.ConnectionString).DataSource.ShouldBe(expectedFile);
    }

    [Fact]
    public void Other_providers_keep_their_connection_string()
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=db;Database=bpm" };

        options.AnchoredAt("/srv/bpm").ConnectionString.ShouldBe("Host=db;Database=bpm");
    }

    [Fact]
    public void The_checkout_settings_file_is_found_from_the_test_binaries()
    {
        var path = Bpm.Application.Hosting.SettingsFile.Locate();

        path.ShouldNotBeNull();
        File.Exists(Path.Combine(Path.GetDirectoryName(path)!, "Bpm.sln")).ShouldBeTrue();
    }
}
