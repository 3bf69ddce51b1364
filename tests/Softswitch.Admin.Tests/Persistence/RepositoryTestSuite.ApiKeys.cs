using Shouldly;
using Softswitch.Admin.Auth;
using Xunit;

namespace Softswitch.Admin.Tests.Persistence;

public abstract partial class RepositoryTestSuite
{
    [Fact]
    public async Task ApiKeys_InsertFindListRevoke_AsStored()
    {
        var first = new ApiKeyRecord("k1", "ops", ApiRole.Admin, new string('a', 64), Ms(Samples.Epoch), null);
        var second = new ApiKeyRecord("k2", "dashboard", ApiRole.Viewer, new string('b', 64), Ms(Samples.Epoch.AddMinutes(1)), null);
        (await ApiKeys.CountActiveAsync(CancellationToken.None)).ShouldBe(0);

        await ApiKeys.InsertAsync(first, CancellationToken.None);
        await ApiKeys.InsertAsync(second, CancellationToken.None);

        (await ApiKeys.FindAsync("k1", CancellationToken.None)).ShouldBe(first);
        (await ApiKeys.FindAsync("nope", CancellationToken.None)).ShouldBeNull();
        (await ApiKeys.ListAsync(CancellationToken.None)).ShouldBe([second, first]);
        (await ApiKeys.CountActiveAsync(CancellationToken.None)).ShouldBe(2);

        var revokedAt = Ms(Samples.Epoch.AddHours(1));
        (await ApiKeys.RevokeAsync("k2", revokedAt, CancellationToken.None)).ShouldBeTrue();
        (await ApiKeys.RevokeAsync("k2", revokedAt, CancellationToken.None)).ShouldBeFalse();
        (await ApiKeys.RevokeAsync("nope", revokedAt, CancellationToken.None)).ShouldBeFalse();
        (await ApiKeys.FindAsync("k2", CancellationToken.None)).ShouldBe(second with { RevokedAt = revokedAt });
        (await ApiKeys.CountActiveAsync(CancellationToken.None)).ShouldBe(1);
    }

    [Fact]
    public async Task ApiKeys_InsertExistingId_Throws()
    {
        var key = new ApiKeyRecord("k1", "ops", ApiRole.Editor, new string('a', 64), Ms(Samples.Epoch), null);
        await ApiKeys.InsertAsync(key, CancellationToken.None);

        await Should.ThrowAsync<InvalidOperationException>(() => ApiKeys.InsertAsync(key with { Name = "again" }, CancellationToken.None));
    }
}
