using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RequestTypeOnTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RequestType",
                table: "RequestTasks",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Tasks opened before this migration take their request's type (a request's type never changes).
            migrationBuilder.Sql("""
                UPDATE "RequestTasks" SET "RequestType" = (SELECT r."Type" FROM "TaxpayerRequests" AS r WHERE r."Id" = "RequestTasks"."RequestId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_RequestTasks_UnclaimedOpenByType",
                table: "RequestTasks",
                columns: new[] { "AssigneeUnitId", "RequestType", "DueAt" },
                filter: "\"Status\" = 'Open' AND \"ClaimedBy\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RequestTasks_UnclaimedOpenByType",
                table: "RequestTasks");

            migrationBuilder.DropColumn(
                name: "RequestType",
                table: "RequestTasks");
        }
    }
}
