/**
 * The dense run every command starts from, trained as the page's worker trains it
 * (worker/trainingLoop.ts): a snapshot on the history's stride (snapshotEvery, doubled when the
 * history thins) and one at the last step, each scored on the test set and read in feature
 * space by the worker's own RunHistory.
 */
import { buildExperiment, type Experiment } from '../engine/core/experiment';
import type { Clause } from '../engine/core/types';
import { createTrainer } from '../engine/trainers/createTrainer';
import { experimentConfig, featureSettings, type Settings } from '../settings/settings';
import { RunHistory } from '../worker/runHistory';

export interface DenseRun {
  settings: Settings;
  experiment: Experiment;
  history: RunHistory;
}

/** Trains the dense run of `settings` (on its own clauses if given); `onStep(step)` after every chunk. */
export function trainDenseRun(settings: Settings, clauses: Clause[] | undefined, onStep: (step: number) => void = () => {}): DenseRun {
  const experiment = buildExperiment(experimentConfig(settings), clauses);
  const history = new RunHistory(experiment, featureSettings(settings), settings.snapshotEvery);
  const trainer = createTrainer(settings.backend, {
    task: experiment.task,
    train: experiment.config.train,
    dataSeed: settings.seedData,
    init: experiment.init,
    masks: null,
    startStep: 0,
  });
  try {
    history.keep(0, trainer.params());
    while (trainer.step < settings.steps) {
      const stride = history.stride;
      trainer.train(Math.min(settings.steps - trainer.step, stride - (trainer.step % stride)));
      if (trainer.step % stride === 0 || trainer.step === settings.steps) history.keep(trainer.step, trainer.params());
      onStep(trainer.step);
    }
  } finally {
    trainer.dispose();
  }
  return { settings, experiment, history };
}

/** The dense run as the labs take it (their `own` seed run): its seed, data seed, init and final weights, codes and scores. */
export function ownRun(run: DenseRun) {
  const first = run.history.kept[0];
  const last = run.history.last!;
  return {
    seed: run.settings.seedInit,
    dataSeed: run.settings.seedData,
    init: first.params,
    final: last.params,
    finalCodes: run.history.analysis()!.finalCodes,
    balancedAccuracy: last.metrics.balancedAccuracy,
    exactMatch: last.metrics.exactMatch,
  };
}
