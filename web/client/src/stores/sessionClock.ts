// The session timer's end time is the server's (decision 015); a phone whose clock is minutes off would show the
// wrong remaining time if it counted on its own clock. Every view carries the server's time as it left the grain
// (RoomView.serverNow), so the client keeps an estimate of how far its clock is from the server's.
//
// A view arrives some time after it left: serverNow − localNow at receipt is the true offset minus that delay. The
// delay is never negative, so the largest of recent samples is the best estimate; only the last few count, so a
// clock that is set right (or jumps) is followed within a few views.

const SAMPLES = 8;

export class ServerClock {
  private readonly samples: number[] = [];

  constructor(private readonly local: () => number = () => Date.now()) {}

  /** The estimated server time minus local time, in ms (0 before any view came). */
  get offset(): number {
    return this.samples.length === 0 ? 0 : Math.max(...this.samples);
  }

  /** A view came: its serverNow (ISO 8601) against this clock's time of receipt. Unreadable or missing is ignored. */
  observe(serverNow: string | null | undefined): void {
    const server = serverNow ? Date.parse(serverNow) : NaN;
    // The default value of a .NET DateTimeOffset (0001-01-01) means "not stamped".
    if (!Number.isFinite(server) || server <= 0) return;
    this.samples.push(server - this.local());
    if (this.samples.length > SAMPLES) this.samples.shift();
  }

  /** The server's time now, as well as this client can tell. */
  now(): number {
    return this.local() + this.offset;
  }
}
