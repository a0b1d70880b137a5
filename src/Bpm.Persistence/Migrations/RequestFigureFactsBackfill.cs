using Microsoft.EntityFrameworkCore.Migrations;

namespace Bpm.Persistence.Migrations;

/// <summary>
/// Fills the request facts the dashboard counts (HandledLate, RespondedAt, RevisitOutcome) from the tasks already
/// completed, as <c>TaxpayerRequest.RecordCompletedTask</c> would have: a handling completed at or after its due →
/// late; the first completed feedback (or the registration, when answered on the spot) → responded; the latest
/// completed revisit's outcome. Enum values are stored by name. Run by the RequestFigureFacts migration of each provider.
/// </summary>
internal static class RequestFigureFactsBackfill
{
    public static void Apply(MigrationBuilder migrationBuilder, string trueLiteral, bool topInsteadOfLimit)
    {
        const string completed = """t."RequestId" = "TaxpayerRequests"."Id" AND t."Status" = 'Completed'""";
        migrationBuilder.Sql($"""
            UPDATE "TaxpayerRequests" SET "HandledLate" = {trueLiteral}
            WHERE EXISTS (SELECT 1 FROM "RequestTasks" t WHERE {completed} AND t."SlaStep" IN ('Handling', 'Rehandle')
                          AND t."DueAt" IS NOT NULL AND t."CompletedAt" >= t."DueAt")
            """);
        migrationBuilder.Sql($"""
            UPDATE "TaxpayerRequests" SET "RespondedAt" = CASE WHEN "OnTheSpotAnswer" IS NOT NULL THEN "RegisteredAt"
                ELSE (SELECT MIN(t."CompletedAt") FROM "RequestTasks" t WHERE {completed} AND t."SlaStep" = 'Feedback') END
            """);
        string latestRevisit = topInsteadOfLimit
            ? $"""SELECT TOP 1 t."Outcome" FROM "RequestTasks" t WHERE {completed} AND t."SlaStep" = 'Revisit' ORDER BY t."CompletedAt" DESC"""
            : $"""SELECT t."Outcome" FROM "RequestTasks" t WHERE {completed} AND t."SlaStep" = 'Revisit' ORDER BY t."CompletedAt" DESC LIMIT 1""";
        migrationBuilder.Sql($"""UPDATE "TaxpayerRequests" SET "RevisitOutcome" = ({latestRevisit})""");
    }
}
