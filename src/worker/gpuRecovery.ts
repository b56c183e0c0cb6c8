/**
 * GPU-fault recovery: the run survives a lost WebGL context by moving to another backend, and
 * the injected faults (diagnostics) make faults happen on purpose.
 *
 * With every kept snapshot the session also keeps the optimizer state at that step (only the
 * latest). When the WebGL context is lost while training on tfjs webgl (checked before and
 * after every trained chunk and around every capture, and on `webglcontextlost`), everything
 * after the last kept snapshot is dropped, tfjs wasm (else cpu) takes over from that snapshot
 * and its optimizer state, in the same playback state, and the page is told
 * (`backendChanged`). No kept step is lost or repeated: training resumes at the last kept step.
 */
import type { GpuFaults } from './backends';
import type { BackendInfo, FaultKind, WorkerEvent } from './protocol';

export const INJECTED_THROW = 'Injected fault: a training step threw.';

/** Thrown inside a slice when the GL context under the run is found lost; never reaches the page. */
class ContextLost extends Error {
  constructor() {
    super('The WebGL context was lost.');
  }
}

/** What recovery does to the session's run, in the order it does it. */
export interface RecoveryHost {
  /** The backend the run trains on (null before the first configure). */
  backend(): BackendInfo | null;
  /** The run's configuration; throws when there is none yet. */
  need(): { backend: BackendInfo };
  post(event: WorkerEvent): void;
  /**
   * Stops everything that computes on the lost context (the run's slices, the labs, which say
   * so, and the trainer) and returns the step the run had reached.
   */
  abandon(): number;
  /**
   * Puts the run on `backend`, from its last kept snapshot. Returns that snapshot's step and
   * whether the run still trains (neither imported nor finished).
   */
  continueOn(backend: BackendInfo): { from: number; trains: boolean };
  /** After the page was told: sends the run's state and lets a running run go on. */
  proceed(): void;
  /** Fails the run (playback `failed`, with the error). */
  fail(err: unknown): void;
}

export class GpuRecovery {
  /** Set by the `throw` fault: the next training chunk throws. */
  private throwNext = false;
  /** The switch to another backend after a lost context, while it runs; commands wait for it. */
  private recovering: Promise<void> | null = null;

  constructor(
    private readonly faults: GpuFaults,
    private readonly host: RecoveryHost,
  ) {}

  /** Whether the GL context the run trains on is lost (only tfjs webgl has one). */
  contextLost(): boolean {
    const backend = this.host.backend();
    return backend !== null && this.faults.contextLost(backend.active);
  }

  /** Throws (to the slice or command that asked) when the context is lost. */
  checkContext(): void {
    if (this.contextLost()) throw new ContextLost();
  }

  /** Throws the injected training fault, once, when one was asked for. */
  throwIfInjected(): void {
    if (!this.throwNext) return;
    this.throwNext = false;
    throw new Error(INJECTED_THROW);
  }

  /** Recovers when the context `active` trains on fires `webglcontextlost`. */
  watch(active: string): void {
    this.faults.watch(active, () => {
      if (this.contextLost()) void this.recover(null);
    });
  }

  /**
   * Before a command: one sent while training moves to another backend acts on the run as it
   * continues; one that finds the context lost (and nobody has noticed yet) moves the run first.
   */
  async settle(): Promise<void> {
    while (this.recovering) await this.recovering;
    if (this.contextLost()) await this.recover(null);
  }

  /** A failure inside a command or a slice: a lost context moves the run to another backend; anything else fails it. */
  async failOrRecover(err: unknown): Promise<void> {
    if (err instanceof ContextLost || this.contextLost()) return this.recover(null);
    this.host.fail(err);
  }

  /**
   * Moves the run off a lost GL context. However often it is called during one loss (a slice,
   * a command, the context's event, a lab), it runs once.
   * `during`: what ran when the loss was found, for the message ("the lottery lab").
   */
  recover(during: string | null): Promise<void> {
    this.recovering ??= this.moveToFallback(during).finally(() => {
      this.recovering = null;
    });
    return this.recovering;
  }

  /** The `fault` command (diagnostics). */
  fault(kind: FaultKind): void {
    switch (kind) {
      case 'throw':
        this.throwNext = true;
        return;
      case 'loseContext':
        try {
          this.faults.loseContext(this.host.need().backend.active);
        } catch (err) {
          // Asking for a fault that cannot happen here changes nothing: the run goes on.
          this.host.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
        }
        return;
      case 'exit':
        // training.worker.ts closes the worker before a command reaches the session; a
        // session hosted elsewhere (the tests) has no worker to close.
        return;
    }
  }

  private async moveToFallback(during: string | null): Promise<void> {
    const lostAt = this.host.abandon();
    let active: string;
    try {
      active = await this.faults.fallback();
    } catch (err) {
      this.host.fail(err);
      return;
    }
    const { backend } = this.host.need();
    const moved = {
      ...backend,
      active,
      labs: backend.labs === 'webgl' ? active : backend.labs,
      reason: `The WebGL context was lost, so training moved to tfjs ${active}; tf.getBackend() reports "${active}".`,
    };
    const { from, trains } = this.host.continueOn(moved);
    const when = during ? `during the ${during}` : `at step ${lostAt}`;
    const message = trains
      ? `The WebGL context was lost ${when}; training continues on ${active} from the snapshot at step ${from}; no step was lost.`
      : `The WebGL context was lost ${when}; the run is kept, and from now on everything runs on ${active}.`;
    this.host.post({ type: 'backendChanged', backend: moved, message });
    this.host.proceed();
  }
}
