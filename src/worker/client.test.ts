import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkerEvent } from './protocol';
import { startTrainingWorker, type WorkerLike } from './client';

/** A fake worker that answers pings while `alive`, and records what it was sent. */
class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  sent: unknown[] = [];
  alive = true;
  terminated = false;
  postMessage(message: unknown) {
    this.sent.push(message);
    if (this.alive && (message as { type: string }).type === 'ping') this.emit({ type: 'pong' });
  }
  terminate() {
    this.terminated = true;
    this.alive = false;
  }
  emit(data: unknown) {
    this.onmessage?.({ data } as MessageEvent);
  }
}

describe('the worker supervisor', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(maxRestarts = 3) {
    const workers: FakeWorker[] = [];
    const events: WorkerEvent[] = [];
    const restarts: string[] = [];
    const client = startTrainingWorker(
      (e) => events.push(e),
      (r) => restarts.push(r),
      {
        heartbeatMs: 1000,
        deadAfterMs: 5000,
        maxRestarts,
        now: () => Date.now(),
        create: () => {
          const w = new FakeWorker();
          workers.push(w);
          return w;
        },
      },
    );
    return { client, workers, events, restarts };
  }

  it('keeps a worker that answers its pings, and never shows the pongs', () => {
    const { client, workers, events, restarts } = setup();
    vi.advanceTimersByTime(60_000);
    expect(workers).toHaveLength(1);
    expect(restarts).toEqual([]);
    expect(events).toEqual([]);
    client.send({ type: 'play' });
    expect(workers[0].sent.at(-1)).toEqual({ type: 'play' });
    client.terminate();
  });

  it('replaces a worker that went silent, and says so', () => {
    const { client, workers, restarts } = setup();
    vi.advanceTimersByTime(3000);
    workers[0].alive = false; // e.g. it called close(): no event at all
    vi.advanceTimersByTime(7000);
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(restarts).toEqual(['it stopped answering for 5 s']);
    client.send({ type: 'pause' });
    expect(workers[1].sent.at(-1)).toEqual({ type: 'pause' });
    vi.advanceTimersByTime(30_000);
    expect(workers).toHaveLength(2); // the new one answers
    client.terminate();
  });

  it('restarts on request (a step failed inside the worker)', () => {
    const { client, workers, restarts } = setup();
    client.restart('a training step threw');
    expect(workers).toHaveLength(2);
    expect(restarts).toEqual(['a training step threw']);
    client.terminate();
  });

  it('gives up after too many failures in a minute, with a message', () => {
    const { client, workers, events, restarts } = setup(2);
    client.restart('one');
    client.restart('two');
    client.restart('three');
    expect(restarts).toEqual(['one', 'two']);
    expect(workers).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: 'error', message: expect.stringMatching(/failed 3 times in a minute \(last: three\)/) });
    client.send({ type: 'play' });
    expect(workers[2].sent.some((m) => (m as { type: string }).type === 'play')).toBe(false);
    client.terminate();
  });
});
