// Type-checked against the packed .d.ts by test/integration/package-tarball.test.ts.
import { Libvirt, LibvirtError, remoteProcedures, VirErrorNumber, type DomainInfo, type RemoteDomainGetInfoRet } from '@virtdeck/libvirt-client';

export async function info(uri: string, name: string): Promise<{ raw: RemoteDomainGetInfoRet; friendly: DomainInfo } | null> {
  const lv = await Libvirt.connect(uri);
  try {
    const { dom } = await lv.call(remoteProcedures.domainLookupByName, { name });
    return { raw: await lv.call(remoteProcedures.domainGetInfo, { dom }), friendly: await lv.domains.getInfo(dom) };
  } catch (e) {
    if (e instanceof LibvirtError && e.code === VirErrorNumber.ERR_NO_DOMAIN) return null;
    throw e;
  } finally {
    await lv.close();
  }
}

/** Why a connection ended: `closed` resolves with the reason (error null after close()). */
export async function lostBecause(lv: Libvirt): Promise<string | null> {
  const { error } = await lv.closed;
  return error?.message ?? null;
}
