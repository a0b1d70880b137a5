namespace Bpm.Engine.Activities;

/// <summary>
/// Thrown by <see cref="Activity.OnResumeAsync"/> to refuse a resume input, e.g. a human task resumed with
/// outcome "Approve" when it only offers "Done" and "Transfer". The runner returns the state unchanged,
/// the bookmark is kept, and an API answers 400 with <see cref="Exception.Message"/>.
/// </summary>
public class ResumeRejectedException(string reason) : Exception(reason);
