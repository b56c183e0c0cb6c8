/**
 * The session's line to the page: every event goes out here, and during long synchronous work
 * (many steps at once, a restore, an import), when the page's pings wait unanswered, a
 * keep-alive at least once a second, so the supervisor (client.ts), which takes a worker
 * silent for DEAD_AFTER_MS for dead, never mistakes busy for hung.
 */
import type { WorkerEvent } from './protocol';

/** Long synchronous work says the worker is alive at least this often (the page pings once a second). */
const KEEPALIVE_MS = 1000;

/** The worker's side of the line (the session's host). */
export interface PageHost {
  post(event: WorkerEvent, transfer: Transferable[]): void;
  now(): number;
  /**
   * Tells the page the worker is alive during long synchronous work, when its pings wait
   * unanswered (training.worker.ts posts a pong). Absent in tests.
   */
  keepAlive?(): void;
}

export class PageChannel {
  /** When the page last heard from this session (an event or a keep-alive). */
  private lastSign = -Infinity;

  constructor(private readonly host: PageHost) {}

  post(event: WorkerEvent, transfer: Transferable[] = []): void {
    this.host.post(event, transfer);
    this.lastSign = this.host.now();
  }

  /** Within long synchronous work: tells the page the worker is alive when it has heard nothing for KEEPALIVE_MS. */
  keepAlive(): void {
    const now = this.host.now();
    if (now - this.lastSign < KEEPALIVE_MS) return;
    this.lastSign = now;
    this.host.keepAlive?.();
  }
}
