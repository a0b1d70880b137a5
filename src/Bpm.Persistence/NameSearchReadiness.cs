using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence;

/// <summary>
/// Whether PostgreSQL can serve a search by part of a taxpayer's name from its trigram index. pg_trgm makes trigrams only
/// of characters the database's LC_CTYPE counts as letters: in a database created with LC_CTYPE 'C', 恒达纺织 makes no
/// trigram, so every search reads every request's name (slow at 10⁶ requests) while still answering correctly. Checked
/// at start-up (the server logs the warning); other providers have nothing to check.
/// </summary>
public static class NameSearchReadiness
{
    /// <summary>A sample of what users search for: a Chinese company name makes trigrams under C.UTF-8 or zh_CN.UTF-8.</summary>
    private const string Sample = "恒达纺织";

    /// <summary>Null when name search can use its index, else what is wrong and how to fix it.</summary>
    public static async Task<string?> ProblemAsync(BpmDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db is not PostgreSqlBpmDbContext)
        {
            return null;
        }

        var found = await db.Database
            .SqlQuery<CtypeTrigrams>($"SELECT current_setting('lc_ctype') AS \"Ctype\", coalesce(array_length(show_trgm({Sample}), 1), 0) AS \"Trigrams\"")
            .SingleAsync(cancellationToken);
        return found.Trigrams > 0
            ? null
            : $"按名称搜索将逐条读取 (name search will read every request): database \"{db.Database.GetDbConnection().Database}\" has LC_CTYPE '{found.Ctype}', " +
                $"under which pg_trgm makes no trigram of Chinese names such as {Sample}. Create the database with LC_CTYPE 'C.UTF-8' or 'zh_CN.UTF-8' " +
                "(CREATE DATABASE … TEMPLATE template0 LC_CTYPE 'C.UTF-8') and move the data there (README, Configuration).";
    }

    private sealed record CtypeTrigrams(string Ctype, int Trigrams);
}
