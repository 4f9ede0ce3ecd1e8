// Comparing two RGBA pictures of a guest's screen.

/** The share of pixels (0..1) whose colour channels all differ by at most `tolerance`. */
export function similarity(a: Uint8Array, b: Uint8Array, tolerance = 16): number {
  if (a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (Math.abs(a[i]! - b[i]!) <= tolerance && Math.abs(a[i + 1]! - b[i + 1]!) <= tolerance && Math.abs(a[i + 2]! - b[i + 2]!) <= tolerance) same++;
  }
  return same / (a.length / 4);
}

/** How many pixels differ from the top-left one: a blank screen has none. */
export function nonBackground(rgba: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < rgba.length; i += 4) if (rgba[i] !== rgba[0] || rgba[i + 1] !== rgba[1] || rgba[i + 2] !== rgba[2]) count++;
  return count;
}
