/**
 * A run file comes back, as a user brings it: by the file picker and by drag and drop, with the
 * same numbers on screen as when it was exported.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { outcomeCounts, settled } from './settled';

test('a run file comes back by the file picker and by drag and drop, with the same numbers on screen', async ({ app }, testInfo) => {
  const { page } = app;
  await page.goto('./');
  await app.trainToEnd();
  const shown = async () => ({
    ...(await outcomeCounts(page)),
    step: await page.getByTestId('metric-step').textContent(),
    loss: await page.getByTestId('metric-loss').textContent(),
    kept: await page.getByLabel('Timeline').getAttribute('max'),
    clauses: await page.getByTestId('clause').count(),
  });
  await settled(page, page.locator('.fs-legend'));
  const before = await shown();
  expect(before.step).toBe('3000');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export run', exact: true }).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('lottery-lens-run-task1-init2-step3000.json');
  const path = testInfo.outputPath(d.suggestedFilename());
  await d.saveAs(path);

  // A fresh page: nothing trained; then the file picker.
  await page.goto('./');
  await app.ready();
  await expect(page.getByTestId('metric-step')).toHaveText('0');
  await page.getByTestId('import-run').setInputFiles(path);
  await expect(page.getByText('imported run: view only')).toBeVisible();
  await expect.poll(shown).toEqual(before);

  // Again, by a file dropped on the page (a synthetic drop carrying the same file).
  await page.goto('./');
  await app.ready();
  await expect(page.getByTestId('metric-step')).toHaveText('0');
  await page.evaluate(
    (text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'run.json', { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    readFileSync(path, 'utf8'),
  );
  await expect(page.getByText('imported run: view only')).toBeVisible();
  await expect.poll(shown).toEqual(before);
});
