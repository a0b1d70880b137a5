using Bpm.Domain.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

/// <remarks>
/// No foreign keys: a timer is written in the runner's transaction alongside the task or bookmark it serves, in whatever
/// order the runner saves them, and a bookmark id is not a key of any table we own (bookmarks are removed when resumed,
/// their timers stay as the record of what fired). Timers are found through the indexes instead.
/// </remarks>
internal sealed class DueTimerConfiguration : IEntityTypeConfiguration<DueTimer>
{
    public void Configure(EntityTypeBuilder<DueTimer> builder)
    {
        builder.ToTable("DueTimers");
        builder.HasKey(t => t.Id);
        builder.Ignore(t => t.Alarm);
        builder.Property(t => t.BookmarkId).HasMaxLength(WorkflowColumns.Id);
        builder.Property(t => t.WorkflowInstanceId).HasMaxLength(WorkflowColumns.Id);
        builder.Property(t => t.Version).IsConcurrencyToken();

        // What is due: pending timers by instant (the scheduler's sweep, the next pending instant).
        builder.HasIndex(t => new { t.Status, t.DueAt });

        // The outbox: pending timers the scheduler does not hold yet, in due order.
        builder.HasIndex(t => new { t.HandedOver, t.Status, t.DueAt });

        // A task's pending ladder (re-planning reads it for 500 tasks at a time). With TaskId alone, SQLite's planner took
        // (Status, DueAt) for "Status = Pending AND TaskId IN (…)" and scanned every pending timer per batch: re-planning
        // 100,000 deadlines spent 37 s of 73 s there (tools/Bpm.Bench timers).
        builder.HasIndex(t => new { t.TaskId, t.Status });

        // A request's timers, a workflow timer's bookmark.
        builder.HasIndex(t => t.RequestId);
        builder.HasIndex(t => t.BookmarkId);
    }
}
