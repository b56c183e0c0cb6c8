/**
 * The run-file reader at its size limit: a real run file grown past the limit is refused before
 * it is read at all, and one grown close to it is still read and refused with the path of its
 * problem.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_RUN_FILE_BYTES } from '../engine/runFile/format';
import { importRunText } from './runFileIO';
import { realRunFile, type Json } from './runFileFixtures';

let text: string;
let json: unknown;

beforeAll(() => {
  ({ text, json } = realRunFile());
});

describe('importRunText, fed a real run file grown to or past the size limit', () => {
  it('refuses an overlong text before reading it', () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const blank = ' '.repeat(MAX_RUN_FILE_BYTES + 1);
      expect(importRunText(blank, 'auto')).toEqual({ ok: false, error: 'the file: is 128.1 MB, over the 128 MB limit for run files.' });
      // A real run file grown past the limit: one snapshot's b1 holds 17 million numbers.
      const b1 = JSON.stringify((json as Json).snapshots[1].b1);
      const over = text.replace(b1, `[${'0.123456,'.repeat(15_000_000)}0.123456]`);
      expect(over.length).toBeGreaterThan(MAX_RUN_FILE_BYTES);
      const r = importRunText(over, 'auto');
      // Its size in MiB, rounded up to a tenth.
      const said = r.ok ? NaN : Number(/^the file: is ([\d.]+) MB, over the 128 MB limit for run files\.$/.exec(r.error)?.[1]);
      expect(said - over.length / 2 ** 20).toBeGreaterThanOrEqual(0);
      expect(said - over.length / 2 ** 20).toBeLessThan(0.1);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it('refuses a broken 50 MB file within the limit with the path of its problem', () => {
    // About 50 MB, within the limit: one snapshot's b1 holds millions of numbers.
    const b1 = JSON.stringify((json as Json).snapshots[1].b1);
    expect(text.split(b1)).toHaveLength(2);
    const t = text.replace(b1, `[${'0.123456,'.repeat(6_999_999)}0.123456]`);
    expect(t.length).toBeGreaterThan(50e6);
    expect(importRunText(t, 'auto')).toEqual({ ok: false, error: 'snapshots[1].b1: has 7000000 numbers; expected m = 8' });
  });
});
