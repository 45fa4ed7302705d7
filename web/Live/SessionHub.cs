using System.Collections.Immutable;
using System.Text.Json;
using Hub.Contracts.Common;
using Hub.Contracts.Live;
using Hub.Contracts.Sessions;
using Hub.Web.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Hub.Web.Live;

/// <summary>What the server calls on a browser on a live session; docs/protocol.md describes each.</summary>
public interface ISessionClient : ILiveClient<SessionOp>
{
    /// <summary>The moderators' view (only to connections opened as staff by a moderator).</summary>
    Task Staff(Guid sessionId, StaffView view);

    /// <summary>The room's view (participants and projectors).</summary>
    Task Room(Guid sessionId, RoomView view);
}

/// <summary>
/// The live session hub, at <see cref="Path"/>. Open to browsers without an account: a participant is who their
/// session cookie says (<see cref="SessionParticipants"/>), checked by the session grain on every call. Nothing it
/// sends is chosen here: a connection gets the view the grain built for the audience the grain granted it, and
/// committed operations (which hold answers) are never sent to browsers at all.
/// </summary>
[AllowAnonymous]
public sealed class SessionHub(IGrainFactory grains, SessionFanout fanout, SessionParticipants participants, IOptions<JsonHubProtocolOptions> json)
    : Hub<ISessionClient>
{
    public const string Path = "/hubs/session";

    /// <summary>Opens the session as staff (moderators), projector or participant; the grain decides what the actor may.</summary>
    public async Task<SessionOpened> Open(Guid sessionId, SessionAudience audience)
    {
        var actor = Actor(sessionId);
        var opened = await Grain(sessionId).Open(actor, audience);
        await Groups.AddToGroupAsync(Context.ConnectionId, opened.Staff is null ? SessionFanout.RoomGroup(sessionId) : SessionFanout.StaffGroup(sessionId));
        await fanout.AddAsync(sessionId, Context.ConnectionId, actor);
        return opened;
    }

    /// <summary>An operation, read from raw JSON like the other live hubs (a malformed one is refused, not a transport error).</summary>
    public async Task<SubmitResult> Submit(Guid sessionId, OpId id, JsonElement op)
    {
        SessionOp? parsed;
        try
        {
            parsed = op.Deserialize<SessionOp>(json.Value.PayloadSerializerOptions);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return SubmitResult.Refused(ErrorCodes.Malformed, $"Operationen kunne ikke læses. / The operation could not be read: {ex.Message}");
        }

        return parsed is null
            ? SubmitResult.Refused(ErrorCodes.Malformed, "Operationen mangler. / The operation is missing.")
            : await Grain(sessionId).Submit(Actor(sessionId), id, parsed);
    }

    public async Task Leave(Guid sessionId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, SessionFanout.StaffGroup(sessionId));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, SessionFanout.RoomGroup(sessionId));
        await fanout.RemoveAsync(sessionId, Context.ConnectionId);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var sessionId in fanout.DocumentsOf(Context.ConnectionId))
        {
            await fanout.RemoveAsync(sessionId, Context.ConnectionId);
        }

        await base.OnDisconnectedAsync(exception);
    }

    private Hub.Contracts.Common.Actor Actor(Guid sessionId) =>
        participants.Required(Context.GetHttpContext() ?? throw new HubException($"{ErrorCodes.Forbidden}: No request."), sessionId);

    private ISessionGrain Grain(Guid sessionId) => grains.GetGrain<ISessionGrain>(sessionId);
}

/// <summary>
/// The web node's subscription to sessions. The grain's views go to two local groups per session — the moderators'
/// and the room's — and nothing else does: committed operations are not passed on (they hold answers and names),
/// presence goes to the moderators only.
/// </summary>
public sealed partial class SessionFanout : SignalRFanout<SessionHub, ISessionClient, SessionOp, SessionSnapshot>, ISessionObserver
{
    private readonly IGrainFactory _grains;
    private readonly IHubContext<SessionHub, ISessionClient> _hub;
    private readonly ILogger<SessionFanout> _logger;

    public SessionFanout(IGrainFactory grains, IHubContext<SessionHub, ISessionClient> hub, ILogger<SessionFanout> logger)
        : base(hub, "session", logger) => (_grains, _hub, _logger) = (grains, hub, logger);

    public static string StaffGroup(Guid sessionId) => $"session:{sessionId:N}:staff";

    public static string RoomGroup(Guid sessionId) => $"session:{sessionId:N}:room";

    public Task Views(Guid sessionId, StaffView staff, RoomView room)
    {
        _ = SendAsync(_hub.Clients.Group(StaffGroup(sessionId)).Staff(sessionId, staff), sessionId);
        _ = SendAsync(_hub.Clients.Group(RoomGroup(sessionId)).Room(sessionId, room), sessionId);
        return Task.CompletedTask;
    }

    protected override ILiveGrain<SessionOp, SessionSnapshot> Grain(Guid documentId) => _grains.GetGrain<ISessionGrain>(documentId);

    protected override ILiveObserver<SessionOp> CreateReference() => _grains.CreateObjectReference<ISessionObserver>(this);

    protected override Task PushAsync(Guid documentId, ImmutableArray<Committed<SessionOp>> ops) => Task.CompletedTask;

    protected override Task SendPresenceAsync(Guid documentId, ImmutableArray<PresenceEntry> presence) =>
        _hub.Clients.Group(StaffGroup(documentId)).Presence(documentId, presence);

    protected override async Task RevokeAsync(Guid documentId, string connectionId)
    {
        await _hub.Groups.RemoveFromGroupAsync(connectionId, StaffGroup(documentId));
        await _hub.Groups.RemoveFromGroupAsync(connectionId, RoomGroup(documentId));
        await _hub.Clients.Client(connectionId).Revoked(documentId);
    }

    private async Task SendAsync(Task sending, Guid sessionId)
    {
        try
        {
            await sending;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The next view replaces this one; a client that reconnects opens the session again.
            LogSendFailed(_logger, ex, sessionId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending the views of session {Session} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, Guid session);
}
