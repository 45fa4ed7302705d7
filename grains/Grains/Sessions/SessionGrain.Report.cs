using Hub.Contracts.Common;
using Hub.Contracts.Sessions;

namespace Hub.Grains.Sessions;

/// <summary>The session's summary and its polls' exports: moderators only, from the durable state.</summary>
public sealed partial class SessionGrain
{
    public async Task<SessionReport> Report(Actor actor)
    {
        await EnsureStaffAsync(actor);
        var snapshot = await DurableSnapshot();
        return SessionReportBuilder.Report(snapshot.Session, Clock.GetUtcNow());
    }

    public async Task<PollExport> ExportPoll(Actor actor, string pollId)
    {
        await EnsureStaffAsync(actor);
        var snapshot = await DurableSnapshot();
        return SessionReportBuilder.Export(snapshot.Session, pollId ?? "")
            ?? throw new HubRefusedException(ErrorCodes.NotFound, "Afstemningen findes ikke. / The poll does not exist.", "pollId");
    }
}
