/**
 * Escaping for XML text and attribute values. Both escape all five of `& < > ' "`, so the same
 * function is safe whichever quote the writer uses.
 */

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&apos;',
  '"': '&quot;',
};

/** Characters XML 1.0 cannot carry at all, even escaped (C0 controls except tab, LF, CR; U+FFFE/U+FFFF; lone surrogates). */
// With the `u` flag a surrogate range only matches unpaired surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;

export function escapeXml(value: string): string {
  return value.replace(/[&<>'"]/g, (ch) => REPLACEMENTS[ch] ?? ch);
}

/** True when `value` can be written into an XML 1.0 document (after escaping). */
export function isXmlSafe(value: string): boolean {
  return !FORBIDDEN.test(value);
}
