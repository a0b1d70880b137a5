using Bpm.Application.PersonalData;
using Bpm.Domain.Taxpayers;
using Bpm.Persistence.PersonalData;

namespace Bpm.Persistence.Tests.PersonalData;

public sealed class PersonalDataProtectorTests
{
    private static readonly string AesKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private static readonly string Sm4Key = Convert.ToBase64String(Convert.FromHexString("0123456789abcdeffedcba9876543210"));
    private static readonly string DigestKey = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    private static PersonalDataOptions Options(PersonalDataCipher cipher, string key, string id = "k1") =>
        new() { Cipher = cipher, Keys = new() { [id] = key }, ActiveKey = id, DigestKey = DigestKey };

    [Fact]
    public void Sm4_encrypts_the_standard_example_of_GB_T_32907()
    {
        var key = Convert.FromHexString("0123456789abcdeffedcba9876543210");

        Convert.ToHexStringLower(PersonalDataProtector.Sm4EncryptBlock(key, key)).ShouldBe("681edf34d206965e86b3e94f536e4246");
    }

    [Theory]
    [InlineData(PersonalDataCipher.AesGcm)]
    [InlineData(PersonalDataCipher.Sm4)]
    public void A_value_round_trips_under_a_fresh_nonce_each_time_while_its_digest_stays_the_same(PersonalDataCipher cipher)
    {
        var protector = PersonalDataProtector.Create(Options(cipher, cipher == PersonalDataCipher.Sm4 ? Sm4Key : AesKey));

        var first = protector.Protect("zhang.san@example.com");
        var second = protector.Protect("zhang.san@example.com");

        first.ShouldStartWith("v1:k1:");
        first.ShouldNotBe(second);
        first.ShouldNotContain("zhang");
        protector.Unprotect(first).ShouldBe("zhang.san@example.com");
        protector.Unprotect(second).ShouldBe("zhang.san@example.com");
        protector.IsCurrent(first).ShouldBeTrue();
        protector.Digest("13812345678").ShouldBe(protector.Digest("13812345678"));
        protector.Digest("13812345678").ShouldNotBe(protector.Digest("13812345679"));
        protector.Digest("13812345678").Length.ShouldBe(64);
    }

    [Fact]
    public void Sm4_and_aes_give_different_digests_hmac_sm3_against_hmac_sha256()
    {
        var aes = PersonalDataProtector.Create(Options(PersonalDataCipher.AesGcm, AesKey));
        var sm4 = PersonalDataProtector.Create(Options(PersonalDataCipher.Sm4, Sm4Key));

        aes.Digest("13812345678").ShouldNotBe(sm4.Digest("13812345678"));
    }

    [Fact]
    public void An_altered_value_a_value_under_an_unknown_key_or_a_moved_key_id_is_refused()
    {
        var protector = PersonalDataProtector.Create(Options(PersonalDataCipher.AesGcm, AesKey));
        var stored = protector.Protect("13812345678");
        var other = PersonalDataProtector.Create(Options(PersonalDataCipher.AesGcm, Convert.ToBase64String(new byte[32]), "k9"));

        var payload = Convert.FromBase64String(stored["v1:k1:".Length..]);
        payload[^1] ^= 1;
        Should.Throw<InvalidOperationException>(() => protector.Unprotect("v1:k1:" + Convert.ToBase64String(payload))).Message.ShouldContain("altered");
        Should.Throw<InvalidOperationException>(() => other.Unprotect(stored)).Message.ShouldContain("PersonalData:Keys:k1");
        Should.Throw<InvalidOperationException>(() => other.Unprotect(stored.Replace("v1:k1:", "v1:k9:", StringComparison.Ordinal))).Message.ShouldContain("wrong key");
    }

    [Fact]
    public void A_value_written_before_encryption_reads_as_it_is_and_is_not_current()
    {
        var protector = PersonalDataProtector.Create(Options(PersonalDataCipher.AesGcm, AesKey));

        protector.Unprotect("13812345678").ShouldBe("13812345678");
        protector.IsCurrent("13812345678").ShouldBeFalse();
    }

    [Fact]
    public void Missing_short_or_unknown_keys_stop_the_start_with_a_message_naming_the_setting()
    {
        Should.Throw<InvalidOperationException>(() => PersonalDataProtector.Create(new PersonalDataOptions { DigestKey = DigestKey }))
            .Message.ShouldContain("PersonalData:Keys is empty");
        Should.Throw<InvalidOperationException>(() => PersonalDataProtector.Create(Options(PersonalDataCipher.AesGcm, Convert.ToBase64String(new byte[16]))))
            .Message.ShouldContain("PersonalData:Keys:k1 must be the base64 of exactly 32 bytes for AesGcm (got 16 bytes)");
        Should.Throw<InvalidOperationException>(() => PersonalDataProtector.Create(Options(PersonalDataCipher.Sm4, AesKey)))
            .Message.ShouldContain("exactly 16 bytes for Sm4");
        var wrongActive = Options(PersonalDataCipher.AesGcm, AesKey);
        wrongActive.ActiveKey = "k2";
        Should.Throw<InvalidOperationException>(() => PersonalDataProtector.Create(wrongActive)).Message.ShouldContain("PersonalData:ActiveKey \"k2\"");
        var shortDigest = Options(PersonalDataCipher.AesGcm, AesKey);
        shortDigest.DigestKey = Convert.ToBase64String(new byte[8]);
        Should.Throw<InvalidOperationException>(() => PersonalDataProtector.Create(shortDigest)).Message.ShouldContain("PersonalData:DigestKey");
    }

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("张小三", "张*三")]
    [InlineData("欧阳娜娜", "欧**娜")]
    [InlineData("仙桃市恒达纺织有限公司", "仙桃*******公司")]
    public void Names_keep_their_first_and_last_characters(string name, string masked) => PersonalDataMask.Name(name).ShouldBe(masked);

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("0728-3312345", "0728-***2345")]
    [InlineData("zhang.san@example.com", "z***@example.com")]
    public void Contacts_keep_what_tells_them_apart_but_not_enough_to_call(string contact, string masked) =>
        PersonalDataMask.Contact(contact).ShouldBe(masked);

    [Fact]
    public void A_credit_code_keeps_its_first_and_last_four_characters() =>
        PersonalDataMask.CreditCode("91429004MA4F2A1B3X").ShouldBe("9142**********1B3X");
}
