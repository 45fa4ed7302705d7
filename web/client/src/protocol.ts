// The wire contract under the names the client uses. Every shape, enum value, limit and hub method name is generated
// from the C# that defines it (./generated/contracts.ts, written by tools/Hub.ContractGen; docs/decisions/009), so
// a change on the server that the client does not follow fails the build or a test instead of a user. This file only
// renames, lists values as arrays, and adds what the client alone knows: the refusals the web node adds outside the
// contracts, problem+json, and the unions the client builds. decode.ts is where incoming JSON is checked against these.

import * as wire from "./generated/contracts";
import type { TextOp } from "./text/textOp";

// ---- Partnerships (grains/Contracts/Partnerships) ----

export type {
  Side,
  MemberRole,
  PartnershipArea,
  PartnershipStatus,
  Party,
  PartnershipDetails,
  Member,
  BoardRef,
  PartnershipSnapshot,
  PartnershipListing,
  PartnershipSummary,
  DirectoryPage,
  DirectoryRow,
  ClusterSnapshot,
  SiloView,
  GrainTypeView,
} from "./generated/contracts";

export const SIDES: readonly wire.Side[] = wire.SideValues;
export const MEMBER_ROLES: readonly wire.MemberRole[] = wire.MemberRoleValues;
export const PARTNERSHIP_AREAS: readonly wire.PartnershipArea[] = wire.PartnershipAreaValues;
export const PARTNERSHIP_STATUSES: readonly wire.PartnershipStatus[] = wire.PartnershipStatusValues;

/** PartnershipRules: the lengths and counts the grain checks. */
export const PartnershipLimits = wire.PartnershipRules;

// ---- REST requests and answers (web/Accounts, web/Partnerships) ----

export type {
  RegisterRequest,
  SignInRequest,
  Me,
  MailSent,
  Verified,
  ResetPasswordRequest,
  ChangePasswordRequest,
  CreatePartnershipRequest,
  UpdatePartnershipRequest,
  AddMemberRequest,
  AddBoardRequest,
  ChangeMemberRequest,
  DeleteAccountRequest,
} from "./generated/contracts";

export const AccountLimits = {
  PasswordMin: wire.PasswordPolicy.Min,
  PasswordMax: wire.PasswordPolicy.Max,
  EmailMax: wire.AccountEndpoints.EmailMax,
} as const;

// ---- Invitations (grains/Contracts/Partnerships/Invites.cs, web/Partnerships/InviteEndpoints.cs) ----

export type { InviteRequest, Invite, InviteLink, InvitePreview } from "./generated/contracts";
// A cohort's evaluation (cohorteval, web/Cohorts/EvaluationEndpoints.cs).
export type {
  EvaluationChange,
  EvaluationFigure,
  EvaluationGroup,
  EvaluationGroupResult,
  EvaluationResults,
  EvaluationSettings,
  EvaluationSetup,
  EvaluationTimepoint,
  ItemAnswer,
  Questionnaire,
} from "./generated/contracts";

// Reflections and barriers (web/Cohorts/ReflectionEndpoints.cs, docs/decisions/023).
export type {
  BarrierCount,
  BarrierReport,
  BarrierTag,
  PartnershipBarriers,
  Reflection,
  ReflectionDraft,
  ReflectionSubject,
  ReflectionVisibility,
  ReflectionsView,
} from "./generated/contracts";

// ---- Search across a partnership's boards (web/Boards) ----
export type { CardSearchHit, CardSearchAnswer } from "./generated/contracts";
export type { ForMeList, MyCard, WaitingAgreement, OpenInvite, DigestSettings } from "./generated/contracts";
/** The built-in board templates' ids (BoardTemplates in C#), offered when a board is made. */
export const BOARD_TEMPLATES: readonly string[] = Object.values(wire.BoardTemplates);

/** A new person sends all three; a signed-in person sends {} (the web node reads what is missing as null). */
export type AcceptInviteRequest = Partial<wire.AcceptInviteRequest>;

/** InviteRules */
export const InviteLimits = {
  MaxUsesMax: wire.InviteRules.MaxUsesMax,
  ValidDaysMax: wire.InviteRules.ValidDaysMax,
  AddressedValidDays: wire.InviteRules.AddressedValidDays,
} as const;

// ---- Audit trail (grains/Contracts/Audit/IAuditGrain.cs) ----

export type { AuditEntry, AuditPage } from "./generated/contracts";

/** AuditActions: stable strings. */
export type AuditAction = (typeof wire.AuditActions)[keyof typeof wire.AuditActions];
export const AUDIT_ACTIONS: readonly AuditAction[] = Object.values(wire.AuditActions);

/** application/problem+json, as RefusalHandler writes it. */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  code?: string;
  field?: string | null;
}

// ---- Error codes (grains/Contracts/Common/HubError.cs, and the web node's own) ----

/** ErrorCodes, and the two the web node gives outside the grains (AccountEndpoints' sign-in, Antiforgery). */
export type ErrorCode = (typeof wire.ErrorCodes)[keyof typeof wire.ErrorCodes] | "sign_in_failed" | "antiforgery";

