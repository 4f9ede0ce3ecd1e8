// API tokens' roles, prefix and lifetimes, in a file that builds no schema: the tokens page's
// create dialog needs only the default lifetime (the BFF checks the input against
// api-token.ts's schema), and importing it from there would bring zod into the page.
export const API_TOKEN_ROLES = ['viewer', 'operator', 'admin'] as const;
export type ApiTokenRole = (typeof API_TOKEN_ROLES)[number];

/** Every token starts with this, so secret scanners and logs can recognise one. */
export const API_TOKEN_PREFIX = 'vdt_';

/** Days a token may live: at least one, at most a year (no token lives for ever). */
export const API_TOKEN_MAX_DAYS = 366;
export const API_TOKEN_DEFAULT_DAYS = 90;
