// Key combinations a browser keeps for itself (or a host OS would catch), sent to the guest as
// X11 keysyms: pressed in order, released in reverse.
const CTRL = 0xffe3;
const ALT = 0xffe9;
const F = (n: number) => 0xffbd + n; // XK_F1 = 0xffbe

export const KEY_COMBOS: readonly { label: string; keysyms: readonly number[] }[] = [
  { label: 'Ctrl+Alt+Backspace', keysyms: [CTRL, ALT, 0xff08] },
  ...[1, 2, 3, 4, 5, 6, 7].map((n) => ({ label: `Ctrl+Alt+F${n}`, keysyms: [CTRL, ALT, F(n)] })),
  { label: 'Alt+Tab', keysyms: [ALT, 0xff09] },
  { label: 'Alt+F4', keysyms: [ALT, F(4)] },
  { label: 'Print Screen', keysyms: [0xff61] },
];

/** What noVNC's RFB needs to send one key event. */
export interface KeySender {
  sendKey(keysym: number, code: string | null, down?: boolean): void;
}

export function sendCombo(rfb: KeySender, keysyms: readonly number[]): void {
  for (const k of keysyms) rfb.sendKey(k, null, true);
  for (const k of [...keysyms].reverse()) rfb.sendKey(k, null, false);
}
