/** Target device names as libvirt numbers them: vda..vdz, vdaa.. (index 26 → `aa`). */
export function deviceName(prefix: string, index: number): string {
  let suffix = '';
  let n = index;
  do {
    suffix = String.fromCharCode(97 + (n % 26)) + suffix;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return prefix + suffix;
}

/** Hands out the next free name per prefix, skipping names already taken. */
export class DeviceNamer {
  private readonly taken = new Set<string>();

  reserve(name: string): boolean {
    if (this.taken.has(name)) return false;
    this.taken.add(name);
    return true;
  }

  next(prefix: string): string {
    for (let i = 0; ; i++) {
      const name = deviceName(prefix, i);
      if (this.reserve(name)) return name;
    }
  }
}
