using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Hub.Contracts.Agreements;
using Hub.Contracts.Boards;
using Hub.Contracts.Common;
using Hub.Contracts.ForMe;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Grains.ForMe;

[GenerateSerializer, Alias("hub.ForMeState")]
public sealed class ForMeState
{
    [Id(0)] public bool Enabled { get; set; }

    [Id(1)] public string? Email { get; set; }

    [Id(2)] public string DisplayName { get; set; } = "";

    /// <summary>The secret of the current unsubscribe link; a new one each time the digest is turned on.</summary>
    [Id(3)] public string? UnsubscribeSecret { get; set; }

    [Id(4)] public DateOnly? LastSentDay { get; set; }

    [Id(5)] public DateTimeOffset? LastSentAt { get; set; }

    [Id(6)] public DateTimeOffset? LastCheckedAt { get; set; }
}

/// <summary>How the digest is timed: the reminder looks every <see cref="CheckPeriod"/>, and sends once a local day
/// from <see cref="SendHour"/> on ("Hub:Digest" in configuration).</summary>
public sealed class DigestOptions
{
    public const string Section = "Hub:Digest";

    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromHours(1);

    public int SendHour { get; set; } = 7;

    public string TimeZone { get; set; } = "Europe/Copenhagen";
}

/// <summary>
/// One person's "Til mig" and digest. The list is gathered on each read, as the person, from their partnerships,
/// boards and agreements: nothing is copied, so nothing goes stale and nothing the person lost access to shows.
/// The digest is a stored reminder, registered only while it is on; each tick asks whether today's mail is due
/// (<see cref="ForMeRules.DigestDue"/>), so a silo that was down at the send hour sends at its next tick.
/// </summary>
public sealed partial class ForMeGrain(
    [PersistentState("for-me", GrainStorage.Name)] IPersistentState<ForMeState> state,
    TimeProvider clock,
    IOptions<DigestOptions> options,
    ILogger<ForMeGrain> logger) : Grain, IForMeGrain, IRemindable
{
    public const string DigestReminder = "digest";

    private ForMeState S => state.State;

    private string UserId => this.GetPrimaryKeyString();

    public Task<ForMeList> Get(Actor actor)
    {
        EnsureSelf(actor);
        return Collect(actor);
    }

    public Task<DigestSettings> GetDigest(Actor actor)
    {
        EnsureSelf(actor);
        return Task.FromResult(Settings());
    }

    public async Task<DigestSettings> SetDigest(Actor actor, bool enabled, string? email)
    {
        EnsureSelf(actor);
        if (enabled)
        {
            if (string.IsNullOrWhiteSpace(email))
            {
                throw new HubRefusedException(ErrorCodes.Validation,
                    "Bekræft din e-mailadresse, før du kan få en daglig mail. / Confirm your e-mail address before you can get a daily mail.", "email");
            }

            S.Email = email.Trim();
            S.DisplayName = actor.DisplayName;
            S.UnsubscribeSecret ??= NewSecret();
            S.Enabled = true;
            await state.WriteStateAsync();
            var period = options.Value.CheckPeriod;
            await this.RegisterOrUpdateReminder(DigestReminder, period, period);
        }
        else
        {
            await TurnOff();
        }

        return Settings();
    }

    public async Task<bool> Unsubscribe(string token)
    {
        var secret = token?.Split('.', 2) is [var user, var s] && user == UserId ? s : null;
        if (secret is null || S.UnsubscribeSecret is null
            || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(S.UnsubscribeSecret)))
        {
            return false;
        }

        await TurnOff();
        return true;
    }

    public async Task ForgetMe(Actor actor)
    {
        EnsureSelf(actor);
        await TurnOff();
        S.Email = null;
        S.DisplayName = "";
        await state.WriteStateAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DigestReminder)
        {
            return;
        }

        if (!S.Enabled || S.Email is null)
        {
            await UnregisterAsync();
            return;
        }

        var now = clock.GetUtcNow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        S.LastCheckedAt = now;
        if (ForMeRules.DigestDue(S.LastSentDay, now, zone, options.Value.SendHour))
        {
            var waiting = ForMeRules.ForDigest(await Collect(new Actor(UserId, S.DisplayName)), now);
            if (ForMeRules.IsEmpty(waiting))
            {
                // Nothing waits: no mail today. A card that becomes due later today is in tomorrow's.
                S.LastSentDay = ForMeRules.LocalDay(now, zone);
            }
            else
            {
                try
                {
                    await GrainFactory.GetGrain<IDigestPostTrustedGrain>(0).Deliver(new DigestMail(S.Email, S.DisplayName, waiting, $"{UserId}.{S.UnsubscribeSecret}"));
                    S.LastSentDay = ForMeRules.LocalDay(now, zone);
                    S.LastSentAt = now;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // No web node took it: today's digest stays due and the next tick tries again.
                    LogDeliveryFailed(logger, ex, UserId);
                }
            }
        }

        await state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The digest of {UserId} could not be handed to a web node")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception ex, string userId);

    private async Task<ForMeList> Collect(Actor actor)
    {
        var now = clock.GetUtcNow();
        var summaries = await GrainFactory.GetGrain<IUserGrain>(UserId).GetPartnerships(actor);
        var parts = await Task.WhenAll(summaries.Select(s => CollectPartnership(actor, s.Id, now)));
        return new ForMeList(
            ForMeRules.Order(parts.SelectMany(p => p.Cards)),
            [.. parts.SelectMany(p => p.Agreements).OrderBy(a => a.PartnershipName, StringComparer.CurrentCultureIgnoreCase)],
            [.. parts.SelectMany(p => p.Invites).OrderBy(i => i.ExpiresAt)]);
    }

    private async Task<ForMeList> CollectPartnership(Actor actor, Guid partnershipId, DateTimeOffset now)
    {
        var empty = new ForMeList([], [], []);
        var partnership = await Refusable(GrainFactory.GetGrain<IPartnershipGrain>(partnershipId).Get(actor));
        if (partnership?.Members.FirstOrDefault(m => m.UserId == UserId) is not { } me)
        {
            return empty;
        }

        var name = partnership.Details.Name;
        var boards = await Task.WhenAll(partnership.Boards.Select(b => Refusable(GrainFactory.GetGrain<IBoardGrain>(b.BoardId).GetSnapshot(actor))));
        var cards = boards.Where(b => b is not null).SelectMany(b => ForMeRules.Cards(b!.Board, name, UserId)).ToImmutableArray();

        var agreements = ImmutableArray<WaitingAgreement>.Empty;
        if (ForMeRules.ApprovesFor(me) is { } party
            && await Refusable(GrainFactory.GetGrain<IAgreementGrain>(partnershipId).GetSnapshot(actor)) is { } agreement
            && ForMeRules.Waits(agreement.Agreement, party))
        {
            agreements = [new WaitingAgreement(partnershipId, name, party, agreement.Agreement.Approvals.Any(a => a.Party != party))];
        }

        var invites = ImmutableArray<OpenInvite>.Empty;
        if (me.Role == MemberRole.Coordinator && await Refusable(ListInvites(actor, partnershipId)) is { } list)
        {
            invites = [.. list.Value.Where(i => i.CreatedBy == UserId && i.IsUsable(now)).Select(i => new OpenInvite(partnershipId, name, i.Id, i.AddressedTo, i.ExpiresAt))];
        }

        return new ForMeList(cards, agreements, invites);
    }

    private async Task<StrongBox<ImmutableArray<Invite>>> ListInvites(Actor actor, Guid partnershipId) =>
        new(await GrainFactory.GetGrain<IPartnershipGrain>(partnershipId).ListInvites(actor));

    /// <summary>A partnership or document the person may no longer read (or that is gone) is simply left out.</summary>
    private static async Task<T?> Refusable<T>(Task<T> call) where T : class
    {
        try
        {
            return await call;
        }
        catch (HubRefusedException refused) when (refused.Code is ErrorCodes.NotFound or ErrorCodes.Forbidden)
        {
            return null;
        }
    }

    private DigestSettings Settings() => new(S.Enabled, S.Email, S.LastSentAt, S.LastCheckedAt);

    private async Task TurnOff()
    {
        S.Enabled = false;
        S.UnsubscribeSecret = null;
        await state.WriteStateAsync();
        await UnregisterAsync();
    }

    private async Task UnregisterAsync()
    {
        if (await this.GetReminder(DigestReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private void EnsureSelf(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.UserId != UserId)
        {
            throw new HubRefusedException(ErrorCodes.Forbidden, "Det er en andens oplysninger. / That is someone else's data.");
        }
    }
}
