/** The audit page's filter form state; empty strings mean "any". */
export interface AuditFilterForm {
  userId: string;
  hostId: string;
  objectType: string;
  action: string;
  result: '' | 'ok' | 'error';
  /** datetime-local values (local time). */
  since: string;
  until: string;
}

export const emptyFilter: AuditFilterForm = { userId: '', hostId: '', objectType: '', action: '', result: '', since: '', until: '' };

const localMs = (v: string) => {
  const ms = new Date(v).getTime();
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
};

/** The `audit.list` input for the form (without cursor). */
export function toQuery(f: AuditFilterForm) {
  return {
    ...(f.userId && { userId: f.userId }),
    ...(f.hostId && { hostId: f.hostId }),
    ...(f.objectType && { objectType: f.objectType }),
    ...(f.action.trim() && { action: f.action.trim() }),
    ...(f.result && { result: f.result }),
    ...(f.since && localMs(f.since) !== undefined && { since: localMs(f.since) }),
    ...(f.until && localMs(f.until) !== undefined && { until: localMs(f.until) }),
    limit: 50,
  };
}

export const OBJECT_TYPES = ['host', 'user', 'session', 'domain', 'snapshot', 'console', 'pool', 'volume', 'network'];
