/**
 * The connection slice: the page's link to the training worker. It takes the worker's events in
 * (folded by applyEvent.ts), holds the connection state, the backend and what went wrong, and
 * hands the run to a replacement worker when the old one stopped.
 */
import { packParams } from '../engine/core/params';
import type { Command } from '../worker/protocol';
import type { AppState, ConnectionActions, ConnectionFields, Send, Slice } from './appState';
import { applyEvent } from './applyEvent';
import { forgetCalibration, keepCalibration, type KeyValueStorage } from './calibrationCache';
import { configureCommand } from './runSlice';

/** `storage`: where measured calibrations are kept (localStorage on the page; null keeps none). */
export function createConnectionSlice(send: Send, storage: KeyValueStorage | null = null): Slice<ConnectionFields & ConnectionActions> {
  return (set, get) => ({
    connection: 'connecting',
    backend: null,
    error: null,
    faultNotice: null,
    calibration: null,
    calibrating: false,

    receive(event) {
      get().receiveAll([event]);
    },
    receiveAll(events) {
      // Fold every event into one patch, so a burst of worker messages renders once.
      const base = get();
      const patch: Partial<AppState> = {};
      const replies: Command[] = [];
      for (const event of events) {
        if (event.type === 'calibrated' && event.calibration.source === 'measured') keepCalibration(storage, event.calibration.result);
        const r = applyEvent({ ...base, ...patch }, event);
        Object.assign(patch, r.patch);
        if (r.reply) replies.push(r.reply);
      }
      if (Object.keys(patch).length > 0) set(patch);
      replies.forEach(send);
    },
    remeasure() {
      const key = get().calibration?.result.key;
      if (key !== undefined) forgetCalibration(storage, key);
      set({ calibrating: true });
      send({ type: 'remeasure' });
    },
    reportError(message) {
      set({ error: message });
    },
    recoverWorker(reason) {
      const s = get();
      const stopped = 'It was stopped when the training worker restarted; the results so far are kept.';
      const labs: Partial<AppState> = {};
      if (s.lottery.status === 'running') labs.lottery = { ...s.lottery, status: 'cancelled', message: stopped, etaSeconds: null };
      if (s.comparison.status === 'running') labs.comparison = { ...s.comparison, status: 'cancelled', message: stopped, etaSeconds: null };
      const last = s.snapshots.at(-1);
      if (s.connection !== 'ready' || !last || !s.task) {
        // Nothing trained yet: start the same configuration afresh.
        set({
          ...labs,
          connection: 'connecting',
          origin: s.origin === 'restored' ? 'trained' : s.origin,
          faultNotice: `The training worker stopped (${reason}) before the run began; it was restarted.`,
        });
        send(configureCommand(s.applied, s.clauses));
        return;
      }
      const imported = s.origin === 'imported';
      const resume = s.resume && s.resume.step === last.step && !imported ? s.resume : null;
      set({
        ...labs,
        connection: 'restoring',
        origin: imported ? 'imported' : 'restored',
        faultNotice: imported
          ? `The training worker stopped (${reason}). It was restarted and the imported run was restored; nothing was lost.`
          : `The training worker stopped (${reason}). It was restarted and the run restored from its newest snapshot, step ${last.step}; the timeline and results so far are intact.`,
      });
      send({
        type: 'restore',
        settings: s.applied,
        snapshots: s.snapshots.map((snap) => ({ step: snap.step, data: packParams(snap.params) })),
        resume,
        imported,
        playback: s.playback,
        // Always: a reset imported run trains on the file's clauses, which its seed would not draw.
        clauses: s.task.clauses,
      });
    },
  });
}
