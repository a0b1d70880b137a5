using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DashboardCountsPersonalData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_Contact_ReceivedAt",
                table: "TaxpayerRequests");

            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_CreditCode_ReceivedAt",
                table: "TaxpayerRequests");

            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_Dashboard",
                table: "TaxpayerRequests");

            migrationBuilder.AlterColumn<string>(
                name: "CreditCode",
                table: "TaxpayerRequests",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(18)",
                oldMaxLength: 18,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Contact",
                table: "TaxpayerRequests",
                type: "nvarchar(1100)",
                maxLength: 1100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(254)",
                oldMaxLength: 254);

            migrationBuilder.AddColumn<string>(
                name: "ContactDigest",
                table: "TaxpayerRequests",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreditCodeDigest",
                table: "TaxpayerRequests",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RepeatRequester",
                table: "TaxpayerRequests",
                type: "bit",
                nullable: false,
                defaultValue: false);

            // 重复诉求人 until now: the requests whose registration found a Repeat link.
            migrationBuilder.Sql("""
                UPDATE "TaxpayerRequests" SET "RepeatRequester" = 1
                WHERE EXISTS (SELECT 1 FROM "RequestLinks" l WHERE l."RequestId" = "TaxpayerRequests"."Id" AND l."Kind" = 'Repeat')
                """);

            migrationBuilder.CreateTable(
                name: "RequestDayCounts",
                columns: table => new
                {
                    BureauId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Figure = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestDayCounts", x => new { x.BureauId, x.Day, x.Figure, x.Key });
                    table.ForeignKey(
                        name: "FK_RequestDayCounts_Bureaus_BureauId",
                        column: x => x.BureauId,
                        principalTable: "Bureaus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_ContactDigest_ReceivedAt",
                table: "TaxpayerRequests",
                columns: new[] { "ContactDigest", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_CreditCodeDigest_ReceivedAt",
                table: "TaxpayerRequests",
                columns: new[] { "CreditCodeDigest", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_Dashboard",
                table: "TaxpayerRequests",
                columns: new[] { "BureauId", "ReceivedAt", "Status", "HandledLate", "RespondedAt", "RevisitOutcome", "Type", "Channel", "Size", "Industry", "RepeatRequester" });

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_ReceivedAt_Number",
                table: "TaxpayerRequests",
                columns: new[] { "ReceivedAt", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RequestDayCounts");

            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_ContactDigest_ReceivedAt",
                table: "TaxpayerRequests");

            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_CreditCodeDigest_ReceivedAt",
                table: "TaxpayerRequests");

            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_Dashboard",
                table: "TaxpayerRequests");

            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_ReceivedAt_Number",
                table: "TaxpayerRequests");

            migrationBuilder.DropColumn(
                name: "ContactDigest",
                table: "TaxpayerRequests");

            migrationBuilder.DropColumn(
                name: "CreditCodeDigest",
                table: "TaxpayerRequests");

            migrationBuilder.DropColumn(
                name: "RepeatRequester",
                table: "TaxpayerRequests");

            migrationBuilder.AlterColumn<string>(
                name: "CreditCode",
                table: "TaxpayerRequests",
                type: "nvarchar(18)",
                maxLength: 18,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(128)",
                oldMaxLength: 128,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Contact",
                table: "TaxpayerRequests",
                type: "nvarchar(254)",
                maxLength: 254,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(1100)",
                oldMaxLength: 1100);

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_Contact_ReceivedAt",
                table: "TaxpayerRequests",
                columns: new[] { "Contact", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_CreditCode_ReceivedAt",
                table: "TaxpayerRequests",
                columns: new[] { "CreditCode", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_Dashboard",
                table: "TaxpayerRequests",
                columns: new[] { "BureauId", "ReceivedAt", "Status", "HandledLate", "RespondedAt", "RevisitOutcome", "Type", "Channel", "Size", "Industry", "CreditCode", "Contact" });
        }
    }
}
