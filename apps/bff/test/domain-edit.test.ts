// Editing a VM that exists, against the real daemon: vCPUs and memory (persistent on a shut-off
// VM; live where QEMU allows, pending where it does not), boot order and menu, title and
// description, and the raw XML (admins only, validated by libvirt, nothing changed on error).
// Every change is checked in both the live and the persistent XML, as virsh reports them.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, virsh, virshQuietly } from '@virtdeck/test-kit/daemon';
import { ADMIN_PASSWORD, failureOf, startTestBff, type SessionCookie, type TestBff } from './harness.js';

const dumpxml = (name: string, inactive = false) => (inactive ? virsh('dumpxml', name, '--inactive', '--security-info') : virsh('dumpxml', name));
const vcpuLine = (xml: string) => /<vcpu[^>]*>\d+<\/vcpu>/.exec(xml)?.[0];
const kib = (xml: string, el: string) => Number(new RegExp(`<${el} unit='KiB'>(\\d+)</${el}>`).exec(xml)?.[1]);

describe('editing a VM', () => {
  const name = uniqueName('edit');
  let dir = '';
  let bff: TestBff;
  let admin: SessionCookie;
  let operator: SessionCookie;
  let viewer: SessionCookie;
  let uuid = '';
  let hostId = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vdtest-edit-'));
    const file = path.join(dir, 'guest.xml');
    writeFileSync(file, readFileSync(new URL('./fixtures/edit-guest.xml', import.meta.url), 'utf8').replace('NAME', name));
    virsh('define', file);
    uuid = virsh('domuuid', name).trim();
    bff = await startTestBff();
    hostId = bff.hostId;
    admin = await bff.signIn('admin', ADMIN_PASSWORD);
    await bff.client(admin).user.create.mutate({ username: 'edit-op', password: 'operator-password-1', role: 'operator' });
    await bff.client(admin).user.create.mutate({ username: 'edit-viewer', password: 'viewer-password-1', role: 'viewer' });
    operator = await bff.signIn('edit-op', 'operator-password-1');
    viewer = await bff.signIn('edit-viewer', 'viewer-password-1');
  });

  afterAll(async () => {
    virshQuietly('destroy', name);
    virshQuietly('undefine', name);
    rmSync(dir, { recursive: true, force: true });
    await bff?.close();
  });

  describe('a shut-off VM', () => {
    it('changes vCPUs and memory, current and maximum, in the definition', async () => {
      const result = await bff.client(operator).domain.edit.resources.mutate({ hostId, uuid, vcpus: 2, maxVcpus: 3, memoryMiB: 96, maxMemoryMiB: 160 });
      expect(result.pending).toEqual([]);
      expect(result.changed).toEqual(
        expect.arrayContaining([
          { field: 'maxVcpus', appliedTo: 'config' },
          { field: 'memoryMiB', appliedTo: 'config' },
          { field: 'maxMemoryMiB', appliedTo: 'config' },
        ]),
      );
      const xml = dumpxml(name, true);
      expect(vcpuLine(xml)).toBe("<vcpu placement='static' current='2'>3</vcpu>");
      expect(kib(xml, 'memory')).toBe(160 * 1024);
      expect(kib(xml, 'currentMemory')).toBe(96 * 1024);
      const settings = await bff.client(viewer).domain.edit.settings.query({ hostId, uuid });
      expect(settings).toMatchObject({ running: false, pending: [], config: { vcpus: 2, maxVcpus: 3, memoryKiB: 96 * 1024, maxMemoryKiB: 160 * 1024 } });
    });

    it('refuses bad input next to the field, changing nothing', async () => {
      const before = dumpxml(name, true);
      const bad = await failureOf(bff.client(operator).domain.edit.resources.mutate({ hostId, uuid, vcpus: 4, maxVcpus: 3, memoryMiB: 8, maxMemoryMiB: 160 }));
      expect(bad.code).toBe('BAD_REQUEST');
      expect(bad.fields.vcpus).toEqual(['at most the maximum vCPUs']);
      expect(bad.fields.memoryMiB).toEqual(['at least 16']);
      const title = await failureOf(bff.client(operator).domain.edit.title.mutate({ hostId, uuid, title: 'two\nlines', description: '' }));
      expect(title.fields.title).toEqual(['one line only']);
      expect(dumpxml(name, true)).toBe(before);
    });

    it('sets the boot order per device and the boot menu, replacing <os><boot dev>', async () => {
      const result = await bff.client(operator).domain.edit.boot.mutate({
        hostId,
        uuid,
        order: [
          { kind: 'nic', mac: '52:54:00:5e:00:01' },
          { kind: 'disk', target: 'sdb' },
        ],
        menu: { enabled: true, timeoutMs: 2500 },
      });
      expect(result).toEqual({ changed: [{ field: 'boot', appliedTo: 'config' }], pending: [], liveRefusal: null });
      const xml = dumpxml(name, true);
      expect(xml).not.toContain('<boot dev=');
      expect(xml).toContain("<bootmenu enable='yes' timeout='2500'/>");
      expect(xml).toMatch(/<target dev='sdb' bus='sata'\/>[\s\S]*?<boot order='2'\/>/);
      expect(xml).toMatch(/<mac address='52:54:00:5e:00:01'\/>[\s\S]*?<boot order='1'\/>/);
      // Written back whole: the VNC password survived the redefinition.
      expect(xml).toContain("passwd='edsecret'");
      const settings = await bff.client(viewer).domain.edit.settings.query({ hostId, uuid });
      expect(settings.config.boot).toEqual({
        order: [
          { kind: 'nic', mac: '52:54:00:5e:00:01' },
          { kind: 'disk', target: 'sdb' },
        ],
        source: 'devices',
        menu: { enabled: true, timeoutMs: 2500 },
      });
    });

    it('refuses a boot device the VM does not have, next to the field', async () => {
      const bad = await failureOf(bff.client(operator).domain.edit.boot.mutate({ hostId, uuid, order: [{ kind: 'disk', target: 'vdz' }], menu: { enabled: false } }));
      expect(bad.code).toBe('BAD_REQUEST');
      expect(bad.fields.order?.[0]).toMatch(/no disk vdz/);
    });

    it('sets the title and description in the definition', async () => {
      const result = await bff.client(operator).domain.edit.title.mutate({ hostId, uuid, title: 'Web & <cache>', description: 'line one\nline two' });
      expect(result.changed).toEqual([
        { field: 'title', appliedTo: 'config' },
        { field: 'description', appliedTo: 'config' },
      ]);
      const xml = dumpxml(name, true);
      expect(xml).toContain('<title>Web &amp; &lt;cache&gt;</title>');
      expect(xml).toContain('<description>line one\nline two</description>');
    });

    it('lets viewers look but not change', async () => {
      await expect(bff.client(viewer).domain.edit.settings.query({ hostId, uuid })).resolves.toMatchObject({ running: false });
      const refused = await failureOf(bff.client(viewer).domain.edit.title.mutate({ hostId, uuid, title: 'x', description: '' }));
      expect(refused.code).toBe('FORBIDDEN');
    });
  });

  describe('a running VM', () => {
    beforeAll(() => {
      virsh('start', name);
    });

    it('hot-plugs a vCPU live and in the definition', async () => {
      const result = await bff.client(operator).domain.edit.resources.mutate({ hostId, uuid, vcpus: 3, maxVcpus: 3, memoryMiB: 96, maxMemoryMiB: 160 });
      // The guest has no OS, so no balloon driver: it keeps the 160 MiB it started with, and
      // the 96 MiB of the definition wait for the next boot.
      expect(result).toEqual({ changed: [{ field: 'vcpus', appliedTo: 'live-and-config' }], pending: ['memoryMiB'], liveRefusal: null });
      expect(kib(dumpxml(name), 'currentMemory')).toBe(160 * 1024);
      expect(kib(dumpxml(name, true), 'currentMemory')).toBe(96 * 1024);
      expect(vcpuLine(dumpxml(name))).toBe("<vcpu placement='static'>3</vcpu>");
      expect(vcpuLine(dumpxml(name, true))).toBe("<vcpu placement='static'>3</vcpu>");
    });

    it('reports an unplug QEMU refuses as pending, with libvirt\'s words, the definition changed', async () => {
      // The two vCPUs the VM started with cannot be unplugged.
      const result = await bff.client(operator).domain.edit.resources.mutate({ hostId, uuid, vcpus: 1, maxVcpus: 3, memoryMiB: 96, maxMemoryMiB: 160 });
      expect(result.changed).toEqual([{ field: 'vcpus', appliedTo: 'config' }]);
      expect(result.pending).toEqual(['vcpus', 'memoryMiB']);
      expect(result.liveRefusal).toMatch(/hotpluggable vcpus/);
      expect(vcpuLine(dumpxml(name))).toBe("<vcpu placement='static'>3</vcpu>");
      expect(vcpuLine(dumpxml(name, true))).toBe("<vcpu placement='static' current='1'>3</vcpu>");
      const settings = await bff.client(viewer).domain.edit.settings.query({ hostId, uuid });
      expect(settings).toMatchObject({ running: true, pending: ['vcpus', 'memoryMiB'], live: { vcpus: 3 }, config: { vcpus: 1 } });
    });

    it('marks maximums as pending: a running QEMU keeps the ones it started with', async () => {
      const result = await bff.client(operator).domain.edit.resources.mutate({ hostId, uuid, vcpus: 1, maxVcpus: 4, memoryMiB: 96, maxMemoryMiB: 256 });
      expect(result.pending.sort()).toEqual(['maxMemoryMiB', 'maxVcpus', 'memoryMiB', 'vcpus']);
      const live = dumpxml(name);
      const config = dumpxml(name, true);
      expect(kib(live, 'memory')).toBe(160 * 1024);
      expect(kib(config, 'memory')).toBe(256 * 1024);
      expect(vcpuLine(live)).toBe("<vcpu placement='static'>3</vcpu>");
      expect(vcpuLine(config)).toBe("<vcpu placement='static' current='1'>4</vcpu>");
    });

    it('changes the title and description live and in the definition', async () => {
      const result = await bff.client(operator).domain.edit.title.mutate({ hostId, uuid, title: 'Renamed', description: '' });
      expect(result.changed).toEqual([
        { field: 'title', appliedTo: 'live-and-config' },
        { field: 'description', appliedTo: 'live-and-config' },
      ]);
      for (const xml of [dumpxml(name), dumpxml(name, true)]) {
        expect(xml).toContain('<title>Renamed</title>');
        expect(xml).not.toContain('<description>');
      }
    });

    it('keeps the boot order the VM started with; the new one is pending', async () => {
      const result = await bff.client(operator).domain.edit.boot.mutate({ hostId, uuid, order: [{ kind: 'disk', target: 'sda' }], menu: { enabled: false } });
      expect(result.pending).toEqual(['boot']);
      expect(dumpxml(name)).toContain("<bootmenu enable='yes' timeout='2500'/>");
      expect(dumpxml(name, true)).not.toContain('bootmenu');
      const settings = await bff.client(viewer).domain.edit.settings.query({ hostId, uuid });
      expect(settings.pending).toContain('boot');
    });
  });

  describe('raw XML', () => {
    it('is for admins only', async () => {
      const xml = await bff.client(admin).domain.edit.definition.query({ hostId, uuid });
      expect((await failureOf(bff.client(operator).domain.edit.definition.query({ hostId, uuid }))).code).toBe('FORBIDDEN');
      expect((await failureOf(bff.client(operator).domain.edit.defineXml.mutate({ hostId, uuid, xml }))).code).toBe('FORBIDDEN');
    });

    it('defines the edited XML, the graphics password kept', async () => {
      const xml = await bff.client(admin).domain.edit.definition.query({ hostId, uuid });
      expect(xml).toContain("passwd='edsecret'");
      const edited = xml.replace('<on_crash>destroy</on_crash>', '<on_crash>restart</on_crash>');
      expect(edited).not.toBe(xml);
      const result = await bff.client(admin).domain.edit.defineXml.mutate({ hostId, uuid, xml: edited });
      expect(result).toEqual({ changed: [{ field: 'definition', appliedTo: 'config' }], pending: ['definition'], liveRefusal: null });
      expect(dumpxml(name, true)).toContain('<on_crash>restart</on_crash>');
      expect(dumpxml(name, true)).toContain("passwd='edsecret'");
      expect(dumpxml(name)).toContain('<on_crash>destroy</on_crash>');
    });

    it('shows libvirt\'s validation error and changes nothing', async () => {
      const xml = await bff.client(admin).domain.edit.definition.query({ hostId, uuid });
      const before = dumpxml(name, true);
      const bad = await failureOf(bff.client(admin).domain.edit.defineXml.mutate({ hostId, uuid, xml: xml.replace('</devices>', '<bogus/></devices>') }));
      expect(bad.code).toBe('BAD_REQUEST');
      expect(bad.message).toMatch(/definition was not changed: .*(relax|schema|bogus|Element|extra)/is);
      expect(bad.message).toMatch(/Nothing was changed\. The VM is running\./);
      expect(dumpxml(name, true)).toBe(before);
    });

    it('refuses to overwrite a definition changed since the editor read it', async () => {
      const base = await bff.client(admin).domain.edit.definition.query({ hostId, uuid });
      virsh('desc', name, '--config', '--title', 'changed behind the editor');
      const after = dumpxml(name, true);
      const stale = await failureOf(bff.client(admin).domain.edit.defineXml.mutate({ hostId, uuid, xml: base.replace('<on_crash>restart</on_crash>', '<on_crash>destroy</on_crash>'), base }));
      expect(stale.code).toBe('CONFLICT');
      expect(stale.message).toMatch(/changed since the editor opened it; nothing was saved/);
      expect(dumpxml(name, true)).toBe(after);
    });

    it('refuses a changed name or UUID and malformed XML next to the field', async () => {
      const xml = await bff.client(admin).domain.edit.definition.query({ hostId, uuid });
      const renamed = await failureOf(bff.client(admin).domain.edit.defineXml.mutate({ hostId, uuid, xml: xml.replace(`<name>${name}</name>`, '<name>other</name>') }));
      expect(renamed.fields.xml?.[0]).toMatch(/<name> must stay/);
      const reuuid = await failureOf(bff.client(admin).domain.edit.defineXml.mutate({ hostId, uuid, xml: xml.replace(uuid, '00000000-0000-4000-8000-000000000001') }));
      expect(reuuid.fields.xml?.[0]).toMatch(/<uuid> must stay/);
      const broken = await failureOf(bff.client(admin).domain.edit.defineXml.mutate({ hostId, uuid, xml: '<domain><name>' }));
      expect(broken.fields.xml?.[0]).toMatch(/Malformed XML/);
      expect(virsh('list', '--all', '--name')).not.toMatch(/^other$/m);
    });
  });

  it('audits every change with who made it and whether it worked', async () => {
    const page = await bff.client(admin).audit.list.query({ objectType: 'domain', limit: 100 });
    const actions = new Set(page.items.filter((e) => e.objectName === uuid).map((e) => `${e.username}:${e.action}:${e.result}`));
    for (const a of ['edit-op:set-resources:ok', 'edit-op:set-boot:ok', 'edit-op:set-title:ok', 'admin:define-xml:ok', 'admin:define-xml:error']) expect(actions).toContain(a);
  });
});
