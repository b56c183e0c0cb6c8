/**
 * The playback slice: the dense run's training as the worker reports it (playback, step, rate,
 * loss) and the commands that drive it (play, pause, step, speed, seek).
 */
import type { PlaybackActions, PlaybackFields, Send, Slice } from './appState';
import { hasProblems } from './runSlice';
import { DEFAULT_SPEED, isSpeed } from '../settings/speed';

/** Speeds offered in the UI, in steps per second; null = as fast as it goes. */
export const SPEEDS: readonly (number | null)[] = [10, 100, DEFAULT_SPEED, null];

/** `speed`: the speed to start at (a link's; null = max). */
export function createPlaybackSlice(send: Send, speed: number | null = DEFAULT_SPEED): Slice<PlaybackFields & PlaybackActions> {
  return (set, get) => {
    const canRun = () => !hasProblems(get()) && get().connection === 'ready';
    return {
      playback: 'idle',
      step: 0,
      stepsPerSecond: 0,
      trainLoss: NaN,
      speed,

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
        if (speed !== null && !isSpeed(speed)) return; // the URL and the API check first, with messages
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
