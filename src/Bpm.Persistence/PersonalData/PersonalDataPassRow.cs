namespace Bpm.Persistence.PersonalData;

/// <summary>
/// The single row (Id 1) naming the keys under which the last full <see cref="PersonalDataRekeying"/> pass finished
/// (<see cref="Bpm.Application.PersonalData.IPersonalDataProtector.Fingerprint"/>), or null before the first. A start under
/// the same keys need not decrypt every request again; a rotation, a new digest key or another cipher changes the
/// fingerprint, and the next start runs the pass.
/// </summary>
internal sealed class PersonalDataPassRow
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public string? KeysFingerprint { get; set; }
}
