// The REST endpoints (web/Accounts, web/Partnerships). Bodies are parsed here and nowhere else; a refusal
// arrives as application/problem+json and becomes an ApiError carrying its code, field and message.

import { decodeBoardSnapshot, decodeCohortSnapshot, object, array } from "./decode";
import type { DocumentExport, DocumentInspection, RestorePreview, ScopeInspection } from "./generated/contracts";
import type {
  BarrierReport,
  BarrierTag,
  PartnershipBarriers,
  Reflection,
  ReflectionDraft,
  ReflectionsView,
  AcceptInviteRequest,
  AddBoardRequest,
  AddMemberRequest,
  AuditEntry,
  BoardOp,
  BoardRef,
  BoardSnapshot,
  Committed,
  CardSearchHit,
  ChangeMemberRequest,
  CohortDetails,
  CohortInviteLink,
  CohortInvitePreview,
  CohortInviteRequest,
  CohortSnapshot,
  CohortSummary,
  DeleteAccountRequest,
  DigestSettings,
  ForMeList,
  EvaluationResults,
  EvaluationSettings,
  EvaluationSetup,
  EvaluationTimepoint,
  ItemAnswer,
  Questionnaire,
  Invite,
  InviteLink,
  InvitePreview,
  InviteRequest,
  ChangePasswordRequest,
  CreatePartnershipRequest,
  MailSent,
  Me,
  ClusterSnapshot,
  DirectoryPage,
  PartnershipArea,
  PartnershipSnapshot,
  PartnershipStatus,
  PartnershipSummary,
  Problem,
  RegisterRequest,
  ResetPasswordRequest,
  SignInRequest,
  UpdatePartnershipRequest,
  Verified,
} from "./protocol";
import type { SessionDetails, SessionEntry, SessionReport, SessionStaff, Side, StaffView } from "./generated/contracts";

/** Joining by link: a signed-in person is in at once; a new person gets a mail whose link makes the account. */
export type InviteAnswer = { kind: "joined"; partnership: PartnershipSnapshot } | { kind: "mailSent"; email: string };

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field: string | null) {
    super(message);
    this.name = "ApiError";
  }
}

/** Called when the server says we are not signed in (an expired cookie): the app shows the sign-in screen. */
let unauthorized: () => void = () => undefined;
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
}

/**
 * The antiforgery token for a request that changes something. It belongs to the signed-in person, so it is
 * fetched afresh before each such request (they are few: live edits go through the hub, not here).
 */
async function antiforgeryToken(): Promise<string> {
  const response = await fetch("/api/antiforgery", { credentials: "same-origin", headers: { Accept: "application/json" } });
  const json = (await response.json()) as { token?: unknown };
  return typeof json.token === "string" ? json.token : "";
}

/** The server hands an audit partition out a page at a time; the views show a whole month or day, so read on
 * while it names a next page (bounded: a page past the last is never asked for, and a loop ends at 1,000 pages). */
async function auditPages(path: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let page: number | null = 0;
  for (let read = 0; page !== null && read < 1000; read++) {
    const body = object(await request("GET", `${path}&page=${page}`), "audit page");
    entries.push(...(array(body.entries, "audit entries") as AuditEntry[]));
    page = typeof body.next === "number" && body.next > page ? body.next : null;
  }
  return entries;
}

function inspectPath(scope: string, id: string, kind?: string, docId?: string): string {
  const base = `/api/admin/inspect/${encodeURIComponent(scope)}/${encodeURIComponent(id)}`;
  return kind && docId ? `${base}/${encodeURIComponent(kind)}/${encodeURIComponent(docId)}` : base;
}

async function request(method: string, path: string, body?: unknown): Promise<unknown> {
  let response: Response;
  try {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET") headers["X-CSRF-TOKEN"] = await antiforgeryToken();
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "unavailable", "Serveren kan ikke nås. / The server cannot be reached.", null);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let json: unknown = null;
  if (text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith("/api/account/")) unauthorized();
    const problem = (json ?? {}) as Partial<Problem>;
    const code = problem.code ?? (response.status === 401 ? "sign_in_failed" : response.status === 404 ? "not_found" : response.status >= 500 ? "unavailable" : "validation");
    throw new ApiError(response.status, code, problem.detail ?? response.statusText, problem.field ?? null);
  }
  return json;
}

const reflections = (id: string) => `/api/cohorts/${encodeURIComponent(id)}/reflections`;
const evaluation = (id: string) => `/api/cohorts/${encodeURIComponent(id)}/evaluation`;

