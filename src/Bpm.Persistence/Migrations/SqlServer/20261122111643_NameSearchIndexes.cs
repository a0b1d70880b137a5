using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class NameSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No trigram index on SQL Server: a name is still searched with LIKE '%…%' there (full-text search, with word
            // breakers of its own, was not tried). The tasks' (RequestId, Status) index as on the other providers.
            migrationBuilder.DropIndex(
                name: "IX_RequestTasks_RequestId",
                table: "RequestTasks");

            migrationBuilder.CreateIndex(
                name: "IX_RequestTasks_RequestId_Status",
                table: "RequestTasks",
                columns: new[] { "RequestId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RequestTasks_RequestId_Status",
                table: "RequestTasks");

            migrationBuilder.CreateIndex(
                name: "IX_RequestTasks_RequestId",
                table: "RequestTasks",
                column: "RequestId");
        }
    }
}
