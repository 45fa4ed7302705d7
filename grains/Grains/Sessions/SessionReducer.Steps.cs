using Hub.Contracts.Sessions;
using static Hub.Grains.Common.FieldRules;

namespace Hub.Grains.Sessions;

/// <summary>Reordering the agenda (the moderator's step editor, issue 13 item 2).</summary>
public static partial class SessionReducer
{
    private static Session MoveStep(Session session, Hub.Contracts.Sessions.MoveStep o)
    {
        var from = StepIndex(session, o.StepId);
        if (o.Index < 0 || o.Index >= session.Steps.Length)
        {
            throw Invalid("index", "Pladsen findes ikke i dagsordenen.", "The place is not in the agenda.");
        }

        // The current step is followed by its id, so moving steps around it never changes what the room sees.
        var currentId = session.CurrentStep < session.Steps.Length ? session.Steps[session.CurrentStep].Id : null;
        var step = session.Steps[from];
        var steps = session.Steps.RemoveAt(from).Insert(o.Index, step);
        var current = currentId is null ? session.CurrentStep : steps.IndexOf(steps.First(s => s.Id == currentId));
        return session with { Steps = steps, CurrentStep = current };
    }
}
