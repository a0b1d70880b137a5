namespace Bpm.Server.Security;

/// <summary>The <c>Limits</c> section: request body sizes and rate limits. Example: <c>{"MaxJsonBodyBytes": 1048576, "SignInPerMinute": 10}</c>.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest body of an ordinary request (JSON APIs, web forms): 1 MB.</summary>
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest body of a workflow definition (<c>/elsa/api</c>) or an import (a path with a <c>/import</c> segment): 10 MB.</summary>
    public long MaxLargeBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Sign-in attempts (<c>POST /api/auth/token</c>, <c>POST /account/login</c>) per client address and minute: 10.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Channel intake requests (<see cref="BpmRateLimits.Intake"/>) per API key and minute: 120.</summary>
    public int IntakePerMinute { get; set; } = 120;
}
