// One host's reading as Prometheus metrics, named the Prometheus way: base units (seconds, bytes),
// `_total` on counters, prefix `virtdeck_`, labels host, domain, uuid, target (disk), interface,
// pool. libvirt reports CPU times in nanoseconds and memory in KiB: both are converted here.
import { VirDomainState, type TypedParams } from '@virtdeck/libvirt-client';
import type { Exposition, Labels } from './exposition.js';
import type { HostReading } from './host-reading.js';

const NS = 1e9;

/** Declared up front so every family is listed (with HELP and TYPE) whatever the hosts answer. */
export function declareFamilies(e: Exposition): void {
  e.family('virtdeck_host_up', 'gauge', 'Whether the host answered this scrape (1) or not (0).');
  e.family('virtdeck_host_scrape_duration_seconds', 'gauge', 'How long reading the host took.');
  e.family('virtdeck_host_cpus', 'gauge', 'Active CPUs of the host.');
  e.family('virtdeck_host_memory_bytes', 'gauge', 'Memory of the host.');
  e.family('virtdeck_host_memory_free_bytes', 'gauge', 'Free memory of the host.');
  e.family('virtdeck_host_cpu_seconds_total', 'counter', 'CPU time of the host by mode (all CPUs).');
  e.family('virtdeck_domain_state', 'gauge', "1 for the domain's current state (label state).");
  e.family('virtdeck_domain_vcpus', 'gauge', 'vCPUs the domain has now.');
  e.family('virtdeck_domain_cpu_seconds_total', 'counter', 'CPU time the domain used.');
  e.family('virtdeck_domain_cpu_user_seconds_total', 'counter', 'User-mode CPU time the domain used.');
  e.family('virtdeck_domain_cpu_system_seconds_total', 'counter', 'Kernel-mode CPU time the domain used.');
  e.family('virtdeck_domain_vcpu_seconds_total', 'counter', 'CPU time of each vCPU.');
  e.family('virtdeck_domain_memory_max_bytes', 'gauge', 'The most memory the domain may have.');
  e.family('virtdeck_domain_memory_current_bytes', 'gauge', 'Memory the balloon gives the domain now.');
  e.family('virtdeck_domain_memory_rss_bytes', 'gauge', 'Resident memory of the domain on the host.');
  e.family('virtdeck_domain_memory_usable_bytes', 'gauge', 'Memory the guest could use without swapping (guest agent/balloon driver).');
  e.family('virtdeck_domain_memory_unused_bytes', 'gauge', 'Memory the guest leaves unused (guest balloon driver).');
  e.family('virtdeck_domain_block_read_bytes_total', 'counter', 'Bytes read from the disk.');
  e.family('virtdeck_domain_block_write_bytes_total', 'counter', 'Bytes written to the disk.');
  e.family('virtdeck_domain_block_read_requests_total', 'counter', 'Read requests to the disk.');
  e.family('virtdeck_domain_block_write_requests_total', 'counter', 'Write requests to the disk.');
  e.family('virtdeck_domain_block_flush_requests_total', 'counter', 'Flush requests to the disk.');
  e.family('virtdeck_domain_block_read_seconds_total', 'counter', 'Time spent reading from the disk.');
  e.family('virtdeck_domain_block_write_seconds_total', 'counter', 'Time spent writing to the disk.');
  e.family('virtdeck_domain_block_capacity_bytes', 'gauge', 'Size of the disk as the guest sees it.');
  e.family('virtdeck_domain_block_allocation_bytes', 'gauge', 'Highest written offset of the disk image.');
  e.family('virtdeck_domain_block_physical_bytes', 'gauge', 'Size of the disk image on the host.');
  e.family('virtdeck_domain_interface_receive_bytes_total', 'counter', 'Bytes received on the interface.');
  e.family('virtdeck_domain_interface_transmit_bytes_total', 'counter', 'Bytes sent on the interface.');
  e.family('virtdeck_domain_interface_receive_packets_total', 'counter', 'Packets received on the interface.');
  e.family('virtdeck_domain_interface_transmit_packets_total', 'counter', 'Packets sent on the interface.');
  e.family('virtdeck_domain_interface_receive_errors_total', 'counter', 'Receive errors on the interface.');
  e.family('virtdeck_domain_interface_transmit_errors_total', 'counter', 'Transmit errors on the interface.');
  e.family('virtdeck_domain_interface_receive_drops_total', 'counter', 'Received packets dropped on the interface.');
  e.family('virtdeck_domain_interface_transmit_drops_total', 'counter', 'Sent packets dropped on the interface.');
  e.family('virtdeck_pool_active', 'gauge', 'Whether the storage pool is running (1) or not (0).');
  e.family('virtdeck_pool_capacity_bytes', 'gauge', 'Size of the storage pool.');
  e.family('virtdeck_pool_allocation_bytes', 'gauge', 'Bytes allocated in the storage pool.');
  e.family('virtdeck_pool_available_bytes', 'gauge', 'Bytes free in the storage pool.');
}

function num(stats: TypedParams, key: string): number | null {
  const v = stats[key];
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return null;
}

function scaled(stats: TypedParams, key: string, factor: number): number | null {
  const v = num(stats, key);
  return v === null ? null : v * factor;
}

function str(stats: TypedParams, key: string): string | null {
  const v = stats[key];
  return typeof v === 'string' ? v : null;
}

function stateName(n: number | null): string {
  const entry = n === null ? undefined : Object.entries(VirDomainState).find(([, v]) => v === n);
  return entry ? entry[0].toLowerCase() : 'unknown';
}

