using Bpm.Domain.Requests;

namespace Bpm.Application.Intake;

/// <summary>
/// What a channel system's post created: the 12366 hotline's <c>Idempotency-Key: 12366-20261120-000731</c> → request
/// XT-2026-000123, and the SHA-256 of the fields it sent, so that a retry finds the same request and a different
/// post under the same key is told apart. One per (channel, key); written in the registration's transaction.
/// </summary>
public sealed class IntakeReceipt
{
    public const int MaxKeyLength = 100;

    private IntakeReceipt()
    {
    }

    public IntakeReceipt(Channel channel, string idempotencyKey, Guid requestId, string bodyHash, DateTimeOffset createdAt)
    {
        Channel = channel;
        IdempotencyKey = idempotencyKey;
        RequestId = requestId;
        BodyHash = bodyHash;
        CreatedAt = createdAt.ToUniversalTime();
    }

    public Channel Channel { get; private set; }

    public string IdempotencyKey { get; private set; } = "";

    public Guid RequestId { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the mapped fields, 64 characters.</summary>
    public string BodyHash { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>1–100 printable ASCII characters, e.g. <c>12366-20261120-000731</c> or a UUID.</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is >= '!' and <= '~');
}

/// <summary>Receipts of channel posts. Implementation: Bpm.Persistence, contract tests on SQLite and PostgreSQL.</summary>
public interface IIntakeReceiptStore
{
    Task<IntakeReceipt?> FindAsync(Channel channel, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Saves the receipt; another one with the same channel and key → <see cref="IntakeKeyTakenException"/>.</summary>
    Task AddAsync(IntakeReceipt receipt, CancellationToken cancellationToken);
}

/// <summary>A concurrent post with the same channel and key saved its receipt first.</summary>
public sealed class IntakeKeyTakenException(string message, Exception inner) : Exception(message, inner);

/// <summary>The key was used before for a post with different fields; nothing was registered.</summary>
public sealed class IdempotencyKeyReusedException(string idempotencyKey, string requestNumber)
    : Exception($"Idempotency-Key 已用于另一个诉求（{requestNumber}）：{idempotencyKey}")
{
    public string IdempotencyKey { get; } = idempotencyKey;

    public string RequestNumber { get; } = requestNumber;
}
