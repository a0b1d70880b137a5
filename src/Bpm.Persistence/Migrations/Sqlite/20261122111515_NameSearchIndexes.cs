using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NameSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RequestTasks_RequestId",
                table: "RequestTasks");

            migrationBuilder.CreateIndex(
                name: "IX_RequestTasks_RequestId_Status",
                table: "RequestTasks",
                columns: new[] { "RequestId", "Status" });

            // The FTS5 trigram table of names, filled from the names already stored, and the triggers that keep it in step
            // (TaxpayerNameTrigrams).
            migrationBuilder.Sql(TaxpayerNameTrigrams.CreateSqlite);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TaxpayerNameTrigrams.DropSqlite);

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
