using Bpm.Domain.Bureaus;
using Bpm.Domain.Notices;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Taxpayers;
using Bpm.Domain.Tasks;
using Bpm.Domain.Timers;
using Bpm.Domain.Users;
using Bpm.Engine.Runtime;
using Bpm.Persistence.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence;

/// <summary>
/// The one database of Bpm. Each provider has a sealed subclass (see <see cref="ProviderContexts"/>) so
/// that each keeps its own migrations; the model is the same for all.
/// </summary>
public abstract class BpmDbContext : DbContext
{
    /// <summary>
    /// No savepoint around each SaveChanges inside a transaction: a failed save fails its whole unit of work, which rolls back
    /// and, where it retries, starts a new transaction; nothing carries on in a transaction after a refused save. EF's default
    /// savepoint cost a completion on PostgreSQL four round trips (SAVEPOINT and RELEASE around each of its two saves).
    /// </summary>
    protected BpmDbContext(DbContextOptions options)
        : base(options)
    {
        PersonalData = options.FindExtension<PersonalData.PersonalDataOptionsExtension>()?.Protector ?? Bpm.Persistence.PersonalData.PersonalDataProtector.Development;
        KeepOwnSettings();
    }

    /// <summary>
    /// What the constructor sets on EF's side. EF's pool restores it when it hands a context out again (EF 10 does); it is
    /// applied again for each scope so that no pool's reset can bring the savepoints back (four round trips per completion).
    /// </summary>
    private void KeepOwnSettings()
    {
        Database.AutoSavepointsEnabled = false;
        ChangeTracker.Tracked -= RememberReadRequests;
        ChangeTracker.Tracked += RememberReadRequests;
    }

    /// <summary>
    /// A context leased from the pool for one scope (an HTTP request, a timer's batch): nothing of an earlier scope is left in it.
    /// Example: a unit of work that failed before its commit leaves audit rows owed; the next request leasing this context owes none.
    /// EF clears what it tracks when the context goes back to the pool; this clears what Bpm keeps beside it, and takes the
    /// scope's actor, clock and hasher for the audit rows.
    /// </summary>
    internal void StartScope(Bpm.Application.Audit.IAuditActorSource? actors, TimeProvider time, Bpm.Application.Audit.AuditHasher hasher)
    {
        KeepOwnSettings();
        _readRequests.Clear();
        ChangedBureauTree = false;
        DefersSaves = false;
        WaitingRows.Clear();
        Audit = new Audit.AuditRecorder { Actors = actors, Time = time, Hasher = hasher };
    }

    /// <summary>Requests this context tracks as a query read them (not attached with Update): their original values are the stored row.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<TaxpayerRequest, object> _readRequests = [];

    /// <summary>
    /// The request is tracked as a query of this context read it, so its original values are what the database held then
    /// (<see cref="Statistics.RequestDayCounter"/> counts from them); false for one added, or attached with Update.
    /// </summary>
    internal bool WasRead(TaxpayerRequest request) => _readRequests.TryGetValue(request, out _);

    private void RememberReadRequests(object? sender, Microsoft.EntityFrameworkCore.ChangeTracking.EntityTrackedEventArgs tracked)
    {
        if (tracked.Entry.Entity is not TaxpayerRequest request)
        {
            return;
        }

        if (tracked.FromQuery)
        {
            _readRequests.AddOrUpdate(request, request);
        }
        else
        {
            _readRequests.Remove(request);
        }
    }

    /// <summary>The property of entities that use optimistic concurrency; set to 1 on insert and bumped on every update.</summary>
    internal const string Version = "Version";

    public DbSet<Bureau> Bureaus => Set<Bureau>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<BureauCalendarDay> BureauCalendarDays => Set<BureauCalendarDay>();

    public DbSet<RequestCategory> RequestCategories => Set<RequestCategory>();

    public DbSet<SlaRule> SlaRules => Set<SlaRule>();

    /// <summary>State Council notices imported after the embedded data, day by day.</summary>
    public DbSet<Bpm.Domain.Calendar.PublishedHoliday> PublishedHolidays => Set<Bpm.Domain.Calendar.PublishedHoliday>();

    public DbSet<TaxpayerRequest> TaxpayerRequests => Set<TaxpayerRequest>();

    public DbSet<User> Users => Set<User>();

    public DbSet<RequestTask> RequestTasks => Set<RequestTask>();

    public DbSet<DueTimer> DueTimers => Set<DueTimer>();

    public DbSet<Notice> Notices => Set<Notice>();

    public DbSet<DeadlineChange> DeadlineChanges => Set<DeadlineChange>();

    public DbSet<Bpm.Domain.Collections.CollectionTask> CollectionTasks => Set<Bpm.Domain.Collections.CollectionTask>();

    public DbSet<Bpm.Domain.Reports.GeneratedReport> GeneratedReports => Set<Bpm.Domain.Reports.GeneratedReport>();

    /// <summary>The dashboard's daily counts, derived from the requests (see <see cref="Statistics.RequestDayCounter"/>).</summary>
    internal DbSet<Statistics.RequestDayCountRow> RequestDayCounts => Set<Statistics.RequestDayCountRow>();

