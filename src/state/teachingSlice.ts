/**
 * The teaching slice: the lecture tour's step, presentation mode, and the audience's "predict,
 * then reveal" guesses (scored in guesses.ts).
 */
import type { Slice, TeachingActions, TeachingFields } from './appState';
import { toggled } from './guesses';

export function createTeachingSlice(): Slice<TeachingFields & TeachingActions> {
  return (set, get) => ({
    tour: null,
    presentation: false,
    guesses: [],
    revealed: false,

    setTour(step) {
      set({ tour: step === null || !Number.isFinite(step) ? null : Math.max(1, Math.round(step)) });
    },
    setPresentation(on) {
      set({ presentation: on });
    },
    toggleGuess(index) {
      const { revealed, analysis, task, applied, guesses } = get();
      const K = task?.clauses.length ?? applied.K;
      if (revealed || !Number.isInteger(index) || index < 0 || index >= applied.m * K) return;
      if (analysis && !analysis.precursors.some((p) => p.row * K + p.clause === index)) return;
      set({ guesses: toggled(guesses, index) });
    },
    clearGuesses() {
      set({ guesses: [], revealed: false });
    },
    reveal() {
      if (get().revealed || get().guesses.length === 0) return;
      set({ revealed: true });
      if (get().playback !== 'finished') get().play();
    },
  });
}
