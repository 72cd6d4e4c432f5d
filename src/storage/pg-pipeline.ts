import type pg from "pg";

/**
 * Single statements outside a transaction, sent over a few long-lived connections in
 * PostgreSQL's pipeline mode (protocol docs, "Pipelining"; node-postgres `pipeline: true`).
 *
 * With one connection per request in flight (a pool), every query is its own write, wake-up of a
 * server process, and reply: most of a request's database cost on a small machine. Here the
 * queries of every request in flight share a connection: those issued in one turn of the event
 * loop go out in one write (the socket is corked until `setImmediate`), and one server process
 * answers them back to back. Each query still ends with its own Sync, so each is its own implicit
 * transaction and an error fails only that query. On the benchmark's PostgreSQL refresh this took
 * the database's CPU per request from 0.15–0.19 ms to 0.06 ms (bench/README.md).
 *
 * Not for transactions or anything that keeps session state: the caller routes those to a
 * dedicated pooled connection (PreparingPool in postgres.ts).
 *
 * A query waits behind the ones sent before it on its connection, so a slow one (a lock wait, a
 * long scan) holds up those behind it. So there are up to `width` connections: a query goes to an
 * idle one (the first, so that light load still batches), else a second one opens, else it goes to
 * the one whose oldest outstanding query is the youngest, which is the one that has last been
 * making progress.
 */
export class PgPipeline {
  readonly #lanes: Lane[] = [];
  #closed = false;

  constructor(
    private readonly open: () => pg.Client,
    private readonly width = 2,
  ) {}

  async query(text: string, values: unknown[], name?: string): Promise<pg.QueryResult> {
    if (this.#closed) throw new Error("the database connection is closed");
    const lane = this.#pick();
    lane.since.push(performance.now());
    try {
      await lane.ready;
      lane.coalesce();
      return await lane.client.query(name === undefined ? { text, values } : { name, text, values });
    } catch (e) {
      // A prepared `SELECT *` whose table another instance's migration changed (SQLSTATE 0A000):
      // this connection's cached plan is stale, so the connection is replaced.
      if ((e as { code?: string }).code === "0A000") lane.retire();
      throw e;
    } finally {
      // Answers come back in the order the queries went out.
      lane.since.shift();
    }
  }

  /** Connections open now (for tests and diagnostics). */
  get size(): number {
    return this.#lanes.filter((l) => !l.dead).length;
  }

  async end(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#lanes.splice(0).map((l) => l.end()));
  }

  #pick(): Lane {
    for (let i = this.#lanes.length - 1; i >= 0; i--) if (this.#lanes[i]!.dead) this.#lanes.splice(i, 1);
    let best: Lane | undefined;
    for (const lane of this.#lanes) if (!best || lane.oldest > best.oldest) best = lane;
    if (!best || (best.oldest !== Number.POSITIVE_INFINITY && this.#lanes.length < this.width)) {
      best = new Lane(this.open());
      this.#lanes.push(best);
    }
    return best;
  }
}

class Lane {
  /** When each outstanding query was sent, oldest first. */
  readonly since: number[] = [];
  dead = false;
  #corked = false;
  readonly ready: Promise<unknown>;

  constructor(readonly client: pg.Client) {
    // A dropped connection must not crash the process: the lane is replaced on the next query.
    client.on("error", () => this.retire());
    client.on("end", () => {
      this.dead = true;
    });
    this.ready = client.connect();
    this.ready.catch(() => {
      this.dead = true;
    });
  }

  /** When the oldest outstanding query was sent; infinity when the lane is idle. */
  get oldest(): number {
    return this.since[0] ?? Number.POSITIVE_INFINITY;
  }

  /** Holds this turn's writes and sends them together once the event loop's I/O phase is done. */
  coalesce(): void {
    if (this.#corked) return;
    const stream = this.client.connection.stream;
    this.#corked = true;
    stream.cork();
    setImmediate(() => {
      this.#corked = false;
      stream.uncork();
    });
  }

  retire(): void {
    if (this.dead) return;
    this.dead = true;
    void this.client.end().catch(() => {});
  }

  async end(): Promise<void> {
    this.dead = true;
    await this.client.end().catch(() => {});
  }
}
