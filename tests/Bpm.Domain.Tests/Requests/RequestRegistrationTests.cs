using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;

namespace Bpm.Domain.Tests.Requests;

public sealed class RequestRegistrationTests
{
    private static readonly DateTimeOffset Now = Registrations.Now;

    private static string[] FieldsOf(IEnumerable<FieldError> errors) => errors.Select(e => e.Field).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void A_complete_registration_has_no_errors()
    {
        RequestRegistrationRules.Check(Registrations.Valid(), Now).ShouldBeEmpty();
    }

    [Fact]
    public void Every_missing_field_is_reported_at_once_in_camel_case()
    {
        var empty = new RequestRegistration
        {
            TaxpayerName = "",
            Contact = " ",
            Text = null!,
            ReceivedAt = default,
            Channel = (Channel)999,
            CategoryCode = "",
            ReceivingUnitId = Guid.Empty,
            ReceivingOfficer = "\t",
        };

        string[] expected = ["categoryCode", "channel", "contact", "receivedAt", "receivingOfficer", "receivingUnitId", "taxpayerName", "text"];
        FieldsOf(RequestRegistrationRules.Check(empty, Now)).ShouldBe(expected);

        var thrown = Should.Throw<DomainValidationException>(() => Registrations.Register(empty));
        FieldsOf(thrown.Errors).ShouldBe(expected);
        thrown.Errors.ShouldAllBe(e => !string.IsNullOrWhiteSpace(e.Reason));
    }

    public static TheoryData<string, string> MalformedFields() => new()
    {
        { "name too long", "taxpayerName" },
        { "text too long", "text" },
        { "officer too long", "receivingOfficer" },
        { "contact malformed", "contact" },
        { "credit code check character", "creditCode" },
        { "credit code forbidden letter", "creditCode" },
        { "industry too long", "industry" },
        { "size undefined", "size" },
        { "operating status undefined", "operatingStatus" },
        { "channel undefined", "channel" },
        { "unit empty", "receivingUnitId" },
        { "category blank", "categoryCode" },
        { "answer too long", "onTheSpotAnswer" },
        { "received before 2000", "receivedAt" },
        { "received 6 minutes ahead", "receivedAt" },
    };

    private static RequestRegistration Malformed(string what)
    {
        var valid = Registrations.Valid();
        return what switch
        {
            "name too long" => valid with { TaxpayerName = new string('税', RequestRegistrationRules.MaxNameLength + 1) },
            "text too long" => valid with { Text = new string('诉', RequestRegistrationRules.MaxTextLength + 1) },
            "officer too long" => valid with { ReceivingOfficer = new string('张', RequestRegistrationRules.MaxOfficerLength + 1) },
            "contact malformed" => valid with { Contact = "1381234567" },
            "credit code check character" => valid with { CreditCode = "91440300708461136A" },
            "credit code forbidden letter" => valid with { CreditCode = "9144030070846113OT" },
            "industry too long" => valid with { Industry = new string('业', RequestRegistrationRules.MaxIndustryLength + 1) },
            "size undefined" => valid with { Size = (TaxpayerSize)42 },
            "operating status undefined" => valid with { OperatingStatus = (OperatingStatus)42 },
            "channel undefined" => valid with { Channel = (Channel)(-1) },
            "unit empty" => valid with { ReceivingUnitId = Guid.Empty },
            "category blank" => valid with { CategoryCode = "   " },
            "answer too long" => valid with { OnTheSpotAnswer = new string('答', RequestRegistrationRules.MaxTextLength + 1) },
            "received before 2000" => valid with { ReceivedAt = new DateTimeOffset(1999, 12, 31, 23, 0, 0, TimeSpan.Zero) },
            "received 6 minutes ahead" => valid with { ReceivedAt = Now.AddMinutes(6) },
            _ => throw new ArgumentOutOfRangeException(nameof(what), what, null),
        };
    }

