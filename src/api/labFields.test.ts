/**
 * The embed API's optional lab fields, checked by the lab schema: runLottery's `layerwise` and
 * runComparison's `lambda` and `motionSteps` are read when valid, refused by name when not, left
 * out when not given, and reach the worker's request.
 */
import { describe, expect, it } from 'vitest';
import { generateTask } from '../engine/core/task';
import { LAB_SCHEMA } from '../settings/labSchema';
import { DEFAULTS } from '../settings/settings';
import { createAppStore } from '../state/store';
import type { Command } from '../worker/protocol';
import { API_LIMITS, apiCommand, parseCommand, type ApiCommand } from './messages';
import { startApi } from './runtime';

const msg = (type: string, fields: Record<string, unknown> = {}) => ({ lotteryLens: 1, type, ...fields });
const CMP = { methods: ['distance', 'motion'], sparsities: [0.8], seeds: [2] };
const LOT = { sparsity: 0.8, rewindStep: 0 };
const error = (data: unknown) => {
  const r = parseCommand(data);
  return r === null ? null : r.ok ? 'ok' : r.error;
};

describe('runComparison {lambda, motionSteps}', () => {
  it('reads λ and s when given, within the lab schema’s ranges', () => {
    expect(parseCommand(msg('runComparison', { ...CMP, lambda: 2, motionSteps: 200 }))).toEqual({ ok: true, command: { type: 'runComparison', ...CMP, lambda: 2, motionSteps: 200 } });
    expect(parseCommand(msg('runComparison', { ...CMP, lambda: API_LIMITS.lambdaMax, motionSteps: API_LIMITS.motionStepsMax }))).toMatchObject({ ok: true });
    expect(parseCommand(msg('runComparison', { ...CMP, lambda: 0, motionSteps: 1 }))).toMatchObject({ ok: true });
  });

  it('leaves them out when not given (the comparison form’s then hold)', () => {
    const r = parseCommand(msg('runComparison', CMP));
    expect(r).toEqual({ ok: true, command: { type: 'runComparison', ...CMP } });
    expect(Object.keys((r as { command: object }).command).sort()).toEqual(['methods', 'seeds', 'sparsities', 'type']);
  });

  it('reads λ = −0 as 0, so the command posts back exactly', () => {
    const r = parseCommand(msg('runComparison', { ...CMP, lambda: -0 }));
    expect(r).toEqual({ ok: true, command: { type: 'runComparison', ...CMP, lambda: 0 } });
    expect(Object.is((r as { command: { lambda: number } }).command.lambda, 0)).toBe(true);
  });

  it.each([
    [{ lambda: 10.5 }, 'runComparison: lambda must be between 0 and 10.'],
    [{ lambda: -1 }, 'runComparison: lambda must be between 0 and 10.'],
    [{ lambda: '0.5' }, 'runComparison: lambda must be between 0 and 10.'],
    [{ lambda: null }, 'runComparison: lambda must be between 0 and 10.'],
    [{ motionSteps: 0 }, 'runComparison: motionSteps must be 1 to 49999 steps.'],
    [{ motionSteps: 2.5 }, 'runComparison: motionSteps must be 1 to 49999 steps.'],
    [{ motionSteps: 50000 }, 'runComparison: motionSteps must be 1 to 49999 steps.'],
    [{ lambda: 1, motionSteps: Number.NaN }, 'runComparison: motionSteps must be 1 to 49999 steps.'],
  ])('refuses %j: “%s”', (fields, message) => {
    expect(error(msg('runComparison', { ...CMP, ...fields }))).toBe(message);
  });

  it('takes its limits from the lab schema', () => {
    expect([API_LIMITS.lambdaMin, API_LIMITS.lambdaMax]).toEqual([LAB_SCHEMA.lambda.min, LAB_SCHEMA.lambda.max]);
    expect([API_LIMITS.motionStepsMin, API_LIMITS.motionStepsMax]).toEqual([LAB_SCHEMA.motionSteps.min, LAB_SCHEMA.motionSteps.max]);
    expect([API_LIMITS.sparsities, API_LIMITS.seeds, API_LIMITS.seedMax]).toEqual([LAB_SCHEMA.sparsities.maxCount, LAB_SCHEMA.seeds.maxCount, LAB_SCHEMA.seeds.max]);
  });
});

