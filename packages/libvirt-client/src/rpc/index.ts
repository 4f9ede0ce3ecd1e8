// The RPC layer: framing, the connection engine, streams, events, keepalive.
export { RpcConnection } from './connection.js';
export type { CallOptions, StreamOptions, ConnectionOptions, ConnectionClosed, ConnectionStats } from './connection.js';
export { RpcReadStream, RpcWriteStream, RpcDuplexStream, STREAM_CHUNK_MAX } from './streams.js';
export type { Subscription, SubscribeOptions } from './events.js';
export type { KeepaliveOptions } from './keepalive.js';
export { FrameDecoder, MessageType, MessageStatus, PACKET_HEADER_SIZE, PACKET_MAX } from './framing.js';
export type { Packet, PacketHeader } from './framing.js';
export { readLibvirtError } from './remote-error.js';
