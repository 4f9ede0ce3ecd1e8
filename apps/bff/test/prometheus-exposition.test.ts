// The exposition writer: HELP and TYPE once per family, escaped label values, skipped missing
// values, and the Prometheus naming rules it enforces.
import { describe, expect, it } from 'vitest';
import { Exposition } from '../src/prometheus/exposition.js';

describe('Exposition', () => {
  it('writes families in order with their samples, escaping label values and HELP text', () => {
    const e = new Exposition();
    e.family('virtdeck_a_bytes', 'gauge', 'A\\B\nC');
    e.sample('virtdeck_b_total', 'counter', 'B.', { domain: 'we"ird\\name\n' }, 12n);
    e.sample('virtdeck_a_bytes', 'gauge', '', { host: 'h' }, 1.5);
    e.sample('virtdeck_a_bytes', 'gauge', '', { host: 'i' }, null);
    e.family('virtdeck_empty', 'gauge', 'Nothing yet.');
    expect(e.text()).toBe(
      [
        '# HELP virtdeck_a_bytes A\\\\B\\nC',
        '# TYPE virtdeck_a_bytes gauge',
        'virtdeck_a_bytes{host="h"} 1.5',
        '# HELP virtdeck_b_total B.',
        '# TYPE virtdeck_b_total counter',
        'virtdeck_b_total{domain="we\\"ird\\\\name\\n"} 12',
        '# HELP virtdeck_empty Nothing yet.',
        '# TYPE virtdeck_empty gauge',
        '',
      ].join('\n'),
    );
  });

  it('refuses a counter without _total, a bad name, a reserved label, and a type change', () => {
    const e = new Exposition();
    expect(() => e.family('virtdeck_x', 'counter', '')).toThrow(/_total/);
    expect(() => e.family('9bad', 'gauge', '')).toThrow(/invalid metric name/);
    expect(() => e.sample('virtdeck_y', 'gauge', '', { __name__: 'x' }, 1)).toThrow(/invalid label/);
    expect(() => e.family('virtdeck_y', 'counter', '')).toThrow(/is a gauge/);
  });
});
