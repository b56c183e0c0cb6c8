/** End labels of the accuracy charts are spread so no two sit on each other, and stay in order. */
import { describe, expect, it } from 'vitest';
import { spread } from './accuracyFrame';

describe('spread', () => {
  it('leaves labels that are far enough apart where they are', () => {
    expect(spread([10, 40, 25], 12)).toEqual([10, 40, 25]);
  });

  it('pushes each label that is too close down off the one above it, keeping their order', () => {
    expect(spread([50, 50, 55, 100], 12)).toEqual([50, 62, 74, 100]);
    expect(spread([30, 20], 12)).toEqual([32, 20]);
  });
});
