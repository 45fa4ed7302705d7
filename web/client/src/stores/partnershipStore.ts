// The partnership store: the person's list of partnerships and the one partnership open now. Partnerships
// are not live documents yet, so this store reads and writes through REST and keeps the last answer.

import { api } from "../api";
import type { AddMemberRequest, CreatePartnershipRequest, Member, PartnershipSnapshot, PartnershipSummary, Side } from "../protocol";

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

  async addMember(id: string, request: AddMemberRequest): Promise<PartnershipSnapshot> {
    return this.keep(await api.addMember(id, request));
  }

  async addBoard(id: string, name: string): Promise<void> {
    await api.addBoard(id, { name });
    await this.load(id);
  }

  clear(): void {
    this.list = null;
    this.cache.clear();
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
