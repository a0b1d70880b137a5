using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Bpm.Testing;

/// <summary>
/// A test of an abstract provider contract class (e.g. TaxpayerRequestStoreContract). It runs in every
/// concrete subclass; in a subclass marked <see cref="RequiresPostgreSqlAttribute"/> it is skipped when
/// PostgreSQL is not configured and not required (xunit 2 cannot skip from a constructor or fixture, so
/// the decision is made at discovery, where the test class is known).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Bpm.Testing.ContractFactDiscoverer", "Bpm.Testing")]
public sealed class ContractFactAttribute : FactAttribute;

/// <summary>Marks a concrete contract test class that runs on PostgreSQL.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgreSqlAttribute : Attribute;

public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var needsPostgres = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgreSqlAttribute)).Any();
        var skipReason = needsPostgres ? PostgresEnvironment.SkipReason : null;
        yield return new ContractTestCase(
            diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skipReason);
    }
}

/// <summary>An ordinary xunit test case whose skip reason can also come from the discoverer.</summary>
public sealed class ContractTestCase : XunitTestCase
{
    private string? _providerSkipReason;

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ContractTestCase()
    {
    }

    public ContractTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod, string? providerSkipReason)
        : base(diagnosticMessageSink, display, displayOptions, testMethod) =>
        _providerSkipReason = providerSkipReason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("ProviderSkipReason", _providerSkipReason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _providerSkipReason = data.GetValue<string?>("ProviderSkipReason");
        base.Deserialize(data);
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _providerSkipReason ?? base.GetSkipReason(factAttribute);
}