    internal DbSet<RequestNumberSequence> RequestNumberSequences => Set<RequestNumberSequence>();

    internal DbSet<WorkflowDefinitionRecord> WorkflowDefinitions => Set<WorkflowDefinitionRecord>();

    internal DbSet<WorkflowInstanceRecord> WorkflowInstances => Set<WorkflowInstanceRecord>();

    internal DbSet<BookmarkRecord> Bookmarks => Set<BookmarkRecord>();

    internal DbSet<WorkflowJournalRecord> WorkflowJournal => Set<WorkflowJournalRecord>();

    /// <summary>The tamper-evident audit log; append-only (see <see cref="Audit.AuditRecorder"/>).</summary>
    public DbSet<Bpm.Domain.Audit.AuditEntry> AuditEntries => Set<Bpm.Domain.Audit.AuditEntry>();

    internal DbSet<Audit.AuditChainHeadRow> AuditChainHead => Set<Audit.AuditChainHeadRow>();

    /// <summary>Moves with every change of the bureau tree (see <see cref="Bpm.Persistence.Bureaus.BureauTreeCache"/>).</summary>
    internal DbSet<Bpm.Persistence.Bureaus.BureauTreeVersionRow> BureauTreeVersion => Set<Bpm.Persistence.Bureaus.BureauTreeVersionRow>();

    /// <summary>The keys of the last full personal-data pass (see <see cref="PersonalData.PersonalDataRekeying"/>).</summary>
    internal DbSet<PersonalData.PersonalDataPassRow> PersonalDataPass => Set<PersonalData.PersonalDataPassRow>();

    /// <summary>This context moved the bureau tree's counter: the trees it reads may hold its uncommitted changes.</summary>
    internal bool ChangedBureauTree { get; set; }

    /// <summary>Encrypts contact and credit code at rest and digests them for lookups (see <see cref="PersonalData.PersonalDataColumns"/>).</summary>
    internal Bpm.Application.PersonalData.IPersonalDataProtector PersonalData { get; }

    /// <summary>Audit rows this context owes, chained when their transaction commits.</summary>
    internal Audit.AuditRecorder Audit { get; private set; } = new();

    /// <summary>
    /// Set while a unit of work collects its writes (<see cref="Bpm.Application.IUnitOfWork.InOneWriteAsync{T}"/>): the stores
    /// leave their changes tracked (<see cref="SaveUnlessDeferredAsync"/>) for one SaveChanges at the end. A bulk write in
    /// between still saves what was added before it (rows it may refer to), so the order of rows in the database is kept.
    /// </summary>
    internal bool DefersSaves { get; set; }

    /// <summary>
    /// Append-only rows (the workflow journal) waiting for the next save while <see cref="DefersSaves"/>; it writes them after its
    /// other new rows, in the same round trip where it can (<see cref="Stores.BulkWrites.AppendWithTheSaveAsync{T}"/>).
    /// </summary>
    internal List<Stores.RowsOfTable<object>> WaitingRows { get; } = [];

    /// <summary>After a rollback: nothing tracked or waiting matches the database any more (see <see cref="EfUnitOfWork"/>).</summary>
    internal void ForgetUnsaved()
    {
        ChangeTracker.Clear();
        WaitingRows.Clear();
    }

    /// <summary>Saves now, or, while <see cref="DefersSaves"/>, leaves the changes for the unit of work's one save at its end.</summary>
    internal Task SaveUnlessDeferredAsync(CancellationToken cancellationToken) =>
        DefersSaves ? Task.CompletedTask : SaveChangesAsync(cancellationToken);

    /// <summary>
    /// The one save of a unit of work that collected its writes. A row changed by someone else since it was read (two handlers
    /// completing the same task) is refused as a conflict, like the save of each store would have refused it.
    /// </summary>
    internal async Task SaveDeferredAsync(CancellationToken cancellationToken)
    {
        if (WaitingRows.Count == 0 && !ChangeTracker.HasChanges())
        {
            return;
        }

        try
        {
            await SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new Bpm.Application.Requests.ConcurrencyConflictException(ChangedMeanwhile);
        }
    }

    /// <summary>
    /// A save that changes audited rows or counted requests joins the caller's transaction, or opens one, so that its audit
    /// rows and its daily counts (<see cref="Statistics.RequestDayCounter"/>) commit with it.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (WaitingRows.Count > 0)
        {
            // Rows wait only inside an asynchronous unit of work, whose one save is asynchronous.
            throw new InvalidOperationException("Rows waiting for the unit of work's save are written by SaveChangesAsync.");
        }

