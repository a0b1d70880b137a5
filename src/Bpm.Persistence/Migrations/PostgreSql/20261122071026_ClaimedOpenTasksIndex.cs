using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ClaimedOpenTasksIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RequestTasks_ClaimedBy_Status",
                table: "RequestTasks");

            migrationBuilder.CreateIndex(
                name: "IX_RequestTasks_ClaimedOpen",
                table: "RequestTasks",
                columns: new[] { "ClaimedBy", "DueAt" },
                filter: "\"Status\" = 'Open' AND \"ClaimedBy\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RequestTasks_ClaimedOpen",
                table: "RequestTasks");

            migrationBuilder.CreateIndex(
                name: "IX_RequestTasks_ClaimedBy_Status",
                table: "RequestTasks",
                columns: new[] { "ClaimedBy", "Status" });
        }
    }
}
