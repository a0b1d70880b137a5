namespace Bpm.Cli.Tests;

/// <summary>Runs <c>bpm</c> in process and captures what it prints.</summary>
internal static class CliRunner
{
    // The CLI refuses to run without personal-data keys; it gets the development key, the one the tests' own
    // AddBpmPersistence(DatabaseOptions) contexts use, so both read what the other wrote.
    static CliRunner()
    {
        var keys = Bpm.Persistence.PersonalData.PersonalDataProtector.DevelopmentOptions();
        foreach (var (id, key) in keys.Keys)
        {
            Environment.SetEnvironmentVariable($"PersonalData__Keys__{id}", key);
        }

        Environment.SetEnvironmentVariable("PersonalData__ActiveKey", keys.ActiveKey);
        Environment.SetEnvironmentVariable("PersonalData__DigestKey", keys.DigestKey);
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }
}
