import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../engine/analysis/runAnalysis';
import { buildExperiment } from '../engine/core/experiment';
import type { Command } from '../worker/protocol';
import { DEFAULTS, experimentConfig, featureSettings } from '../settings/settings';
import { createAppStore } from './store';

function setup() {
  const sent: Command[] = [];
  const store = createAppStore((c) => sent.push(c), DEFAULTS);
  const exp = buildExperiment(experimentConfig(DEFAULTS));
  store.getState().receive({
    type: 'configured',
    task: exp.task,
    settings: DEFAULTS,
    backend: { requested: 'auto', active: 'fused-js', reason: 'test', renderer: null, softwareWebGL: null },
    imported: false,
  });
  const analysis = analyzeRun([{ step: 0, params: exp.init }], exp.shape, exp.task.clauses, featureSettings(DEFAULTS));
  store.getState().receive({ type: 'analysis', analysis, final: false });
  const K = exp.shape.K;
  const precursor = analysis.precursors.map((p) => p.row * K + p.clause);
  const other = Array.from({ length: exp.shape.m * K }, (_, i) => i).find((i) => !precursor.includes(i))!;
  sent.length = 0;
  return { store, sent, precursor, other };
}

describe('the tour and presentation state', () => {
  it('opens the tour at a 1-based step and closes it', () => {
    const { store } = setup();
    expect(store.getState().tour).toBeNull();
    store.getState().setTour(3);
    expect(store.getState().tour).toBe(3);
    store.getState().setTour(0);
    expect(store.getState().tour).toBe(1);
    store.getState().setTour(null);
    expect(store.getState().tour).toBeNull();
    store.getState().setPresentation(true);
    expect(store.getState().presentation).toBe(true);
  });
});

describe('a new run', () => {
  it('is not "finished" while the worker configures it (the tour waits on playback)', () => {
    const { store } = setup();
    store.getState().receive({ type: 'finished', step: 3000 });
    expect(store.getState().playback).toBe('finished');
    store.getState().applyPreset('crowded');
    expect(store.getState()).toMatchObject({ playback: 'idle', analysisFinal: false, connection: 'connecting' });
  });
});

describe('predict, then reveal', () => {
  it('toggles guesses at precursors only, keeping them sorted', () => {
    const { store, precursor, other } = setup();
    const [a, b] = [precursor[3], precursor[1]];
    store.getState().toggleGuess(a);
    store.getState().toggleGuess(b);
    store.getState().toggleGuess(other);
    store.getState().toggleGuess(-1);
    expect(store.getState().guesses).toEqual([b, a]);
    store.getState().toggleGuess(a);
    expect(store.getState().guesses).toEqual([b]);
  });

  it('reveal locks the guesses and trains on; a new run clears them', () => {
    const { store, sent, precursor } = setup();
    store.getState().reveal();
    expect(store.getState().revealed).toBe(false); // nothing to hand in yet
    store.getState().toggleGuess(precursor[0]);
    store.getState().reveal();
    expect(store.getState().revealed).toBe(true);
    expect(sent).toContainEqual({ type: 'play' });
    store.getState().toggleGuess(precursor[1]);
    expect(store.getState().guesses).toEqual([precursor[0]]);
    store.getState().setField('m', '20');
    expect(store.getState()).toMatchObject({ guesses: [], revealed: false });
  });
});
