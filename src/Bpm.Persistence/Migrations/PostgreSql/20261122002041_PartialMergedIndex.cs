using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PartialMergedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_MergedIntoRequestId",
                table: "TaxpayerRequests");

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_MergedIntoRequestId",
                table: "TaxpayerRequests",
                column: "MergedIntoRequestId",
                filter: "\"MergedIntoRequestId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_MergedIntoRequestId",
                table: "TaxpayerRequests");

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_MergedIntoRequestId",
                table: "TaxpayerRequests",
                column: "MergedIntoRequestId");
        }
    }
}
