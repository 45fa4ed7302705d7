using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Hub.Contracts.Partnerships;

namespace Hub.Contracts.Sessions;

/// <summary>
/// Every change to a live session is one of these operations; on the wire each carries a "type" naming it
/// (docs/protocol.md). Moderators and co-facilitators send all but <see cref="SubmitAnswer"/>, which is the only one a
/// participant may send; those marked "Hub only" the session grain makes itself. Ids of new steps and polls, and
/// answer ids, are chosen by the client, so an operation means the same however often it is retried.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.session-op")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(SetSessionTitle), "setTitle")]
[JsonDerivedType(typeof(AddStep), "addStep")]
[JsonDerivedType(typeof(UpdateStep), "updateStep")]
[JsonDerivedType(typeof(RemoveStep), "removeStep")]
[JsonDerivedType(typeof(MoveStep), "moveStep")]
[JsonDerivedType(typeof(GoToStep), "goToStep")]
[JsonDerivedType(typeof(BringEveryone), "bringEveryone")]
[JsonDerivedType(typeof(SetPhase), "setPhase")]
[JsonDerivedType(typeof(StartTimer), "startTimer")]
[JsonDerivedType(typeof(PauseTimer), "pauseTimer")]
[JsonDerivedType(typeof(ResumeTimer), "resumeTimer")]
[JsonDerivedType(typeof(ExtendTimer), "extendTimer")]
[JsonDerivedType(typeof(StopTimer), "stopTimer")]
[JsonDerivedType(typeof(AddPoll), "addPoll")]
[JsonDerivedType(typeof(ShowResults), "showResults")]
[JsonDerivedType(typeof(LockPoll), "lockPoll")]
[JsonDerivedType(typeof(ResetPoll), "resetPoll")]
[JsonDerivedType(typeof(ApproveAnswer), "approveAnswer")]
[JsonDerivedType(typeof(RejectAnswer), "rejectAnswer")]
[JsonDerivedType(typeof(RemoveParticipant), "removeParticipant")]
[JsonDerivedType(typeof(AddCoFacilitator), "addCoFacilitator")]
[JsonDerivedType(typeof(SubmitAnswer), "submitAnswer")]
[JsonDerivedType(typeof(AdmitParticipant), "admitParticipant")]
[JsonDerivedType(typeof(ExpireTimer), "expireTimer")]
[JsonDerivedType(typeof(CloseSession), "closeSession")]
[JsonDerivedType(typeof(SetCode), "setCode")]
[JsonDerivedType(typeof(SubmitQuestion), "submitQuestion")]
[JsonDerivedType(typeof(UpvoteQuestion), "upvoteQuestion")]
[JsonDerivedType(typeof(SetQa), "setQa")]
[JsonDerivedType(typeof(ModerateQuestion), "moderateQuestion")]
[JsonDerivedType(typeof(AnswerNow), "answerNow")]
[JsonDerivedType(typeof(ReplyQuestion), "replyQuestion")]
[JsonDerivedType(typeof(RaiseHand), "raiseHand")]
[JsonDerivedType(typeof(LowerHand), "lowerHand")]
[JsonDerivedType(typeof(LowerHands), "lowerHands")]
[JsonDerivedType(typeof(NextSpeaker), "nextSpeaker")]
[JsonDerivedType(typeof(SetHandRules), "setHandRules")]
[JsonDerivedType(typeof(ResultsSent), "resultsSent")]
public abstract record SessionOp;

[GenerateSerializer, Immutable, Alias("hub.session-op.set-title")]
public sealed record SetSessionTitle([property: Id(0)] string Title) : SessionOp;

/// <summary>Adds a step at Index (null: last). A poll step names a poll added before it.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.add-step")]
public sealed record AddStep(
    [property: Id(0)] string StepId,
    [property: Id(1)] string Title,
    [property: Id(2)] StepKind Kind,
    [property: Id(3)] int PlannedMinutes,
    [property: Id(4)] string Text,
    [property: Id(5)] string Notes,
    [property: Id(6)] string? PollId,
    [property: Id(7)] int? Index) : SessionOp;

[GenerateSerializer, Immutable, Alias("hub.session-op.update-step")]
public sealed record UpdateStep(
    [property: Id(0)] string StepId,
    [property: Id(1)] string Title,
    [property: Id(2)] StepKind Kind,
    [property: Id(3)] int PlannedMinutes,
    [property: Id(4)] string Text,
    [property: Id(5)] string Notes,
    [property: Id(6)] string? PollId) : SessionOp;

/// <summary>Refused for the current step: move on first.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.remove-step")]
public sealed record RemoveStep([property: Id(0)] string StepId) : SessionOp;

/// <summary>Moves a step to Index (its place after the move); the current step stays current wherever it goes.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.move-step")]
public sealed record MoveStep([property: Id(0)] string StepId, [property: Id(1)] int Index) : SessionOp;

/// <summary>Makes a step current (the moderator's next/previous). Participants follow when the moderator brings them.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.go-to-step")]
public sealed record GoToStep([property: Id(0)] int Index) : SessionOp;