    [Theory]
    [MemberData(nameof(MalformedFields))]
    public void A_malformed_field_is_reported_under_its_own_name_and_nothing_else(string what, string field)
    {
        var errors = RequestRegistrationRules.Check(Malformed(what), Now);

        errors.Count.ShouldBe(1, string.Join("; ", errors));
        errors[0].Field.ShouldBe(field);
        errors[0].Reason.ShouldNotBeNullOrWhiteSpace();
        Should.Throw<DomainValidationException>(() => Registrations.Register(Malformed(what))).Errors.ShouldBe(errors);
    }

    [Fact]
    public void Several_malformed_fields_are_all_reported()
    {
        var registration = Registrations.Valid() with
        {
            Contact = "abc@",
            CreditCode = "123",
            ReceivedAt = Now.AddHours(1),
            Industry = new string('x', 101),
        };

        FieldsOf(RequestRegistrationRules.Check(registration, Now)).ShouldBe(["contact", "creditCode", "industry", "receivedAt"]);
    }

    [Theory]
    [InlineData(-60 * 24 * 30)]
    [InlineData(0)]
    [InlineData(4 * 60 + 59)]
    [InlineData(5 * 60)] // exactly the allowed skew
    public void A_receipt_up_to_five_minutes_ahead_of_the_clock_is_accepted(int secondsAhead)
    {
        var registration = Registrations.Valid() with { ReceivedAt = Now.AddSeconds(secondsAhead) };
        RequestRegistrationRules.Check(registration, Now).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(5 * 60 + 1)]
    [InlineData(60 * 60)]
    [InlineData(60 * 60 * 24 * 365)]
    public void A_receipt_further_in_the_future_is_refused(int secondsAhead)
    {
        var registration = Registrations.Valid() with { ReceivedAt = Now.AddSeconds(secondsAhead) };
        FieldsOf(RequestRegistrationRules.Check(registration, Now)).ShouldBe(["receivedAt"]);
    }

    [Fact]
    public void The_future_check_compares_instants_not_wall_clock_times()
    {
        // 10:03 UTC is 18:03 in Shanghai but only 3 minutes after "now" (18:00 +08:00 = 10:00 UTC).
        var now = new DateTimeOffset(2026, 2, 13, 18, 0, 0, TimeSpan.FromHours(8));
        var registration = Registrations.Valid() with { ReceivedAt = new DateTimeOffset(2026, 2, 13, 10, 3, 0, TimeSpan.Zero) };
        RequestRegistrationRules.Check(registration, now).ShouldBeEmpty();
    }

    public static TheoryData<string, string> ControlCharacters() => new()
    {
        { "taxpayerName", "\u0000" },
        { "taxpayerName", "\u001b" },
        { "text", "\u0007" },
        { "text", "\u007f" },
        { "receivingOfficer", "\u0085" },
        { "contact", "\u0001" },
        { "industry", "\u0000" },
        { "categoryCode", "\u0008" },
        { "onTheSpotAnswer", "\u001b" },
    };

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public void Control_characters_are_refused(string field, string control)
    {
        var valid = Registrations.Valid();
        var registration = field switch
        {
            "taxpayerName" => valid with { TaxpayerName = "某某" + control + "公司" },
            "text" => valid with { Text = "发票" + control + "问题" },
            "receivingOfficer" => valid with { ReceivingOfficer = "张" + control + "三" },
            "contact" => valid with { Contact = "zhang" + control + "san@example.com" },
            "industry" => valid with { Industry = "批发" + control + "零售" },
            "categoryCode" => valid with { CategoryCode = "POL" + control + "ICY" },
            "onTheSpotAnswer" => valid with { OnTheSpotAnswer = "已" + control + "答复" },
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
        };

        FieldsOf(RequestRegistrationRules.Check(registration, Now)).ShouldBe([field]);
    }

    [Fact]
    public void Line_breaks_and_tabs_in_free_text_are_allowed()
    {
        var registration = Registrations.Valid() with { Text = "第一行\r\n第二行\t缩进", OnTheSpotAnswer = "答复：\n1. 已处理" };
        RequestRegistrationRules.Check(registration, Now).ShouldBeEmpty();
    }

