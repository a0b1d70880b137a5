using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_CreditCode",
                table: "TaxpayerRequests");

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_BureauId_ReceivedAt",
                table: "TaxpayerRequests",
                columns: new[] { "BureauId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_Contact_ReceivedAt",
                table: "TaxpayerRequests",
                columns: new[] { "Contact", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_CreditCode_ReceivedAt",
                table: "TaxpayerRequests",
                columns: new[] { "CreditCode", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RequestTasks_Status_DueAt",
                table: "RequestTasks",
                columns: new[] { "Status", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_BureauId_ReceivedAt",
                table: "TaxpayerRequests");

            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_Contact_ReceivedAt",
                table: "TaxpayerRequests");

            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_CreditCode_ReceivedAt",
                table: "TaxpayerRequests");

            migrationBuilder.DropIndex(
                name: "IX_RequestTasks_Status_DueAt",
                table: "RequestTasks");

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_CreditCode",
                table: "TaxpayerRequests",
                column: "CreditCode");
        }
    }
}
