#!/usr/bin/python3
# The oracle of the differential tests: libvirt's own C library (Debian's python3-libvirt) answers
# the same questions as the TypeScript client (survey.ts), as one JSON document on stdout.
#
# Input on stdin: {"uri": ..., "prefix": <only objects whose name starts with it, or "">,
#                  "depth": "full" | "light", "errors": true|false}
# Every integer is written as a decimal string (JSON numbers lose 64-bit values in JavaScript);
# a refusal is written as {"error": {code, domain, level, message, str1..str3, int1, int2}}.
# Keep the shape in step with survey.ts: the test compares the two documents leaf by leaf.
import json
import sys

import libvirt

libvirt.registerErrorHandler(lambda _ctx, _err: None, None)  # no stderr noise


def norm(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, (list, tuple)):
        return [norm(x) for x in v]
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()}
    return v


def err(e):
    return {"error": norm({
        "code": e.get_error_code(), "domain": e.get_error_domain(), "level": e.get_error_level(),
        "message": e.get_error_message(), "str1": e.get_str1(), "str2": e.get_str2(), "str3": e.get_str3(),
        "int1": e.get_int1(), "int2": e.get_int2(),
    })}


def ask(f):
    try:
        return norm(f())
    except libvirt.libvirtError as e:
        return err(e)


DOMAIN_LIST_FLAGS = ["ACTIVE", "INACTIVE", "PERSISTENT", "TRANSIENT", "RUNNING", "PAUSED", "SHUTOFF", "OTHER", "AUTOSTART", "NO_AUTOSTART"]


def snapshot(s):
    return {
        "xml": ask(lambda: s.getXMLDesc(0)),
        "parent": ask(lambda: s.getParent().getName()),
        "isCurrent": ask(lambda: s.isCurrent(0)),
        "hasMetadata": ask(lambda: s.hasMetadata(0)),
        "children": ask(lambda: sorted(c.getName() for c in s.listAllChildren(0))),
        "descendants": ask(lambda: s.numChildren(libvirt.VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS)),
    }


def domain(d, full):
    out = {
        "uuid": d.UUIDString(),
        "id": norm(d.ID()),
        # cpuTime moves between two reads: compared separately, as a range (survey.test.ts).
        "info": ask(lambda: d.info()[:4]),
        "state": ask(lambda: d.state(0)),
        "isActive": ask(d.isActive),
        "isPersistent": ask(d.isPersistent),
        "autostart": ask(d.autostart),
        "xml": ask(lambda: d.XMLDesc(0)),
    }
    if not full:
        return out
    out.update({
        "xmlInactive": ask(lambda: d.XMLDesc(libvirt.VIR_DOMAIN_XML_INACTIVE)),
        "maxMemory": ask(d.maxMemory),
        "osType": ask(d.OSType),
        "hasManagedSave": ask(lambda: d.hasManagedSaveImage(0)),
        "schedulerType": ask(d.schedulerType),
        "scheduler": ask(d.schedulerParameters),
        "memory": ask(lambda: d.memoryParameters(0)),
        "blkio": ask(lambda: d.blkioParameters(0)),
        "numa": ask(lambda: d.numaParameters(0)),
        "snapshots": ask(lambda: {s.getName(): snapshot(s) for s in d.listAllSnapshots(0)}),
        "currentSnapshot": ask(lambda: d.snapshotCurrent(0).getName()),
    })
    return out


def pool(p, full):
    out = {
        "uuid": p.UUIDString(),
        "info": ask(p.info),
        "isActive": ask(p.isActive),
        "isPersistent": ask(p.isPersistent),
        "autostart": ask(p.autostart),
        "xml": ask(lambda: p.XMLDesc(0)),
    }
    if full and p.isActive():
        out["volumes"] = ask(lambda: {v.name(): {"key": v.key(), "path": v.path(), "info": ask(v.info), "xml": ask(lambda: v.XMLDesc(0))} for v in p.listAllVolumes(0)})
    return out


def network(n):
    return {
        "uuid": n.UUIDString(),
        "isActive": ask(n.isActive),
        "isPersistent": ask(n.isPersistent),
        "autostart": ask(n.autostart),
        "xml": ask(lambda: n.XMLDesc(0)),
        "bridge": ask(n.bridgeName),
    }


# Refusals the daemon makes. Not those the C library makes before any call (a malformed UUID
# string is VIR_ERR_INVALID_ARG from virDomainLookupByUUIDString): this client has no such entry.
def errors(c):
    dom = lambda: c.listAllDomains(0)[0]  # noqa: E731
    return {
        "noDomain": ask(lambda: c.lookupByName("vdtest-no-such-domain")),
        "noDomainUuid": ask(lambda: c.lookupByUUIDString("00000000-0000-0000-0000-000000000000")),
        "badXml": ask(lambda: c.defineXML("<domain")),
        "noPool": ask(lambda: c.storagePoolLookupByName("vdtest-no-such-pool")),
        "noNetwork": ask(lambda: c.networkLookupByName("vdtest-no-such-network")),
        "noVolume": ask(lambda: c.storageVolLookupByPath("/vdtest/no/such/volume")),
        "badFlags": ask(lambda: c.listAllDomains(1 << 30)),
        "oversize": ask(lambda: c.lookupByName("x" * (5 * 1024 * 1024))),
        "noSnapshot": ask(lambda: dom().snapshotLookupByName("vdtest-no-such-snapshot", 0)),
    }


def survey(req):
    c = libvirt.open(req["uri"])
    prefix = req.get("prefix", "")
    full = req.get("depth", "full") == "full"
    mine = lambda name: name.startswith(prefix)  # noqa: E731
    out = {
        "type": ask(c.getType),
        "libVersion": ask(c.getLibVersion),
        "version": ask(c.getVersion),
        "hostname": ask(c.getHostname),
        # Not the URI: the C library answers virConnectGetURI itself, with the URI it was given.
        "nodeInfo": ask(c.getInfo),
        "capabilities": ask(c.getCapabilities),
        "isSecure": ask(c.isSecure),
        "domains": {d.name(): domain(d, full) for d in c.listAllDomains(0) if mine(d.name())},
        "domainLists": {f: sorted(d.name() for d in c.listAllDomains(getattr(libvirt, "VIR_CONNECT_LIST_DOMAINS_" + f)) if mine(d.name())) for f in DOMAIN_LIST_FLAGS},
        "pools": {p.name(): pool(p, full) for p in c.listAllStoragePools(0) if mine(p.name())},
        "networks": {n.name(): network(n) for n in c.listAllNetworks(0) if mine(n.name())},
    }
    if req.get("errors"):
        out["errors"] = errors(c)
    c.close()
    return out


def cpu_times(req):
    c = libvirt.open(req["uri"])
    out = {d.name(): str(d.info()[4]) for d in c.listAllDomains(0) if d.name() in req["names"]}
    c.close()
    return out


if __name__ == "__main__":
    request = json.load(sys.stdin)
    answer = cpu_times(request) if request.get("cpuTimes") else survey(request)
    json.dump(answer, sys.stdout, ensure_ascii=False)
