// The libvirt version installed here ("9.0.0"), to compare with what the daemon reports.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export async function libvirtVersion(): Promise<string> {
  const { stdout } = await promisify(execFile)('virsh', ['--version']);
  return stdout.trim();
}
