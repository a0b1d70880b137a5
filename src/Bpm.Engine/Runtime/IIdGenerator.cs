namespace Bpm.Engine.Runtime;

/// <summary>Ids for activity instances, bookmarks and tasks: 16 lower-case hex characters, like Studio's activity ids.</summary>
public interface IIdGenerator
{
    string NewId();
}

public sealed class RandomIdGenerator : IIdGenerator
{
    public string NewId() => Guid.NewGuid().ToString("N")[..16];
}
