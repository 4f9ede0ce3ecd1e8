import type { Graphics, GraphicsListen } from '../model/domain.js';
import { childrenNamed, optionalInt, requireAttr, yesNo } from './dom.js';
import type { XmlElement } from './xml.js';

/**
 * One `<graphics>`. `passwd` is read only as "is set": the value is dropped here so it can never
 * reach a model, a log or the UI.
 */
export function readGraphics(element: XmlElement, path: string): Graphics {
  const a = element.attrs;
  const type = requireAttr(element, 'type', path);
  const port = optionalInt(a.port, path, 'Graphics port');
  const tlsPort = optionalInt(a.tlsPort, path, 'Graphics TLS port');
  const listens = childrenNamed(element, 'listen').map((listen, i) => readListen(listen, `${path}/listen[${i + 1}]`));
  if (listens.length === 0 && a.listen) listens.push({ type: 'address', address: a.listen });
  const socket = a.socket ?? listens.find((listen) => listen.type === 'socket')?.socket;
  return {
    type,
    port: port === undefined || port < 0 ? null : port,
    tlsPort: tlsPort === undefined || tlsPort < 0 ? null : tlsPort,
    autoport: yesNo(a.autoport) ?? false,
    listens,
    ...(socket ? { socket } : {}),
    passwordSet: a.passwd !== undefined,
  };
}

function readListen(listen: XmlElement, path: string): GraphicsListen {
  const { type, address, socket } = listen.attrs;
  switch (type) {
    case 'address':
      return { type, ...(address ? { address } : {}) };
    case 'network':
      return { type, network: requireAttr(listen, 'network', path), ...(address ? { address } : {}) };
    case 'socket':
      return { type, ...(socket ? { socket } : {}) };
    case 'none':
      return { type };
    default:
      return { type: 'address', ...(address ? { address } : {}) };
  }
}