describe('runLottery {layerwise}', () => {
  it('reads layerwise when it is a boolean, and leaves it out when not given', () => {
    expect(parseCommand(msg('runLottery', { ...LOT, layerwise: true }))).toEqual({ ok: true, command: { type: 'runLottery', ...LOT, imp: true, layerwise: true } });
    expect(parseCommand(msg('runLottery', { ...LOT, imp: false, layerwise: false }))).toEqual({ ok: true, command: { type: 'runLottery', ...LOT, imp: false, layerwise: false } });
    const r = parseCommand(msg('runLottery', LOT));
    expect(Object.keys((r as { command: object }).command).sort()).toEqual(['imp', 'rewindStep', 'sparsity', 'type']);
  });

  it.each([['yes'], [1], [null]])('refuses layerwise %j', (layerwise) => {
    expect(error(msg('runLottery', { ...LOT, layerwise }))).toBe('runLottery: layerwise must be true (layer-wise magnitude) or false (global).');
  });
});

describe('the new fields survive posting', () => {
  it.each<ApiCommand>([
    { type: 'runLottery', sparsity: 0.5, rewindStep: 20, imp: false, layerwise: true },
    { type: 'runComparison', methods: ['imp'], sparsities: [0.9, 0.5], seeds: [7], lambda: 0.25, motionSteps: 10 },
  ])('%j reads back exactly through structured clone and JSON', (command) => {
    expect(parseCommand(structuredClone(apiCommand(command)))).toEqual({ ok: true, command });
    expect(parseCommand(JSON.parse(JSON.stringify(apiCommand(command))))).toEqual({ ok: true, command });
  });
});

describe('the new fields at run time', () => {
  /** A store on a finished run, its worker a recorder, and the API on a window whose parent posts. */
  function finishedRun() {
    const sent: Command[] = [];
    const store = createAppStore((c) => sent.push(c), DEFAULTS, [], { embed: true, panel: 'features' });
    const handlers: ((e: MessageEvent) => void)[] = [];
    const parent = { postMessage: () => undefined };
    const win = { parent, addEventListener: (_: string, h: (e: MessageEvent) => void) => handlers.push(h), removeEventListener: () => undefined, postMessage: () => undefined };
    startApi(store, win as unknown as Window);
    const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 1);
    const backend = { requested: 'auto' as const, active: 'fused-js', reason: 'test', renderer: null, softwareWebGL: null };
    store.getState().receive({ type: 'configured', task, settings: DEFAULTS, backend, imported: false });
    const m = DEFAULTS.m;
    const frame = { step: 0, dTilde: new Float32Array(m * 12), d: new Uint8Array(m * 12), flags: new Uint8Array(m * 12) };
    store.getState().receive({ type: 'snapshots', items: [{ step: 0, data: new Float32Array(m * 24 + m + 12 * m + 12), metrics: { loss: 1, balancedAccuracy: 0.5, exactMatch: 0 }, frame }] });
    store.getState().receive({ type: 'finished', step: DEFAULTS.steps });
    const command = (c: Record<string, unknown>) => handlers.forEach((h) => h({ data: { lotteryLens: 1, ...c }, source: parent, origin: 'https://article.example' } as unknown as MessageEvent));
    return { sent, command, store };
  }

  it('layerwise picks the lottery’s magnitude scope; left out, the form’s holds', () => {
    const t = finishedRun();
    t.command({ type: 'runLottery', ...LOT, layerwise: true });
    t.store.getState().setLotteryForm({ scope: 'layerwise' });
    t.command({ type: 'runLottery', ...LOT });
    t.command({ type: 'runLottery', ...LOT, layerwise: false });
    expect(t.sent.filter((c) => c.type === 'runLottery').map((c) => (c as Extract<Command, { type: 'runLottery' }>).settings.scope)).toEqual(['layerwise', 'layerwise', 'global']);
  });

  it('λ and s go to the worker when given; left out, the comparison form’s', () => {
    const t = finishedRun();
    t.command({ type: 'runComparison', ...CMP, lambda: 2, motionSteps: 25 });
    t.command({ type: 'runComparison', ...CMP, seeds: [3] });
    const settings = t.sent.filter((c) => c.type === 'runComparison').map((c) => (c as Extract<Command, { type: 'runComparison' }>).settings);
    expect(settings.map((s) => [s.lambda, s.motionSteps])).toEqual([
      [2, 25],
      [LAB_SCHEMA.lambda.default, LAB_SCHEMA.motionSteps.default],
    ]);
  });
});
