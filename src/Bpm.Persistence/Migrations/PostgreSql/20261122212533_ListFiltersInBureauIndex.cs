using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ListFiltersInBureauIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_BureauId_Status_ReceivedAt",
                table: "TaxpayerRequests");

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_BureauId_Status_ReceivedAt_Type_Channel",
                table: "TaxpayerRequests",
                columns: new[] { "BureauId", "Status", "ReceivedAt", "Type", "Channel" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_BureauId_Status_ReceivedAt_Type_Channel",
                table: "TaxpayerRequests");

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_BureauId_Status_ReceivedAt",
                table: "TaxpayerRequests",
                columns: new[] { "BureauId", "Status", "ReceivedAt" });
        }
    }
}
