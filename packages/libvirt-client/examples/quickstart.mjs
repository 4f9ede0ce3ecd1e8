// A plain Node program using the packed package: connect, list domains, call a generated
// procedure, read a stream. Run: LIBVIRT_URI=qemu:///system node quickstart.mjs
import { Libvirt, remoteProcedures } from '@virtdeck/libvirt-client';

const uri = process.env.LIBVIRT_URI ?? 'qemu:///system';
const lv = await Libvirt.connect(uri);
try {
  const domains = await lv.domains.list();
  const { type } = await lv.call(remoteProcedures.connectGetType, undefined);
  const version = await lv.host.libVersion();
  let screenshotBytes = null;
  const first = domains.find((d) => d.state === 'running');
  if (first) {
    const dom = await lv.domains.lookup(first.uuid);
    const { ret, stream } = await lv.openReadStream(remoteProcedures.domainScreenshot, { dom, screen: 0, flags: 0 });
    screenshotBytes = 0;
    for await (const chunk of stream) screenshotBytes += chunk.length;
    console.error(`screenshot of ${first.name}: ${ret.mime}, ${screenshotBytes} bytes`);
  }
  console.log(JSON.stringify({ type, version, domains: domains.map((d) => ({ name: d.name, state: d.state })), screenshotBytes }));
} finally {
  await lv.close();
}
