using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DueTimersByTaskAndStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DueTimers_TaskId",
                table: "DueTimers");

            migrationBuilder.CreateIndex(
                name: "IX_DueTimers_TaskId_Status",
                table: "DueTimers",
                columns: new[] { "TaskId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DueTimers_TaskId_Status",
                table: "DueTimers");

            migrationBuilder.CreateIndex(
                name: "IX_DueTimers_TaskId",
                table: "DueTimers",
                column: "TaskId");
        }
    }
}
