// /metrics goes to the BFF with the scraper's API token (Authorization) as sent, so Prometheus can
// scrape the one origin the dashboard is served on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startFakeBff, startWeb } from './harness';

let bff: Awaited<ReturnType<typeof startFakeBff>>;
let web: Awaited<ReturnType<typeof startWeb>>;

beforeAll(async () => {
  bff = await startFakeBff();
  web = await startWeb(bff.url);
});

afterAll(async () => {
  await web?.close();
  await bff?.close();
});

describe('/metrics', () => {
  it('is forwarded to the BFF with the Authorization header', async () => {
    const res = await request(`${web.origin}/metrics`, { headers: { authorization: 'Bearer vdt_example' } });
    expect(res.status).toBe(200);
    const seen = bff.seen.filter((s) => s.url === '/metrics');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.authorization).toBe('Bearer vdt_example');
  });
});
