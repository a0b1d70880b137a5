using Bpm.Application;
using Bpm.Application.Requests;
using Bpm.Application.Users;
using Bpm.Domain.Requests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Api;

/// <summary>
/// <c>/api/requests/{id}/notes</c>: free-text notes (no attachments) that anyone who may read the request reads and adds.
/// A request outside the user's subtree answers 404 like an unknown one; an empty or over-long text answers 400 naming <c>text</c>.
/// </summary>
public static class RequestNoteEndpoints
{
    public static RouteGroupBuilder MapRequestNoteEndpoints(this RouteGroupBuilder api)
    {
        var notes = api.MapGroup("/requests/{id:guid}/notes").WithTags("Requests");
        notes.MapGet("/", ListAsync).WithName("ListRequestNotes").WithSummary("The request's notes, oldest first");
        notes.MapPost("/", AddAsync).WithName("AddRequestNote").ProducesValidationProblem()
            .WithSummary("Adds a note of at most 2000 characters, e.g. {\"text\":\"已电话联系纳税人\"}");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<RequestNoteDto>>> ListAsync(
        Guid id, ICurrentUser user, RequestNoteService notes, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<RequestNoteDto>>([.. (await notes.ListAsync(id, user, cancellationToken)).Select(RequestNoteDto.From)]);

    public static async Task<Created<RequestNoteDto>> AddAsync(
        Guid id, AddRequestNoteBody body, ICurrentUser user, RequestNoteService notes, IUnitOfWork unitOfWork, CancellationToken cancellationToken)
    {
        var note = await unitOfWork.InTransactionAsync(ct => notes.AddAsync(id, user, body.Text, ct), cancellationToken);
        return TypedResults.Created($"/api/requests/{id}/notes", RequestNoteDto.From(note));
    }
}

/// <summary>Body of <c>POST /api/requests/{id}/notes</c>: <c>{"text":"已电话联系纳税人，约定周三补充资料"}</c>.</summary>
public sealed record AddRequestNoteBody(string? Text);

/// <summary>One note: who wrote it (name kept as written), what, when (UTC).</summary>
public sealed record RequestNoteDto(Guid Id, Guid RequestId, Guid AuthorUserId, string AuthorName, string Text, DateTimeOffset CreatedAt)
{
    public static RequestNoteDto From(RequestNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return new RequestNoteDto(note.Id, note.RequestId, note.AuthorUserId, note.AuthorName, note.Text, note.CreatedAt);
    }
}
