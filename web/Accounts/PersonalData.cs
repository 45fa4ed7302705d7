using System.Collections.Immutable;
using System.Security.Claims;
using Hub.Contracts.Accounts;
using Hub.Contracts.Agreements;
using Hub.Contracts.Audit;
using Hub.Contracts.Boards;
using Hub.Contracts.Cohorts;
using Hub.Contracts.Evaluations;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Users;
using Hub.Web.Live;
using Hub.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Hub.Web.Accounts;

/// <summary>Local accounts confirm with their password; people signed in through the identity provider have none.</summary>
public sealed record DeleteAccountRequest(string? Password);

/// <summary>Everything Hub holds about one person, as they download it.</summary>
public sealed record PersonalDataExport(
    DateTimeOffset ExportedAt,
    Me Account,
    ImmutableArray<PartnershipSummary> Partnerships,
    ImmutableArray<AuthoredCard> CardsCreated,
    ImmutableArray<AuthoredComment> Comments,
    ImmutableArray<AuthoredCard> CardsOwned,
    ImmutableArray<AssignedItem> ChecklistItems,
    ImmutableArray<GivenApproval> AgreementApprovals,
    ImmutableArray<CohortPart> Cohorts);

public sealed record AuthoredCard(Guid PartnershipId, Guid BoardId, string CardId, string Title);

public sealed record AuthoredComment(Guid PartnershipId, Guid BoardId, string CardId, string CommentId, DateTimeOffset At, string Text);

/// <summary>An approval of a partnership's agreement: of the current draft (no version) or of a frozen version.</summary>
public sealed record GivenApproval(Guid PartnershipId, AgreementParty Party, DateTimeOffset At, int? Version);

/// <summary>A cohort the person is in: how they are in it, their team and the attendance marked for them.</summary>
public sealed record CohortPart(CohortSummary Cohort, CohortMember Enrolment, string? Team, ImmutableArray<AttendanceMark> Attendance);

public sealed record AssignedItem(Guid PartnershipId, Guid BoardId, string CardId, string ItemId, string Text);