export const api = {
  register: async (body: RegisterRequest) => object(await request("POST", "/api/account/register", body), "mail sent") as unknown as MailSent,
  /** The token from the link in the verification mail: makes the account and signs in. */
  verify: async (token: string) => object(await request("POST", "/api/account/verify", { token }), "verified") as unknown as Verified,
  forgotPassword: async (email: string) => object(await request("POST", "/api/account/forgot-password", { email }), "mail sent") as unknown as MailSent,
  resetPassword: async (body: ResetPasswordRequest) => object(await request("POST", "/api/account/reset-password", body), "me") as unknown as Me,
  changePassword: async (body: ChangePasswordRequest) => object(await request("POST", "/api/account/password", body), "me") as unknown as Me,
  signIn: async (body: SignInRequest) => object(await request("POST", "/api/account/sign-in", body), "me") as unknown as Me,
  signOut: async () => {
    await request("POST", "/api/account/sign-out");
  },
  me: async () => object(await request("GET", "/api/account/me"), "me") as unknown as Me,
  /** Identity providers staff may sign in with (web/Accounts/ExternalSignIn.cs); empty when none is configured. */
  providers: async () =>
    array(await request("GET", "/api/account/providers"), "providers").map((p) => {
      const o = object(p, "provider");
      return { displayName: String(o.displayName ?? ""), path: String(o.path ?? "") };
    }),
  partnerships: async () => array(await request("GET", "/api/partnerships"), "partnerships") as PartnershipSummary[],
  createPartnership: async (body: CreatePartnershipRequest) =>
    object(await request("POST", "/api/partnerships", body), "partnership") as unknown as PartnershipSnapshot,
  partnership: async (id: string) => object(await request("GET", `/api/partnerships/${encodeURIComponent(id)}`), "partnership") as unknown as PartnershipSnapshot,
  updatePartnership: async (id: string, body: UpdatePartnershipRequest) =>
    object(await request("PUT", `/api/partnerships/${encodeURIComponent(id)}`, body), "partnership") as unknown as PartnershipSnapshot,
  /** Adding by e-mail sends the person an invitation; they become a member when they accept it. */
  addMember: async (id: string, body: AddMemberRequest) =>
    object(await request("POST", `/api/partnerships/${encodeURIComponent(id)}/members`, body), "invite") as unknown as Invite,
  addBoard: async (id: string, body: AddBoardRequest) =>
    object(await request("POST", `/api/partnerships/${encodeURIComponent(id)}/boards`, body), "board") as unknown as BoardRef,
  board: async (id: string): Promise<BoardSnapshot> => decodeBoardSnapshot(await request("GET", `/api/boards/${encodeURIComponent(id)}`)),
  /** Cards matching a query on every board of the partnership that the person may read. */
  searchCards: async (partnershipId: string, query: string): Promise<CardSearchHit[]> =>
    array(object(await request("GET", `${partnershipPath(partnershipId)}/card-search?q=${encodeURIComponent(query)}`), "card search").hits, "hits").map(
      (h) => object(h, "hit") as unknown as CardSearchHit,
    ),
  /** A board's recent operations, newest first (read-only; shown in sentences by views/boardHistory.ts). */
  boardHistory: async (id: string) =>
    array(object(await request("GET", `/api/boards/${encodeURIComponent(id)}/history`), "history").ops, "ops") as Committed<BoardOp>[],
  /** "Til mig": what waits for the signed-in person, and their daily digest (web/ForMe). */
  waiting: async () => object(await request("GET", "/api/me/waiting"), "waiting") as unknown as ForMeList,
  digest: async () => object(await request("GET", "/api/me/digest"), "digest") as unknown as DigestSettings,
  setDigest: async (enabled: boolean) => object(await request("PUT", "/api/me/digest", { enabled }), "digest") as unknown as DigestSettings,
  unsubscribeDigest: async (token: string) => {
    await request("POST", "/api/digest/unsubscribe", { token });
  },
  changeMember: async (id: string, userId: string, body: ChangeMemberRequest) =>
    object(await request("PUT", `${partnershipPath(id)}/members/${encodeURIComponent(userId)}`, body), "partnership") as unknown as PartnershipSnapshot,
  removeMember: async (id: string, userId: string) =>
    object(await request("DELETE", `${partnershipPath(id)}/members/${encodeURIComponent(userId)}`), "partnership") as unknown as PartnershipSnapshot,

  // Invitations: coordinators create, list and revoke; anyone holding a link previews and accepts it.
  invites: async (id: string) => array(await request("GET", `${partnershipPath(id)}/invites`), "invites") as Invite[],
  createInvite: async (id: string, body: InviteRequest) =>
    object(await request("POST", `${partnershipPath(id)}/invites`, body), "invite link") as unknown as InviteLink,
  revokeInvite: async (id: string, inviteId: string) =>
    object(await request("DELETE", `${partnershipPath(id)}/invites/${encodeURIComponent(inviteId)}`), "invite") as unknown as Invite,
  invitePreview: async (secret: string) => object(await request("GET", `/api/invites/${encodeURIComponent(secret)}`), "invite") as unknown as InvitePreview,
  acceptInvite: async (secret: string, body: AcceptInviteRequest): Promise<InviteAnswer> => {
    const answer = object(await request("POST", `/api/invites/${encodeURIComponent(secret)}/accept`, body), "invite answer");
    return Array.isArray(answer.members)
      ? { kind: "joined", partnership: answer as unknown as PartnershipSnapshot }
      : { kind: "mailSent", email: String(answer.email ?? "") };
  },

  /** A partnership's audit trail for one month ("yyyy-MM"): coordinators and platform admins. */
  audit: async (id: string, month: string) => auditPages(`${partnershipPath(id)}/audit?month=${encodeURIComponent(month)}`),

  /** Platform admins: one page of the partnership directory, the cluster now, and the account events of one day ("yyyy-MM-dd"). */
  adminDirectory: async (search: DirectorySearch) =>
    object(await request("GET", `/api/admin/partnerships?${directoryParams(search)}`), "directory") as unknown as DirectoryPage,
  adminCluster: async () => object(await request("GET", "/api/admin/cluster"), "cluster") as unknown as ClusterSnapshot,
  adminAudit: async (day: string) => auditPages(`/api/admin/audit?day=${encodeURIComponent(day)}`),

  /** The grain inspector (web/Admin/InspectorEndpoints.cs): platform admins only; every action is audited by the server. */
  inspector: {
    scope: async (scope: string, id: string) => object(await request("GET", inspectPath(scope, id)), "inspection") as unknown as ScopeInspection,
    document: async (scope: string, id: string, kind: string, docId: string) =>
      object(await request("GET", inspectPath(scope, id, kind, docId)), "document inspection") as unknown as DocumentInspection,
    reveal: async (scope: string, id: string, reason: string) => {
      await request("POST", `${inspectPath(scope, id)}/reveal`, { reason });
    },
    appoint: async (scope: string, id: string, person: string) => {
      await request("POST", `${inspectPath(scope, id)}/coordinator`, { person });
    },
    deactivate: async (scope: string, id: string, kind: string, docId: string) => {
      await request("POST", `${inspectPath(scope, id, kind, docId)}/deactivate`);
    },
    disconnect: async (scope: string, id: string, kind: string, docId: string, connectionId: string) => {
      await request("POST", `${inspectPath(scope, id, kind, docId)}/disconnect`, { connectionId });
    },
    export: async (scope: string, id: string, kind: string, docId: string, reason: string | null) =>
      object(await request("POST", `${inspectPath(scope, id, kind, docId)}/export`, { reason }), "export") as unknown as DocumentExport,
    preview: async (scope: string, id: string, kind: string, docId: string, json: string) =>
      object(await request("POST", `${inspectPath(scope, id, kind, docId)}/restore/preview`, { json }), "restore preview") as unknown as RestorePreview,
    restore: async (scope: string, id: string, kind: string, docId: string, json: string, expectedSeq: number, reason: string) => {
      await request("POST", `${inspectPath(scope, id, kind, docId)}/restore`, { json, expectedSeq, reason });
    },
  },

  // A cohort's evaluation (web/Cohorts/EvaluationEndpoints.cs): the questionnaire, the results, the moderators' setup.
  questionnaire: async (id: string) => object(await request("GET", `${evaluation(id)}/questionnaire`), "questionnaire") as unknown as Questionnaire,
  answer: async (id: string, timepoint: EvaluationTimepoint, answers: ItemAnswer[]) =>
    object(await request("POST", `${evaluation(id)}/answers`, { timepoint, answers }), "questionnaire") as unknown as Questionnaire,
  evaluationResults: async (id: string) => object(await request("GET", `${evaluation(id)}/results`), "results") as unknown as EvaluationResults,
  evaluationSetup: async (id: string) => object(await request("GET", `${evaluation(id)}/setup`), "setup") as unknown as EvaluationSetup,
  setTimepoint: async (id: string, timepoint: EvaluationTimepoint, open: boolean) =>
    object(await request("POST", `${evaluation(id)}/timepoints/${timepoint.toUpperCase()}/${open ? "open" : "close"}`), "setup") as unknown as EvaluationSetup,
  evaluationSettings: async (id: string, body: EvaluationSettings) =>
    object(await request("PUT", `${evaluation(id)}/settings`, body), "setup") as unknown as EvaluationSetup,
  // Reflections (web/Cohorts/ReflectionEndpoints.cs): what the reader may see, filtered by the server.
  cohort: async (id: string): Promise<CohortSnapshot> => decodeCohortSnapshot(await request("GET", `/api/cohorts/${encodeURIComponent(id)}`)),
  reflections: async (id: string) => object(await request("GET", reflections(id)), "reflections") as unknown as ReflectionsView,
  writeReflection: async (id: string, draft: ReflectionDraft) => object(await request("PUT", reflections(id), draft), "reflection") as unknown as Reflection,
  removeReflection: async (id: string, reflectionId: string) => {
    await request("DELETE", `${reflections(id)}/${encodeURIComponent(reflectionId)}`);
  },
  setReflectionPrompts: async (id: string, prompts: string[]) => array(await request("PUT", `${reflections(id)}/prompts`, { prompts }), "prompts") as string[],
  partnershipBarriers: async (id: string) =>
    object(await request("GET", `/api/partnerships/${encodeURIComponent(id)}/barriers`), "barriers") as unknown as PartnershipBarriers,
  setPartnershipBarriers: async (id: string, barriers: BarrierTag[]) =>
    object(await request("PUT", `/api/partnerships/${encodeURIComponent(id)}/barriers`, { barriers }), "barriers") as unknown as PartnershipBarriers,
  adminBarriers: async () => object(await request("GET", "/api/admin/barriers"), "barrier report") as unknown as BarrierReport,
  // Cohorts (web/Cohorts): a person's list, creating one, and invitation links; changes go through the cohort hub.
  cohorts: async () => array(await request("GET", "/api/cohorts"), "cohorts") as CohortSummary[],
  createCohort: async (body: CohortDetails): Promise<CohortSnapshot> => decodeCohortSnapshot(await request("POST", "/api/cohorts", body)),
  createCohortInvite: async (id: string, body: CohortInviteRequest) =>
    object(await request("POST", `/api/cohorts/${encodeURIComponent(id)}/invites`, body), "cohort invite link") as unknown as CohortInviteLink,
  cohortInvitePreview: async (secret: string) =>
    object(await request("GET", `/api/cohort-invites/${encodeURIComponent(secret)}`), "cohort invite") as unknown as CohortInvitePreview,
  acceptCohortInvite: async (secret: string) =>
    object(await request("POST", `/api/cohort-invites/${encodeURIComponent(secret)}/accept`), "cohort") as unknown as CohortSummary,

  // Live sessions (web/Sessions): moderators create one; anyone with the code joins (a cookie keeps who they are).
  createSession: async (body: SessionDetails) => object(await request("POST", "/api/sessions", body), "session") as unknown as StaffView,
  sessionReport: async (id: string) => object(await request("GET", `/api/sessions/${encodeURIComponent(id)}/report`), "session report") as unknown as SessionReport,
  sessionCandidates: async (id: string) => array(await request("GET", `/api/sessions/${encodeURIComponent(id)}/candidates`), "candidates") as SessionStaff[],
  joinSession: async (code: string, displayName: string, side: Side | null) =>
    object(await request("POST", "/api/sessions/join", { code, displayName, side }), "session entry") as unknown as SessionEntry,

  /** Everything Hub holds about the signed-in person, as the JSON they download. */
  myData: async () => object(await request("GET", "/api/account/data"), "personal data"),
  deleteAccount: async (body: DeleteAccountRequest) => {
    await request("POST", "/api/account/delete", body);
  },
};

function partnershipPath(id: string): string {
  return `/api/partnerships/${encodeURIComponent(id)}`;
}

/** A search of the admins' directory as the page holds it; empty values are left out of the address. */
export interface DirectorySearch {
  text: string;
  area: PartnershipArea | "";
  status: PartnershipStatus | "";
  dormant: boolean;
  sort: "name" | "municipality" | "members" | "lastActivity";
  descending: boolean;
  page: number;
}

export function directoryParams(search: DirectorySearch): string {
  const params = new URLSearchParams();
  if (search.text.trim()) params.set("q", search.text.trim());
  if (search.area) params.set("area", search.area);
  if (search.status) params.set("status", search.status);
  if (search.dormant) params.set("dormant", "true");
  params.set("sort", search.sort);
  if (search.descending) params.set("desc", "true");
  params.set("page", String(search.page));
  return params.toString();
}
