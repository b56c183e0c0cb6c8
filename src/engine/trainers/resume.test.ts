import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff } from '../core/params';
import * as tf from './tf';
import { TfjsTrainer } from './tfjsTrainer';
import type { OptimizerState, Trainer, TrainerOptions } from './trainer';
import { randomHalfMask, trainerOptions as options } from './trainerFixtures';
import { TypedArrayTrainer } from './typedArrayTrainer';
import { WasmTrainer } from './wasmTrainer';

const MAKERS: Record<string, (o: TrainerOptions) => Trainer> = {
  'fused-js': (o) => new TypedArrayTrainer(o),
  'fused-wasm': (o) => new WasmTrainer(o),
  'tfjs cpu': (o) => new TfjsTrainer(o),
};

/** Max difference between two optimizer states (moments), Infinity if t or a length differs. */
function stateDiff(a: OptimizerState, b: OptimizerState): number {
  if (a.t !== b.t) return Infinity;
  return Math.max(maxAbsDiff(a.m, b.m), maxAbsDiff(a.v, b.v));
}

/** Trains `first` steps, hands params + optimizer state to a fresh trainer (made by `to`) and trains `second` more. */
function resumed(opts: TrainerOptions, from: (o: TrainerOptions) => Trainer, to: (o: TrainerOptions) => Trainer, first: number, second: number) {
  const a = from(opts);
  a.train(first);
  const b = to({ ...opts, init: a.params(), resume: a.optimizerState(), startStep: a.step });
  a.dispose();
  b.train(second);
  return b;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

describe('a resumed trainer continues exactly (same backend)', () => {
  for (const [name, make] of Object.entries(MAKERS)) {
    for (const [label, opts] of [
      ['Adam', options()],
      // m 7 and K 12: rows that do not fill the fused-wasm kernel's 4-wide vectors.
      ['Adam, m 7, 50% mask', options({ m: 7 }, randomHalfMask(24, 7, 12, 5))],
      ['SGD', options({ optimizer: 'sgd', lr: 0.5 })],
    ] as const) {
      it(`${name}, ${label}: 100 + 100 resumed steps equal 200 straight, weights, moments and loss`, () => {
        const straight = make(opts);
        straight.train(200);
        const b = resumed(opts, make, make, 100, 100);
        expect(b.step).toBe(200);
        expect(maxAbsDiff(b.params(), straight.params())).toBe(0);
        expect(stateDiff(b.optimizerState(), straight.optimizerState())).toBe(0);
        expect(b.optimizerState().t).toBe(200);
        expect(b.lastLoss()).toBe(straight.lastLoss());
        // Resuming mattered: a fresh optimizer at step 100 would not get there.
        if (opts.train.optimizer === 'adam') {
          const a = make(opts);
          a.train(100);
          const fresh = make({ ...opts, init: a.params(), startStep: 100 });
          fresh.train(100);
          expect(maxAbsDiff(fresh.params(), straight.params())).toBeGreaterThan(1e-4);
          a.dispose();
          fresh.dispose();
        }
        straight.dispose();
        b.dispose();
      });
    }
  }

  it('a state taken before any step resumes like a fresh optimizer', () => {
    for (const make of Object.values(MAKERS)) {
      const opts = options();
      const a = make(opts);
      const s0 = a.optimizerState();
      expect(s0.t).toBe(0);
      expect(s0.m.W1.every((x) => x === 0) && s0.v.b2.every((x) => x === 0)).toBe(true);
      const b = make({ ...opts, resume: s0 });
      a.train(30);
      b.train(30);
      expect(maxAbsDiff(a.params(), b.params())).toBe(0);
      a.dispose();
      b.dispose();
    }
  });

  it('tfjs: the moments read along with params() are the state at that step, and only then', () => {
    const opts = options({ batch: 32 });
    const a = new TfjsTrainer(opts);
    const b = new TfjsTrainer(opts);
    a.train(7);
    b.train(7);
    a.params();
    expect(stateDiff(a.optimizerState(), b.optimizerState())).toBe(0);
    a.params();
    a.train(1);
    b.train(1);
    expect(stateDiff(a.optimizerState(), b.optimizerState())).toBe(0);
    // Each call hands out its own copy.
    a.params();
    const s1 = a.optimizerState();
    const s2 = a.optimizerState();
    expect(s1.m.W1).not.toBe(s2.m.W1);
    expect(stateDiff(s1, s2)).toBe(0);
    a.dispose();
    b.dispose();
  });

  it('tfjs: resuming leaks no tensor and dispose releases the handed-in moments', () => {
    const opts = options({ batch: 32 });
    const a = new TfjsTrainer(opts);
    a.train(5);
    const before = tf.memory().numTensors;
    const b = new TfjsTrainer({ ...opts, init: a.params(), resume: a.optimizerState(), startStep: 5 });
    b.train(5);
    b.optimizerState();
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
    a.dispose();
  });
});

describe('optimizer state is backend-neutral', () => {
  it('the three trainers report the same moments in the same layout after 100 steps (<= 1e-6)', () => {
    const opts = options({ m: 7 });
    const states = Object.values(MAKERS).map((make) => {
      const t = make(opts);
      t.train(100);
      const s = t.optimizerState();
      t.dispose();
      return s;
    });
    expect(states[0].m.W1.length).toBe(7 * 24);
    expect(Math.max(...states[0].v.W1)).toBeGreaterThan(0);
    for (const s of states.slice(1)) expect(stateDiff(s, states[0])).toBeLessThanOrEqual(1e-6);
  });

  it('fused-js state resumed on tfjs cpu agrees with 200 straight steps to 1e-5', () => {
    const opts = options();
    const cross = resumed(opts, MAKERS['fused-js'], MAKERS['tfjs cpu'], 100, 100);
    for (const make of [MAKERS['fused-js'], MAKERS['tfjs cpu']]) {
      const straight = make(opts);
      straight.train(200);
      expect(maxAbsDiff(cross.params(), straight.params())).toBeLessThanOrEqual(1e-5);
      expect(stateDiff(cross.optimizerState(), straight.optimizerState())).toBeLessThanOrEqual(1e-6);
      straight.dispose();
    }
    cross.dispose();
  });

  it('fused-wasm state resumed on fused-js agrees with 200 straight steps to 1e-5', () => {
    const opts = options();
    const cross = resumed(opts, MAKERS['fused-wasm'], MAKERS['fused-js'], 100, 100);
    const straight = new WasmTrainer(opts);
    straight.train(200);
    expect(maxAbsDiff(cross.params(), straight.params())).toBeLessThanOrEqual(1e-5);
  });

  it('refuses a state of the wrong shape or optimizer', () => {
    const opts = options();
    const a = new TypedArrayTrainer(opts);
    a.train(3);
    const state = a.optimizerState();
    for (const make of Object.values(MAKERS)) {
      expect(() => make({ ...options({ m: 7 }), resume: state })).toThrow(/needs 168/);
      expect(() => make({ ...options({ optimizer: 'sgd' }), resume: state })).toThrow(/SGD model needs 0/);
      expect(() => make({ ...opts, resume: { ...state, t: -1 } })).toThrow(/whole number/);
    }
  });
});
