using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Grains.Live;

namespace Hub.Tests.Live;

/// <summary>Who is on a live document: joins, renewals, edits and the sweep of connections not heard of, and the
/// colour a person keeps everywhere.</summary>
[Trait("Tier", "Fast")]
public sealed class PresenceTests
{
    private readonly ManualClock _clock = new();
    private readonly Actor _anna = new("anna", "Anna");
    private readonly Actor _bo = new("bo", "Bo");

    [Fact]
    public void Join_TwoPeople_ListsThemByNameWithSideAndColour()
    {
        var presence = new Presence(_clock);

        presence.Join("c2", _bo, Side.VoluntaryOrganisation);
        presence.Join("c1", _anna, Side.Municipality);

        Assert.Equal([("c1", "anna", Side.Municipality, Presence.ColourOf("anna")), ("c2", "bo", Side.VoluntaryOrganisation, Presence.ColourOf("bo"))],
            presence.Entries().Select(e => (e.ConnectionId, e.UserId, e.Side, e.Colour)));
    }

    [Fact]
    public void SetEditing_KnownConnection_ChangesOnceAndUnknownChangesNothing()
    {
        var presence = new Presence(_clock);
        presence.Join("c1", _anna, null);

        Assert.True(presence.SetEditing("c1", "card-1"));
        Assert.False(presence.SetEditing("c1", "card-1"));
        Assert.False(presence.SetEditing("unknown", "card-1"));
        Assert.Equal("card-1", Assert.Single(presence.Entries()).Editing);
    }

    [Fact]
    public void Renew_KnownConnection_KeepsItsEntryAndUnknownJoins()
    {
        var presence = new Presence(_clock);
        presence.Join("c1", _anna, Side.Municipality);
        presence.SetEditing("c1", "card-1");

        Assert.False(presence.Renew("c1", _anna, null));
        Assert.True(presence.Renew("c2", _bo, Side.VolunteerCentre));

        Assert.Equal([("c1", "card-1", (Side?)Side.Municipality), ("c2", null, Side.VolunteerCentre)],
            presence.Entries().Select(e => (e.ConnectionId, e.Editing, e.Side)));
    }

    [Fact]
    public void Sweep_ConnectionNotHeardOfForTheTimeout_IsForgottenAndOneRenewedStays()
    {
        var presence = new Presence(_clock);
        presence.Join("c1", _anna, null);
        presence.Join("c2", _bo, null);
        _clock.Advance(Presence.Timeout - TimeSpan.FromSeconds(1));
        presence.Renew("c2", _bo, null);

        Assert.False(presence.Sweep());
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True(presence.Sweep());
        Assert.Equal(["c2"], presence.Entries().Select(e => e.ConnectionId));
    }

    [Fact]
    public void Leave_KnownConnection_IsTrueOnce()
    {
        var presence = new Presence(_clock);
        presence.Join("c1", _anna, null);

        Assert.True(presence.Leave("c1"));
        Assert.False(presence.Leave("c1"));
        Assert.Empty(presence.Connections);
    }

    [Fact]
    public void ColourOf_SamePerson_IsTheSameColourEveryTimeAndPeopleSpreadOverThePalette()
    {
        var colours = Enumerable.Range(0, 200).Select(i => Presence.ColourOf($"user-{i}")).ToList();

        Assert.Equal(Presence.ColourOf("anna"), Presence.ColourOf("anna"));
        Assert.Equal(8, colours.Distinct().Count());
        Assert.All(colours, c => Assert.Matches("^#[0-9a-f]{6}$", c));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
