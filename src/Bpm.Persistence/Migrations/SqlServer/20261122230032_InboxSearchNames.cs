using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.SqlServer
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
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            // Open tasks opened before this migration take their request's name.
            migrationBuilder.Sql(InboxSearchNameTrigrams.FillSqlServer);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InboxSearchName",
                table: "RequestTasks");
        }
    }
}