/** The host as down: `virtdeck_host_up 0`, nothing else (Prometheus' `up` pattern). */
export function writeHostDown(e: Exposition, host: string, seconds: number): void {
  e.sample('virtdeck_host_up', 'gauge', '', { host }, 0);
  e.sample('virtdeck_host_scrape_duration_seconds', 'gauge', '', { host }, seconds);
}

export function writeHost(e: Exposition, host: string, r: HostReading, seconds: number): void {
  const g = (name: string, labels: Labels, v: number | null) => e.sample(name, 'gauge', '', labels, v);
  const c = (name: string, labels: Labels, v: number | null) => e.sample(name, 'counter', '', labels, v);
  const h = { host };
  g('virtdeck_host_up', h, 1);
  g('virtdeck_host_scrape_duration_seconds', h, seconds);
  g('virtdeck_host_cpus', h, r.info.cpus);
  g('virtdeck_host_memory_bytes', h, r.info.memoryKiB * 1024);
  g('virtdeck_host_memory_free_bytes', h, r.freeMemory);
  if (r.cpu) {
    for (const [mode, ns] of Object.entries(r.cpu.fields)) {
      // 'utilization' is a percentage some drivers send instead of times: not a counter.
      if (mode === 'utilization') continue;
      c('virtdeck_host_cpu_seconds_total', { host, mode }, Number(ns) / NS);
    }
  }

  for (const { domain, stats } of r.domains) {
    const d = { host, domain: domain.name, uuid: domain.uuid };
    g('virtdeck_domain_state', { ...d, state: stateName(num(stats, 'state.state')) }, 1);
    g('virtdeck_domain_vcpus', d, num(stats, 'vcpu.current'));
    c('virtdeck_domain_cpu_seconds_total', d, scaled(stats, 'cpu.time', 1 / NS));
    c('virtdeck_domain_cpu_user_seconds_total', d, scaled(stats, 'cpu.user', 1 / NS));
    c('virtdeck_domain_cpu_system_seconds_total', d, scaled(stats, 'cpu.system', 1 / NS));
    const vcpus = num(stats, 'vcpu.maximum') ?? 0;
    for (let i = 0; i < vcpus; i++) c('virtdeck_domain_vcpu_seconds_total', { ...d, vcpu: String(i) }, scaled(stats, `vcpu.${i}.time`, 1 / NS));
    g('virtdeck_domain_memory_max_bytes', d, scaled(stats, 'balloon.maximum', 1024));
    g('virtdeck_domain_memory_current_bytes', d, scaled(stats, 'balloon.current', 1024));
    g('virtdeck_domain_memory_rss_bytes', d, scaled(stats, 'balloon.rss', 1024));
    g('virtdeck_domain_memory_usable_bytes', d, scaled(stats, 'balloon.usable', 1024));
    g('virtdeck_domain_memory_unused_bytes', d, scaled(stats, 'balloon.unused', 1024));

    // Disks by target (vda); a backing image of the same target (backingIndex) is not a disk of its own.
    const seen = new Set<string>();
    for (let i = 0; i < (num(stats, 'block.count') ?? 0); i++) {
      const target = str(stats, `block.${i}.name`);
      if (target === null || seen.has(target)) continue;
      seen.add(target);
      const b = { ...d, target };
      const k = (f: string) => `block.${i}.${f}`;
      c('virtdeck_domain_block_read_bytes_total', b, num(stats, k('rd.bytes')));
      c('virtdeck_domain_block_write_bytes_total', b, num(stats, k('wr.bytes')));
      c('virtdeck_domain_block_read_requests_total', b, num(stats, k('rd.reqs')));
      c('virtdeck_domain_block_write_requests_total', b, num(stats, k('wr.reqs')));
      c('virtdeck_domain_block_flush_requests_total', b, num(stats, k('fl.reqs')));
      c('virtdeck_domain_block_read_seconds_total', b, scaled(stats, k('rd.times'), 1 / NS));
      c('virtdeck_domain_block_write_seconds_total', b, scaled(stats, k('wr.times'), 1 / NS));
      g('virtdeck_domain_block_capacity_bytes', b, num(stats, k('capacity')));
      g('virtdeck_domain_block_allocation_bytes', b, num(stats, k('allocation')));
      g('virtdeck_domain_block_physical_bytes', b, num(stats, k('physical')));
    }

    for (let i = 0; i < (num(stats, 'net.count') ?? 0); i++) {
      const iface = str(stats, `net.${i}.name`);
      if (iface === null) continue;
      const n = { ...d, interface: iface };
      const k = (f: string) => `net.${i}.${f}`;
      c('virtdeck_domain_interface_receive_bytes_total', n, num(stats, k('rx.bytes')));
      c('virtdeck_domain_interface_transmit_bytes_total', n, num(stats, k('tx.bytes')));
      c('virtdeck_domain_interface_receive_packets_total', n, num(stats, k('rx.pkts')));
      c('virtdeck_domain_interface_transmit_packets_total', n, num(stats, k('tx.pkts')));
      c('virtdeck_domain_interface_receive_errors_total', n, num(stats, k('rx.errs')));
      c('virtdeck_domain_interface_transmit_errors_total', n, num(stats, k('tx.errs')));
      c('virtdeck_domain_interface_receive_drops_total', n, num(stats, k('rx.drop')));
      c('virtdeck_domain_interface_transmit_drops_total', n, num(stats, k('tx.drop')));
    }
  }

  for (const p of r.pools) {
    const l = { host, pool: p.name };
    g('virtdeck_pool_active', l, p.state === 'running' ? 1 : 0);
    // An inactive pool's sizes are zeros, not measurements.
    if (p.state !== 'running') continue;
    g('virtdeck_pool_capacity_bytes', l, p.capacity);
    g('virtdeck_pool_allocation_bytes', l, p.allocation);
    g('virtdeck_pool_available_bytes', l, p.available);
  }
}
