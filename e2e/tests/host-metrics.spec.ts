import { expect, test, type Page } from '@playwright/test';
import { signIn } from './session';

// The host page's history graphs (uPlot, from the BFF's metrics collector): reached from the
// host card, drawn for the last hour, the range picker switching tiers, and the axis text drawn
// in the theme's colour in light and in dark.

/** Pixels of the first chart's canvas within a few levels of the theme's --chart-axis colour. */
async function axisPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const hex = getComputedStyle(document.documentElement).getPropertyValue('--chart-axis').trim();
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="metric-chart"] canvas');
    if (!canvas) return 0;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! > 200 && Math.abs(data[i]! - r!) < 12 && Math.abs(data[i + 1]! - g!) < 12 && Math.abs(data[i + 2]! - b!) < 12) n++;
    }
    return n;
  });
}

test('the host page graphs the host’s history, with a range picker, in light and dark', async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page);
  const card = page.getByTestId('host-card').first();
  await expect(card.getByTestId('host-state')).toHaveText('connected');
  const hostName = (await card.getByRole('heading', { level: 2 }).textContent())!.trim();
  await card.getByRole('link', { name: hostName }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(hostName);

  // The collector samples the host every 10 s: the first sample may still be on its way.
  const cpu = page.getByRole('figure', { name: 'CPU' });
  await expect(async () => {
    await page.reload();
    await expect(cpu).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 90_000 });
  await expect(page.getByRole('figure', { name: 'Memory' })).toBeVisible();
  await expect(cpu.locator('canvas')).toHaveCount(1);
  await expect(page.getByText(/one per 10 s/)).toBeVisible();

  // Longer ranges read the coarser tiers (which fill as minutes pass), and back.
  const picker = page.getByRole('radiogroup', { name: 'Time range' });
  await picker.getByRole('radio', { name: 'Last 24 h' }).click();
  await expect(picker.getByRole('radio', { name: 'Last 24 h' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByText(/one per 1 min|No samples in this range yet/)).toBeVisible();
  await picker.getByRole('radio', { name: 'Last 30 d' }).click();
  await expect(page.getByText(/one per 15 min|No samples in this range yet/)).toBeVisible();
  await picker.getByRole('radio', { name: 'Last 1 h' }).click();
  await expect(page.getByText(/one per 10 s/)).toBeVisible();
  await expect(cpu.locator('canvas')).toHaveCount(1);

  // The axis text is drawn in the theme's axis colour, in light and again in dark.
  await page.getByRole('radio', { name: 'Light' }).click();
  await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
  await expect.poll(() => axisPixels(page)).toBeGreaterThan(20);
  await page.screenshot({ path: test.info().outputPath('host-metrics.png'), fullPage: true });
  await page.getByRole('radio', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await expect.poll(() => axisPixels(page)).toBeGreaterThan(20);
  await page.screenshot({ path: test.info().outputPath('host-metrics-dark.png'), fullPage: true });
});
