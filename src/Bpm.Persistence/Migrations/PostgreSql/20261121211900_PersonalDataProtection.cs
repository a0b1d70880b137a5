using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.PostgreSql
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

            migrationBuilder.AlterColumn<string>(
                name: "CreditCode",
                table: "TaxpayerRequests",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(18)",
                oldMaxLength: 18,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Contact",
                table: "TaxpayerRequests",
                type: "character varying(1100)",
                maxLength: 1100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(254)",
                oldMaxLength: 254);

            migrationBuilder.AddColumn<string>(
                name: "ContactDigest",
                table: "TaxpayerRequests",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreditCodeDigest",
                table: "TaxpayerRequests",
                type: "character varying(64)",
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

            migrationBuilder.AlterColumn<string>(
                name: "CreditCode",
                table: "TaxpayerRequests",
                type: "character varying(18)",
                maxLength: 18,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(128)",
                oldMaxLength: 128,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Contact",
                table: "TaxpayerRequests",
                type: "character varying(254)",
                maxLength: 254,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1100)",
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
