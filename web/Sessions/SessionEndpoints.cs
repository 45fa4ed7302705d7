using System.Security.Claims;
using System.Text;
using Hub.Contracts.Common;
using Hub.Contracts.Partnerships;
using Hub.Contracts.Sessions;
using Hub.Web.Accounts;
using Hub.Web.Security;
using QRCoder;

namespace Hub.Web.Sessions;

/// <summary>Joining by code: the code as typed, and, for someone not signed in, the name they give (may be empty).</summary>
public sealed record JoinSessionRequest(string Code, string? DisplayName, Side? Side);

/// <summary>
/// The live session endpoints: create, list and close sessions, change the code, the join link's QR code, and joining
/// by code — the one endpoint open to people without an account, rate-limited per address against guessing
/// (<see cref="RateLimits.SessionJoin"/>). Everything that happens during a session goes through /hubs/session.
/// </summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder routes)
    {
        var sessions = routes.MapGroup("/api/sessions");
        var staff = sessions.MapGroup("").RequireAuthorization();

        staff.MapPost("/", async (SessionDetails details, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var created = await grains.GetGrain<ISessionGrain>(Guid.NewGuid()).Create(user.ToActor(), details);
            return Results.Created($"/api/sessions/{created.Session.Id}", created);
        });

        staff.MapGet("/", (Guid? partnershipId, Guid? cohortId, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            if ((partnershipId is null) == (cohortId is null))
            {
                throw new HubRefusedException(ErrorCodes.Validation,
                    "Angiv et partnerskab eller et forløb. / Give a partnership or a cohort.", "partnershipId");
            }

            var key = cohortId is { } c ? $"cohort:{c:N}" : $"partnership:{partnershipId:N}";
            return grains.GetGrain<ISessionListGrain>(key).List(user.ToActor());
        });

        staff.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<ISessionGrain>(id).Summary(user.ToActor()));

        // The summary page's content and each poll's CSV (decision 015): moderators only, as the grain decides.
        staff.MapGet("/{id:guid}/report", (Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<ISessionGrain>(id).Report(user.ToActor()));

        staff.MapGet("/{id:guid}/polls/{pollId}/export.csv", async (Guid id, string pollId, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var export = await grains.GetGrain<ISessionGrain>(id).ExportPoll(user.ToActor(), pollId);
            return Results.File(SessionCsv.Write(export), "text/csv; charset=utf-8", SessionCsv.FileName(export.Poll));
        });

        // Whom the owner may make co-facilitator (people of the partnership or cohort, not yet in the session).
        staff.MapGet("/{id:guid}/candidates", (Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<ISessionGrain>(id).CoFacilitatorCandidates(user.ToActor()));

        staff.MapPost("/{id:guid}/close", (Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<ISessionGrain>(id).Close(user.ToActor()));

        staff.MapPost("/{id:guid}/code", (Guid id, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<ISessionGrain>(id).ChangeCode(user.ToActor()));

        // "Send til tavle" (decision 022): the session's results become cards on a board of its partnership.
        staff.MapPost("/{id:guid}/to-board", (Guid id, ResultsToBoard request, ClaimsPrincipal user, IGrainFactory grains) =>
            grains.GetGrain<ISessionResultsGrain>(id).SendToBoard(user.ToActor(), request));

        // The QR code of the join link, for the moderator to show: drawn here as SVG (no script, no inline style, so
        // the strict CSP holds), from the code the session has now.
        staff.MapGet("/{id:guid}/qr", async (Guid id, HttpContext http, IGrainFactory grains) =>
        {
            var view = await grains.GetGrain<ISessionGrain>(id).Summary(http.User.ToActor());
            if (view.Session.Closed)
            {
                throw new HubRefusedException(ErrorCodes.Conflict, "Mødet er slut. / The session has ended.");
            }

            var url = $"{http.Request.Scheme}://{http.Request.Host}/s/{view.Session.Code}";
            using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
            var svg = new SvgQRCode(data).GetGraphic(8);
            return Results.Text(svg, "image/svg+xml", Encoding.UTF8);
        });

        sessions.MapPost("/join", async (JoinSessionRequest request, HttpContext http, IGrainFactory grains, SessionParticipants participants) =>
        {
            var code = SessionCodes.Normalise(request.Code)
                ?? throw new HubRefusedException(ErrorCodes.NotFound, "Koden findes ikke, eller mødet er slut. / The code does not exist, or the session has ended.", "code");
            var codeGrain = grains.GetGrain<ISessionCodeGrain>(code);
            var sessionId = await codeGrain.Resolve();
            var signedIn = http.User.Identity?.IsAuthenticated == true;
            var name = (request.DisplayName ?? "").Trim();
            var actor = signedIn ? http.User.ToActor()
                : participants.ActorFor(http, sessionId) is { } known ? known with { DisplayName = name.Length > 0 ? name : known.DisplayName }
                : SessionParticipants.NewActor(name);
            var entry = await codeGrain.Enter(actor, request.Side);
            if (!signedIn)
            {
                participants.Issue(http, sessionId, actor);
            }

            return entry;
        }).RequireRateLimiting(RateLimits.SessionJoin);

        return routes;
    }
}

public static class SessionSetup
{
    /// <summary>The session hub's fanout and the participants' cookies.</summary>
    public static IServiceCollection AddLiveSessions(this IServiceCollection services)
    {
        services.AddSingleton<SessionParticipants>();
        services.AddSingleton<Hub.Web.Live.SessionFanout>();
        services.AddHostedService(sp => sp.GetRequiredService<Hub.Web.Live.SessionFanout>());
        return services;
    }
}
