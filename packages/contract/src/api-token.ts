// API tokens: what a user sends to create one, and what a listed token looks like. Web and BFF
// both read these; the BFF enforces them.
import { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS, API_TOKEN_PREFIX, API_TOKEN_ROLES, type ApiTokenRole } from './api-token-limits.ts';
import { z } from './zod-jitless.ts';

export { API_TOKEN_DEFAULT_DAYS, API_TOKEN_MAX_DAYS, API_TOKEN_PREFIX, API_TOKEN_ROLES, type ApiTokenRole };

export const apiTokenNameSchema = z
  .string()
  .trim()
  .min(1, 'required')
  .max(64, 'at most 64 characters')
  .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), 'must not contain control characters');

export const createApiTokenInputSchema = z.object({
  name: apiTokenNameSchema,
  role: z.enum(API_TOKEN_ROLES),
  /** Only these hosts (each within the creator's own); null: every host the creator may see. */
  hostIds: z.array(z.string().min(1).max(128)).min(1, 'pick at least one host, or none to allow all').max(1000).nullable().default(null),
  expiresInDays: z.number().int().min(1, 'at least 1 day').max(API_TOKEN_MAX_DAYS, `at most ${API_TOKEN_MAX_DAYS} days`).default(API_TOKEN_DEFAULT_DAYS),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInputSchema>;

export const apiTokenIdSchema = z.object({ id: z.uuid() });

/** A token as listed (never its secret). */
export interface ApiTokenView {
  id: string;
  name: string;
  userId: string;
  username: string;
  role: ApiTokenRole;
  hostIds: string[] | null;
  createdAt: number;
  expiresAt: number;
  lastUsedAt: number | null;
  lastUsedIp: string | null;
  revokedAt: number | null;
}