/// <summary>
/// GDPR: a person downloads their data as JSON, and deletes their account. Deletion removes the account and
/// the person's index, takes them out of every partnership and anonymises them on every board (comments
/// show "Tidligere deltager", and so do their approvals of agreements), takes them out of every cohort (with
/// their team places and attendance), and ends all their sessions.
/// </summary>
public static class PersonalData
{
    public static async Task<PersonalDataExport> Export(ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock)
    {
        var actor = user.ToActor();
        var partnerships = await grains.GetGrain<IUserGrain>(actor.UserId).GetPartnerships(actor);
        var created = ImmutableArray.CreateBuilder<AuthoredCard>();
        var owned = ImmutableArray.CreateBuilder<AuthoredCard>();
        var comments = ImmutableArray.CreateBuilder<AuthoredComment>();
        var items = ImmutableArray.CreateBuilder<AssignedItem>();
        var approvals = ImmutableArray.CreateBuilder<GivenApproval>();
        foreach (var summary in partnerships)
        {
            var partnership = await grains.GetGrain<IPartnershipGrain>(summary.Id).Get(actor);
            var agreement = (await grains.GetGrain<IAgreementGrain>(summary.Id).GetSnapshot(actor)).Agreement;
            approvals.AddRange(agreement.Approvals.Where(a => a.UserId == actor.UserId).Select(a => new GivenApproval(summary.Id, a.Party, a.At, null)));
            approvals.AddRange(agreement.Versions.SelectMany(v => v.Approvals.Where(a => a.UserId == actor.UserId)
                .Select(a => new GivenApproval(summary.Id, a.Party, a.At, v.Number))));
            foreach (var boardRef in partnership.Boards)
            {
                var board = (await grains.GetGrain<IBoardGrain>(boardRef.BoardId).GetSnapshot(actor)).Board;
                foreach (var card in board.Cards.Values)
                {
                    var reference = new AuthoredCard(summary.Id, board.Id, card.Id, card.Title);
                    if (card.CreatedBy == actor.UserId)
                    {
                        created.Add(reference);
                    }

                    if (card.OwnerIds.Contains(actor.UserId))
                    {
                        owned.Add(reference);
                    }

                    comments.AddRange(card.Comments.Where(c => c.AuthorId == actor.UserId)
                        .Select(c => new AuthoredComment(summary.Id, board.Id, card.Id, c.Id, c.At, c.Text)));
                    items.AddRange(card.Checklist.Where(i => i.AssigneeId == actor.UserId)
                        .Select(i => new AssignedItem(summary.Id, board.Id, card.Id, i.Id, i.Text)));
                }
            }
        }

        var cohorts = ImmutableArray.CreateBuilder<CohortPart>();
        foreach (var summary in await grains.GetGrain<IPersonCohortsGrain>(actor.UserId).List(actor))
        {
            var cohort = (await grains.GetGrain<ICohortGrain>(summary.Id).GetSnapshot(actor)).Cohort;
            if (cohort.People.Find(p => p.UserId == actor.UserId) is { } enrolment)
            {
                // The document carries no notes; the notes about the person themself are theirs to see here.
                var notes = enrolment.Role == CohortRole.Observer ? []
                    : (await grains.GetGrain<ICohortGrain>(summary.Id).GetAttendanceNotes(actor)).Where(n => n.UserId == actor.UserId).ToList();
                cohorts.Add(new CohortPart(summary, enrolment, cohort.Teams.Find(t => t.MemberIds.Contains(actor.UserId))?.Name,
                    [.. cohort.Attendance.Where(a => a.UserId == actor.UserId)
                        .Select(a => a with { Note = notes.Find(n => n.SessionId == a.SessionId)?.Note ?? "" })]));
            }
        }

        var now = clock.GetUtcNow();
        await AuditTrail.Global(grains, now, AuditActions.DataExported, actor, $"user:{actor.UserId}");
        return new PersonalDataExport(now, AccountEndpoints.ToMe(user), partnerships, created.ToImmutable(), comments.ToImmutable(),
            owned.ToImmutable(), items.ToImmutable(), approvals.ToImmutable(), cohorts.ToImmutable());
    }

    public static async Task<IResult> Delete(DeleteAccountRequest request, HttpContext http, IGrainFactory grains,
        SessionStamps stamps, LiveGuard guard, TimeProvider clock)
    {
        var actor = http.User.ToActor();
        var email = http.User.FindFirstValue(Identity.EmailClaim) ?? "";
        var external = http.User.FindFirstValue(ExternalSignIn.MethodClaim);
        if (external is not null)
        {
            // Signed in through the identity provider: there is no Hub password; the client asks twice instead.
            await grains.GetGrain<IExternalLoginGrain>(external[(ExternalSignIn.Scheme.Length + 1)..]).Delete();
        }
        else
        {
            var account = grains.GetGrain<IAccountGrain>(email);
            var check = request.Password is null ? null : await account.VerifyPassword(request.Password);
            if (check is not { Matches: true, Account: { } found } || found.Account.UserId != actor.UserId)
            {
                throw new HubRefusedException(ErrorCodes.Forbidden,
                    "Skriv din adgangskode for at slette kontoen. / Enter your password to delete the account.", "password");
            }

            await account.Delete();
        }

        await grains.GetGrain<IUserGrain>(actor.UserId).Forget(actor);
        await grains.GetGrain<IPersonCohortsGrain>(actor.UserId).ForgetMe(actor);
        await grains.GetGrain<IPersonEvaluationsGrain>(actor.UserId).ForgetMe(actor);
        await grains.GetGrain<Hub.Contracts.ForMe.IForMeGrain>(actor.UserId).ForgetMe(actor);
        await stamps.EndSessionsAsync(actor.UserId);
        guard.EndConnectionsOf(actor.UserId);
        await AuditTrail.Global(grains, clock.GetUtcNow(), AuditActions.AccountDeleted, new Actor(actor.UserId, ""), $"user:{actor.UserId}");
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.NoContent();
    }
}
