namespace Bpm.Persistence.Bureaus;

/// <summary>
/// The single row (Id 1) counting changes of what a <see cref="Bpm.Domain.Bureaus.BureauTree"/> is made of: bureaus, units,
/// calendar days, request categories, SLA rules, published holidays. Every such change moves it up by one in the same
/// transaction, so a node holding a tree read at value 41 sees 42 on its next request and reads the tree again.
/// </summary>
internal sealed class BureauTreeVersionRow
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Value { get; set; }
}
