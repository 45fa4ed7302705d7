using System.Collections.Immutable;
using Hub.Contracts.Sessions;

namespace Hub.Grains.Sessions;

/// <summary>
/// Builds what each kind of connection receives from the session. This is the filter between the session and the
/// room: the room's view is made from nothing but the current step, phase, timer and the current poll's question,
/// plus its tally of approved answers while its results are shown — so notes, hidden results, held answers and
/// names cannot reach a participant or a projector, whatever group a connection is in. Pure.
/// </summary>
public static partial class SessionViewBuilder
{
    public static RoomView Room(Session session, long seq)
    {
        ArgumentNullException.ThrowIfNull(session);
        var step = session.CurrentStep < session.Steps.Length ? session.Steps[session.CurrentStep] : null;
        RoomPoll? poll = null;
        if (session.Phase != SessionPhase.Pause && SessionReducer.CurrentPollId(session) is { } pollId
            && session.Polls.FirstOrDefault(p => p.Id == pollId) is { } current)
        {
            poll = new RoomPoll(current, SessionReducer.IsOpen(session, current),
                current.ResultsShown ? Tally(current, SessionReducer.AnswersOf(session, pollId), approvedOnly: true) : null);
        }

        return new RoomView(session.Id, seq, session.Title, session.Closed ? "" : session.Code, session.Closed,
            session.Phase, session.CurrentStep, session.Steps.Length,
            step is null || session.Phase == SessionPhase.Pause ? null : new RoomStep(step.Id, step.Title, step.Kind, step.Text),
            session.BringCount, session.Timer, poll, session.Participants.Count(p => !p.Removed), session.AskSide)
        {
            Qa = RoomQaOf(session),
            Hands = RoomHandsOf(session),
        };
    }

    public static StaffView Staff(Session session, long seq)
    {
        ArgumentNullException.ThrowIfNull(session);
        var pending = ImmutableArray.CreateBuilder<PendingAnswer>();
        foreach (var poll in session.Polls.Where(p => p.HoldForApproval))
        {
            foreach (var answer in SessionReducer.AnswersOf(session, poll.Id).Where(a => !a.Approved))
            {
                var name = poll.Anonymous ? null : session.Participants.FirstOrDefault(p => p.Id == answer.ParticipantId)?.DisplayName;
                pending.Add(new PendingAnswer(poll.Id, answer.AnswerId, name, answer.Words, answer.Text));
            }
        }

        return new StaffView(seq, session with { Answers = ImmutableDictionary<string, ImmutableArray<PollAnswer>>.Empty, Archive = [], Qa = null },
            [.. session.Polls.Select(p => Tally(p, SessionReducer.AnswersOf(session, p.Id), approvedOnly: false))],
            pending.ToImmutable(), Room(session, seq))
        {
            Qa = StaffQaOf(session),
            Hands = StaffHandsOf(session),
        };
    }

    /// <summary>A participant's own answers to every poll (so a reload keeps them).</summary>
    public static ImmutableArray<PollAnswer> Mine(Session session, string participantId) =>
        [.. session.Answers.Values.SelectMany(a => a).Where(a => a.ParticipantId == participantId)];

    public static PollTally Tally(Poll poll, ImmutableArray<PollAnswer> answers, bool approvedOnly)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var counted = approvedOnly ? [.. answers.Where(a => a.Approved)] : answers;
        ImmutableArray<int> options = [];
        ImmutableArray<ScaleTally> scale = [];
        ImmutableArray<RankedEntry> ranked = [];
        switch (poll.Kind)
        {
            case PollKind.Single or PollKind.Multiple:
                var votes = new int[poll.Options.Length];
                foreach (var choice in counted.SelectMany(a => a.Choices))
                {
                    votes[choice]++;
                }

                options = [.. votes];
                break;
            case PollKind.Scale:
                scale = [.. poll.Statements.Select((_, i) => ScaleOf(poll, counted, i))];
                break;
            case PollKind.WordCloud:
                ranked = Rank(counted.SelectMany(a => a.Words));
                break;
            case PollKind.OpenText:
                ranked = Rank(counted.Select(a => a.Text));
                break;
        }

        return new PollTally(poll.Id, counted.Length, options, scale, ranked);
    }

    private static ScaleTally ScaleOf(Poll poll, ImmutableArray<PollAnswer> answers, int statement)
    {
        var counts = new int[poll.ScaleMax - poll.ScaleMin + 1];
        int skipped = 0, sum = 0, n = 0;
        foreach (var answer in answers)
        {
            if (answer.Scale[statement] is { } value)
            {
                counts[value - poll.ScaleMin]++;
                sum += value;
                n++;
            }
            else
            {
                skipped++;
            }
        }

        return new ScaleTally([.. counts], skipped, n == 0 ? null : Math.Round((double)sum / n, 2));
    }

    private static ImmutableArray<RankedEntry> Rank(IEnumerable<string> entries) =>
        [.. entries.GroupBy(e => e, StringComparer.Ordinal)
            .Select(g => new RankedEntry(g.Key, g.Count()))
            .OrderByDescending(e => e.Count).ThenBy(e => e.Text, StringComparer.Ordinal)
            .Take(SessionLimits.ListedMax)];
}
