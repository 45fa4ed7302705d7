// How each committed cohort operation changes the cohort: the same results as grains/Grains/Cohorts/CohortReducer.cs
// for an operation the grain accepted, replayed on the client's confirmed copy so that it stays the grain's. Who may
// do what and the refusals are the grain's business (it committed the operation); what the grain stores differently
// from what was sent (trimmed lines, sessions in time order, enrolment times, who marked) is mirrored here, and
// tests/cases/cohorts holds the cases both languages run.

import type { AssignmentCard, AttendanceMark, Cohort, CohortAssignment, CohortMember, CohortOp, CohortSession, Committed } from "./protocol";

export function applyCohortOp(cohort: Cohort, committed: Pick<Committed<CohortOp>, "op" | "actorId" | "at">): Cohort {
  const { op } = committed;
  switch (op.type) {
    case "setCohortDetails":
      return { ...cohort, name: op.name.trim(), provider: op.provider.trim(), startsOn: op.startsOn, endsOn: op.endsOn };
    case "addModule": {
      const modules = [...cohort.modules];
      modules.splice(position(op.index, modules.length), 0, { id: op.moduleId, title: op.title.trim(), learningGoals: op.learningGoals });
      return { ...cohort, modules };
    }
    case "updateModule":
      return { ...cohort, modules: cohort.modules.map((m) => (m.id === op.moduleId ? { ...m, title: op.title.trim(), learningGoals: op.learningGoals } : m)) };
    case "moveModule": {
      const module = found(cohort.modules.find((m) => m.id === op.moduleId), "module");
      const rest = cohort.modules.filter((m) => m !== module);
      rest.splice(position(op.index, rest.length), 0, module);
      return { ...cohort, modules: rest };
    }
    case "removeModule":
      return { ...cohort, modules: cohort.modules.filter((m) => m.id !== op.moduleId) };
    case "addSession":
      return { ...cohort, sessions: inTimeOrder([...cohort.sessions, session(op)]) };
    case "updateSession":
      found(cohort.sessions.find((s) => s.id === op.sessionId), "session");
      return { ...cohort, sessions: inTimeOrder(cohort.sessions.map((s) => (s.id === op.sessionId ? session(op) : s))) };
    case "removeSession":
      return { ...cohort, sessions: cohort.sessions.filter((s) => s.id !== op.sessionId), attendance: cohort.attendance.filter((a) => a.sessionId !== op.sessionId) };
    case "setRole": {
      const people = cohort.people.map((p) => (p.userId === op.userId ? { ...p, role: op.role, side: op.side ?? p.side } : p));
      return reconciled({ ...cohort, people });
    }
    case "removePerson":
    case "forgetPerson":
      return withoutPerson(cohort, op.userId);
    case "markAttendance": {
      const mark: AttendanceMark = { sessionId: op.sessionId, userId: op.userId, status: op.status, note: op.note.trim(), markedBy: committed.actorId, markedAt: committed.at };
      const index = cohort.attendance.findIndex((a) => a.sessionId === op.sessionId && a.userId === op.userId);
      const attendance = [...cohort.attendance];
      if (index >= 0) attendance[index] = mark;
      else attendance.push(mark);
      return { ...cohort, attendance };
    }
    case "clearAttendance":
      return { ...cohort, attendance: cohort.attendance.filter((a) => !(a.sessionId === op.sessionId && a.userId === op.userId)) };
    case "setTeams":
      return { ...cohort, teams: op.teams.map((t) => ({ id: t.id, name: t.name.trim(), memberIds: [...t.memberIds] })) };
    case "moveToTeam":
      return {
        ...cohort,
        teams: cohort.teams.map((t) =>
          t.id === op.teamId
            ? { ...t, memberIds: t.memberIds.includes(op.userId) ? t.memberIds : [...t.memberIds, op.userId] }
            : { ...t, memberIds: t.memberIds.filter((id) => id !== op.userId) },
        ),
      };
    case "renameTeam":
      return { ...cohort, teams: cohort.teams.map((t) => (t.id === op.teamId ? { ...t, name: op.name.trim() } : t)) };
    case "enrolPerson": {
      const existing = cohort.people.find((p) => p.userId === op.userId);
      const person: CohortMember = {
        userId: op.userId,
        displayName: op.displayName.trim(),
        role: op.role,
        side: op.side,
        partnershipId: op.partnershipId,
        partnershipName: op.partnershipName === null ? null : op.partnershipName.trim(),
        enrolledAt: existing?.enrolledAt ?? committed.at,
      };
      if (!existing) return { ...cohort, people: [...cohort.people, person] };
      return reconciled({ ...cohort, people: cohort.people.map((p) => (p === existing ? person : p)) });
    }
    case "checkIn": {
      if (cohort.attendance.some((a) => a.sessionId === op.sessionId && a.userId === op.userId)) return cohort;
      const mark: AttendanceMark = { sessionId: op.sessionId, userId: op.userId, status: op.status, note: "", markedBy: op.userId, markedAt: committed.at };
      return { ...cohort, attendance: [...cohort.attendance, mark] };
    }
    case "addAssignment":
      return { ...cohort, assignments: [...assignmentsOf(cohort), { ...assignment(op), cards: [] }] };
    case "updateAssignment":
      return { ...cohort, assignments: assignmentsOf(cohort).map((a) => (a.id === op.assignmentId ? { ...assignment(op), cards: a.cards } : a)) };
    case "removeAssignment":
      return { ...cohort, assignments: assignmentsOf(cohort).filter((a) => a.id !== op.assignmentId) };
    case "placeAssignmentCard":
      return withCards(cohort, op.assignmentId, (cards) =>
        cards.some((c) => c.teamId === op.teamId)
          ? cards
          : [...cards, { teamId: op.teamId, boardId: op.boardId, cardId: op.cardId, status: "notStarted", columnTitle: op.columnTitle, changedAt: committed.at }],
      );
    case "setAssignmentStatus":
      return withCards(cohort, op.assignmentId, (cards) =>
        cards.map((c) => (c.teamId === op.teamId ? { ...c, status: op.status, columnTitle: op.columnTitle, changedAt: committed.at } : c)),
      );
    default:
      return unknown(op);
  }
}

