using System.Collections.Immutable;
using Hub.Contracts.Sessions;

namespace Hub.Grains.Sessions;

/// <summary>
/// The session's summary and its polls' exports, for moderators. Pure. Tallies count every current answer (held ones
/// too, as the moderators' own tallies do); archived answers (resets, rejections) are not results and stay out.
/// Names appear only in the export of a named poll, never in the summary.
/// </summary>
public static class SessionReportBuilder
{
    public static SessionReport Report(Session session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        var steps = session.Steps.Select(step =>
        {
            var visits = session.Visits.Where(v => v.StepId == step.Id).ToList();
            // A visit still open ran until now (or until the session closed, which ends the last visit).
            var seconds = visits.Sum(v => Math.Max(0, ((v.Until ?? session.ClosedAt ?? now) - v.From).TotalSeconds));
            return new StepReport(step.Id, step.Title, step.Kind, step.PlannedMinutes, Math.Round(seconds), visits.Count);
        });
        var polls = session.Polls.Select(p => new PollReport(p, SessionViewBuilder.Tally(p, SessionReducer.AnswersOf(session, p.Id), approvedOnly: false)));
        return new SessionReport(session.Id, session.Title, session.CreatedAt, session.ClosedAt,
            session.Participants.Count(p => !p.Removed), [.. steps], [.. polls]);
    }

    /// <summary>Null when the poll does not exist.</summary>
    public static PollExport? Export(Session session, string pollId)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Polls.FirstOrDefault(p => p.Id == pollId) is not { } poll)
        {
            return null;
        }

        var answers = SessionReducer.AnswersOf(session, poll.Id);
        ImmutableArray<NamedAnswer> named = poll.Anonymous
            ? []
            : [.. answers.OrderBy(a => a.At).Select(a =>
            {
                var person = session.Participants.FirstOrDefault(p => p.Id == a.ParticipantId);
                return new NamedAnswer(person?.DisplayName ?? "", person?.Side, a);
            })];
        var tally = SessionViewBuilder.Tally(poll, answers, approvedOnly: false);
        // Screens list the top words and texts; the export has every one of them (counted, never named).
        var all = poll.Kind switch
        {
            PollKind.WordCloud => answers.SelectMany(a => a.Words),
            PollKind.OpenText => answers.Select(a => a.Text),
            _ => [],
        };
        ImmutableArray<RankedEntry> ranked = [.. all.GroupBy(e => e, StringComparer.Ordinal).Select(g => new RankedEntry(g.Key, g.Count()))
            .OrderByDescending(e => e.Count).ThenBy(e => e.Text, StringComparer.Ordinal)];
        return new PollExport(poll, poll.Kind is PollKind.WordCloud or PollKind.OpenText ? tally with { Ranked = ranked } : tally, named);
    }
}
