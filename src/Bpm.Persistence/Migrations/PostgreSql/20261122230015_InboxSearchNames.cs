using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InboxSearchNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InboxSearchName",
                table: "RequestTasks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            // Open tasks opened before this migration take their request's name.
            migrationBuilder.Sql(InboxSearchNameTrigrams.FillPostgreSql);

            migrationBuilder.CreateIndex(
                name: "IX_RequestTasks_InboxSearchName_Trigrams",
                table: "RequestTasks",
                column: "InboxSearchName",
                filter: "\"Status\" = 'Open'")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.Sql(InboxSearchNameTrigrams.CreatePostgreSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(InboxSearchNameTrigrams.DropPostgreSql);

            migrationBuilder.DropIndex(
                name: "IX_RequestTasks_InboxSearchName_Trigrams",
                table: "RequestTasks");

            migrationBuilder.DropColumn(
                name: "InboxSearchName",
                table: "RequestTasks");
        }
    }
}
