// How the generator lays out src/gen: remote_protocol.x's definitions by libvirt object, and the
// libvirt version of the header read from the protocol files, not typed into the generator.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remoteObjectOf } from '../../scripts/xgen/object-groups.js';
import { readLibvirtVersion } from '../../scripts/xgen/pipeline.js';

describe('remote_protocol.x by libvirt object', () => {
  it.each([
    ['remote_domain_get_xml_desc_args', 'domain'],
    ['remote_nonnull_domain', 'domain'],
    ['remote_domain_interface_addresses_ret', 'domain'],
    ['remote_connect_list_all_domains_args', 'domain'],
    ['remote_domain_event_callback_lifecycle_msg', 'domain-event'],
    ['remote_connect_domain_event_callback_register_any_args', 'domain-event'],
    ['remote_domain_migrate_begin3_params_args', 'domain-migration'],
    ['remote_domain_snapshot_create_xml_args', 'snapshot'],
    ['remote_domain_list_all_snapshots_ret', 'snapshot'],
    ['remote_domain_checkpoint_get_xml_desc_args', 'checkpoint'],
    ['remote_storage_vol_download_args', 'storage'],
    ['remote_connect_list_all_storage_pools_ret', 'storage'],
    ['REMOTE_STORAGE_POOL_LIST_MAX', 'storage'],
    ['remote_network_port_create_xml_args', 'network'],
    ['remote_nwfilter_binding_create_xml_args', 'nwfilter'],
    ['remote_interface_get_xml_desc_args', 'interface'],
    ['remote_node_device_get_xml_desc_args', 'node-device'],
    ['remote_node_num_of_devices_args', 'node-device'],
    ['remote_node_get_info_ret', 'host'],
    ['remote_secret_get_value_ret', 'secret'],
    ['remote_connect_open_args', 'connect'],
    ['remote_auth_list_ret', 'connect'],
    ['remote_typed_param', 'connect'],
    ['remote_procedure', 'connect'],
  ])('%s goes to remote-%s.gen.ts', (name, object) => {
    expect(remoteObjectOf(name)).toBe(object);
  });
});

describe('the libvirt version in the generated header', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vdtest-xgen-version-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("comes from a libvirt source tree's meson.build", async () => {
    const tree = path.join(dir, 'tree');
    await mkdir(tree);
    await writeFile(path.join(tree, 'meson.build'), "project(\n  'libvirt', 'c',\n  version: '10.4.0',\n  license: 'LGPLv2+',\n)\n");
    expect(readLibvirtVersion(tree)).toBe('10.4.0');
  });

  it("or from the title of a protocol folder's README", async () => {
    const copy = path.join(dir, 'copy');
    await mkdir(copy);
    await writeFile(path.join(copy, 'README.md'), '# libvirt protocol and API definitions (libvirt 11.3.0)\n\nlibvirt 9.0.0 is older.\n');
    expect(readLibvirtVersion(copy)).toBe('11.3.0');
  });

  it('and without either, the generator says it cannot tell', () => {
    expect(() => readLibvirtVersion(path.join(dir, 'empty'))).toThrow(/cannot tell libvirt's version/);
  });
});
