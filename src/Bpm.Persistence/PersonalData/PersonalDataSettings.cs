using System.Security.Cryptography;
using System.Text.Json;
using Bpm.Application.PersonalData;
using Microsoft.Extensions.Configuration;

namespace Bpm.Persistence.PersonalData;

/// <summary>
/// Reads <c>PersonalData</c> for the server and the CLI. Keys come from configuration (environment variables or a secrets
/// file in production). Only when none is configured and <c>Demo:Enabled</c> is true are keys generated once into
/// <see cref="PersonalDataOptions.DemoKeyFile"/> and reused, so the demo starts without setup; otherwise a missing or
/// short key stops the start with a message naming the setting.
/// </summary>
public static class PersonalDataSettings
{
    public static PersonalDataProtector Load(IConfiguration configuration, string? settingsFolder)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(PersonalDataOptions.Section).Get<PersonalDataOptions>() ?? new PersonalDataOptions();
        if (options.Keys.Count == 0 && configuration.GetValue<bool>("Demo:Enabled"))
        {
            UseDemoKeys(options, Path.GetFullPath(options.DemoKeyFile, settingsFolder ?? Directory.GetCurrentDirectory()));
        }

        return PersonalDataProtector.Create(options);
    }

    public static PersonalDataOptions Options(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(PersonalDataOptions.Section).Get<PersonalDataOptions>() ?? new PersonalDataOptions();
    }

    private static void UseDemoKeys(PersonalDataOptions options, string file)
    {
        if (!File.Exists(file))
        {
            var keyBytes = options.Cipher == PersonalDataCipher.Sm4 ? 16 : 32;
            var generated = new DemoKeys(
                new Dictionary<string, string> { ["demo1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(keyBytes)) },
                "demo1",
                Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);

            // Written aside and moved into place, so two servers starting at once never read half a file; the second keeps the first's keys.
            var aside = file + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(aside, JsonSerializer.Serialize(generated));
            try
            {
                File.Move(aside, file, overwrite: false);
            }
            catch (IOException) when (File.Exists(file))
            {
                File.Delete(aside);
            }
        }

        var keys = JsonSerializer.Deserialize<DemoKeys>(File.ReadAllText(file))
            ?? throw new InvalidOperationException($"个人信息演示密钥文件无法读取 ({file})");
        options.Keys = new Dictionary<string, string>(keys.Keys);
        options.ActiveKey = keys.ActiveKey;
        if (string.IsNullOrWhiteSpace(options.DigestKey))
        {
            options.DigestKey = keys.DigestKey;
        }
    }

    private sealed record DemoKeys(Dictionary<string, string> Keys, string ActiveKey, string DigestKey);
}
