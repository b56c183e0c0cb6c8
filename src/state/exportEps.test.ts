/** The page sends the ε it judges the lottery's tickets by with an export, and only when there are tickets to judge. */
import { describe, expect, it } from 'vitest';
import type { TicketResult } from '../engine/labs/lotteryExperiment';
import { generateTask } from '../engine/core/task';
import { DEFAULTS } from '../settings/settings';
import type { Command } from '../worker/protocol';
import { createAppStore } from './store';

describe('exporting the run', () => {
  it('carries the lottery form’s ε once there are tickets, and nothing more before', () => {
    const sent: Command[] = [];
    const store = createAppStore((c) => sent.push(c), DEFAULTS, [], { embed: false, panel: null });
    const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 1);
    const backend = { requested: 'auto' as const, active: 'fused-js', reason: 'test', renderer: null, softwareWebGL: null };
    store.getState().receive({ type: 'configured', task, settings: DEFAULTS, backend, imported: false });
    store.getState().exportRun();
    store.getState().receive({ type: 'lotteryResults', tickets: [{ method: 'ticket' } as TicketResult], dense: [] });
    store.getState().setLotteryForm({ eps: 0.05 });
    store.getState().exportRun();
    expect(sent.filter((c) => c.type === 'exportRun')).toEqual([{ type: 'exportRun' }, { type: 'exportRun', eps: 0.05 }]);
  });
});
