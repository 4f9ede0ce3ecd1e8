/**
 * libvirt's scaled integers (`<memory unit='MiB'>`, `<capacity unit='G'>`). Suffixes follow
 * libvirt's virScaleInteger: `b`/`byte`/`bytes` = 1; one letter of k/m/g/t/p/e alone or with `iB`
 * is a power of 1024; with `B` a power of 1000. The first letter is case-insensitive.
 *
 * Results are JS numbers: exact up to 2^53 bytes (8 PiB). Larger values lose precision but stay
 * in range; no libvirt host reports such sizes today.
 */
import { XmlError } from '../errors.js';
import { child } from './dom.js';
import type { XmlElement } from './xml.js';

const POWERS: Readonly<Record<string, number>> = { k: 1, m: 2, g: 3, t: 4, p: 5, e: 6 };

/** Multiplier for `unit` in bytes, or undefined when the unit is not one libvirt knows. */
export function unitMultiplier(unit: string): number | undefined {
  if (/^(b|bytes?)$/i.test(unit)) return 1;
  const letter = unit.charAt(0).toLowerCase();
  const power = POWERS[letter];
  if (power === undefined) return undefined;
  const rest = unit.slice(1);
  if (rest === '' || rest.toLowerCase() === 'ib') return 1024 ** power;
  if (rest.toLowerCase() === 'b') return 1000 ** power;
  return undefined;
}

/** Bytes for a scaled value; `defaultUnit` applies when the unit attribute is absent. */
export function toBytes(value: string, unit: string | undefined, defaultUnit: string, path: string): number {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) {
    throw new XmlError('invalid-value', `Size is not a non-negative integer: "${value}"`, { path });
  }
  const effectiveUnit = unit === undefined || unit === '' ? defaultUnit : unit;
  const multiplier = unitMultiplier(effectiveUnit);
  if (multiplier === undefined) {
    throw new XmlError('invalid-value', `Unknown size unit "${effectiveUnit}"`, { path });
  }
  return Number(trimmed) * multiplier;
}

/** KiB for a memory value (libvirt's default unit for memory is KiB); rounds up like libvirt. */
export function toKiB(value: string, unit: string | undefined, path: string): number {
  return Math.ceil(toBytes(value, unit, 'KiB', path) / 1024);
}

/** Bytes of the child `<name unit=...>n</name>`, or undefined when the child is absent. */
export function childBytes(element: XmlElement, name: string, defaultUnit: string, path: string): number | undefined {
  const found = child(element, name);
  if (found === undefined) return undefined;
  return toBytes(found.text, found.attrs.unit, defaultUnit, `${path}/${name}`);
}
