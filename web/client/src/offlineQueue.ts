// The durable offline queue: a person's unsent operations on one live document, kept in IndexedDB so that a
// reload or a navigation inside the app while offline does not lose them. LiveDocument (connection.ts) writes an
// operation here before it shows it as pending, removes it when the grain has answered it, and re-sends what it
// finds here, with the original OpIds, after the next join. Decision 012.

import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { OpId } from "./protocol";

/** One unsent operation as kept: the OpId and the time it was made travel unchanged into the re-send. */
export interface StoredOp<TOp> {
  readonly id: OpId;
  readonly op: TOp;
  readonly at: string;
}

/** One person's queue for one document. LiveDocument depends on this only; the tests use a map. */
export interface DurableQueue<TOp> {
  /** Oldest first. */
  load(): Promise<StoredOp<TOp>[]>;
  put(entry: StoredOp<TOp>): Promise<void>;
  remove(id: OpId): Promise<void>;
}

/** Made-first order: by time, then by number within a tab. */
export function inOrder<TOp>(entries: StoredOp<TOp>[]): StoredOp<TOp>[] {
  return [...entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id.number - b.id.number));
}

type Key = [person: string, document: string, clientId: string, number: number];

interface Row extends StoredOp<unknown> {
  person: string;
  document: string;
}

interface QueueSchema extends DBSchema {
  ops: { key: Key; value: Row };
}

let database: Promise<IDBPDatabase<QueueSchema>> | null = null;

function db(): Promise<IDBPDatabase<QueueSchema>> {
  database ??= openDB<QueueSchema>("hub-offline", 1, {
    upgrade(db) {
      db.createObjectStore("ops", { keyPath: ["person", "document", "id.clientId", "id.number"] });
    },
  });
  return database;
}

/** IndexedDB as the queue, keyed by person first so that one person never reads another's operations. */
export class IdbQueue<TOp> implements DurableQueue<TOp> {
  constructor(
    private readonly person: string,
    private readonly document: string,
  ) {}

  async load(): Promise<StoredOp<TOp>[]> {
    const range = IDBKeyRange.bound([this.person, this.document], [this.person, this.document, []]);
    const rows = await (await db()).getAll("ops", range);
    return inOrder(rows.map((r) => ({ id: r.id, op: r.op as TOp, at: r.at })));
  }

  async put(entry: StoredOp<TOp>): Promise<void> {
    await (await db()).put("ops", { person: this.person, document: this.document, id: entry.id, op: entry.op, at: entry.at });
  }

  async remove(id: OpId): Promise<void> {
    await (await db()).delete("ops", [this.person, this.document, id.clientId, id.number]);
  }
}

/** Sign-out and account deletion: nothing of the person's unsent work stays for the next person on this browser. */
export async function clearOfflineQueue(person: string): Promise<void> {
  if (typeof indexedDB === "undefined") return;
  await (await db()).delete("ops", IDBKeyRange.bound([person], [person, []]));
}
