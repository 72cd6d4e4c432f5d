/**
 * The only source of "now" for server logic. Tests pass a {@link ManualClock}
 * to drive expiry without sleeping.
 *
 * @example
 * const clock = new ManualClock(new Date("2026-01-01T00:00:00Z"));
 * clock.advance(3 * 60_000); // three minutes later
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date = new Date("2026-01-01T00:00:00Z")) {
    this.#ms = start.getTime();
  }
  nowMs(): number {
    return this.#ms;
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
  set(date: Date): void {
    this.#ms = date.getTime();
  }
}

export const nowSeconds = (clock: Clock): number => Math.floor(clock.nowMs() / 1000);
