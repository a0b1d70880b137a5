using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RequestFigureFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_BureauId_ReceivedAt",
                table: "TaxpayerRequests");

            migrationBuilder.AddColumn<bool>(
                name: "HandledLate",
                table: "TaxpayerRequests",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RespondedAt",
                table: "TaxpayerRequests",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevisitOutcome",
                table: "TaxpayerRequests",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            RequestFigureFactsBackfill.Apply(migrationBuilder, trueLiteral: "1", topInsteadOfLimit: true);

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_Dashboard",
                table: "TaxpayerRequests",
                columns: new[] { "BureauId", "ReceivedAt", "Status", "HandledLate", "RespondedAt", "RevisitOutcome", "Type", "Channel", "Size", "Industry", "CreditCode", "Contact" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_Dashboard",
                table: "TaxpayerRequests");

            migrationBuilder.DropColumn(
                name: "HandledLate",
                table: "TaxpayerRequests");

            migrationBuilder.DropColumn(
                name: "RespondedAt",
                table: "TaxpayerRequests");

            migrationBuilder.DropColumn(
                name: "RevisitOutcome",
                table: "TaxpayerRequests");

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_BureauId_ReceivedAt",
                table: "TaxpayerRequests",
                columns: new[] { "BureauId", "ReceivedAt" });
        }
    }
}
