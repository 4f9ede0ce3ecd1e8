// noVNC ships no types for its package entry; @types/novnc__novnc declares only lib/rfb.
declare module '@novnc/novnc' {
  import RFB from '@novnc/novnc/lib/rfb';
  export default RFB;
}

// spice-html5 ships no types: only the constructor the console uses is declared.
declare module '@spice-project/spice-html5' {
  export interface SpiceMainConnOptions {
    uri: string;
    password: string;
    screen_id?: string;
    message_id?: string;
    onerror?: (e: Error | Event) => void;
    onsuccess?: () => void;
    onagent?: () => void;
  }
  export class SpiceMainConn {
    constructor(o: SpiceMainConnOptions);
    stop(): void;
  }
  export function sendCtrlAltDel(sc: SpiceMainConn): void;
}
