namespace Bpm.Application;

/// <summary>The thing does not exist, or the user may not know it exists (outside their bureau subtree): 404.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The user may see the thing but not do this to it, e.g. a handler of another unit completing a task: 403.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
