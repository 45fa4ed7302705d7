using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Users;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Users;

/// <summary>A person's index of partnerships is theirs: the grain checks the actor, so a web node that asks with
/// the wrong key cannot read or forget someone else's.</summary>
[Trait("Tier", "Fast")]
public sealed class UserGrainTests(SqliteGrainCluster cluster) : IClassFixture<SqliteGrainCluster>
{
    private static readonly PartnershipDetails Details = new() { Name = "Bisidderordning", Municipality = "Aarhus" };

    [Fact]
    public async Task GetPartnerships_SomeoneElse_IsForbidden()
    {
        var owner = new Actor(Guid.NewGuid().ToString("N"), "Mette");
        await cluster.Grains.GetGrain<IPartnershipGrain>(Guid.NewGuid()).Create(owner,
            Details, Side.Municipality);

        var refused = await Assert.ThrowsAsync<HubRefusedException>(
            () => cluster.Grains.GetGrain<IUserGrain>(owner.UserId).GetPartnerships(new Actor("someone-else", "Ukendt")));

        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
        Assert.Single(await cluster.Grains.GetGrain<IUserGrain>(owner.UserId).GetPartnerships(owner));
    }

    [Fact]
    public async Task Forget_SomeoneElse_IsForbiddenAndForgetsNothing()
    {
        var owner = new Actor(Guid.NewGuid().ToString("N"), "Mette");
        var partnership = cluster.Grains.GetGrain<IPartnershipGrain>(Guid.NewGuid());
        await partnership.Create(owner,
            Details, Side.Municipality);

        var refused = await Assert.ThrowsAsync<HubRefusedException>(
            () => cluster.Grains.GetGrain<IUserGrain>(owner.UserId).Forget(new Actor("someone-else", "Ukendt")));

        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
        Assert.Single((await partnership.Get(owner)).Members);
    }

    [Fact]
    public async Task Forget_Self_TakesThemOutOfEveryPartnership()
    {
        var owner = new Actor(Guid.NewGuid().ToString("N"), "Mette");
        var coordinator = new Actor(Guid.NewGuid().ToString("N"), "Jonas");
        var partnership = cluster.Grains.GetGrain<IPartnershipGrain>(Guid.NewGuid());
        await partnership.Create(coordinator,
            Details, Side.Municipality);
        await partnership.PutMember(coordinator, owner.UserId, owner.DisplayName, Side.VoluntaryOrganisation, MemberRole.Member);

        await cluster.Grains.GetGrain<IUserGrain>(owner.UserId).Forget(owner);

        Assert.DoesNotContain((await partnership.Get(coordinator)).Members, m => m.UserId == owner.UserId);
        Assert.Empty(await cluster.Grains.GetGrain<IUserGrain>(owner.UserId).GetPartnerships(owner));
    }
}
