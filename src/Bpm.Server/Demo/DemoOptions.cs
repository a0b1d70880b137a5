namespace Bpm.Server.Demo;

/// <summary>The <c>Demo</c> section: seed the demo bureaus, units and users into an empty database.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; }

    /// <summary>Password of every demo user (README lists them). Never enable the demo in production.</summary>
    public string Password { get; set; } = "Bpm@2026demo";
}
