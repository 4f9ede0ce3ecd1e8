// tRPC init: the context type, the error formatter and the procedure builders.
import { initTRPC, TRPCError } from '@trpc/server';
import { LibvirtError } from '@virtdeck/libvirt-client';
import { z } from 'zod';
import type { Context } from './context.js';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        // A bad input names the field and why.
        zodError: cause instanceof z.ZodError ? z.flattenError(cause) : null,
        // A libvirt error keeps its libvirt code and domain so the UI can test them.
        libvirt: cause instanceof LibvirtError ? { code: cause.code, domain: cause.domain } : null,
      },
    };
  },
});

/** Maps errors from the libvirt client onto tRPC codes, keeping the original as the cause. */
const libvirtErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && !(result.error.cause instanceof TRPCError)) {
    const cause = result.error.cause;
    if (cause instanceof LibvirtError) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause });
    }
  }
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(libvirtErrors);
export const createCallerFactory = t.createCallerFactory;
