using Shouldly;
using Softswitch.Admin.Persistence;
using Xunit;

namespace Softswitch.Admin.Tests.Persistence;

public sealed class DatabaseOptionsValidatorTests
{
    private readonly DatabaseOptionsValidator _validator = new();

    [Theory]
    [InlineData("sqlite", null)]
    [InlineData("SQLite", null)]
    [InlineData("postgresql", "Host=db;Username=softswitch")]
    public void Validate_KnownProvider_Succeeds(string provider, string? connectionString)
    {
        var result = _validator.Validate(null, new DatabaseOptions { Provider = provider, ConnectionString = connectionString });

        result.Succeeded.ShouldBeTrue(result.FailureMessage);
    }

    [Fact]
    public void Validate_UnknownProvider_FailsNamingTheKey()
    {
        var result = _validator.Validate(null, new DatabaseOptions { Provider = "mysql" });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("Admin:Database:Provider");
        result.FailureMessage.ShouldContain("mysql");
    }

    [Fact]
    public void Validate_PostgresWithoutConnectionString_FailsNamingTheVariable()
    {
        var result = _validator.Validate(null, new DatabaseOptions { Provider = "postgresql" });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("Admin:Database:ConnectionString");
        result.FailureMessage.ShouldContain("SOFTSWITCH_Admin__Database__ConnectionString");
    }

    [Fact]
    public void Validate_ZeroQueueCapacity_Fails()
    {
        _validator.Validate(null, new DatabaseOptions { WriteQueueCapacity = 0 }).Failed.ShouldBeTrue();
    }
}