        BumpVersions();
        Bpm.Persistence.PersonalData.PersonalDataColumns.FillDigests(ChangeTracker.Entries(), PersonalData);
        var events = Audit.Describe(ChangeTracker.Entries());
        var counts = Statistics.RequestDayCounter.Deltas(this);
        var treeChanged = ChangesBureauTree();
        if (events.Count == 0 && counts.Count == 0 && !treeChanged)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        try
        {
            if (events.Count > 0)
            {
                Audit.Add(Database.CurrentTransaction!, events);
            }

            var saved = base.SaveChanges(acceptAllChangesOnSuccess);
            Statistics.RequestDayCounter.Apply(this, counts);
            if (treeChanged)
            {
                Bpm.Persistence.Bureaus.BureauTreeCache.Bump(this);
            }

            own?.Commit();
            return saved;
        }
        finally
        {
            own?.Dispose();
        }
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!DefersSaves)
        {
            return await SaveAuditedAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // A bulk write saving the collected rows before its own: a stale row among them is the caller's conflict.
        try
        {
            return await SaveAuditedAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new Bpm.Application.Requests.ConcurrencyConflictException(ChangedMeanwhile);
        }
    }

    private const string ChangedMeanwhile = "数据已被他人修改，请刷新后重试";

    private async Task<int> SaveAuditedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        BumpVersions();
        Bpm.Persistence.PersonalData.PersonalDataColumns.FillDigests(ChangeTracker.Entries(), PersonalData);
        var events = Audit.Describe(ChangeTracker.Entries());
        var counts = await Statistics.RequestDayCounter.DeltasAsync(this, cancellationToken);
        var treeChanged = ChangesBureauTree();
        var plainWrites = Stores.PlainRowWrites.Plan(this, acceptAllChangesOnSuccess);
        List<Stores.RowsOfTable<object>> waiting = [.. WaitingRows];
        WaitingRows.Clear();
        if (events.Count == 0 && counts.Count == 0 && !treeChanged && plainWrites is null && waiting.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            if (events.Count > 0)
            {
                Audit.Add(Database.CurrentTransaction!, events);
            }

            // On PostgreSQL the day counts go in the added rows' round trip (one wait instead of two), before EF's save; if that
            // save fails, they are rolled back with those rows (the unit of work's transaction fails). SQLite runs in-process:
            // nothing to gain, so there they follow EF's save as before. Waiting rows follow the added rows they may refer to
            // (a journal entry its request), in the same round trip, or after EF's save when EF writes the added rows.
            var countsWithInserts = plainWrites is not null && this is PostgreSqlBpmDbContext;
            var saved = plainWrites is null ? 0 : await plainWrites.WriteAsync(
                waiting, countsWithInserts ? [.. Statistics.RequestDayCounter.Statements(this, counts)] : [], cancellationToken);
            try
            {
                saved += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            catch (Exception) when (plainWrites is not null)
            {
                plainWrites.TakeBack();
                throw;
            }

            if (plainWrites is null)
            {
                saved += await Stores.BulkWrites.WriteWaitingRowsAsync(this, waiting, cancellationToken);
            }

            if (!countsWithInserts)
            {
                await Statistics.RequestDayCounter.ApplyAsync(this, counts, cancellationToken);
            }

            if (treeChanged)
            {
                await Bpm.Persistence.Bureaus.BureauTreeCache.BumpAsync(this, cancellationToken);
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return saved;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BpmDbContext).Assembly);
        Bpm.Persistence.PersonalData.PersonalDataColumns.Encrypt(modelBuilder, PersonalData);
    }

    /// <summary>Enums are stored by name ("LegalRemedy"), so reordering members never corrupts data.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<RequestType>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<RequestStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<Channel>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ContactKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TaxpayerSize>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<OperatingStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<UnitKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<UnitDuties>().HaveConversion<string>().HaveMaxLength(64);
        configurationBuilder.Properties<SlaStep>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ExtensionCapBasis>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<Roles>().HaveConversion<string>().HaveMaxLength(128);
        configurationBuilder.Properties<RequestTaskStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<WorkflowStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<WorkflowSubStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SlaAlertLevel>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DueTimerKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DueTimerStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<NoticeKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DeadlineChangeCause>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<Bpm.Domain.Library.LibraryEntryKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<Bpm.Domain.Library.LibraryEntryStatus>().HaveConversion<string>().HaveMaxLength(16);
    }

    /// <summary>A bureau, unit, calendar day, category, SLA rule or published holiday is being written (see <see cref="Bpm.Persistence.Bureaus.BureauTreeCache"/>).</summary>
    private bool ChangesBureauTree() => ChangeTracker.Entries().Any(e =>
        e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        && e.Entity is Bureau or Unit or BureauCalendarDay or RequestCategory or SlaRule or Bpm.Domain.Calendar.PublishedHoliday);

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            // Only the row version: a workflow definition's "Version" is its version number, not a token.
            var property = entry.Metadata.FindProperty(Version);
            if (property is null || !property.IsConcurrencyToken || property.ClrType != typeof(long))
            {
                continue;
            }

            if (entry.State == EntityState.Added)
            {
                entry.Property(Version).CurrentValue = 1L;
            }
            else if (entry.State == EntityState.Modified)
            {
                entry.Property(Version).CurrentValue = (long)entry.Property(Version).OriginalValue! + 1;
            }
        }
    }
}
