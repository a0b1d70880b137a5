using System.Text.RegularExpressions;
using Bpm.Domain.Taxpayers;

namespace Bpm.Domain.Tests.Taxpayers;

public sealed partial class ContactInfoTests
{
    [Theory]
    [InlineData("13812345678", ContactKind.Mobile, "13812345678")]
    [InlineData("+86 138 1234 5678", ContactKind.Mobile, "13812345678")]
    [InlineData("+86-138-1234-5678", ContactKind.Mobile, "13812345678")]
    [InlineData(" 19912345678 ", ContactKind.Mobile, "19912345678")]
    [InlineData("0728-3312345", ContactKind.Landline, "0728-3312345")] // 仙桃: 4-digit area code, 7-digit number
    [InlineData("010 12345678", ContactKind.Landline, "010-12345678")] // 北京
    [InlineData("02112345678", ContactKind.Landline, "021-12345678")] // 上海, written without a separator
    [InlineData("0474-8123456", ContactKind.Landline, "0474-8123456")] // 乌兰察布
    [InlineData("zhangsan@example.com", ContactKind.Email, "zhangsan@example.com")]
    [InlineData("Zhang.San@Example.COM", ContactKind.Email, "Zhang.San@example.com")] // domain lower-cased, local part kept
    public void Valid_contacts_are_accepted_and_normalised(string input, ContactKind kind, string normalised)
    {
        ContactInfo.TryParse(input, out var contact, out var reason).ShouldBeTrue(reason);
        reason.ShouldBeNull();
        contact!.Kind.ShouldBe(kind);
        contact.Value.ShouldBe(normalised);
        contact.ToString().ShouldBe(normalised);
        ContactInfo.Parse(input).ShouldBe(contact);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345")]
    [InlineData("1381234567")] // one digit short
    [InlineData("138123456789")] // one digit too many
    [InlineData("12812345678")] // no mobile prefix 12
    [InlineData("0728-331234")] // 6-digit local number
    [InlineData("728-3312345")] // area code without the leading 0
    [InlineData("abc@")]
    [InlineData("@example.com")]
    [InlineData("abc@example")]
    [InlineData("a b@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("1381234567a")]
    [InlineData("一三八一二三四五六七八")]
    [InlineData("138\u00001234567")] // control character inside a phone number
    [InlineData("zhang\u0001san@example.com")] // control character inside an e-mail address
    [InlineData("zhangsan@exam\u001bple.com")]
    public void Invalid_contacts_are_refused_with_a_chinese_reason(string? input)
    {
        ContactInfo.TryParse(input, out var contact, out var reason).ShouldBeFalse();
        contact.ShouldBeNull();
        reason.ShouldNotBeNull();
        ChineseCharacter().IsMatch(reason).ShouldBeTrue(reason);
    }

    [Fact]
    public void Too_long_an_address_is_refused()
    {
        var input = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com";
        input.Length.ShouldBeGreaterThan(254);
        ContactInfo.TryParse(input, out _, out var reason).ShouldBeFalse();
        ChineseCharacter().IsMatch(reason!).ShouldBeTrue();
    }

    [Fact]
    public void Parse_throws_a_domain_exception_for_the_contact_field()
    {
        var thrown = Should.Throw<DomainException>(() => ContactInfo.Parse("12345"));
        thrown.Field.ShouldBe("contact");
        thrown.Code.ShouldBe("taxpayer.contact");
        ChineseCharacter().IsMatch(thrown.Message).ShouldBeTrue();
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex ChineseCharacter();
}
