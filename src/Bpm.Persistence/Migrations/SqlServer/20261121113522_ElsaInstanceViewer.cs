using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ElsaInstanceViewer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CorrelationId",
                table: "WorkflowInstances",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "IncidentCount",
                table: "WorkflowInstances",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "WorkflowInstances",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "WorkflowInstanceId",
                table: "TaxpayerRequests",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(max)",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowJournal_ActivityInstanceId",
                table: "WorkflowJournal",
                column: "ActivityInstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowJournal_WorkflowInstanceId_Sequence",
                table: "WorkflowJournal",
                columns: new[] { "WorkflowInstanceId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowInstances_CorrelationId",
                table: "WorkflowInstances",
                column: "CorrelationId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowInstances_CreatedAt",
                table: "WorkflowInstances",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_TaxpayerRequests_WorkflowInstanceId",
                table: "TaxpayerRequests",
                column: "WorkflowInstanceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkflowJournal_ActivityInstanceId",
                table: "WorkflowJournal");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowJournal_WorkflowInstanceId_Sequence",
                table: "WorkflowJournal");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowInstances_CorrelationId",
                table: "WorkflowInstances");

            migrationBuilder.DropIndex(
                name: "IX_WorkflowInstances_CreatedAt",
                table: "WorkflowInstances");

            migrationBuilder.DropIndex(
                name: "IX_TaxpayerRequests_WorkflowInstanceId",
                table: "TaxpayerRequests");

            migrationBuilder.DropColumn(
                name: "CorrelationId",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "IncidentCount",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "Name",
                table: "WorkflowInstances");

            migrationBuilder.AlterColumn<string>(
                name: "WorkflowInstanceId",
                table: "TaxpayerRequests",
                type: "nvarchar(max)",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(64)",
                oldMaxLength: 64,
                oldNullable: true);
        }
    }
}
