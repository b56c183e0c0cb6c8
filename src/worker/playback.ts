/**
 * The playback state machine of the run on show, as one pure function: which state an event
 * leads to, or null when the state refuses it (the command then does nothing at all). The
 * session does the work around each transition (training, snapshots, events to the page); the
 * page-facing summary is in protocol.ts.
 *
 *                 play*                        end
 *     ┌──────┐ ───────────────▶ ┌─────────┐ ────────────▶ ┌──────────┐
 *     │ idle │                  │ running │               │ finished │
 *     └──────┘                  └─────────┘               └──────────┘
 *        │                        │     ▲                      ▲
 *        │ stepped        pause,  │     │ play*                │ stepped (at the end),
 *        │                 step   ▼     │                      │ from idle or paused too
 *        │                      ┌────────┐                     │
 *        └────────────────────▶ │ paused │ ────────────────────┘
 *                               └────────┘   (paused ──stepped──▶ paused)
 *
 *     fail:    any state ──▶ failed  (refuses play, step, pause and end until a new run)
 *     reset:   any state ──▶ idle    (a fresh run at step 0: configure or Reset)
 *     import:  any state ──▶ finished (a run file's run: view only)
 *     restore: any state ──▶ finished (imported, or at its last step) | idle (at step 0 and
 *                                     not started on the page) | paused
 *
 * `step` marks the start of a Step command (the clock stops: running ──▶ paused; idle, paused
 * and finished stay as they are) and `stepped` its end. A Step on a finished run (one with a
 * trainer) is taken: it trains nothing and says `finished` again.
 *
 * * `play` is taken only when the run is trainable: it has a trainer and steps left. A finished
 *   run is not (it is at its last step, or imported and without a trainer), so play leaves it
 *   finished. The test is that fact rather than the state's name because trainability is only
 *   known after a restored run without its optimizer state has been retrained up to its last
 *   snapshot: the session first asks whether play could be taken at all (trainable: true),
 *   then retrains, then asks with the answer.
 */
import type { Playback } from './protocol';

export type PlaybackEvent =
  /** Play; `trainable`: the run has a trainer and steps left to train. */
  | { type: 'play'; trainable: boolean }
  | { type: 'pause' }
  /** A Step command begins: training by hand stops the clock. */
  | { type: 'step' }
  /** A Step command's steps are trained; `atEnd`: the run has reached its last step. */
  | { type: 'stepped'; atEnd: boolean }
  /** A time slice of the running run trained its last step. */
  | { type: 'end' }
  /** A command or a slice failed (anything but a lost WebGL context, which moves the run instead). */
  | { type: 'fail' }
  /** A fresh run at step 0 (configure, Reset). */
  | { type: 'reset' }
  /** A run loaded from a run file: view only. */
  | { type: 'import' }
  /**
   * A run rebuilt in a fresh worker after a crash. `imported`: it came from a run file;
   * `atEnd`: its last snapshot is at its last step; `notStarted`: its last snapshot is step 0
   * and the page had not started it (its playback was idle).
   */
  | { type: 'restore'; imported: boolean; atEnd: boolean; notStarted: boolean };

/** The state after `event` in `state`; null when the state refuses the event. */
export function nextPlayback(state: Playback, event: PlaybackEvent): Playback | null {
  switch (event.type) {
    case 'play':
      if (state === 'running' || state === 'failed') return null;
      return event.trainable ? 'running' : null;
    case 'pause':
      return state === 'running' ? 'paused' : null;
    case 'step':
      if (state === 'failed') return null;
      return state === 'running' ? 'paused' : state;
    case 'stepped':
      if (state === 'failed') return null;
      return event.atEnd ? 'finished' : 'paused';
    case 'end':
      return state === 'running' ? 'finished' : null;
    case 'fail':
      return 'failed';
    case 'reset':
      return 'idle';
    case 'import':
      return 'finished';
    case 'restore':
      if (event.imported || event.atEnd) return 'finished';
      return event.notStarted ? 'idle' : 'paused';
  }
}