/// <summary>Takes every participant's screen to the current step (counted: a client follows each new count).</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.bring-everyone")]
public sealed record BringEveryone : SessionOp;

[GenerateSerializer, Immutable, Alias("hub.session-op.set-phase")]
public sealed record SetPhase([property: Id(0)] SessionPhase Phase) : SessionOp;

/// <summary>Starts (or restarts) the timer for Seconds from now.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.start-timer")]
public sealed record StartTimer([property: Id(0)] int Seconds) : SessionOp;

[GenerateSerializer, Immutable, Alias("hub.session-op.pause-timer")]
public sealed record PauseTimer : SessionOp;

[GenerateSerializer, Immutable, Alias("hub.session-op.resume-timer")]
public sealed record ResumeTimer : SessionOp;

/// <summary>Adds Seconds to a running or paused timer.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.extend-timer")]
public sealed record ExtendTimer([property: Id(0)] int Seconds) : SessionOp;

[GenerateSerializer, Immutable, Alias("hub.session-op.stop-timer")]
public sealed record StopTimer : SessionOp;

/// <summary>
/// Adds a poll. Single/Multiple use Options (Multiple: at most MaxChoices); Scale uses Statements, ScaleMin–ScaleMax
/// (1–5, 1–7 or 0–10) and the end labels; WordCloud and OpenText nothing more. Results start hidden for word clouds
/// and open text, shown otherwise, unless ResultsShown says.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.add-poll")]
public sealed record AddPoll(
    [property: Id(0)] string PollId,
    [property: Id(1)] PollKind Kind,
    [property: Id(2)] string Question,
    [property: Id(3)] ImmutableArray<string> Options,
    [property: Id(4)] int MaxChoices,
    [property: Id(5)] ImmutableArray<string> Statements,
    [property: Id(6)] int ScaleMin,
    [property: Id(7)] int ScaleMax,
    [property: Id(8)] string LowLabel,
    [property: Id(9)] string HighLabel,
    [property: Id(10)] bool Anonymous,
    [property: Id(11)] bool HoldForApproval,
    [property: Id(12)] bool? ResultsShown) : SessionOp;

/// <summary>Reveals (true) or hides (false) a poll's results to the room.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.show-results")]
public sealed record ShowResults([property: Id(0)] string PollId, [property: Id(1)] bool Shown) : SessionOp;

/// <summary>Locks (no more answers or changes) or unlocks a poll.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.lock-poll")]
public sealed record LockPoll([property: Id(0)] string PollId, [property: Id(1)] bool Locked) : SessionOp;

/// <summary>Empties a poll: its answers move to the archive with who reset it, and the grain audits it.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.reset-poll")]
public sealed record ResetPoll([property: Id(0)] string PollId) : SessionOp;

/// <summary>Lets a held free-text answer be seen.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.approve-answer")]
public sealed record ApproveAnswer([property: Id(0)] string PollId, [property: Id(1)] string AnswerId) : SessionOp;

/// <summary>Takes a held or shown free-text answer out into the archive (audited like a reset).</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.reject-answer")]
public sealed record RejectAnswer([property: Id(0)] string PollId, [property: Id(1)] string AnswerId) : SessionOp;

/// <summary>Takes a participant out: their browser's identity stops working; their answers stay.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.remove-participant")]
public sealed record RemoveParticipant([property: Id(0)] string ParticipantId) : SessionOp;

/// <summary>Owner only: a signed-in person becomes a co-facilitator.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.add-co-facilitator")]
public sealed record AddCoFacilitator([property: Id(0)] string UserId, [property: Id(1)] string DisplayName) : SessionOp;

/// <summary>
/// A participant's answer set to a poll, replacing their earlier one while the poll is open. AnswerId makes it
/// idempotent: the same id again changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.submit-answer")]
public sealed record SubmitAnswer(
    [property: Id(0)] string PollId,
    [property: Id(1)] string AnswerId,
    [property: Id(2)] ImmutableArray<int> Choices,
    [property: Id(3)] ImmutableArray<int?> Scale,
    [property: Id(4)] ImmutableArray<string> Words,
    [property: Id(5)] string? Text) : SessionOp;

/// <summary>Hub only: someone entered the code (or a member joined); joining again updates the name and side.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.admit-participant")]
public sealed record AdmitParticipant(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] Side? Side) : SessionOp;

/// <summary>Hub only: the timer's end time has passed; the current step's poll locks.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.expire-timer")]
public sealed record ExpireTimer : SessionOp;

/// <summary>Hub only (after checking the actor): the session ends and its code dies.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.close-session")]
public sealed record CloseSession([property: Id(0)] string ClosedBy) : SessionOp;

/// <summary>Hub only: the session's code, after the code index gave it out.</summary>
[GenerateSerializer, Immutable, Alias("hub.session-op.set-code")]
public sealed record SetCode([property: Id(0)] string Code) : SessionOp;
