export { XdrReader } from './reader.js';
export { XdrWriter } from './writer.js';
export { xdrVoid } from './codec.js';
export type { XdrCodec, ProcedureDef, MessageDef, StreamDirection } from './codec.js';
