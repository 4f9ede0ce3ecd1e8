// Size limits from virnetprotocol.x. The length word of a packet and every
// variable-length item are checked against these before anything is allocated.
export const VIR_NET_MESSAGE_MAX = 33_554_432;
export const VIR_NET_MESSAGE_INITIAL = 65_536;
export const VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX = 262_120;
export const VIR_NET_MESSAGE_HEADER_MAX = 24;
export const VIR_NET_MESSAGE_LEN_MAX = 4;
export const VIR_NET_MESSAGE_STRING_MAX = 4_194_304;
export const VIR_NET_MESSAGE_PAYLOAD_MAX = VIR_NET_MESSAGE_MAX - VIR_NET_MESSAGE_HEADER_MAX - VIR_NET_MESSAGE_LEN_MAX;
