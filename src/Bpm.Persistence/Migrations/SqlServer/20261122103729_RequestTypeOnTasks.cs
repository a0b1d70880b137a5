using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.SqlServer
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
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Tasks opened before this migration take their request's type (a request's type never changes).
            migrationBuilder.Sql("""
                UPDATE t SET t.[RequestType] = r.[Type] FROM [RequestTasks] AS t INNER JOIN [TaxpayerRequests] AS r ON r.[Id] = t.[RequestId];
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
