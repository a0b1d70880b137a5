using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.PostgreSql
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

            // CREATE EXTENSION IF NOT EXISTS pg_trgm: a trusted extension from PostgreSQL 13, so a role with CREATE on the
            // database (its owner) may install it; otherwise a superuser installs it once beforehand and this finds it there.
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AlterColumn<string>(
                name: "Number",
                table: "TaxpayerRequests",
                type: "character varying(24)",
                maxLength: 24,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(24)",
                oldMaxLength: 24);

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_TaxpayerName_Trigrams",
                table: "TaxpayerRequests",
                column: "TaxpayerName")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_RequestTasks_RequestId_Status",
                table: "RequestTasks",
                columns: new[] { "RequestId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_TaxpayerName_Trigrams",
                table: "TaxpayerRequests");

            migrationBuilder.DropIndex(
                name: "IX_RequestTasks_RequestId_Status",
                table: "RequestTasks");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AlterColumn<string>(
                name: "Number",
                table: "TaxpayerRequests",
                type: "character varying(24)",
                maxLength: 24,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(24)",
                oldMaxLength: 24,
                oldCollation: "C");

            migrationBuilder.CreateIndex(
                name: "IX_RequestTasks_RequestId",
                table: "RequestTasks",
                column: "RequestId");
        }
    }
}
