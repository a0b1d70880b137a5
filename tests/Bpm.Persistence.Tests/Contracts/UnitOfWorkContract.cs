using Bpm.Application;
using Bpm.Application.Requests;
using Bpm.Application.Tasks;
using Bpm.Application.Workflows;
using Bpm.Domain.Requests;
using Bpm.Domain.Tasks;
using Bpm.Domain.Users;
using Bpm.Engine.Runtime;
using Bpm.Engine.Stores;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>
/// What <see cref="IUnitOfWork"/> promises, on every provider: a request, its instance, tasks, bookmarks and
/// journal change together or not at all, including the request's number.
/// </summary>
public abstract class UnitOfWorkContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private sealed class WorkFailedException() : Exception("the workflow could not start");

    /// <summary>What starting a request's workflow writes: instance, bookmark, task, journal line.</summary>
    private async Task<(WorkflowState State, Bookmark Bookmark, RequestTask Task)> StartWorkflowAsync(IServiceProvider services, TaxpayerRequest request)
    {
        var bookmark = new Bookmark
        {
            Id = NewId(), Name = "Bpm.HumanTask", Hash = Bookmark.ComputeHash("Bpm.HumanTask", NewId()), ActivityId = "accept",
            ActivityNodeId = "flowchart1:accept", ActivityInstanceId = NewId(), ActivityType = "Bpm.HumanTask", CreatedAt = Time.GetUtcNow(),
        };
        var state = new WorkflowState
        {
            InstanceId = NewId(), DefinitionId = "consult", DefinitionVersionId = NewId(), DefinitionVersion = 1,
            Bookmarks = [bookmark], CreatedAt = Time.GetUtcNow(), UpdatedAt = Time.GetUtcNow(),
        };
        var task = new RequestTask(new RequestTaskOpening(
            Guid.CreateVersion7(), request.Id, request.BureauId, request.Type, request.TaxpayerName, state.InstanceId, bookmark.Id, "accept", "Bpm.HumanTask", "受理登记",
            request.ReceivingUnitId, Roles.Handler, ["Transfer", "AnsweredOnTheSpot"], "[]", null, Time.GetUtcNow(), null, null, false));

        await services.GetRequiredService<IWorkflowInstanceStore>().SaveAsync(state, none);
        await services.GetRequiredService<IBookmarkStore>().SaveAsync(state.InstanceId, [bookmark], none);
        await services.GetRequiredService<IRequestTaskStore>().AddAsync(task, none);
        await services.GetRequiredService<IWorkflowJournalStore>().AppendAsync(
            [new WorkflowJournalEntry(request.Id, state.InstanceId, NewId(), "start", "flowchart1:start", "Elsa.Start", null, "Completed", ["Done"],
                Time.GetUtcNow(), Time.GetUtcNow(), null, null)], none);
        return (state, bookmark, task);
    }

    private Task<TaxpayerRequest> RegisterInAsync(IServiceProvider services, SeededBureau bureau) =>
        services.GetRequiredService<RequestRegistrationService>().RegisterAsync(bureau.Id, Registration(bureau), none);

    [ContractFact]
    public async Task Everything_saved_inside_commits_together()
    {
        var bureau = await SeedBureauAsync();

        var (request, started) = await InScope(async services =>
        {
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            return await unitOfWork.InTransactionAsync(async ct =>
            {
                var request = await RegisterInAsync(services, bureau);
                return (request, await StartWorkflowAsync(services, request));
            }, none);
        });

        request.Number.ShouldBe($"{bureau.Prefix}-2026-000001");
        await InScope(async services =>
        {
            (await services.GetRequiredService<ITaxpayerRequestStore>().FindAsync(request.Id, none)).ShouldNotBeNull();
            (await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(started.State.InstanceId, none)).ShouldNotBeNull();
            (await services.GetRequiredService<IBookmarkStore>().FindAsync(started.Bookmark.Id, none)).ShouldNotBeNull();
            (await services.GetRequiredService<IRequestTaskStore>().FindAsync(started.Task.Id, none)).ShouldNotBeNull();
            (await services.GetRequiredService<IWorkflowJournalStore>().ListByRequestAsync(request.Id, none)).Count.ShouldBe(1);
        });
    }

    [ContractFact]
    public async Task An_exception_inside_rolls_back_what_every_store_saved_and_the_request_number()
    {
        var bureau = await SeedBureauAsync();
        TaxpayerRequest? request = null;
        (WorkflowState State, Bookmark Bookmark, RequestTask Task) started = default;

        await InScope(async services =>
        {
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await Should.ThrowAsync<WorkFailedException>(() => unitOfWork.InTransactionAsync<int>(async ct =>
            {
                request = await RegisterInAsync(services, bureau);
                started = await StartWorkflowAsync(services, request);
                throw new WorkFailedException();
            }, none));

            // The same scope goes on after the failure: nothing of the failed work rides along with the next save.
            (await RegisterInAsync(services, bureau)).Number.ShouldBe($"{bureau.Prefix}-2026-000001");
        });

        request.ShouldNotBeNull().Number.ShouldBe($"{bureau.Prefix}-2026-000001");
        await InScope(async services =>
        {
            (await services.GetRequiredService<ITaxpayerRequestStore>().FindAsync(request.Id, none)).ShouldBeNull();
            (await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(started.State!.InstanceId, none)).ShouldBeNull();
            (await services.GetRequiredService<IBookmarkStore>().FindAsync(started.Bookmark!.Id, none)).ShouldBeNull();
            (await services.GetRequiredService<IRequestTaskStore>().FindAsync(started.Task!.Id, none)).ShouldBeNull();
            (await services.GetRequiredService<IWorkflowJournalStore>().ListByRequestAsync(request.Id, none)).ShouldBeEmpty();
            (await services.GetRequiredService<ITaxpayerRequestStore>().ListAsync(new TaxpayerRequestFilter { BureauIds = [bureau.Id] }, none))
                .Items.Select(r => r.Number).ShouldBe([$"{bureau.Prefix}-2026-000001"]);
        });
        (await RegisterRequestAsync(bureau)).Number.ShouldBe($"{bureau.Prefix}-2026-000002");
    }

    [ContractFact]
    public async Task A_registration_inside_a_unit_of_work_that_later_throws_leaves_no_request_and_uses_no_number()
    {
        var bureau = await SeedBureauAsync();
        (await RegisterRequestAsync(bureau)).Number.ShouldBe($"{bureau.Prefix}-2026-000001");

        await InScope(async services =>
        {
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await Should.ThrowAsync<WorkFailedException>(() => unitOfWork.InTransactionAsync<int>(async ct =>
            {
                (await RegisterInAsync(services, bureau)).Number.ShouldBe($"{bureau.Prefix}-2026-000002");
                throw new WorkFailedException();
            }, none));
        });

        (await InScope(services => services.GetRequiredService<ITaxpayerRequestStore>().FindByNumberAsync($"{bureau.Prefix}-2026-000002", none))).ShouldBeNull();
        (await RegisterRequestAsync(bureau)).Number.ShouldBe($"{bureau.Prefix}-2026-000002");
    }

    [ContractFact]
    public async Task A_nested_unit_of_work_joins_the_outer_one_committing_and_rolling_back_with_it()
    {
        var bureau = await SeedBureauAsync();

        // Nested, both succeed: committed once, by the outer.
        var (outer, inner) = await InScope(async services =>
        {
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            return await unitOfWork.InTransactionAsync(async ct =>
            {
                var first = await RegisterInAsync(services, bureau);
                var second = await unitOfWork.InTransactionAsync(_ => RegisterInAsync(services, bureau), ct);
                return (first, second);
            }, none);
        });
        (await InScope(services => services.GetRequiredService<ITaxpayerRequestStore>().FindAsync(outer.Id, none))).ShouldNotBeNull();
        (await InScope(services => services.GetRequiredService<ITaxpayerRequestStore>().FindAsync(inner.Id, none))).ShouldNotBeNull();

        // The outer fails after the inner succeeded: both are undone.
        await InScope(async services =>
        {
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await Should.ThrowAsync<WorkFailedException>(() => unitOfWork.InTransactionAsync<int>(async ct =>
            {
                await unitOfWork.InTransactionAsync(_ => RegisterInAsync(services, bureau), ct);
                await RegisterInAsync(services, bureau);
                throw new WorkFailedException();
            }, none));
        });

        (await InScope(services => services.GetRequiredService<ITaxpayerRequestStore>().ListAsync(new TaxpayerRequestFilter { BureauIds = [bureau.Id] }, none)))
            .TotalCount.ShouldBe(2);
        (await RegisterRequestAsync(bureau)).Number.ShouldBe($"{bureau.Prefix}-2026-000003");
    }
}

public sealed class UnitOfWorkOnSqlite(SqliteDatabaseFixture fixture) : UnitOfWorkContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class UnitOfWorkOnPostgreSql(PostgreSqlDatabaseFixture fixture) : UnitOfWorkContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
