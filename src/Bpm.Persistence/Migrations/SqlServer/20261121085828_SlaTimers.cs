using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SlaTimers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RequestTasks_BureauId",
                table: "RequestTasks");

            migrationBuilder.AddColumn<TimeOnly>(
                name: "CutOff",
                table: "SlaRules",
                type: "time",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ladder",
                table: "SlaRules",
                type: "nvarchar(max)",
                nullable: true);

            // Tasks opened before SLA alerts existed have raised none: "None", a member name, not EF's empty default.
            migrationBuilder.AddColumn<string>(
                name: "AlertLevel",
                table: "RequestTasks",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EscalatedAt",
                table: "RequestTasks",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PauseReason",
                table: "RequestTasks",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PausedAt",
                table: "RequestTasks",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RemindersSent",
                table: "RequestTasks",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SlaAddedWorkingDays",
                table: "RequestTasks",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SlaCountFrom",
                table: "RequestTasks",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SlaWorkingDays",
                table: "RequestTasks",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "DeadlineChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Step = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    OldDueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    OldDueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    NewDueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    NewDueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Cause = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    ActorUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeadlineChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeadlineChanges_TaxpayerRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "TaxpayerRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DueTimers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    TaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    BookmarkId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    WorkflowInstanceId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    HandedOver = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DueTimers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RecipientUnitId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RecipientRoles = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    RecipientUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Text = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notices_TaxpayerRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "TaxpayerRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RequestTasks_BureauId_Status_Id",
                table: "RequestTasks",
                columns: new[] { "BureauId", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_DeadlineChanges_RequestId",
                table: "DeadlineChanges",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_DueTimers_BookmarkId",
                table: "DueTimers",
                column: "BookmarkId");

            migrationBuilder.CreateIndex(
                name: "IX_DueTimers_HandedOver_Status_DueAt",
                table: "DueTimers",
                columns: new[] { "HandedOver", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DueTimers_RequestId",
                table: "DueTimers",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_DueTimers_Status_DueAt",
                table: "DueTimers",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DueTimers_TaskId",
                table: "DueTimers",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_Notices_RecipientUnitId_CreatedAt",
                table: "Notices",
                columns: new[] { "RecipientUnitId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notices_RecipientUserId",
                table: "Notices",
                column: "RecipientUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Notices_RequestId",
                table: "Notices",
                column: "RequestId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeadlineChanges");

            migrationBuilder.DropTable(
                name: "DueTimers");

            migrationBuilder.DropTable(
                name: "Notices");

            migrationBuilder.DropIndex(
                name: "IX_RequestTasks_BureauId_Status_Id",
                table: "RequestTasks");

            migrationBuilder.DropColumn(
                name: "CutOff",
                table: "SlaRules");

            migrationBuilder.DropColumn(
                name: "Ladder",
                table: "SlaRules");

            migrationBuilder.DropColumn(
                name: "AlertLevel",
                table: "RequestTasks");

            migrationBuilder.DropColumn(
                name: "EscalatedAt",
                table: "RequestTasks");

            migrationBuilder.DropColumn(
                name: "PauseReason",
                table: "RequestTasks");

            migrationBuilder.DropColumn(
                name: "PausedAt",
                table: "RequestTasks");

            migrationBuilder.DropColumn(
                name: "RemindersSent",
                table: "RequestTasks");

            migrationBuilder.DropColumn(
                name: "SlaAddedWorkingDays",
                table: "RequestTasks");

            migrationBuilder.DropColumn(
                name: "SlaCountFrom",
                table: "RequestTasks");

            migrationBuilder.DropColumn(
                name: "SlaWorkingDays",
                table: "RequestTasks");

            migrationBuilder.CreateIndex(
                name: "IX_RequestTasks_BureauId",
                table: "RequestTasks",
                column: "BureauId");
        }
    }
}
