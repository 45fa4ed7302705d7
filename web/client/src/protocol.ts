// The wire contract, typed once. It mirrors the C# records in grains/Contracts (and the request records in
// web/Accounts and web/Partnerships) as they appear in JSON: camelCase names, enums as camelCase strings,
// DateTimeOffset and DateOnly as ISO strings, board operations told apart by "type".
// docs/protocol.md describes every shape and rule; change the three together.

import type { TextOp } from "./text/textOp";

// ---- Partnerships (grains/Contracts/Partnerships) ----

export type Side = "municipality" | "voluntaryOrganisation" | "volunteerCentre";
export const SIDES: readonly Side[] = ["municipality", "voluntaryOrganisation", "volunteerCentre"];

export type MemberRole = "coordinator" | "member" | "observer";
export const MEMBER_ROLES: readonly MemberRole[] = ["coordinator", "member", "observer"];

export type PartnershipArea = "socialPsychiatry" | "vulnerableAdults" | "disability" | "other";
export const PARTNERSHIP_AREAS: readonly PartnershipArea[] = ["socialPsychiatry", "vulnerableAdults", "disability", "other"];

export type PartnershipStatus = "draft" | "active" | "paused" | "ended";
export const PARTNERSHIP_STATUSES: readonly PartnershipStatus[] = ["draft", "active", "paused", "ended"];

export interface Party {
  name: string;
  side: Side;
}

export interface PartnershipDetails {
  name: string;
  municipality: string;
  area: PartnershipArea;
  parties: Party[];
  purpose: string;
  targetGroup: string;
  sharedGoals: string;
  municipalityGoals: string;
  voluntaryGoals: string;
  /** DateOnly: "yyyy-mm-dd". */
  startsOn: string | null;
  endsOn: string | null;
  status: PartnershipStatus;
}

export interface Member {
  userId: string;
  displayName: string;
  side: Side;
  role: MemberRole;
  joinedAt: string;
}

export interface BoardRef {
  boardId: string;
  name: string;
}

