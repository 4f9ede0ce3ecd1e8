// The URIs the client's integration tests reach the real libvirtd by: its unix socket and its
// TCP listener, for the qemu and the test driver (the locator is @virtdeck/test-kit's).
import { libvirtSocket, libvirtTcp, qemuUri, stateDir, testUri, uniqueName } from '@virtdeck/test-kit/daemon';

export const daemon = {
  state: stateDir,
  get socket(): string {
    return libvirtSocket();
  },
  tcp: libvirtTcp,
  qemuUnixUri: qemuUri,
  testUnixUri: testUri,
  qemuTcpUri(): string {
    return `qemu+tcp://${libvirtTcp}/system`;
  },
  testTcpUri(nodeFile?: string): string {
    return `test+tcp://${libvirtTcp}${nodeFile ?? '/default'}`;
  },
  uniqueName,
};