    [Fact]
    public void Register_stores_the_receipt_in_utc_and_normalised_values()
    {
        var registration = Registrations.Valid() with
        {
            TaxpayerName = "  仙桃市某某商贸有限公司 ",
            Contact = "+86 138 1234 5678",
            CreditCode = " 91440300708461136t ",
            Industry = " 批发和零售业 ",
            CategoryCode = " POLICY ",
            Size = TaxpayerSize.SmallMicro,
            OperatingStatus = OperatingStatus.Normal,
        };
        var id = Guid.NewGuid();
        var bureauId = Guid.NewGuid();

        var request = TaxpayerRequest.Register(id, Registrations.Number, bureauId, RequestType.Service, registration, Now);

        request.Id.ShouldBe(id);
        request.BureauId.ShouldBe(bureauId);
        request.Type.ShouldBe(RequestType.Service);
        request.Number.ShouldBe("XT-2026-000123");

        // 2026-02-13 10:00 +08:00 is 02:00 UTC; the instant is unchanged, only the offset becomes zero.
        request.ReceivedAt.Offset.ShouldBe(TimeSpan.Zero);
        request.ReceivedAt.ShouldBe(registration.ReceivedAt);
        request.ReceivedAt.UtcDateTime.ShouldBe(new DateTime(2026, 2, 13, 2, 0, 0, DateTimeKind.Utc));
        request.RegisteredAt.Offset.ShouldBe(TimeSpan.Zero);
        request.RegisteredAt.ShouldBe(Now);
        request.StatusChangedAt.ShouldBe(Now);

        request.TaxpayerName.ShouldBe("仙桃市某某商贸有限公司");
        request.Contact.ShouldBe("13812345678");
        request.ContactKind.ShouldBe(ContactKind.Mobile);
        request.CreditCode.ShouldBe("91440300708461136T");
        request.Industry.ShouldBe("批发和零售业");
        request.CategoryCode.ShouldBe("POLICY");
        request.Size.ShouldBe(TaxpayerSize.SmallMicro);
        request.OperatingStatus.ShouldBe(OperatingStatus.Normal);

        request.Status.ShouldBe(RequestStatus.Registered);
        request.ClosedAt.ShouldBeNull();
        request.OnTheSpotAnswer.ShouldBeNull();
    }

    [Theory]
    [InlineData("+86 138 1234 5678", " 91440300708461136t ", "13812345678", "91440300708461136T")]
    [InlineData("0728 3312345", null, "0728-3312345", null)]
    [InlineData("Li.Ming@Example.COM", "   ", "Li.Ming@example.com", null)]
    public void The_taxpayer_keys_of_a_registration_are_the_contact_and_code_its_request_stores(
        string contact, string? creditCode, string storedContact, string? storedCode)
    {
        var registration = Registrations.Valid() with { Contact = contact, CreditCode = creditCode };

        var request = Registrations.Register(registration);

        TaxpayerRequest.TaxpayerKeysOf(registration).ShouldBe((storedContact, storedCode));
        (request.Contact, request.CreditCode).ShouldBe((storedContact, storedCode));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_optional_fields_are_stored_as_null(string? blank)
    {
        var request = Registrations.Register(Registrations.Valid() with { CreditCode = blank, Industry = blank, OnTheSpotAnswer = blank });

        request.CreditCode.ShouldBeNull();
        request.Industry.ShouldBeNull();
        request.OnTheSpotAnswer.ShouldBeNull();
        request.Status.ShouldBe(RequestStatus.Registered);
    }

    [Fact]
    public void An_on_the_spot_answer_closes_the_request_at_once()
    {
        var request = Registrations.Register(Registrations.Valid() with { OnTheSpotAnswer = "  已当场解答：可通过电子税务局申请调整发票额度。 " });

        request.Status.ShouldBe(RequestStatus.Closed);
        request.ClosedAt.ShouldBe(Now);
        request.ClosedAt!.Value.Offset.ShouldBe(TimeSpan.Zero);
        request.StatusChangedAt.ShouldBe(Now);
        request.OnTheSpotAnswer.ShouldBe("已当场解答：可通过电子税务局申请调整发票额度。");
        request.Status.IsFinal().ShouldBeTrue();
    }
}
