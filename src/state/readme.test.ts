import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMA, SETTING_KEYS } from '../settings/settings';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the README settings table', () => {
  it('lists every setting of the schema with its current default', () => {
    for (const key of SETTING_KEYS) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
      expect(row, `README row for ${key}`).toBeDefined();
      expect(row!.split('|')[2].trim()).toBe(String(SCHEMA[key].default));
    }
  });

  it('names every backend choice', () => {
    const row = readme.split('\n').find((line) => line.startsWith('| `backend` |'))!;
    for (const option of SCHEMA.backend.options) expect(row).toContain(option);
  });
});
