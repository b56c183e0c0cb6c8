/** Waiting helpers shared by the export and run-file journeys: a figure that has stopped changing, and the outcome counts on screen. */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Waits for the final analysis and for a figure to stop changing: the analysis charts redraw
 * at most every 250 ms, so one may still take the final numbers just after the run finishes.
 */
export async function settled(page: Page, figure: Locator) {
  await expect(page.getByTestId('outcome-status')).toContainText('Outcomes of the finished run');
  let last = '';
  await expect
    .poll(
      async () => {
        const now = await figure.innerHTML();
        const same = now === last;
        last = now;
        return same;
      },
      { intervals: [400] },
    )
    .toBe(true);
}

export async function outcomeCounts(page: Page) {
  const n = async (id: string) => Number(await page.getByTestId(id).textContent());
  return { converged: await n('count-converged'), rejected: await n('count-rejected'), recruited: await n('count-recruited') };
}
