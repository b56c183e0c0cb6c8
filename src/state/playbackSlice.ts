/**
 * The playback slice: the dense run's training as the worker reports it (playback, step, rate,
 * loss) and the commands that drive it (play, pause, step, speed, seek).
 */
import type { PlaybackActions, PlaybackFields, Send, Slice } from './appState';
import { hasProblems } from './runSlice';

/** Speeds offered in the UI, in steps per second; null = as fast as it goes. */
export const SPEEDS: readonly (number | null)[] = [10, 100, 1000, null];

export function createPlaybackSlice(send: Send): Slice<PlaybackFields & PlaybackActions> {
  return (set, get) => {
    const canRun = () => !hasProblems(get()) && get().connection === 'ready';
    return {
      playback: 'idle',
      step: 0,
      stepsPerSecond: 0,
      trainLoss: NaN,
      speed: 1000,

      play() {
        if (!canRun()) return;
        set({ viewStep: null });
        send({ type: 'play' });
      },
      pause() {
        send({ type: 'pause' });
      },
      stepBy(n) {
        if (!canRun()) return;
        set({ viewStep: null });
        send({ type: 'step', n });
      },
      setSpeed(speed) {
        set({ speed });
        send({ type: 'speed', stepsPerSecond: speed });
      },
      seek(step) {
        const { step: trained, playback } = get();
        if (step <= trained || playback === 'finished') get().scrubTo(step);
        else get().stepBy(step - trained);
      },
    };
  };
}
