/**
 * The session's backend: which one trains, and, for `auto`, the calibration it chose by. The
 * page hands the worker the calibrations it kept (`calibrations`, before the first configure
 * or restore of every worker, see client.ts); `auto` uses this device's, or measures one
 * (calibration.ts) and posts it, so the page keeps it:
 *
 *   auto ──▶ cached for this device? ──yes──▶ calibrated {source: 'cached'}
 *                                    └─no──▶ measure (≤ 150 ms) ──▶ calibrated {source: 'measured'}
 *   remeasure ──▶ measure ──▶ calibrated {source: 'measured'}; the next activation chooses by it
 */
import { wasmSimdSupported } from '../engine/kernel/simdSupport';
import type { BackendChoice } from '../settings/settings';
import { activateBackend, probeWebGL, type WebGLProbe } from './backends';
import { cachedFor, calibrate, calibrationKey, planCandidates, type Calibration } from './calibration';
import { trainerTimer, warmUpKernel } from './calibrationTimers';
import type { BackendInfo, CalibrationInfo, WorkerEvent } from './protocol';

export class BackendChooser {
  private probe: WebGLProbe | null = null;
  private known: readonly unknown[] = [];
  private current: CalibrationInfo | null = null;
  /** True after a remeasure whose choice the active backend may not follow yet. */
  private remeasured = false;

  constructor(
    private readonly now: () => number,
    private readonly post: (event: WorkerEvent) => void,
    private readonly userAgent: string = globalThis.navigator?.userAgent ?? '',
  ) {}

  /** The page's kept calibrations (any device's; checked when used). */
  keep(records: readonly unknown[]): void {
    this.known = records;
  }

  /** Whether `backend` should be started afresh for `requested` (a new choice, or a new measurement under auto). */
  stale(backend: BackendInfo | null, requested: BackendChoice): boolean {
    return !backend || backend.requested !== requested || (requested === 'auto' && this.remeasured);
  }

  /** Starts `requested`, measuring first if `auto` has no calibration for this device yet. */
  async activate(requested: BackendChoice): Promise<BackendInfo> {
    const probe = (this.probe ??= probeWebGL());
    const calibration = requested === 'auto' ? (await this.calibration()).result : null;
    this.remeasured = false;
    return activateBackend(requested, probe, wasmSimdSupported(), calibration);
  }

  /** Measures again (the page's re-measure); `auto` chooses by it at its next activation. */
  async remeasure(): Promise<Calibration> {
    this.remeasured = true;
    return (await this.calibration(true)).result;
  }

  private async calibration(fresh = false): Promise<CalibrationInfo> {
    if (this.current && !fresh) return this.current;
    const probe = (this.probe ??= probeWebGL());
    const key = calibrationKey(probe.renderer, this.userAgent);
    const cached = fresh ? null : cachedFor(this.known, key);
    if (!cached && wasmSimdSupported()) warmUpKernel();
    const result = cached ?? (await calibrate(planCandidates(probe, wasmSimdSupported()), trainerTimer(this.now), { key, now: this.now }));
    this.current = { result, source: cached ? 'cached' : 'measured' };
    this.post({ type: 'calibrated', calibration: this.current });
    return this.current;
  }
}
