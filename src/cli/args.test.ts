import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAB_SCHEMA } from '../settings/labSchema';
import { DEFAULTS, parseField } from '../settings/settings';
import { type MergePlan, type Plan, parseArgs, readShard } from './args';
import { readSeeds } from './labArgs';
import { UsageError } from './plan';
import { shardRange } from './sweep';

const plan = (argv: string[]) => parseArgs(argv) as Plan;
const refused = (argv: string[]) => {
  try {
    parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
};

describe('the command line', () => {
  it('reads every setting by its URL key, in both --key value and --key=value forms, over the defaults', () => {
    const p = plan(['run', '--m', '24', '--K=8', '--tau', '0.4', '--optimizer', 'sgd', '--out', 'a.json']);
    expect(p.settings).toEqual({ ...DEFAULTS, m: 24, K: 8, tau: 0.4, optimizer: 'sgd', backend: 'fused-wasm' });
    expect(p.out).toBe('a.json');
  });

  it("refuses a bad setting with the settings schema's own message", () => {
    const schemaSays = (parseField('m', '0') as { error: string }).error;
    expect(refused(['run', '--m', '0'])).toBe(`--m: ${schemaSays}`);
    expect(refused(['run', '--n', '4', '--k', '5'])).toBe('--k: Must be at most n (4).');
    expect(refused(['run', '--backend', 'webgl'])).toMatch(/fused-wasm or fused-js/);
    expect(refused(['compare', '--workers', '4'])).toBe('--workers is a setting of the page; here use --threads N.');
  });

  it('refuses unknown commands and options, a repeated option and a missing value', () => {
    expect(refused(['train'])).toMatch(/^Unknown command “train”/);
    expect(refused(['run', '--methods', 'snip'])).toBe('--methods is not an option of run.');
    expect(refused(['run', '--m', '8', '--m', '9'])).toBe('--m is given more than once.');
    expect(refused(['run', '--out'])).toBe('--out needs a value.');
    expect(refused(['merge', 'a.json'])).toBe('merge needs --out FILE.');
  });

  it("reads a comparison's lab settings by the lab schema, defaults included", () => {
    const p = plan(['compare', '--methods', 'distance,snip', '--sparsities', '0.8,0.9', '--seeds', '1,2,3']);
    expect(p.lab).toEqual({ methods: ['distance', 'snip'], sparsities: [0.8, 0.9], seeds: [1, 2, 3], lambda: LAB_SCHEMA.lambda.default, motionSteps: LAB_SCHEMA.motionSteps.default });
    expect(refused(['compare', '--methods', 'snip,bogus'])).toBe(`--methods: ${LAB_SCHEMA.methods.messages.options}`);
    expect(refused(['compare', '--sparsities', '0.8,1'])).toBe(`--sparsities: ${LAB_SCHEMA.sparsities.messages.range}`);
    expect(refused(['compare', '--steps', '100', '--motionSteps', '100'])).toBe('--motionSteps: The motion window must be 1 to 99 steps.');
  });

  it("makes the first seed the dense run's init seed, and refuses a --seedInit that says otherwise", () => {
    expect(plan(['compare', '--seeds', '7..9']).settings.seedInit).toBe(7);
    expect(plan(['compare', '--seeds', '7..9', '--seedInit', '7']).lab).toMatchObject({ seeds: [7, 8, 9] });
    expect(refused(['compare', '--seeds', '7..9', '--seedInit', '2'])).toMatch(/must be --seedInit \(2\)/);
  });

  it("counts the page's default seeds from the init seed (comparison 5, lottery 1, claims 8)", () => {
    expect(plan(['compare', '--seedInit', '10']).lab).toMatchObject({ seeds: [10, 11, 12, 13, 14] });
    expect(plan(['lottery']).lab).toMatchObject({ seeds: [DEFAULTS.seedInit], eps: LAB_SCHEMA.eps.default });
    expect((plan(['seeds']).lab as { seeds: number[] }).seeds).toHaveLength(8);
    expect(refused(['seeds', '--seeds', '2'])).toBe('--seeds: this needs at least 2 seeds.');
  });

  it('takes more seeds than a tab does (each is a part of its own), up to its own cap', () => {
    expect((plan(['compare', '--seeds', '1..50']).lab as { seeds: number[] }).seeds).toHaveLength(50);
    expect(refused(['compare', '--seeds', '0..1000'])).toBe('--seeds: at most 1000 seeds.');
  });

  it("refuses a lottery rewind step that is not on the snapshot stride, by the lab schema's message", () => {
    expect(refused(['lottery', '--rewindStep', '30'])).toBe('lottery: Rewind step 30 has no kept snapshot; choose one on the timeline.');
    expect(plan(['lottery', '--rewindStep', '40']).lab).toMatchObject({ rewindStep: 40 });
  });

  it('reads merge as files, --out and --csv only', () => {
    expect(parseArgs(['merge', 'a.json', 'b.json', '--out', 'm.json']) as MergePlan).toEqual({ command: 'merge', files: ['a.json', 'b.json'], out: 'm.json', csv: null, quiet: false });
    expect(refused(['merge', 'a.json', '--out', 'm.json', '--steps', '3'])).toMatch(/not --steps/);
  });

  it('reads seed lists and ranges, and names the bad part', () => {
    expect(readSeeds('1..3,9, 12')).toEqual([1, 2, 3, 9, 12]);
    expect(() => readSeeds('3..1')).toThrow('runs backwards');
    expect(() => readSeeds('1,x')).toThrow('“x” is not a seed');
    expect(() => readSeeds('1..3,2')).toThrow(LAB_SCHEMA.seeds.messages.distinct);
    expect(() => readSeeds('2147483648')).toThrow(LAB_SCHEMA.seeds.messages.range);
  });

  it('reads a shard as i/N with 1 ≤ i ≤ N', () => {
    expect(readShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b']) expect(() => readShard(bad)).toThrow(UsageError);
  });
});

describe('shards', () => {
  it('cover every part exactly once, in order, in blocks that differ by at most one part', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 50 }), (parts, n) => {
        const count = Math.min(parts, n);
        const blocks = Array.from({ length: count }, (_, i) => shardRange(parts, { index: i + 1, count }));
        const covered = blocks.flatMap((b) => Array.from({ length: b.to - b.from }, (_, k) => b.from + k));
        expect(covered).toEqual(Array.from({ length: parts }, (_, i) => i));
        const sizes = blocks.map((b) => b.to - b.from);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(Math.min(...sizes)).toBeGreaterThan(0);
      }),
    );
  });
});
