using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Bpm.Persistence.Migrations;

/// <summary>
/// Quartz's AdoJobStore tables (QRTZ_*) in our own migration history (migration <c>QuartzTables</c>). The DDL is not ours:
/// it is the create script Quartz embeds for each database (<c>Quartz.Impl.AdoJobStore.Schema.create_{script}.sql</c>),
/// read from the pinned Quartz assembly when the migration runs. Quartz is referenced here for these scripts only;
/// every scheduling API use stays in Bpm.Scheduling.
/// </summary>
public static partial class QuartzSchema
{
    /// <summary>Quartz's default table prefix, which Bpm.Scheduling keeps.</summary>
    public const string TablePrefix = "QRTZ_";

    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgres";
    public const string SqlServer = "sqlServer";

    /// <summary>The provider's create script split into its statements, with the table prefix filled in.</summary>
    public static IReadOnlyList<string> CreateStatements(string script)
    {
        var resource = $"Quartz.Impl.AdoJobStore.Schema.create_{script}.sql";
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Quartz no longer embeds {resource}; the QuartzTables migration needs it (Quartz is pinned in Directory.Packages.props)");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();

        // '{0}' is the table prefix, '{1}' the prefix without a schema qualifier (index and constraint names); ours has none.
        text = text.Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal);

        // Statements are separated by a line reading '--;;' (a batch separator GO, should a script ever carry one, too).
        var statements = new List<string>();
        var current = new StringBuilder();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed == "--;;" || trimmed.Equals("GO", StringComparison.OrdinalIgnoreCase))
            {
                Flush();
            }
            else if (!trimmed.StartsWith("--", StringComparison.Ordinal))
            {
                current.Append(line).Append('\n');
            }
        }

        Flush();
        return statements;

        void Flush()
        {
            var statement = current.ToString().Trim();
            if (statement.Length > 0)
            {
                statements.Add(statement);
            }

            current.Clear();
        }
    }

    /// <summary>The QRTZ_ tables the create script makes, in creation order (e.g. QRTZ_JOB_DETAILS before QRTZ_TRIGGERS).</summary>
    public static IReadOnlyList<string> Tables(string script) =>
        CreateStatements(script)
            .Select(s => CreateTable().Match(s))
            .Where(m => m.Success)
            .Select(m => m.Groups["name"].Value)
            .ToList();

    public static void Create(MigrationBuilder migrationBuilder, string script)
    {
        foreach (var statement in CreateStatements(script))
        {
            migrationBuilder.Sql(statement);
        }
    }

    /// <summary>Drops the tables children first (reverse creation order), so no foreign key stands in the way.</summary>
    public static void Drop(MigrationBuilder migrationBuilder, string script)
    {
        foreach (var table in Tables(script).Reverse())
        {
            migrationBuilder.Sql($"DROP TABLE IF EXISTS {table}");
        }
    }

    [GeneratedRegex(@"CREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?(?<name>\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();
}
