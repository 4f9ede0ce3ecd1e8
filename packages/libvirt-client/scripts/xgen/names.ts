// Identifier conventions of the generated code.

/** `remote_domain_get_xml_desc_args` → `RemoteDomainGetXmlDescArgs`; `virNetMessageUUID` → `VirNetMessageUUID`. */
export function pascalCase(id: string): string {
  return id
    .split('_')
    .filter((p) => p !== '')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

/** `DOMAIN_GET_XML_DESC` → `domainGetXmlDesc`; `DOMAIN_EVENT_BLOCK_JOB_2` → `domainEventBlockJob2`. */
export function camelCase(upper: string): string {
  const parts = upper.toLowerCase().split('_').filter((p) => p !== '');
  return parts.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('');
}

/**
 * The longest prefix, ending in `_`, shared by every name, backed off so that no stripped
 * name is empty or starts with a digit. One-member enums keep their last word.
 */
export function commonPrefix(names: readonly string[]): string {
  if (names.length === 0) return '';
  const split = names.map((n) => n.split('_'));
  const first = split[0] as string[];
  let n = 0;
  while (n < first.length - 1 && split.every((s) => s.length - 1 > n && s[n] === first[n])) n++;
  for (; n > 0; n--) {
    const ok = split.every((s) => {
      const rest = s.slice(n).join('_');
      return rest !== '' && !/^[0-9]/.test(rest);
    });
    if (ok) break;
  }
  return n === 0 ? '' : `${first.slice(0, n).join('_')}_`;
}
