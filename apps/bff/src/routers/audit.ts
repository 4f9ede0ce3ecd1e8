import { auditFilterSchema, listAudit } from '../audit/audit-log.js';
import { adminProcedure, router } from '../trpc.js';

export const auditRouter = router({
  /** The audit log, newest first, filtered, one page at a time. */
  list: adminProcedure.input(auditFilterSchema).query(({ ctx, input }) => listAudit(ctx.db, input)),
});
