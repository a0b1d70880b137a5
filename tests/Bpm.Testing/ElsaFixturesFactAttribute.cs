using Xunit;

namespace Bpm.Testing;

/// <summary>Skipped (and reported as skipped) unless ELSA_FIXTURES_DIR names a folder of Elsa workflow JSON files.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ElsaFixturesFactAttribute : FactAttribute
{
    public const string Variable = "ELSA_FIXTURES_DIR";

    public ElsaFixturesFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"set {Variable} to a folder of Elsa's test workflows (from an elsa-core checkout) to run this";
        }
    }
}
