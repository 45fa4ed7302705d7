using System.Collections.Immutable;
using System.Globalization;
using Hub.Contracts.Agreements;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Partnerships;
using Hub.Grains.Live;
using Hub.Grains.Partnerships;
using Microsoft.Extensions.Logging;

namespace Hub.Grains.Agreements;

/// <summary>
/// A partnership's collaboration agreement: the live mechanism of <see cref="LiveGrain{TDoc,TOp,TSnapshot}"/>
/// with the agreement's rules. Access comes from the partnership's members, as for boards: coordinators and
/// members edit, observers read; coordinators approve for their own side.
/// <para>
/// Frozen versions: the document keeps the latest one whole and the list of all; each version's text is also
/// stored in its own row (<see cref="IAgreementVersionGrain"/>), written as soon as it is frozen and again on
/// activation if that write was lost. The next version cannot be frozen before the previous one is stored
/// (refused as "unavailable", which clients retry), so no version's text is ever only in memory.
/// </para>
/// </summary>
public sealed partial class AgreementGrain(
    [PersistentState("agreement", GrainStorage.Name)] IPersistentState<LiveState<Agreement>> state,
    TimeProvider clock,
    ILogger<AgreementGrain> logger) : PartnershipDocumentGrain<Agreement, AgreementOp, AgreementSnapshot>(state, clock, logger), IAgreementTrustedGrain
{
    private int _storedThrough;
    private Task _storing = Task.CompletedTask;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        if (Document?.Latest is { } latest)
        {
            await StoreVersion(latest);
            // A version every party approved makes a draft partnership active; told again here in case the call
            // after the freeze was lost (the partnership ignores it unless it is a draft).
            await GrainFactory.GetGrain<IPartnershipTrustedGrain>(this.GetPrimaryKey()).AgreementApproved(latest.Number);
        }
    }

    /// <summary>
    /// An approval may freeze a new version, which needs the previous one stored first (see the class comment):
    /// it waits for that store, so the guard in <see cref="Apply"/> refuses only if the store failed.
    /// </summary>
    async Task<SubmitResult> ILiveGrain<AgreementOp, AgreementSnapshot>.Submit(Actor actor, OpId id, AgreementOp op)
    {
        if (op is not Approve)
        {
            return await Submit(actor, id, op);
        }

        await _storing;
        var before = Document?.Latest?.Number;
        var result = await Submit(actor, id, op);
        if (Document?.Latest is { } latest && latest.Number != before)
        {
            await GrainFactory.GetGrain<IPartnershipTrustedGrain>(this.GetPrimaryKey()).AgreementApproved(latest.Number);
        }

        return result;
    }

    /// <summary>Every partnership has exactly one agreement: its id is the partnership's.</summary>
    protected override Guid? PartnershipId => this.GetPrimaryKey();

    protected override string AuditTarget => $"agreement:{this.GetPrimaryKey()}";

    public async Task ForgetPerson(string userId)
    {
        if (Document is null)
        {
            return;
        }

        await SubmitAsSystem(new ForgetPersonInAgreement(userId));
        foreach (var version in Document.Versions)
        {
            await VersionGrain(version.Number).ForgetPerson(userId);
        }
    }

    public async Task<AgreementSnapshot> GetSnapshot(Actor actor)
    {
        await EnsureReader(actor);
        return await DurableSnapshot();
    }

    public async Task<AgreementVersion> GetVersion(Actor actor, int number)
    {
        await EnsureReader(actor);
        var snapshot = await DurableSnapshot();
        if (snapshot.Agreement.Latest is { } latest && latest.Number == number)
        {
            return latest;
        }

        if (number < 1 || number > snapshot.Agreement.Versions.Length)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, "Versionen findes ikke. / The version does not exist.");
        }

        return await VersionGrain(number).Get()
            ?? throw new HubRefusedException(ErrorCodes.Unavailable, "Versionen kan ikke hentes lige nu. / The version cannot be read right now.");
    }

    protected override async ValueTask<LiveAccess> AuthorizeAsync(Actor actor)
    {
        await RefreshMembersAsync(this.GetPrimaryKey());
        if (Document is null && (Members.ContainsKey(actor.UserId) || actor.IsPlatformAdmin))
        {
            // The partnership exists: its agreement starts empty the first time someone who may read it opens
            // it (a refused stranger writes nothing). Checked again after the await above, and set before the write, so two
            // first visitors make one agreement.
            await ResetDocument(AgreementReducer.New(this.GetPrimaryKey()) with { Signers = CurrentSigners() });
        }
        else if (Document is not null && SignersChanged())
        {
            // An agreement from before parties were entities, or a change the partnership's call did not bring.
            await SubmitAsSystem(new SetSigners(CurrentSigners()));
        }

        return await base.AuthorizeAsync(actor);
    }

    protected override async Task OnAccessChangedAsync()
    {
        if (Document is not null && SignersChanged())
        {
            await SubmitAsSystem(new SetSigners(CurrentSigners()));
        }
    }

    /// <summary>Who approves, from the partnership's parties (decision 027).</summary>
    private ImmutableArray<Signer> CurrentSigners() =>
        [.. Parties.Where(p => p.Signs).Select(p => new Signer(p.PartyId, p.Name, p.Side))];

    private bool SignersChanged() =>
        Document!.Signers.IsDefault || !Document.Signers.SequenceEqual(CurrentSigners());

    /// <summary>The parties a member approves for: their own, if they coordinate or are one of its contact persons.</summary>
    private ImmutableHashSet<string> ApprovesFor(Actor actor) =>
        Members.TryGetValue(actor.UserId, out var member) && member.PartyId is { } partyId && member.Role != MemberRole.Observer
        && (member.Role == MemberRole.Coordinator || Parties.Any(p => p.PartyId == partyId && p.Contacts.Contains(actor.UserId)))
            ? [partyId]
            : [];

    protected override (Agreement Document, AgreementOp Committed) Apply(Agreement document, Actor actor, OpId id, long seq, AgreementOp op, DateTimeOffset now)
    {
        EnsureWritable(actor);
        if (document.Signers.IsDefault)
        {
            document = document with { Signers = [] };
        }

        var (next, committed) = AgreementReducer.Apply(document, actor, ApprovesFor(actor), id, seq, op, now);
        if (next.Latest is { } frozen && frozen != document.Latest)
        {
            if (document.Latest is { } previous && previous.Number > _storedThrough)
            {
                throw new HubRefusedException(ErrorCodes.Unavailable, "Prøv igen om et øjeblik. / Try again in a moment.");
            }

            _storing = StoreVersionQuietly(frozen);
        }

        return (next, committed);
    }

    protected override AgreementSnapshot ToSnapshot(Agreement document, long seq) => new(seq, document);

    private async Task EnsureReader(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var access = await AuthorizeAsync(actor);
        if (!access.CanRead || Document is null)
        {
            throw new HubRefusedException(ErrorCodes.NotFound, NotFoundMessage);
        }
    }

    /// <summary>Stores a frozen version's text in its own row (idempotent). On failure the activation goes, and
    /// the next one stores it on activation.</summary>
    private async Task StoreVersion(AgreementVersion version)
    {
        try
        {
            await VersionGrain(version.Number).Store(version);
            _storedThrough = Math.Max(_storedThrough, version.Number);
        }
        catch (Exception ex)
        {
            LogStoreFailed(Logger, ex, version.Number, this.GetPrimaryKey());
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task StoreVersionQuietly(AgreementVersion version)
    {
        try
        {
            await StoreVersion(version);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Logged, and the activation is on its way out; the next one stores the version.
        }
    }

    private IAgreementVersionGrain VersionGrain(int number) =>
        GrainFactory.GetGrain<IAgreementVersionGrain>(this.GetPrimaryKey(), number.ToString(CultureInfo.InvariantCulture));

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing version {Number} of agreement {Agreement} failed")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, int number, Guid agreement);
}
