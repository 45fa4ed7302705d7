// The partnership store: the person's list of partnerships and the one partnership open now. It reads and writes
// through REST and keeps the last answer; a page that shows a partnership watches it through the partnership hub,
// which says when it changed (a version number), and the store reads it again (decision 020).
// Invitations and the audit trail are read for coordinators only, when their screen asks, and not kept.

import { api } from "../api";
import { parseHubError, type Transport } from "../connection";
import type {
  AddMemberRequest,
  AuditEntry,
  ChangeMemberRequest,
  CreatePartnershipRequest,
  Invite,
  InviteLink,
  InviteRequest,
  Member,
  PartnershipDetails,
  PartnershipSnapshot,
  PartnershipSummary,
  Side,
} from "../protocol";
import { PartnershipHubContract } from "../protocol";

export class PartnershipStore {
  list: PartnershipSummary[] | null = null;
  private readonly cache = new Map<string, PartnershipSnapshot>();
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(id: string): PartnershipSnapshot | undefined {
    return this.cache.get(id);
  }

  async loadList(): Promise<PartnershipSummary[]> {
    this.list = await api.partnerships();
    this.changed();
    return this.list;
  }

  async load(id: string): Promise<PartnershipSnapshot> {
    return this.keep(await api.partnership(id));
  }

  async create(request: CreatePartnershipRequest): Promise<PartnershipSnapshot> {
    const created = this.keep(await api.createPartnership(request));
    this.list = null;
    return created;
  }

  /** Sends an invitation by e-mail: the members change only when the person accepts. */
  async addMember(id: string, request: AddMemberRequest): Promise<Invite> {
    return api.addMember(id, request);
  }

  async changeMember(id: string, userId: string, request: ChangeMemberRequest): Promise<PartnershipSnapshot> {
    this.list = null; // the person's own role may have changed
    return this.keep(await api.changeMember(id, userId, request));
  }

  async removeMember(id: string, userId: string): Promise<PartnershipSnapshot> {
    this.list = null;
    return this.keep(await api.removeMember(id, userId));
  }

  /** Saves the details as of `expectedVersion`; a "conflict" refusal means someone saved in between. */
  async updateDetails(id: string, details: PartnershipDetails, expectedVersion: number): Promise<PartnershipSnapshot> {
    this.list = null;
    return this.keep(await api.updatePartnership(id, { details, expectedVersion }));
  }

  invites(id: string): Promise<Invite[]> {
    return api.invites(id);
  }

  createInvite(id: string, request: InviteRequest): Promise<InviteLink> {
    return api.createInvite(id, request);
  }

  revokeInvite(id: string, inviteId: string): Promise<Invite> {
    return api.revokeInvite(id, inviteId);
  }

  audit(id: string, month: string): Promise<AuditEntry[]> {
    return api.audit(id, month);
  }

  /** Forgets a partnership the person no longer belongs to (removed themselves). */
  forget(id: string): void {
    this.cache.delete(id);
    this.list = null;
    this.changed();
  }

  async addBoard(id: string, name: string, template: string | null = null): Promise<void> {
    await api.addBoard(id, { name, template });
    await this.load(id);
  }

  clear(): void {
    this.list = null;
    this.cache.clear();
  }

  /**
   * Keeps partnership `id` up to date while a page shows it: watched on every (re)connect, which answers with the
   * partnership as it is now, and read again whenever the hub says a newer version exists. `lost` is called once
   * when the person may no longer read it (removed). Returns the stop.
   */
  watch(transport: Transport, id: string, lost: () => void): () => void {
    const { methods, events } = PartnershipHubContract;
    let stopped = false;
    let reading: Promise<void> | null = null;
    let wanted = 0;
    const gone = () => {
      if (stopped) return;
      stopped = true;
      this.forget(id);
      lost();
    };
    const start = () => {
      if (stopped) return;
      transport.invoke(methods.watch, id).then(
        (snapshot) => {
          const now = snapshot as PartnershipSnapshot;
          if (!stopped && now.version >= (this.get(id)?.version ?? 0)) this.keep(now);
        },
        (error: unknown) => {
          if (parseHubError(error)?.code === "not_found") gone();
        },
      );
    };
    // Changes that come while a read is under way are read once more after it, never in parallel.
    const readAgain = () => {
      if (reading || stopped) return;
      reading = this.load(id)
        .then(() => undefined, () => undefined)
        .finally(() => {
          reading = null;
          if ((this.get(id)?.version ?? 0) < wanted) readAgain();
        });
    };
    const offChanged = transport.on(events.partnershipChanged, (partnershipId, version) => {
      if (partnershipId !== id || typeof version !== "number") return;
      wanted = Math.max(wanted, version);
      if (version > (this.get(id)?.version ?? 0)) readAgain();
    });
    const offRevoked = transport.on(events.revoked, (partnershipId) => {
      if (partnershipId === id) gone();
    });
    const offConnected = transport.onConnected(start);
    if (transport.state === "connected") start();
    return () => {
      offChanged();
      offRevoked();
      offConnected();
      if (!stopped && transport.state === "connected") void transport.invoke(methods.unwatch, id).catch(() => undefined);
      stopped = true;
    };
  }

  private keep(snapshot: PartnershipSnapshot): PartnershipSnapshot {
    this.cache.set(snapshot.id, snapshot);
    this.changed();
    return snapshot;
  }

  private changed(): void {
    this.listeners.forEach((l) => l());
  }
}

/** The voluntary side of the collaboration: voluntary organisations and the volunteer centres that broker for them. */
export function isVoluntary(side: Side | null | undefined): boolean {
  return side === "voluntaryOrganisation" || side === "volunteerCentre";
}

/** Whether a card's owners include both the municipality and the voluntary side. */
export function sidesOf(ownerIds: readonly string[], members: ReadonlyMap<string, Member>): { municipality: boolean; voluntary: boolean } {
  let municipality = false;
  let voluntary = false;
  for (const id of ownerIds) {
    const side = members.get(id)?.side;
    if (side === "municipality") municipality = true;
    if (isVoluntary(side)) voluntary = true;
  }
  return { municipality, voluntary };
}
