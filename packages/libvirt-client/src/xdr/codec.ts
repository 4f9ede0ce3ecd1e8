// The contract between generated codecs, the RPC engine and the facade.
import type { XdrReader } from './reader.js';
import type { XdrWriter } from './writer.js';

export interface XdrCodec<T> {
  encode(w: XdrWriter, v: T): void;
  decode(r: XdrReader): T;
}

/** The codec of procedures that take or return nothing. */
export const xdrVoid: XdrCodec<void> = {
  encode() {},
  decode() {},
};

/** How a procedure moves stream data, from its `@readstream`/`@writestream` annotation. */
export type StreamDirection = 'none' | 'read' | 'write';

/**
 * One procedure of a program, as the generator reads it from a .x file. `S` is its stream
 * direction as a literal type, so that `call` takes only plain procedures and the stream
 * openers only stream procedures.
 */
export interface ProcedureDef<Args, Ret, S extends StreamDirection = StreamDirection> {
  readonly name: string;
  readonly program: number;
  readonly version: number;
  readonly procedure: number;
  readonly args: XdrCodec<Args>;
  readonly ret: XdrCodec<Ret>;
  /** The stream the procedure opens, from its `@readstream`/`@writestream` annotation, or 'none'. */
  readonly stream: S;
  /** `@priority: high` procedures may run while other calls wait on the daemon. */
  readonly highPriority: boolean;
}

/** An event (a MESSAGE packet the daemon sends on its own), with its payload codec. */
export interface MessageDef<Msg> {
  readonly name: string;
  readonly program: number;
  readonly version: number;
  readonly procedure: number;
  readonly msg: XdrCodec<Msg>;
}
