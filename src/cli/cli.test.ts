/**
 * The command line as a user runs it: the real bin (bin/lottery-lens.mjs, which builds its
 * bundle if it is missing or stale) in a child process, on small sweeps.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExperiment } from '../engine/core/experiment';
import schema from '../engine/runFile/run.schema.json';
import { createTrainer } from '../engine/trainers/createTrainer';
import { DEFAULTS, experimentConfig } from '../settings/settings';
import { importRunText } from '../worker/runFileIO';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/lottery-lens.mjs');
const dir = mkdtempSync(join(tmpdir(), 'lens-cli-'));
const at = (name: string) => join(dir, name);

/** Runs the bin; resolves with its exit code and output (never rejects on a non-zero exit). */
function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

// Small, but every part of the machinery: 2 methods (one a probe), 2 sparsities, 3 seeds (3 parts).
const SWEEP = ['compare', '--steps', '300', '--methods', 'distance,snip', '--sparsities', '0.8,0.9', '--seeds', '2..4', '--quiet'];

interface FileTicket {
  method: string;
  seed: number;
  sparsity: number;
  balancedAccuracy: number;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lottery-lens compare, whole and in shards', () => {
  let whole: { code: number; stderr: string };
  beforeAll(async () => {
    // Builds the bundle once (if needed) before the runs below go side by side.
    expect((await cli('--help')).code).toBe(0);
    [whole] = await Promise.all([
      cli(...SWEEP, '--threads', '2', '--out', 'whole.json', '--csv', 'whole.csv'),
      cli(...SWEEP, '--threads', '1', '--shard', '1/2', '--out', 'part1.json'),
      cli(...SWEEP, '--threads', '1', '--shard', '2/2', '--out', 'part2.json'),
    ]);
  }, 240_000);

  it('writes a run file the app imports, valid against the schema, holding every (method, sparsity, seed)', () => {
    expect(whole).toMatchObject({ code: 0, stderr: '' });
    const text = readFileSync(at('whole.json'), 'utf8');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    expect(ajv.validate(schema, JSON.parse(text))).toBe(true);
    const imported = importRunText(text, 'auto');
    expect(imported.ok).toBe(true);
    const file = JSON.parse(text) as { tickets: FileTicket[]; seedRuns: { seed: number }[]; config: { steps: number; seeds: { init: number } } };
    expect(file.config.seeds.init).toBe(2);
    expect(file.tickets.map((t) => `${t.seed} ${t.sparsity.toFixed(2)} ${t.method}`)).toEqual(
      [2, 3, 4].flatMap((seed) => ['0.80', '0.90'].flatMap((s) => ['distance', 'snip'].map((m) => `${seed} ${s} ${m}`))),
    );
    expect(file.seedRuns.map((r) => r.seed)).toEqual([3, 4]);
  });

  it('writes a CSV whose rows are the run file’s tickets', () => {
    const file = JSON.parse(readFileSync(at('whole.json'), 'utf8')) as { tickets: FileTicket[] };
    const [header, ...rows] = readFileSync(at('whole.csv'), 'utf8').trim().split('\n');
    expect(header.split(',').slice(0, 5)).toEqual(['method', 'sparsity', 'kept', 'seed', 'balancedAccuracy']);
    expect(rows.map((r) => r.split(',')).map((c) => [c[0], Number(c[3]), Number(c[4])])).toEqual(file.tickets.map((t) => [t.method, t.seed, t.balancedAccuracy]));
  });

  it('merges its two shards, given in any order, into exactly the file of the whole run', async () => {
    const merged = await cli('merge', 'part2.json', 'part1.json', '--out', 'merged.json', '--quiet');
    expect(merged).toMatchObject({ code: 0, stderr: '' });
    const a = readFileSync(at('whole.json'), 'utf8');
    const b = readFileSync(at('merged.json'), 'utf8');
    // Not a vacuous equality: each shard alone holds only some of the tickets.
    const count = (t: string) => (JSON.parse(t) as { tickets: unknown[] }).tickets.length;
    expect([count(readFileSync(at('part1.json'), 'utf8')), count(readFileSync(at('part2.json'), 'utf8')), count(b)]).toEqual([4, 8, 12]);
    expect(b === a).toBe(true);
  });

