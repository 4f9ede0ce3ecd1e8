// Size limits from virnetprotocol.x, as the generator wrote them (src/gen/virnet.gen.ts imports
// only types from here, so there is no cycle). The length word of a packet and every
// variable-length item are checked against these before anything is allocated.
export {
  VIR_NET_MESSAGE_MAX,
  VIR_NET_MESSAGE_INITIAL,
  VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX,
  VIR_NET_MESSAGE_HEADER_MAX,
  VIR_NET_MESSAGE_LEN_MAX,
  VIR_NET_MESSAGE_STRING_MAX,
  VIR_NET_MESSAGE_PAYLOAD_MAX,
} from '../gen/virnet.gen.js';
