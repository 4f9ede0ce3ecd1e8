// Vitest reporters for every package: the default console output, plus a JSON report when
// scripts/test-all.sh asks for one (VIRTDECK_RESULTS), which it sums into CI's summary line.
export function reporters(name: string): (string | [string, Record<string, unknown>])[] {
  const dir = process.env.VIRTDECK_RESULTS;
  return dir ? ['default', ['json', { outputFile: `${dir}/${name}.json` }]] : ['default'];
}