  it('refuses a missing shard, a shard given twice and a shard of other settings, writing nothing', async () => {
    // A shard of a sweep with another λ (as it would write it: the lab settings it records differ).
    const other = JSON.parse(readFileSync(at('part2.json'), 'utf8'));
    other.sweep.lab.lambda = 1;
    writeFileSync(at('other2.json'), JSON.stringify(other));
    const cases: [string[], RegExp][] = [
      [['part1.json'], /shard 2\/2 of the compare sweep is missing/],
      [['part1.json', 'part1.json'], /shard 1\/2 is given twice/],
      [['part1.json', 'other2.json'], /other2\.json: not a shard of the same sweep as part1\.json: its lab settings differ/],
      [['whole.json'], /holds a whole compare sweep/],
    ];
    for (const [files, message] of cases) {
      const r = await cli('merge', ...files, '--out', 'refused.json');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(at('refused.json'))).toBe(false);
    }
  });
});

describe('lottery-lens lottery and seeds', () => {
  it('write files the app imports, and their shards merge into exactly the whole file', async () => {
    const sweeps = [
      ['lottery', '--steps', '200', '--mode', 'oneshot', '--sparsities', '0.5,0.8', '--seeds', '3,4'],
      ['seeds', '--steps', '200', '--seeds', '3..5'],
    ];
    for (const sweep of sweeps) {
      const name = sweep[0];
      const runs = await Promise.all([
        cli(...sweep, '--quiet', '--out', `${name}.json`),
        cli(...sweep, '--quiet', '--threads', '1', '--shard', '1/2', '--out', `${name}1.json`),
        cli(...sweep, '--quiet', '--threads', '1', '--shard', '2/2', '--out', `${name}2.json`),
      ]);
      expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
      expect((await cli('merge', `${name}1.json`, `${name}2.json`, '--out', `${name}m.json`, '--quiet')).code).toBe(0);
      const whole = readFileSync(at(`${name}.json`), 'utf8');
      expect(importRunText(whole, 'auto').ok).toBe(true);
      expect(readFileSync(at(`${name}m.json`), 'utf8') === whole).toBe(true);
      const file = JSON.parse(whole) as { tickets: unknown[]; seedRuns: { seed: number }[]; claims: { seeds: number[] } };
      // One-shot: 2 seeds x 2 sparsities x (ticket + 2 controls); claims across seeds pool seeds 3, 4, 5.
      if (name === 'lottery') expect(file.tickets).toHaveLength(12);
      else expect(file.claims.seeds).toEqual([3, 4, 5]);
      expect(file.seedRuns.map((r) => r.seed)).toEqual(name === 'lottery' ? [4] : [4, 5]);
    }
  }, 240_000);
});

describe('lottery-lens run', () => {
  it("trains the dense run the app's engine trains, bit for bit", async () => {
    const r = await cli('run', '--steps', '120', '--snapshotEvery', '40', '--seedInit', '5', '--out', 'run.json', '--quiet');
    expect(r.code).toBe(0);
    const file = JSON.parse(readFileSync(at('run.json'), 'utf8')) as { snapshots: { step: number; W1: number[][] }[] };
    expect(file.snapshots.map((s) => s.step)).toEqual([0, 40, 80, 120]);
    const settings = { ...DEFAULTS, steps: 120, seedInit: 5 };
    const exp = buildExperiment(experimentConfig(settings));
    const t = createTrainer('fused-wasm', { task: exp.task, train: exp.config.train, dataSeed: settings.seedData, init: exp.init, masks: null, startStep: 0 });
    t.train(120);
    expect(file.snapshots[3].W1.flat()).toEqual(Array.from(t.params().W1));
    t.dispose();
  });

  it('answers a bad command line with the usage on stderr and exit code 2, leaving an existing file as it was', async () => {
    writeFileSync(at('keep.json'), 'old');
    for (const args of [['run', '--m', '0', '--out', 'keep.json'], ['compare', '--seeds', '2..4', '--shard', '4/3', '--out', 'keep.json'], ['fly']]) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^lottery-lens: .+\n\nUsage: lottery-lens <command>/);
    }
    expect(readFileSync(at('keep.json'), 'utf8')).toBe('old');
  });
});
