using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            // Open tasks opened before this migration take their request's name.
            migrationBuilder.Sql(InboxSearchNameTrigrams.FillSqlite);

            migrationBuilder.Sql(InboxSearchNameTrigrams.CreateSqlite);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(InboxSearchNameTrigrams.DropSqlite);

            migrationBuilder.DropColumn(
                name: "InboxSearchName",
                table: "RequestTasks");
        }
    }
}
