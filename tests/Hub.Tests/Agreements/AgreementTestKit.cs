using Hub.Contracts.Agreements;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Runtime.Storage;
using Hub.Tests.Infrastructure;

namespace Hub.Tests.Agreements;

/// <summary>People on both sides of a partnership, and a look at the agreement's stored row.</summary>
public static class AgreementTestKit
{
    /// <summary>Coordinator of the municipality (and the partnership's creator).</summary>
    public static readonly Actor Anna = new("anna", "Anna Hansen");

    /// <summary>Coordinator of the voluntary side.</summary>
    public static readonly Actor Bo = new("bo", "Bo Jensen");

    /// <summary>A member on the voluntary side (a volunteer centre): edits, does not approve.</summary>
    public static readonly Actor Cy = new("cy", "Cy Holm");

    /// <summary>An observer: reads only.</summary>
    public static readonly Actor Olga = new("olga", "Olga Berg");

    public static readonly Actor Stranger = new("stranger", "Fremmed");

    /// <summary>The municipality's party (Anna's), made when the partnership is created.</summary>
    public const string Municipality = "p1";

    /// <summary>The voluntary organisation's party (Bo's), made when Bo joins as its first member. Cy's volunteer
    /// centre (p3) is a broker that does not co-sign, so these two approve.</summary>
    public const string Voluntary = "p2";

    /// <summary>The parties that approve the agreement of <see cref="NewAgreementAsync"/>, as the agreement holds them.</summary>
    public static readonly System.Collections.Immutable.ImmutableArray<Signer> Signers =
        [new(Municipality, "Testrup", Side.Municipality), new(Voluntary, "Frivillig organisation", Side.VoluntaryOrganisation)];

    /// <summary>A new partnership with Anna, Bo, Cy and Olga; its agreement grain (not opened yet).</summary>
    public static async Task<IAgreementGrain> NewAgreementAsync(IGrainFactory grains)
    {
        var partnership = grains.GetGrain<IPartnershipGrain>(Guid.NewGuid());
        await partnership.Create(Anna, new PartnershipDetails { Name = "Fælles gåture", Municipality = "Testrup" }, Side.Municipality);
        await partnership.PutMember(Anna, Bo.UserId, Bo.DisplayName, Side.VoluntaryOrganisation, MemberRole.Coordinator);
        await partnership.PutMember(Anna, Cy.UserId, Cy.DisplayName, Side.VolunteerCentre, MemberRole.Member);
        await partnership.PutMember(Anna, Olga.UserId, Olga.DisplayName, Side.Municipality, MemberRole.Observer);
        return grains.GetGrain<IAgreementGrain>(partnership.GetPrimaryKey());
    }

    /// <summary>How many rows of a grain's state the database holds (0 or 1).</summary>
    public static async Task<long> StoredRowsAsync(HubDatabase database, string stateName, Guid key)
    {
        var bytes = key.ToByteArray();
        var rows = await database.QueryAsync(
            $"SELECT COUNT(*) FROM hub_grain_state WHERE state_name = '{stateName}' " +
            $"AND grain_key_n0 = {BitConverter.ToInt64(bytes, 0)} AND grain_key_n1 = {BitConverter.ToInt64(bytes, 8)}");
        return Convert.ToInt64(Assert.Single(rows)[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The byte length of a grain's stored state (hub_grain_state.payload), as the database holds it.</summary>
    public static async Task<long> StoredBytesAsync(HubDatabase database, string stateName, Guid key)
    {
        var bytes = key.ToByteArray();
        var length = database.Engine == DatabaseEngine.PostgreSql ? "octet_length(payload)" : "length(payload)";
        var rows = await database.QueryAsync(
            $"SELECT {length} FROM hub_grain_state WHERE state_name = '{stateName}' " +
            $"AND grain_key_n0 = {BitConverter.ToInt64(bytes, 0)} AND grain_key_n1 = {BitConverter.ToInt64(bytes, 8)}");
        return Convert.ToInt64(Assert.Single(rows)[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
