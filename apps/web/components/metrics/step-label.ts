// What one point of a history stands for, e.g. "60 points, one per 10 s (averages)".
export function stepLabel(stepMs: number, points: number): string {
  const step = stepMs >= 60_000 ? `${stepMs / 60_000} min` : `${stepMs / 1000} s`;
  return `${points.toLocaleString('en-US')} points, one per ${step}${stepMs >= 60_000 ? ' (averages)' : ''}.`;
}
