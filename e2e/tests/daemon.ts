// The real libvirtd the browser tests run against, through @virtdeck/test-kit; what the browser
// tests create is tagged vde2e so it never collides with the other suites' objects.
import { uniqueName as kitUniqueName } from '@virtdeck/test-kit/daemon';

export { libvirtSocket, qemuUri, stateDir, virsh } from '@virtdeck/test-kit/daemon';

export const uniqueName = (prefix: string): string => kitUniqueName(prefix, 'vde2e');

/** The first admin's password in the browser tests (the BFF starts on an empty database). */
export const ADMIN_PASSWORD = 'e2e-admin-password';