export interface PartnershipSnapshot {
  id: string;
  details: PartnershipDetails;
  members: Member[];
  boards: BoardRef[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A partnership in the platform admins' directory (GET /api/admin/partnerships): no people, no content. */
export interface PartnershipListing {
  id: string;
  name: string;
  municipality: string;
  area: PartnershipArea;
  status: PartnershipStatus;
  /** How many take part. */
  members: number;
  createdAt: string;
}

export interface PartnershipSummary {
  id: string;
  name: string;
  municipality: string;
  area: PartnershipArea;
  status: PartnershipStatus;
  role: MemberRole;
  side: Side;
}

export const PartnershipLimits = {
  NameMax: 120,
  MunicipalityMax: 80,
  PartyNameMax: 120,
  PartiesMax: 12,
  LongTextMax: 4000,
  DisplayNameMax: 80,
} as const;

// ---- REST requests and answers (web/Accounts, web/Partnerships) ----

export interface RegisterRequest {
  email: string;
  displayName: string;
  password: string;
}

export interface SignInRequest {
  email: string;
  password: string;
}

export interface Me {
  userId: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
}

/** The answer to registering, asking for a reset, or joining by link as a new person: the same whatever the address. */
export interface MailSent {
  email: string;
}

/** The account made by following the link in the verification mail, and the partnership joined, if the link came
 * from an invitation (`inviteProblem` says why not, when the invitation was used up meanwhile). */
export interface Verified {
  account: Me;
  partnershipId: string | null;
  inviteProblem: string | null;
}

export interface ResetPasswordRequest {
  token: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface CreatePartnershipRequest {
  details: PartnershipDetails;
  creatorSide: Side;
}

export interface UpdatePartnershipRequest {
  details: PartnershipDetails;
  expectedVersion: number | null;
}

export interface AddMemberRequest {
  email: string;
  side: Side;
  role: MemberRole;
}

export interface AddBoardRequest {
  name: string;
}

export const AccountLimits = { PasswordMin: 10, PasswordMax: 128, EmailMax: 254 } as const;

export interface ChangeMemberRequest {
  side: Side;
  role: MemberRole;
}

// ---- Invitations (grains/Contracts/Partnerships/Invites.cs, web/Partnerships/InviteEndpoints.cs) ----

export interface InviteRequest {
  side: Side;
  role: MemberRole;
  maxUses: number;
  validDays: number;
}

/** An invitation as the partnership keeps it; the link itself is never stored, so it is not here. */
export interface Invite {
  id: string;
  side: Side;
  role: MemberRole;
  maxUses: number;
  uses: number;
  expiresAt: string;
  revoked: boolean;
  createdBy: string;
  createdAt: string;
  /** Sent to this address (adding a member by e-mail): only that person, with that address verified, can accept. */
  addressedTo?: string | null;
}

/** The answer to creating an invitation: `path` is "/invite/{secret}", shown this once and never again. */
export interface InviteLink {
  invite: Invite;
  path: string;
}

/** What the holder of a link sees before joining (anonymous allowed). */
export interface InvitePreview {
  partnershipId: string;
  partnershipName: string;
  municipality: string;
  side: Side;
  role: MemberRole;
  expiresAt: string;
}

/** A new person sends all three; a signed-in person sends {}. */
export interface AcceptInviteRequest {
  email?: string;
  displayName?: string;
  password?: string;
}

/** InviteRules */
export const InviteLimits = { MaxUsesMax: 200, ValidDaysMax: 60 } as const;

// ---- Audit trail (grains/Contracts/Audit/IAuditGrain.cs, web/Audit/AuditEndpoints.cs) ----

export interface AuditEntry {
  at: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  /** "user:{id}", "invite:{id}", "partnership:{id}", "email:{address}" */
  target: string;
  detail: string | null;
}

/** AuditActions: stable strings. */
export const AUDIT_ACTIONS = [
  "signed-in", "sign-in-failed", "locked-out", "signed-out", "account-created", "password-reset", "password-changed",
  "account-deleted", "data-exported", "invite-created", "member-invited", "invite-revoked", "invite-accepted", "member-added",
  "role-changed", "member-removed", "admin-viewed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

// ---- Personal data (web/Accounts/PersonalData.cs) ----

export interface DeleteAccountRequest {
  password: string;
}

/** application/problem+json, as RefusalHandler writes it. */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  code?: string;
  field?: string | null;
}

// ---- Error codes (grains/Contracts/Common/HubError.cs, LiveGrain, AccountEndpoints) ----

export type ErrorCode =
  | "validation"
  | "not_found"
  | "forbidden"
  | "conflict"
  | "limit_exceeded"
  | "malformed"
  | "unavailable"
  | "rate_limited"
  | "sign_in_failed"
  | "sign_in_throttled"
  | "weak_password"
  | "antiforgery"
  | "stale";

/** Refusals that say "not now" rather than "no": the operation stays queued and is sent again. */
export const RETRYABLE_CODES: readonly string[] = ["unavailable", "rate_limited"];

// ---- Boards (grains/Contracts/Boards) ----

export interface Board {
  id: string;
  partnershipId: string;
  name: string;
  columns: Column[];
  cards: Record<string, Card>;
  /** The recent description edits (shared text); null in boards stored before descriptions were shared text. */
  texts?: TextHistory | null;
}

export interface Column {
  id: string;
  title: string;
  archived: boolean;
  cardIds: string[];
}

export interface Card {
  id: string;
  title: string;
  description: string;
  startsAt: string | null;
  endsAt: string | null;
  place: string;
  ownerIds: string[];
  volunteerTasks: string;
  staffTasks: string;
  labels: string[];
  checklist: ChecklistItem[];
  comments: Comment[];
  archived: boolean;
  createdBy: string;
  createdAt: string;
}

export interface ChecklistItem {
  id: string;
  text: string;
  done: boolean;
  assigneeId: string | null;
}

export interface Comment {
  id: string;
  authorId: string;
  authorName: string;
  at: string;
  text: string;
  editedAt: string | null;
}

export interface BoardSnapshot {
  seq: number;
  board: Board;
}

export type CardTextField = "title" | "description" | "place" | "volunteerTasks" | "staffTasks";

/** Every change to a board; "type" is the JSON discriminator of BoardOp's [JsonDerivedType]s. */
export type BoardOp =
  | { type: "renameBoard"; name: string }
  | { type: "addColumn"; columnId: string; title: string; index: number | null }
  | { type: "renameColumn"; columnId: string; title: string }
  | { type: "moveColumn"; columnId: string; index: number }
  | { type: "archiveColumn"; columnId: string }
  | { type: "restoreColumn"; columnId: string }
  | { type: "addCard"; cardId: string; columnId: string; title: string; index: number | null }
  /** Title, place and the task fields; the description is refused here (it is shared text: editCardDescription). */
  | { type: "setCardText"; cardId: string; field: CardTextField; value: string }
  /** A change to a card's description, composed against the board at seq `base` (shared text). */
  | { type: "editCardDescription"; cardId: string; base: number; op: TextOp }
  | { type: "setCardSchedule"; cardId: string; startsAt: string | null; endsAt: string | null }
  | { type: "setCardOwners"; cardId: string; ownerIds: string[] }
  | { type: "setCardLabels"; cardId: string; labels: string[] }
  | { type: "moveCard"; cardId: string; toColumnId: string; index: number }
  | { type: "archiveCard"; cardId: string }
  | { type: "restoreCard"; cardId: string }
  | { type: "addChecklistItem"; cardId: string; itemId: string; text: string }
  | { type: "updateChecklistItem"; cardId: string; itemId: string; text: string; done: boolean; assigneeId: string | null }
  | { type: "removeChecklistItem"; cardId: string; itemId: string }
  | { type: "addComment"; cardId: string; commentId: string; text: string }
  | { type: "editComment"; cardId: string; commentId: string; text: string }
  | { type: "deleteComment"; cardId: string; commentId: string }
  /** Made by the board itself when a person deletes their account; clients never send it. */
  | { type: "forgetPerson"; userId: string };

export type BoardOpType = BoardOp["type"];

export const BOARD_OP_TYPES: readonly BoardOpType[] = [
  "renameBoard", "addColumn", "renameColumn", "moveColumn", "archiveColumn", "restoreColumn",
  "addCard", "setCardText", "editCardDescription", "setCardSchedule", "setCardOwners", "setCardLabels", "moveCard",
  "archiveCard", "restoreCard", "addChecklistItem", "updateChecklistItem", "removeChecklistItem",
  "addComment", "editComment", "deleteComment", "forgetPerson",
];

/** grains/Contracts/Boards/BoardLimits.cs */
export const BoardLimits = {
  IdMax: 64,
  BoardNameMax: 120,
  ColumnTitleMax: 80,
  ColumnsMax: 30,
  CardsMax: 2000,
  CardTitleMax: 200,
  DescriptionMax: 20_000,
  PlaceMax: 200,
  TasksMax: 4000,
  OwnersMax: 20,
  LabelsMax: 20,
  LabelMax: 40,
  ChecklistMax: 100,
  ChecklistTextMax: 500,
  CommentsMax: 500,
  CommentMax: 4000,
} as const;

// ---- The live mechanism (grains/Contracts/Live/LiveContracts.cs) ----

export interface OpId {
  clientId: string;
  number: number;
}

export interface Committed<TOp> {
  seq: number;
  id: OpId;
  actorId: string;
  at: string;
  op: TOp;
  /** The actor's display name when it was committed (comments keep it). Null from a server that predates it. */
  actorName: string | null;
}

/** Exactly one of: applied (seq), duplicate (duplicate, seq when it had been applied), refused (errorCode, error). */
export interface SubmitResult {
  seq: number | null;
  duplicate: boolean;
  errorCode: string | null;
  error: string | null;
}

export interface PresenceEntry {
  connectionId: string;
  userId: string;
  displayName: string;
  side: Side | null;
  colour: string;
  editing: string | null;
}

/** The last operation the grain handled from one client: committed as `seq`, or refused (`seq` null). */
export interface ClientOutcome {
  clientId: string;
  number: number;
  seq: number | null;
}

/**
 * Either the ops after the client's seq (`seq` the last of them), or a snapshot as of its own seq (= `seq`) and the
 * ops after it. With a snapshot, `outcomes` holds the last operation handled from each of the caller's clients.
 */
export interface SyncResult<TOp, TSnapshot> {
  seq: number;
  ops: Committed<TOp>[];
  snapshot: TSnapshot | null;
  presence: PresenceEntry[];
  outcomes: ClientOutcome[];
}

export type BoardSync = SyncResult<BoardOp, BoardSnapshot>;

/** The board hub (web/Realtime/BoardHub.cs): its path, the methods a client calls and the events it receives. */
export const BoardHubContract = {
  path: "/hubs/board",
  methods: {
    /** (boardId, fromSeq) → BoardSync; fromSeq 0 ("I have nothing") always brings a snapshot. Announces presence. */
    join: "Join",
    /** (boardId, OpId, BoardOp) → SubmitResult */
    submit: "Submit",
    /** (boardId, fromSeq) → BoardSync */
    sync: "Sync",
    /** (boardId, cardId | null) → void */
    editing: "Editing",
    /** (boardId) → void */
    leave: "Leave",
  },
  events: {
    /** (boardId, Committed<BoardOp>[]) */
    committed: "Committed",
    /** (boardId, PresenceEntry[]) */
    presence: "Presence",
    /** (boardId): this person may no longer read the board */
    revoked: "Revoked",
  },
} as const;

// ---- Shared text (grains/Contracts/Text) ----

export type { TextOp } from "./text/textOp";

/** A committed text operation: its seq, its sender, the field (section key, card id) and the op as applied. */
export interface TextEdit {
  seq: number;
  id: OpId;
  field: string;
  op: TextOp;
}

/** A document's recent text operations: every one with a seq greater than `from`. */
export interface TextHistory {
  from: number;
  edits: TextEdit[];
}

/** grains/Contracts/Text/TextHistory.cs */
export const TextLimits = { HistoryMax: 100, StepsMax: 1000 } as const;

// ---- Agreements (grains/Contracts/Agreements) ----

export type AgreementSection = "purpose" | "targetGroup" | "roles" | "boundary" | "confidentiality" | "meetings" | "startAndEnd";
export const AGREEMENT_SECTIONS: readonly AgreementSection[] = ["purpose", "targetGroup", "roles", "boundary", "confidentiality", "meetings", "startAndEnd"];

/** The two sides that approve: the municipality, and the voluntary side (organisations and volunteer centres). */
export type AgreementParty = "municipality" | "voluntary";
export const AGREEMENT_PARTIES: readonly AgreementParty[] = ["municipality", "voluntary"];

/** Whether volunteers need a børneattest or straffeattest. */
export type RecordCheck = "unknown" | "required" | "notRequired";
export const RECORD_CHECKS: readonly RecordCheck[] = ["unknown", "required", "notRequired"];

export type WithdrawalReason = "edited" | "withdrawn";

export interface Approval {
  party: AgreementParty;
  userId: string;
  displayName: string;
  at: string;
  seq: number;
}

export interface WithdrawnApproval {
  approval: Approval;
  reason: WithdrawalReason;
  byUserId: string;
  byName: string;
  at: string;
}

export interface AgreementVersionInfo {
  number: number;
  seq: number;
  frozenAt: string;
  approvals: Approval[];
}

export interface AgreementVersion extends AgreementVersionInfo {
  sections: Record<AgreementSection, string>;
  recordCheck: RecordCheck;
}

export interface Agreement {
  partnershipId: string;
  sections: Record<AgreementSection, string>;
  recordCheck: RecordCheck;
  approvals: Approval[];
  withdrawn: WithdrawnApproval[];
  versions: AgreementVersionInfo[];
  latest: AgreementVersion | null;
  changedSeq: number;
  texts: TextHistory;
}

export interface AgreementSnapshot {
  seq: number;
  agreement: Agreement;
}

export type AgreementOp =
  /** A change to one section, composed against the agreement at seq `base`. */
  | { type: "editSection"; section: AgreementSection; base: number; op: TextOp }
  | { type: "setRecordCheck"; value: RecordCheck }
  /** A coordinator approves the draft for their side, as they read it at `base`. */
  | { type: "approve"; party: AgreementParty; base: number }
  | { type: "withdrawApproval"; party: AgreementParty }
  /** Made by the agreement itself when a person deletes their account; clients never send it. */
  | { type: "forgetPerson"; userId: string };

export type AgreementOpType = AgreementOp["type"];
export const AGREEMENT_OP_TYPES: readonly AgreementOpType[] = ["editSection", "setRecordCheck", "approve", "withdrawApproval", "forgetPerson"];

/** grains/Contracts/Agreements/Agreement.cs */
export const AgreementLimits = { SectionMax: 10_000, VersionsMax: 200 } as const;

export type AgreementSync = SyncResult<AgreementOp, AgreementSnapshot>;

/** The agreement hub (web/Realtime/AgreementHub.cs); the document id is the partnership's id. */
export const AgreementHubContract = {
  path: "/hubs/agreement",
  methods: {
    join: "Join",
    submit: "Submit",
    sync: "Sync",
    /** (partnershipId, "section" or "section~anchor~head~seq" | null) → void */
    editing: "Editing",
    leave: "Leave",
    /** (partnershipId, number) → AgreementVersion */
    version: "Version",
  },
  events: {
    committed: "Committed",
    presence: "Presence",
    revoked: "Revoked",
  },
} as const;

/** Ids chosen by clients (columns, cards, items, comments, client ids): 1–64 of [A-Za-z0-9_-]. */
export const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
