using Bpm.Application.Requests;
using Bpm.Domain;
using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>What <see cref="ITaxpayerRequestStore"/> promises, on every provider; registration goes through the real service.</summary>
public abstract class TaxpayerRequestStoreContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private Task<TaxpayerRequest> RegisterAsync(SeededBureau bureau, RequestRegistration registration) =>
        InScope(services => services.GetRequiredService<RequestRegistrationService>().RegisterAsync(bureau.Id, registration, none));

    private async Task<string> RegisterNumberAsync(SeededBureau bureau, DateTimeOffset? receivedAt = null) =>
        (await RegisterAsync(bureau, Registration(bureau, receivedAt))).Number;

    private Task<RequestPage> ListAsync(TaxpayerRequestFilter filter) =>
        InScope(services => services.GetRequiredService<ITaxpayerRequestStore>().ListAsync(filter, none));

    private Task<TaxpayerRequest?> FindAsync(Guid id) =>
        InScope(services => services.GetRequiredService<ITaxpayerRequestStore>().FindAsync(id, none));

    private Task MoveAsync(Guid id, RequestStatus status) => InScope(async services =>
    {
        var store = services.GetRequiredService<ITaxpayerRequestStore>();
        var request = (await store.FindAsync(id, none))!;
        request.MoveTo(status, Time.GetUtcNow());
        await store.UpdateAsync(request, none);
    });

    [ContractFact]
    public async Task Numbers_are_prefix_year_and_a_six_digit_sequence_counting_from_one()
    {
        var xiantao = await SeedBureauAsync("XT", name: "国家税务总局仙桃市税务局");

        (await RegisterNumberAsync(xiantao)).ShouldBe("XT-2026-000001");
        (await RegisterNumberAsync(xiantao)).ShouldBe("XT-2026-000002");
        (await RegisterNumberAsync(xiantao)).ShouldBe("XT-2026-000003");
    }

    [ContractFact]
    public async Task Each_bureau_has_its_own_sequence()
    {
        var first = await SeedBureauAsync();
        var second = await SeedBureauAsync();

        (await RegisterNumberAsync(first)).ShouldBe($"{first.Prefix}-2026-000001");
        (await RegisterNumberAsync(second)).ShouldBe($"{second.Prefix}-2026-000001");
        (await RegisterNumberAsync(first)).ShouldBe($"{first.Prefix}-2026-000002");
        (await RegisterNumberAsync(second)).ShouldBe($"{second.Prefix}-2026-000002");
    }

    [ContractFact]
    public async Task The_year_is_the_Shanghai_year_of_receipt_and_each_year_restarts_at_one()
    {
        var bureau = await SeedBureauAsync();
        Time.SetUtcNow(At("2027-01-04T02:00:00Z"));

        // 2026-12-31T15:59Z is 23:59 on New Year's Eve in Shanghai; 17:00Z is already 01:00 on 2027-01-01.
        (await RegisterNumberAsync(bureau, At("2026-12-31T15:59:00Z"))).ShouldBe($"{bureau.Prefix}-2026-000001");
        (await RegisterNumberAsync(bureau, At("2026-12-31T17:00:00Z"))).ShouldBe($"{bureau.Prefix}-2027-000001");
        (await RegisterNumberAsync(bureau, At("2027-01-04T01:00:00Z"))).ShouldBe($"{bureau.Prefix}-2027-000002");
        (await RegisterNumberAsync(bureau, At("2026-12-30T08:00:00+08:00"))).ShouldBe($"{bureau.Prefix}-2026-000002");
    }

    [ContractFact]
    public async Task Twenty_concurrent_registrations_get_twenty_distinct_consecutive_numbers()
    {
        var bureau = await SeedBureauAsync();
        await RegisterNumberAsync(bureau); // the sequence row exists; the race is on its update
        var other = await SeedBureauAsync(); // no row yet: the race is on its insert

        var numbers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => RegisterNumberAsync(i % 2 == 0 ? bureau : other))));

        numbers.Where(n => n.StartsWith(bureau.Prefix, StringComparison.Ordinal)).Order()
            .ShouldBe(Enumerable.Range(2, 10).Select(i => $"{bureau.Prefix}-2026-{i:D6}"));
        numbers.Where(n => n.StartsWith(other.Prefix, StringComparison.Ordinal)).Order()
            .ShouldBe(Enumerable.Range(1, 10).Select(i => $"{other.Prefix}-2026-{i:D6}"));
        (await ListAsync(new() { BureauIds = [bureau.Id, other.Id] })).TotalCount.ShouldBe(21);
    }

    [ContractFact]
    public async Task Twenty_concurrent_first_registrations_of_one_bureau_get_one_to_twenty()
    {
        var bureau = await SeedBureauAsync();

        var numbers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => RegisterNumberAsync(bureau))));

        numbers.Order().ShouldBe(Enumerable.Range(1, 20).Select(i => $"{bureau.Prefix}-2026-{i:D6}"));
    }

    [ContractFact]
    public async Task A_refused_registration_stores_nothing_and_uses_no_number()
    {
        var bureau = await SeedBureauAsync();
        var elsewhere = await SeedBureauAsync();

        var badContact = await Should.ThrowAsync<DomainValidationException>(() => RegisterAsync(bureau, Registration(bureau) with { Contact = "12345" }));
        badContact.Errors.Select(e => e.Field).ShouldBe(["contact"]);
        var unknownCategory = await Should.ThrowAsync<DomainValidationException>(() => RegisterAsync(bureau, Registration(bureau, category: "NOPE")));
        unknownCategory.Errors.Select(e => e.Field).ShouldBe(["categoryCode"]);
        var foreignUnit = await Should.ThrowAsync<DomainValidationException>(
            () => RegisterAsync(bureau, Registration(bureau) with { ReceivingUnitId = elsewhere.Unit.Id }));
        foreignUnit.Errors.Select(e => e.Field).ShouldBe(["receivingUnitId"]);

        (await ListAsync(new() { BureauIds = [bureau.Id, elsewhere.Id] })).TotalCount.ShouldBe(0);
        (await RegisterNumberAsync(bureau)).ShouldBe($"{bureau.Prefix}-2026-000001");
    }

    [ContractFact]
    public async Task A_request_that_cannot_be_made_uses_no_number_even_when_the_context_saves_again()
    {
        var bureau = await SeedBureauAsync();
        var existing = await RegisterAsync(bureau, Registration(bureau));
        await MoveAsync(existing.Id, RequestStatus.Transferred); // its row version is no longer the first

        await InScope(async services =>
        {
            var store = services.GetRequiredService<ITaxpayerRequestStore>();
            var tracked = (await store.FindAsync(existing.Id, none))!;
            await Should.ThrowAsync<DomainException>(() => store.RegisterAsync(
                bureau.Id, bureau.Prefix, 2026, _ => throw new DomainException("test.refused", "refused while making the request"), none));

            // The same unit of work goes on and saves something else: the aborted reservation must not ride along,
            // and what the caller had loaded before is still tracked and saves normally.
            tracked.MoveTo(RequestStatus.Dispatched, Time.GetUtcNow());
            await store.UpdateAsync(tracked, none);
        });

        (await FindAsync(existing.Id))!.Status.ShouldBe(RequestStatus.Dispatched);
        (await RegisterNumberAsync(bureau)).ShouldBe($"{bureau.Prefix}-2026-000002");
    }

    [ContractFact]
    public async Task Every_field_round_trips_and_enums_are_stored_by_name()
    {
        var bureau = await SeedBureauAsync();
        var code = CreditCode("91429004MA49ABCD1");
        var registration = Registration(bureau, At("2026-03-02T09:15:30.125+08:00"), category: "xtjs") with
        {
            TaxpayerName = "  内蒙古草原𠮷祥乳业有限责任公司  ",
            Contact = "0728 3312345",
            Text = "电子税务局申报时提示“系统繁忙”，无法提交增值税申报表。\n请尽快处理。",
            Channel = Channel.InteractionPlatform,
            ReceivingOfficer = "李四",
            CreditCode = code.ToLowerInvariant(),
            Industry = "乳制品制造",
            Size = TaxpayerSize.Medium,
            OperatingStatus = OperatingStatus.Abnormal,
        };

        var registered = await RegisterAsync(bureau, registration);
        var loaded = (await FindAsync(registered.Id))!;

        loaded.Number.ShouldBe($"{bureau.Prefix}-2026-000001");
        loaded.BureauId.ShouldBe(bureau.Id);
        loaded.Type.ShouldBe(RequestType.InformationTechnology);
        loaded.CategoryCode.ShouldBe("XTJS");
        loaded.Channel.ShouldBe(Channel.InteractionPlatform);
        loaded.TaxpayerName.ShouldBe("内蒙古草原𠮷祥乳业有限责任公司");
        loaded.Contact.ShouldBe("0728-3312345");
        loaded.ContactKind.ShouldBe(ContactKind.Landline);
        loaded.Text.ShouldBe("电子税务局申报时提示“系统繁忙”，无法提交增值税申报表。\n请尽快处理。");
        loaded.ReceivedAt.ShouldBe(At("2026-03-02T01:15:30.125Z"));
        loaded.ReceivedAt.Offset.ShouldBe(TimeSpan.Zero);
        loaded.ReceivingUnitId.ShouldBe(bureau.Unit.Id);
        loaded.ReceivingOfficer.ShouldBe("李四");
        loaded.CreditCode.ShouldBe(code);
        loaded.Industry.ShouldBe("乳制品制造");
        loaded.Size.ShouldBe(TaxpayerSize.Medium);
        loaded.OperatingStatus.ShouldBe(OperatingStatus.Abnormal);
        loaded.Status.ShouldBe(RequestStatus.Registered);
        loaded.RegisteredAt.ShouldBe(Time.GetUtcNow());
        loaded.StatusChangedAt.ShouldBe(Time.GetUtcNow());
        loaded.ClosedAt.ShouldBeNull();
        loaded.OnTheSpotAnswer.ShouldBeNull();

        var byNumber = await InScope(services => services.GetRequiredService<ITaxpayerRequestStore>().FindByNumberAsync(loaded.Number, none));
        byNumber!.Id.ShouldBe(registered.Id);

        await using var db = Database.CreateContext();
        var stored = await db.Database.SqlQuery<StoredEnums>($"""
            SELECT "Status", "Type", "Channel", "ContactKind", "Size", "OperatingStatus"
            FROM "TaxpayerRequests" WHERE "Number" = {loaded.Number}
            """).SingleAsync();
        stored.ShouldBe(new StoredEnums("Registered", "InformationTechnology", "InteractionPlatform", "Landline", "Medium", "Abnormal"));
    }

    [ContractFact]
    public async Task Optional_fields_left_out_are_stored_as_null()
    {
        var bureau = await SeedBureauAsync();

        var registered = await RegisterAsync(bureau, Registration(bureau) with { CreditCode = " ", Industry = null });
        var loaded = (await FindAsync(registered.Id))!;

        loaded.CreditCode.ShouldBeNull();
        loaded.Industry.ShouldBeNull();
        loaded.Size.ShouldBeNull();
        loaded.OperatingStatus.ShouldBeNull();
    }

    [ContractFact]
    public async Task An_answer_on_the_spot_closes_the_request_at_registration()
    {
        var bureau = await SeedBureauAsync();

        var registered = await RegisterAsync(bureau, Registration(bureau) with { OnTheSpotAnswer = "已当场告知：可在电子税务局“我要办税”中申报。" });
        var loaded = (await FindAsync(registered.Id))!;

        loaded.Status.ShouldBe(RequestStatus.Closed);
        loaded.ClosedAt.ShouldBe(Time.GetUtcNow());
        loaded.OnTheSpotAnswer.ShouldBe("已当场告知：可在电子税务局“我要办税”中申报。");
        (await ListAsync(new() { BureauIds = [bureau.Id], Status = RequestStatus.Closed })).Items.Select(r => r.Id).ShouldBe([registered.Id]);
    }

    [ContractFact]
    public async Task List_filters_combine_and_only_match_what_they_name()
    {
        var xiantao = await SeedBureauAsync();
        var ulanqab = await SeedBureauAsync();
        var unrelated = await SeedBureauAsync();
        var codeA = CreditCode("91429004MA49ABCD1");
        var codeB = CreditCode("91150900MA0N12345");
        var policyHall = await RegisterAsync(xiantao, Registration(xiantao, category: "ZCYW") with { CreditCode = codeA });
        var itWeChat = await RegisterAsync(xiantao, Registration(xiantao, category: "XTJS") with { Channel = Channel.WeChat, CreditCode = codeB });
        var serviceHall = await RegisterAsync(xiantao, Registration(xiantao, category: "FWYX") with { CreditCode = codeA });
        var servicePhone = await RegisterAsync(ulanqab, Registration(ulanqab, category: "FWZX") with { Channel = Channel.Hotline12366 });
        await RegisterAsync(unrelated, Registration(unrelated, category: "ZCYW") with { CreditCode = codeA });
        await MoveAsync(serviceHall.Id, RequestStatus.Transferred);

        async Task<Guid[]> Ids(TaxpayerRequestFilter filter) =>
            [.. (await ListAsync(filter with { BureauIds = filter.BureauIds ?? [xiantao.Id, ulanqab.Id] })).Items.Select(r => r.Id).Order()];
        Guid[] Expected(params TaxpayerRequest[] requests) => [.. requests.Select(r => r.Id).Order()];

        (await Ids(new())).ShouldBe(Expected(policyHall, itWeChat, serviceHall, servicePhone));
        (await Ids(new() { BureauIds = [ulanqab.Id] })).ShouldBe(Expected(servicePhone));
        (await Ids(new() { BureauIds = [] })).ShouldBeEmpty();
        (await Ids(new() { Status = RequestStatus.Transferred })).ShouldBe(Expected(serviceHall));
        (await Ids(new() { Status = RequestStatus.Registered })).ShouldBe(Expected(policyHall, itWeChat, servicePhone));
        (await Ids(new() { Type = RequestType.Service })).ShouldBe(Expected(serviceHall, servicePhone));
        (await Ids(new() { CategoryCode = "FWZX" })).ShouldBe(Expected(servicePhone));
        (await Ids(new() { Channel = Channel.WeChat })).ShouldBe(Expected(itWeChat));
        (await Ids(new() { CreditCode = codeA })).ShouldBe(Expected(policyHall, serviceHall));
        (await Ids(new() { CreditCode = codeA, Type = RequestType.Service, Channel = Channel.ServiceHall })).ShouldBe(Expected(serviceHall));
        (await Ids(new() { CreditCode = codeA, Channel = Channel.WeChat })).ShouldBeEmpty();
    }

    [ContractFact]
    public async Task The_received_range_includes_its_start_excludes_its_end_and_honours_offsets()
    {
        var bureau = await SeedBureauAsync();
        Time.SetUtcNow(At("2026-10-10T00:00:00Z"));
        var lastOfSeptember = await RegisterAsync(bureau, Registration(bureau, At("2026-09-30T15:59:59Z"))); // 23:59:59 Shanghai
        var firstOfOctober = await RegisterAsync(bureau, Registration(bureau, At("2026-09-30T16:00:00Z"))); // 00:00 Shanghai
        var laterInOctober = await RegisterAsync(bureau, Registration(bureau, At("2026-10-08T09:30:00+08:00")));
        var ninth = await RegisterAsync(bureau, Registration(bureau, At("2026-10-09T00:00:00+08:00")));

        async Task<string[]> Numbers(DateTimeOffset? from, DateTimeOffset? before) =>
            [.. (await ListAsync(new() { BureauIds = [bureau.Id], ReceivedFrom = from, ReceivedBefore = before })).Items.Select(r => r.Number)];

        (await Numbers(At("2026-10-01T00:00:00+08:00"), At("2026-10-09T00:00:00+08:00"))).ShouldBe([laterInOctober.Number, firstOfOctober.Number]);
        (await Numbers(null, At("2026-09-30T16:00:00Z"))).ShouldBe([lastOfSeptember.Number]);
        (await Numbers(At("2026-10-08T01:30:00Z"), null)).ShouldBe([ninth.Number, laterInOctober.Number]);
        (await Numbers(At("2026-10-08T01:30:00.0001Z"), null)).ShouldBe([ninth.Number]);
        (await Numbers(At("2026-09-29T00:00:00-05:00"), At("2026-09-30T11:00:00-05:00"))).ShouldBe([lastOfSeptember.Number]); // 11:00-05:00 = 16:00Z
        (await Numbers(At("2026-09-29T00:00:00-05:00"), At("2026-09-30T11:00:01-05:00"))).ShouldBe([firstOfOctober.Number, lastOfSeptember.Number]);
    }

    [ContractFact]
    public async Task Pages_list_the_newest_receipt_first()
    {
        var bureau = await SeedBureauAsync();
        var receipts = new[] { "2026-02-27T01:00:00Z", "2026-03-02T01:00:00Z", "2026-02-28T05:00:00Z", "2026-03-01T23:00:00Z", "2026-02-27T01:00:00Z" };
        var numbers = new List<string>();
        foreach (var receipt in receipts)
        {
            numbers.Add((await RegisterAsync(bureau, Registration(bureau, At(receipt)))).Number);
        }

        // Newest receipt first; the two received at the same instant: the later number first.
        string[] newestFirst = [numbers[1], numbers[3], numbers[2], numbers[4], numbers[0]];
        var first = await ListAsync(new() { BureauIds = [bureau.Id], PageSize = 2 });
        var second = await ListAsync(new() { BureauIds = [bureau.Id], PageSize = 2, Page = 2 });
        var third = await ListAsync(new() { BureauIds = [bureau.Id], PageSize = 2, Page = 3 });
        var beyond = await ListAsync(new() { BureauIds = [bureau.Id], PageSize = 2, Page = 4 });

        first.Items.Select(r => r.Number).ShouldBe(newestFirst[..2]);
        second.Items.Select(r => r.Number).ShouldBe(newestFirst[2..4]);
        third.Items.Select(r => r.Number).ShouldBe(newestFirst[4..]);
        beyond.Items.ShouldBeEmpty();
        new[] { first, second, third, beyond }.ShouldAllBe(p => p.TotalCount == 5 && p.PageSize == 2);
        second.Page.ShouldBe(2);
    }

    [ContractFact]
    public async Task Pages_over_several_bureaus_interleave_them_newest_receipt_first()
    {
        var city = await SeedBureauAsync();
        var district = await SeedBureauAsync();
        var (c1, d1, c2, d2, c3) = (
            await RegisterAsync(city, Registration(city, At("2026-02-01T01:00:00Z"))),
            await RegisterAsync(district, Registration(district, At("2026-02-02T01:00:00Z"))),
            await RegisterAsync(city, Registration(city, At("2026-02-03T01:00:00Z"))),
            await RegisterAsync(district, Registration(district, At("2026-02-04T01:00:00Z"))),
            await RegisterAsync(city, Registration(city, At("2026-02-05T01:00:00Z"))));

        async Task<Guid[]> Page(int page, RequestStatus? status = null) =>
            [.. (await ListAsync(new() { BureauIds = [city.Id, district.Id], PageSize = 2, Page = page, Status = status })).Items.Select(r => r.Id)];

        (await Page(1)).ShouldBe([c3.Id, d2.Id]);
        (await Page(2)).ShouldBe([c2.Id, d1.Id]);
        (await Page(3)).ShouldBe([c1.Id]);
        (await Page(4)).ShouldBeEmpty();
        await MoveAsync(d2.Id, RequestStatus.Transferred);
        (await Page(1, RequestStatus.Registered)).ShouldBe([c3.Id, c2.Id]);
    }

    [ContractFact]
    public async Task The_total_is_counted_up_to_the_cap_and_then_is_a_lower_bound()
    {
        var bureau = await SeedBureauAsync();
        for (int day = 1; day <= 5; day++)
        {
            await RegisterAsync(bureau, Registration(bureau, At($"2026-02-0{day}T01:00:00Z")));
        }

        var capped = await ListAsync(new() { BureauIds = [bureau.Id], PageSize = 2, TotalCap = 3 });
        capped.TotalCount.ShouldBe(3);
        capped.TotalIsLowerBound.ShouldBeTrue();
        capped.Items.Count.ShouldBe(2);

        // Page 3 of 2 counts past its own end (7 rows), so the whole 5 are counted exactly.
        var last = await ListAsync(new() { BureauIds = [bureau.Id], PageSize = 2, Page = 3, TotalCap = 3 });
        (last.TotalCount, last.TotalIsLowerBound, last.Items.Count).ShouldBe((5, false, 1));

        var exact = await ListAsync(new() { BureauIds = [bureau.Id], PageSize = 2, TotalCap = 5 });
        (exact.TotalCount, exact.TotalIsLowerBound).ShouldBe((5, false));
    }

    [ContractFact]
    public async Task A_stale_copy_cannot_overwrite_a_newer_change()
    {
        var bureau = await SeedBureauAsync();
        var registered = await RegisterAsync(bureau, Registration(bureau));
        await using var firstScope = Services.CreateAsyncScope();
        await using var secondScope = Services.CreateAsyncScope();
        var firstStore = firstScope.ServiceProvider.GetRequiredService<ITaxpayerRequestStore>();
        var secondStore = secondScope.ServiceProvider.GetRequiredService<ITaxpayerRequestStore>();
        var first = (await firstStore.FindAsync(registered.Id, none))!;
        var second = (await secondStore.FindAsync(registered.Id, none))!;

        first.MoveTo(RequestStatus.Transferred, Time.GetUtcNow());
        second.MoveTo(RequestStatus.Merged, Time.GetUtcNow());
        await firstStore.UpdateAsync(first, none);
        var conflict = await Should.ThrowAsync<ConcurrencyConflictException>(() => secondStore.UpdateAsync(second, none));

        conflict.Message.ShouldContain(registered.Number);
        var stored = (await FindAsync(registered.Id))!;
        stored.Status.ShouldBe(RequestStatus.Transferred);
        stored.ClosedAt.ShouldBeNull();
    }

    [ContractFact]
    public async Task A_copy_read_in_an_earlier_request_saves_once_and_then_is_stale()
    {
        // A handler's page lists the request (copy A, version 1) and a colleague's page too (copy B, version 1);
        // each saves later from a new scope, as a web request would. A saves; B must be refused.
        var bureau = await SeedBureauAsync();
        var registered = await RegisterAsync(bureau, Registration(bureau));
        var listed = await InScope(sp => sp.GetRequiredService<ITaxpayerRequestStore>().ListAsync(new TaxpayerRequestFilter { BureauIds = [bureau.Id] }, none));
        var copyA = listed.Items.Single();
        var copyB = (await FindAsync(registered.Id))!;
        copyA.Version.ShouldBe(1);

        copyA.MoveTo(RequestStatus.Transferred, Time.GetUtcNow());
        await InScope(sp => sp.GetRequiredService<ITaxpayerRequestStore>().UpdateAsync(copyA, none));
        copyB.MoveTo(RequestStatus.Merged, Time.GetUtcNow());
        await Should.ThrowAsync<ConcurrencyConflictException>(
            () => InScope(sp => sp.GetRequiredService<ITaxpayerRequestStore>().UpdateAsync(copyB, none)));

        var stored = (await FindAsync(registered.Id))!;
        stored.Status.ShouldBe(RequestStatus.Transferred);
        stored.Version.ShouldBe(2);
        copyB.Version.ShouldBe(1);
    }

    [ContractFact]
    public async Task Successive_changes_from_fresh_reads_all_save()
    {
        var bureau = await SeedBureauAsync();
        var registered = await RegisterAsync(bureau, Registration(bureau));

        Time.Advance(TimeSpan.FromHours(1));
        await MoveAsync(registered.Id, RequestStatus.Transferred);
        Time.Advance(TimeSpan.FromHours(1));
        await MoveAsync(registered.Id, RequestStatus.Dispatched);
        Time.Advance(TimeSpan.FromHours(1));
        await MoveAsync(registered.Id, RequestStatus.Handled);

        var stored = (await FindAsync(registered.Id))!;
        stored.Status.ShouldBe(RequestStatus.Handled);
        stored.StatusChangedAt.ShouldBe(Time.GetUtcNow());
        stored.RegisteredAt.ShouldBe(Time.GetUtcNow().AddHours(-3));
    }

    [ContractFact]
    public async Task Unknown_ids_and_numbers_find_nothing()
    {
        (await FindAsync(Guid.NewGuid())).ShouldBeNull();
        (await InScope(services => services.GetRequiredService<ITaxpayerRequestStore>().FindByNumberAsync("ZZ-2026-000001", none))).ShouldBeNull();
    }

    [ContractFact]
    public async Task Many_requests_are_found_by_their_ids_in_one_read_and_unknown_ids_are_left_out()
    {
        var bureau = await SeedBureauAsync();
        var first = await RegisterAsync(bureau, Registration(bureau));
        var second = await RegisterAsync(bureau, Registration(bureau));

        var found = await InScope(services => services.GetRequiredService<ITaxpayerRequestStore>().FindManyAsync([first.Id, second.Id, Guid.NewGuid()], none));

        found.Select(r => r.Number).Order().ShouldBe([first.Number, second.Number]);
    }

    private sealed record StoredEnums(string Status, string Type, string Channel, string ContactKind, string Size, string OperatingStatus);
}

public sealed class TaxpayerRequestStoreOnSqlite(SqliteDatabaseFixture fixture)
    : TaxpayerRequestStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class TaxpayerRequestStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture)
    : TaxpayerRequestStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
