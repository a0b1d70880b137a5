using Xunit;

namespace Bpm.Testing;

/// <summary>A fact that needs PostgreSQL: skipped when <c>BPM_TEST_POSTGRES</c> is unset, unless <c>BPM_REQUIRE_POSTGRES=1</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresEnvironment.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs PostgreSQL; see <see cref="PostgresFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresEnvironment.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
