using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonalDataProtection : Migration
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

            migrationBuilder.AddColumn<string>(
                name: "ContactDigest",
                table: "TaxpayerRequests",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreditCodeDigest",
                table: "TaxpayerRequests",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

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
                columns: new[] { "BureauId", "ReceivedAt", "Status", "HandledLate", "RespondedAt", "RevisitOutcome", "Type", "Channel", "Size", "Industry", "CreditCodeDigest", "ContactDigest" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_ContactDigest_ReceivedAt",
                table: "TaxpayerRequests");

            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_CreditCodeDigest_ReceivedAt",
                table: "TaxpayerRequests");

            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_Dashboard",
                table: "TaxpayerRequests");

            migrationBuilder.DropColumn(
                name: "ContactDigest",
                table: "TaxpayerRequests");

            migrationBuilder.DropColumn(
                name: "CreditCodeDigest",
                table: "TaxpayerRequests");

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
