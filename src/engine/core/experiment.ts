/**
 * One dense run's fixed parts, built from plain settings: the task, the test set and its
 * evaluator, the initial parameters. Shared by the worker and the tests.
 */
import { WasmEvaluator } from '../kernel/wasmEvaluator';
import { wasmSimdSupported } from '../kernel/simdSupport';
import { Evaluator, type TestScorer } from './metrics';
import { initParams } from './params';
import { generateTask, testSet } from './task';
import type { Clause, Params, Seeds, Shape, Task, TaskConfig, TrainConfig } from './types';

export interface ExperimentConfig {
  task: TaskConfig;
  train: TrainConfig;
  seeds: Seeds;
}

export interface Experiment {
  config: ExperimentConfig;
  shape: Shape;
  task: Task;
  /** Scores on the test set: in the kernel's WebAssembly where SIMD runs, else in JavaScript. */
  evaluator: TestScorer;
  init: Params;
}

/** `clauses` overrides the clauses the task seed draws (a run file may carry its own). */
export function buildExperiment(config: ExperimentConfig, clauses?: Clause[]): Experiment {
  const task = clauses ? { config: { ...config.task }, clauses } : generateTask(config.task, config.seeds.task);
  const shape = { n: config.task.n, m: config.train.m, K: config.task.K };
  const test = testSet(task, config.seeds.test);
  const evaluator = wasmSimdSupported() ? new WasmEvaluator(test, shape.n, shape.K) : new Evaluator(test, shape.n, shape.K);
  return { config, shape, task, evaluator, init: initParams(shape, config.seeds.init) };
}
