namespace Bpm.Server.Tests.Security;

/// <summary>等保2.0 keeps audit records at least 180 days: a shorter retention stops the server at start-up with the reason.</summary>
public sealed class AuditSettingsTests
{
    [Theory]
    [InlineData("Audit:RetentionDays", "90", "RetentionDays is 90")]
    [InlineData("Audit:HashAlgorithm", "MD5", "HashAlgorithm is 'MD5'")]
    public void Invalid_audit_settings_are_refused_at_start_up(string key, string value, string reason)
    {
        using var factory = new BpmServerFactory(new Dictionary<string, string?> { [key] = value });
        try
        {
            var refused = Should.Throw<Exception>(() => factory.CreateClient());
            Messages(refused).ShouldContain(reason);
        }
        finally
        {
            factory.DeleteDatabase();
        }
    }

    /// <summary>The message of the exception and of every inner one (the test host may wrap the start-up failure).</summary>
    private static string Messages(Exception? exception)
    {
        var text = new System.Text.StringBuilder();
        for (; exception is not null; exception = exception.InnerException)
        {
            text.Append(exception.Message).Append(" | ");
        }

        return text.ToString();
    }
}