/** Refusals that say "not now" rather than "no": the operation stays queued and is sent again. */
export const RETRYABLE_CODES: readonly string[] = [wire.ErrorCodes.Unavailable, wire.ErrorCodes.RateLimited];

// ---- Boards (grains/Contracts/Boards) ----

export type { Board, Column, Card, CardCohortLink, ChecklistItem, Comment, BoardSnapshot, CardTextField, BoardOp } from "./generated/contracts";

export type BoardOpType = wire.BoardOp["type"];
export const BOARD_OP_TYPES: readonly BoardOpType[] = wire.BoardOpTypes;

export const BoardLimits = wire.BoardLimits;

// ---- The live mechanism (grains/Contracts/Live/LiveContracts.cs) ----

export type { OpId, SubmitResult, PresenceEntry, ClientOutcome } from "./generated/contracts";

/** A committed operation; `actorName` is null from a server that predates it (decode.ts reads it so). */
export type Committed<TOp> = Omit<wire.Committed<TOp>, "actorName"> & { actorName: string | null };

/** SyncResult, with its operations read as Committed above. */
export type SyncResult<TOp, TSnapshot> = Omit<wire.SyncResult<TOp, TSnapshot>, "ops"> & { ops: Committed<TOp>[] };

export type BoardSync = SyncResult<wire.BoardOp, wire.BoardSnapshot>;

/** The board hub (web/Realtime/BoardHub.cs): its path, the methods a client calls and the events it receives;
 * wire.BoardHubMethods and wire.BoardHubEvents say what each takes and answers. */
export const BoardHubContract = wire.BoardHubContract;

// ---- Shared text (grains/Contracts/Text) ----

export type { TextOp } from "./text/textOp";
export type { TextEdit, TextHistory } from "./generated/contracts";

/** TextLimits: the text history's length and an operation's steps (and the longest text one may walk). */
export const TextLimits = wire.TextLimits;

// ---- Agreements (grains/Contracts/Agreements) ----

export type {
  AgreementSection,
  AgreementParty,
  RecordCheck,
  WithdrawalReason,
  Approval,
  WithdrawnApproval,
  AgreementVersionInfo,
  AgreementVersion,
  Agreement,
  AgreementSnapshot,
  AgreementOp,
} from "./generated/contracts";

export const AGREEMENT_SECTIONS: readonly wire.AgreementSection[] = wire.AgreementSectionValues;
export const AGREEMENT_PARTIES: readonly wire.AgreementParty[] = wire.AgreementPartyValues;
export const RECORD_CHECKS: readonly wire.RecordCheck[] = wire.RecordCheckValues;

export type AgreementOpType = wire.AgreementOp["type"];
export const AGREEMENT_OP_TYPES: readonly AgreementOpType[] = wire.AgreementOpTypes;

export const AgreementLimits = wire.AgreementLimits;

export type AgreementSync = SyncResult<wire.AgreementOp, wire.AgreementSnapshot>;

/** The agreement hub (web/Realtime/AgreementHub.cs); the document id is the partnership's id. */
export const AgreementHubContract = wire.AgreementHubContract;

// ---- Cohorts (grains/Contracts/Cohorts, web/Cohorts) ----

export type {
  Cohort,
  CohortModule,
  CohortSession,
  CohortMember,
  CohortRole,
  CohortTeam,
  AttendanceMark,
  AttendanceStatus,
  CohortSnapshot,
  CohortSummary,
  CohortDetails,
  CohortOp,
  CohortInvite,
  CohortInviteRequest,
  CohortInviteLink,
  CohortInvitePreview,
  CohortAssignment,
  AssignmentCard,
  AssignmentStatus,
  AssignmentGiven,
  TeamPlacement,
  AttendanceNote,
  CheckInCode,
  TeamProposal,
  ProposedTeam,
} from "./generated/contracts";

export const COHORT_ROLES: readonly wire.CohortRole[] = wire.CohortRoleValues;
export const ATTENDANCE_STATUSES: readonly wire.AttendanceStatus[] = wire.AttendanceStatusValues;

export type CohortOpType = wire.CohortOp["type"];
export const COHORT_OP_TYPES: readonly CohortOpType[] = wire.CohortOpTypes;

export const CohortLimits = wire.CohortLimits;

export type CohortSync = SyncResult<wire.CohortOp, wire.CohortSnapshot>;

/** The cohort hub (web/Live/CohortHub.cs); the document id is the cohort's id. */
export const CohortHubContract = wire.CohortHubContract;

/** The partnership hub (web/Live/PartnershipHub.cs): a page watches a partnership and hears when it changed. */
export const PartnershipHubContract = wire.PartnershipHubContract;

/** Ids chosen by clients (columns, cards, items, comments, client ids): 1–64 of [A-Za-z0-9_-]. */
export const ID_PATTERN = /^[A-Za-z0-9_-]+$/;

// The text engine (text/textOp.ts) has its own name for an operation; it must be the wire's shape exactly.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const textOpIsTheWireShape: Same<TextOp, wire.TextOp> = true;
void textOpIsTheWireShape;