function assignmentsOf(cohort: Cohort): CohortAssignment[] {
  return cohort.assignments ?? [];
}

function assignment(op: Extract<CohortOp, { type: "addAssignment" | "updateAssignment" }>): Omit<CohortAssignment, "cards"> {
  return {
    id: op.assignmentId,
    moduleId: op.moduleId,
    title: op.title.trim(),
    instructions: op.instructions,
    dueOn: op.dueOn,
    volunteerTasks: op.volunteerTasks,
    staffTasks: op.staffTasks,
  };
}

function withCards(cohort: Cohort, assignmentId: string, change: (cards: AssignmentCard[]) => AssignmentCard[]): Cohort {
  return { ...cohort, assignments: assignmentsOf(cohort).map((a) => (a.id === assignmentId ? { ...a, cards: change(a.cards) } : a)) };
}

function unknown(op: never): never {
  throw new Error(`Unknown cohort operation ${JSON.stringify(op)}`);
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`No such ${what}.`);
  return value;
}

/** An insertion index: null or beyond the end means last (CohortReducer.Position). */
function position(index: number | null, count: number): number {
  return index === null ? count : Math.min(Math.max(index, 0), count);
}

function session(op: Extract<CohortOp, { type: "addSession" | "updateSession" }>): CohortSession {
  return { id: op.sessionId, moduleId: op.moduleId, startsAt: op.startsAt, endsAt: op.endsAt, place: op.place.trim(), online: op.online };
}

/** Time order, ties by id in ordinal order, as every reader sorts them. */
function inTimeOrder(sessions: CohortSession[]): CohortSession[] {
  return sessions.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function withoutPerson(cohort: Cohort, userId: string): Cohort {
  return {
    ...cohort,
    people: cohort.people.filter((p) => p.userId !== userId),
    teams: cohort.teams.map((t) => ({ ...t, memberIds: t.memberIds.filter((id) => id !== userId) })),
    attendance: cohort.attendance.filter((a) => a.userId !== userId),
  };
}

/** Teams and attendance are for participants only (CohortReducer.Reconciled). */
function reconciled(cohort: Cohort): Cohort {
  const participants = new Set(cohort.people.filter((p) => p.role === "participant").map((p) => p.userId));
  return {
    ...cohort,
    teams: cohort.teams.map((t) => ({ ...t, memberIds: t.memberIds.filter((id) => participants.has(id)) })),
    attendance: cohort.attendance.filter((a) => participants.has(a.userId)),
  };
}
