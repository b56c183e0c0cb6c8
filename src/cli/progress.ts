/**
 * Progress on stderr: a bar with the time left, redrawn in place at most 10 times a second when
 * stderr is a terminal; otherwise (a log file, a pipe, a batch system) a plain line every 10 s.
 * `--quiet` silences it. The clock and the stream are passed in, so the text is testable.
 *
 *   compare [██████████░░░░░░░░░░░░░░]  42%  1.2M/2.9M model-steps  1 m 20 s left
 */
export interface ProgressSink {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** "1 h 02 m", "3 m 05 s", "12 s". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} m`;
  if (s >= 60) return `${Math.floor(s / 60)} m ${String(s % 60).padStart(2, '0')} s`;
  return `${s} s`;
}

function count(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(1)}M` : x >= 1e4 ? `${(x / 1e3).toFixed(0)}k` : String(Math.round(x));
}

/** The line for `done` of `total` units after `elapsed` seconds (time left from the rate so far). */
export function progressLine(label: string, done: number, total: number, elapsed: number, width = 24): string {
  const f = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(f * width);
  const left = done > 0 && elapsed > 0 ? `${duration(((total - done) * elapsed) / done)} left` : 'estimating time left';
  return `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.floor(f * 100)).padStart(3)}%  ${count(done)}/${count(total)} model-steps  ${left}`;
}

export class Progress {
  private started: number;
  private last = -Infinity;
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly sink: ProgressSink | null,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** Reports `done` of `total`; drawn only as often as the sink allows. */
  update(done: number, total: number): void {
    if (!this.sink) return;
    const t = this.now();
    if (t - this.last < (this.sink.isTTY ? 100 : 10_000)) return;
    this.last = t;
    const elapsed = (t - this.started) / 1000;
    const line = progressLine(this.label, done, total, elapsed);
    if (this.sink.isTTY) {
      // A narrow terminal gets a shorter bar first, so the time left stays on screen.
      const room = (this.sink.columns || 100) - 1;
      const fitted = line.length <= room ? line : progressLine(this.label, done, total, elapsed, Math.max(4, 24 - (line.length - room)));
      this.sink.write(`\r${fitted.slice(0, room)}\x1b[K`);
      this.drawn = true;
    } else this.sink.write(`${line}\n`);
  }

  /** Ends the bar with what was done and how long it took. */
  finish(message: string): void {
    if (!this.sink) return;
    if (this.drawn) this.sink.write('\r\x1b[K');
    this.sink.write(`${this.label}: ${message} in ${duration((this.now() - this.started) / 1000)}\n`);
  }
}
