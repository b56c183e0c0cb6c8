import { describe, expect, it } from 'vitest';
import { csvField, metricsCsv, toCsv } from './csv';

/** A small RFC 4180 reader, written independently of the writer, to read back what it wrote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') record.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      (field = ''), (record = []), i++;
    } else field += ch;
  }
  expect(field === '' && record.length === 0, 'text ends with CRLF').toBe(true);
  return records;
}

describe('csv', () => {
  it('quotes exactly the fields with a comma, a quote, CR or LF, doubling inner quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(' spaced ')).toBe(' spaced ');
  });

  it('writes numbers in full precision and missing or non-finite ones as empty fields', () => {
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(-1e-7)).toBe('-1e-7');
    expect([NaN, Infinity, null, undefined].map(csvField)).toEqual(['', '', '', '']);
    expect(csvField(true)).toBe('true');
  });

  it('ends every record with CRLF, and reads back field for field', () => {
    const rows = [
      ['x3 ∧ ¬x7, c0', 1.5, '"quoted"'],
      ['multi\r\nline', 0, ''],
    ];
    const text = toCsv(['name', 'value', 'note'], rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([['name', 'value', 'note'], ...rows.map((r) => r.map(String))]);
  });

  it('writes one metrics record per kept snapshot, in order, with every MetricRow field', () => {
    const rows = [
      { step: 0, loss: 0.6931, balancedAccuracy: 0.5, exactMatch: 0.01 },
      { step: 20, loss: 0.41, balancedAccuracy: 0.62, exactMatch: 0.05 },
    ];
    const parsed = parseCsv(metricsCsv(rows));
    expect(parsed[0]).toEqual(['step', 'loss', 'balancedAccuracy', 'exactMatch']);
    expect(parsed.slice(1).map((r) => r.map(Number))).toEqual(rows.map((r) => [r.step, r.loss, r.balancedAccuracy, r.exactMatch]));
  });
});
