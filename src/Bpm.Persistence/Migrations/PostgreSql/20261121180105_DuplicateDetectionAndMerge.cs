using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DuplicateDetectionAndMerge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoRequestId",
                table: "TaxpayerRequests",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RequestLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    RelatedRequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestLinks_TaxpayerRequests_RelatedRequestId",
                        column: x => x.RelatedRequestId,
                        principalTable: "TaxpayerRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RequestLinks_TaxpayerRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "TaxpayerRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_MergedIntoRequestId",
                table: "TaxpayerRequests",
                column: "MergedIntoRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_RequestLinks_RelatedRequestId",
                table: "RequestLinks",
                column: "RelatedRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_RequestLinks_RequestId_Kind",
                table: "RequestLinks",
                columns: new[] { "RequestId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RequestLinks");

            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_MergedIntoRequestId",
                table: "TaxpayerRequests");

            migrationBuilder.DropColumn(
                name: "MergedIntoRequestId",
                table: "TaxpayerRequests");
        }
    }
}
