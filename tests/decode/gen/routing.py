#!/usr/bin/python3
# routing.py: writes the IGMP, VRRP, OSPFv2 and LLDP conformance pcaps (no network needed)
# SPDX-License-Identifier: BSD-2-Clause
#
# The messages are packed by hand with struct (checksums computed here, or
# left wrong on purpose) and wrapped in scapy's IP and Ethernet headers. Each
# protocol also gets a sweep: its packets cut at every length. Run from
# anywhere:
#   /usr/bin/python3 tests/decode/gen/routing.py
import os
import struct

from scapy.all import IP, IPv6, Ether, Raw

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pcaps")
T0 = 1700000000

MAC1, MAC2 = "00:11:22:33:44:55", "01:00:5e:00:00:01"
A4 = "192.0.2.1"


def write(name, recs, linktype=1):
    """recs: packets or bytes, or (bytes, wirelen) for a record cut short by the snaplen."""
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, linktype))
        for i, r in enumerate(recs):
            data, wire = r if isinstance(r, tuple) else (bytes(r), len(bytes(r)))
            data = bytes(data)
            f.write(struct.pack("<IIII", T0 + i, 123456 + i, len(data), wire))
            f.write(data)


def cut(pkt, n):
    b = bytes(pkt)
    return (b[:n], len(b))


def sweep(pkts, start):
    recs = []
    for p in pkts:
        b = bytes(p)
        recs += [cut(b, n) for n in range(start, len(b))]
    return recs


def cksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def with_sum(msg, off):
    """msg with its Internet checksum at byte offset off."""
    msg = bytearray(msg)
    msg[off:off + 2] = b"\0\0"
    struct.pack_into("!H", msg, off, cksum(bytes(msg)))
    return bytes(msg)


def ip4(proto, payload, dst="224.0.0.1", ttl=1, src=A4, **kw):
    return Ether(src=MAC1, dst=MAC2) / IP(src=src, dst=dst, ttl=ttl, proto=proto, id=1, **kw) / \
        Raw(payload)


def a(s):
    return bytes(int(x) for x in s.split("."))


# ---- IGMP ----

def igmp(t, code, group, extra=b"", good=True):
    m = struct.pack("!BBH4s", t, code, 0, a(group)) + extra
    return with_sum(m, 2) if good else m


def igmp_pcaps():
    def g(m, **kw):
        return ip4(2, m, **kw)
    v3q_src = struct.pack("!BBH", 2, 125, 2) + a("10.0.0.1") + a("10.0.0.2")
    rec = (struct.pack("!BBH4s", 1, 0, 2, a("239.1.1.1")) + a("10.1.1.1") + a("10.1.1.2") +
           struct.pack("!BBH4s", 4, 0, 0, a("239.1.1.2")) +
           struct.pack("!BBH4s", 6, 0, 1, a("239.1.1.3")) + a("10.1.1.3") +
           struct.pack("!BBH4s", 9, 0, 0, a("239.1.1.4")))
    mtrace_q = a("10.0.0.1") + a("10.0.0.2") + a("224.0.1.32") + struct.pack("!B3s", 64, b"\x00\x12\x34")
    mtrace_u = a("10.0.0.1") + a("10.0.0.2") + a("10.0.0.9") + struct.pack("!B3s", 9, b"\x00\x00\x07")
    recs = [g(igmp(0x11, 0, "0.0.0.0")),                      # v1 query
            g(igmp(0x11, 100, "0.0.0.0")),                    # v2 general query
            g(igmp(0x11, 50, "239.1.2.3")),                   # v2 group query
            g(igmp(0x11, 0, "239.1.2.3", b"\0\0")),           # odd length
            g(igmp(0x11, 100, "0.0.0.0", b"\0\0\0\0")),       # v3 general query
            g(igmp(0x11, 0x8a, "239.1.2.3", v3q_src)),        # v3 query, sources, float code
            g(igmp(0x11, 0xff, "239.1.2.3", b"\0\0\0\0")),    # v3 max code (relts)
            g(igmp(0x11, 10, "239.1.2.3", struct.pack("!BBH", 0, 0, 9) + a("10.0.0.1"))),
            g(igmp(0x11, 10, "239.1.2.3", b"\0\0\0\0\0\0")),  # v3 length not a multiple of 4
            g(igmp(0x12, 0, "239.1.2.3")),
            g(igmp(0x12, 0, "239.1.2.3", b"\0\0\0\0")),
            g(igmp(0x16, 0, "239.1.2.3"), dst="239.1.2.3"),
            g(igmp(0x17, 0, "239.1.2.3"), dst="224.0.0.2"),
            g(with_sum(struct.pack("!BBHHH", 0x22, 0, 0, 0, 4) + rec, 2), dst="224.0.0.22"),
            g(with_sum(struct.pack("!BBHHH", 0x22, 0, 0, 0, 9) + rec[:20], 2)),
            g(with_sum(struct.pack("!BBHHH", 0x22, 0, 0, 0, 1) +
                       struct.pack("!BBH4s", 1, 0, 7, a("239.1.1.1")), 2)),
            g(with_sum(struct.pack("!BBHHH", 0x22, 0, 0, 0, 1) + b"\0" * 6, 2)),
            g(igmp(0x1f, 0, "239.1.2.3", mtrace_q)),
            g(igmp(0x1e, 0, "239.1.2.3", mtrace_u)),
            g(igmp(0x1f, 0, "239.1.2.3", mtrace_q[:8])),
            g(igmp(0x16, 0, "239.1.2.3", good=False)),          # bad checksum
            g(igmp(0x33, 0, "0.0.0.0")),                       # unknown type
            g(b"\x11")]                                        # one byte
    write("igmp-basic.pcap", recs)
    full = [g(igmp(0x11, 0x8a, "239.1.2.3", v3q_src)),
            g(with_sum(struct.pack("!BBHHH", 0x22, 0, 0, 0, 4) + rec, 2)),
            g(igmp(0x1f, 0, "239.1.2.3", mtrace_q))]
    write("igmp-sweep.pcap", sweep(full, 14 + 20))


# ---- VRRP ----

def vrrp2(vrid, prio, addrs, auth=0, pw=b"", intvl=1, good=True, count=None, typ=1, ver=2):
    m = struct.pack("!BBBBBBH", (ver << 4) | typ, vrid, prio,
                    len(addrs) if count is None else count, auth, intvl, 0)
    m += b"".join(a(x) for x in addrs) + (pw.ljust(8, b"\0") if auth == 1 else b"\0" * 8)
    return with_sum(m, 6) if good else m


def vrrp3(vrid, prio, addrs, src, dst, v6=False, intvl=100, good=True):
    body = b"".join(addrs)
    m = struct.pack("!BBBBHH", 0x31, vrid, prio, len(addrs), intvl & 0xfff, 0) + body
    if v6:
        ph = src + dst + struct.pack("!IxxxB", len(m), 112)
    else:
        ph = src + dst + struct.pack("!xBH", 112, len(m))
    s = cksum(ph + m) if good else 0x1234
    return m[:6] + struct.pack("!H", s) + m[8:]


def vrrp_pcaps():
    import socket
    s6, d6 = "fe80::1", "ff02::12"
    b6 = lambda x: socket.inet_pton(socket.AF_INET6, x)

    def v4(m, ttl=255):
        return ip4(112, m, dst="224.0.0.18", ttl=ttl)

    def v6(m, hlim=255):
        return Ether(src=MAC1, dst="33:33:00:00:00:12") / \
            IPv6(src=s6, dst=d6, hlim=hlim, nh=112) / Raw(m)
    recs = [v4(vrrp2(1, 100, ["192.0.2.254"])),
            v4(vrrp2(2, 255, ["192.0.2.254", "192.0.2.253", "192.0.2.252"], intvl=3)),
            v4(vrrp2(3, 100, ["192.0.2.254"], auth=1, pw=b"secret")),
            v4(vrrp2(4, 100, ["192.0.2.254"], auth=1, pw=b"\x01\x7f\xc1long!!")),
            v4(vrrp2(5, 100, ["192.0.2.254"], auth=2)),
            v4(vrrp2(6, 100, ["192.0.2.254"], auth=7)),
            v4(vrrp2(7, 100, ["192.0.2.254"], good=False)),
            v4(vrrp2(8, 100, ["192.0.2.254"]), ttl=64),
            v4(vrrp2(9, 100, ["192.0.2.254"], typ=2)),
            v4(vrrp2(10, 100, ["192.0.2.254"], ver=1)),
            v4(vrrp2(11, 0, [], count=0)),
            v4(vrrp3(12, 100, [a("192.0.2.254")], a(A4), a("224.0.0.18"))),
            v4(vrrp3(13, 100, [a("192.0.2.254")], a(A4), a("224.0.0.18"), good=False)),
            v6(vrrp3(14, 200, [b6("fe80::254"), b6("2001:db8::254")], b6(s6), b6(d6), v6=True,
                     intvl=4095)),
            v6(vrrp3(15, 200, [b6("fe80::254")], b6(s6), b6(d6), v6=True), hlim=1),
            v4(vrrp2(16, 100, ["192.0.2.254"], count=5)),
            v4(b"\x21")]
    write("vrrp-basic.pcap", recs)
    full = [v4(vrrp2(3, 100, ["192.0.2.254", "192.0.2.253"], auth=1, pw=b"secret")),
            v6(vrrp3(14, 200, [b6("fe80::254")], b6(s6), b6(d6), v6=True))]
    write("vrrp-sweep.pcap", sweep(full, 14 + 20))


# ---- OSPFv2 ----

def ospf(typ, body, rid="1.1.1.1", area="0.0.0.0", auth=0, authdata=b"\0" * 8, ver=2,
         lenfix=None, trailer=b"", good=True):
    length = 24 + len(body) if lenfix is None else lenfix
    h = struct.pack("!BBH4s4sHH", ver, typ, length, a(rid), a(area), 0, auth) + authdata
    m = h + body
    if good and auth != 2:
        m = bytearray(m)
        struct.pack_into("!H", m, 12, cksum(bytes(m[:16]) + bytes(m[24:])))
        m = bytes(m)
    return m + trailer


def hello(mask, hint, opts, prio, dead, dr, bdr, nbrs):
    return (a(mask) + struct.pack("!HBBI", hint, opts, prio, dead) + a(dr) + a(bdr) +
            b"".join(a(n) for n in nbrs))


def lsahdr(age, opts, typ, lsid, adv, seq, length, lsid_raw=None):
    return struct.pack("!HBB4s4sIHH", age, opts, typ, lsid_raw or a(lsid), a(adv), seq, 0,
                       length)


def lsa(typ, lsid, adv, body, opts=0x22, seq=0x80000001, age=1, lsid_raw=None, length=None):
    return lsahdr(age, opts, typ, lsid, adv, seq, 20 + len(body) if length is None else length,
                  lsid_raw) + body


def ospf_pcaps():
    def o(m, dst="224.0.0.5"):
        return ip4(89, m, dst=dst)
    router_body = (struct.pack("!BBH", 0x03, 0, 4) +
                   a("2.2.2.2") + a("10.0.0.1") + struct.pack("!BBH", 1, 0, 10) +
                   a("10.0.0.0") + a("10.0.0.2") + struct.pack("!BBH", 2, 1, 20) +
                   struct.pack("!BBH", 1, 0, 30) +
                   a("10.1.0.0") + a("255.255.0.0") + struct.pack("!BBH", 3, 0, 1) +
                   a("3.3.3.3") + a("10.0.0.5") + struct.pack("!BBH", 4, 0, 5))
    lsas = [lsa(1, "1.1.1.1", "1.1.1.1", router_body),
            lsa(2, "10.0.0.1", "1.1.1.1", a("255.255.255.0") + a("1.1.1.1") + a("2.2.2.2")),
            lsa(3, "10.2.0.0", "1.1.1.1", a("255.255.0.0") + struct.pack("!I", 100) +
                struct.pack("!I", (1 << 24) | 7)),
            lsa(4, "4.4.4.4", "1.1.1.1", b"\0\0\0\0" + struct.pack("!I", 64)),
            lsa(5, "172.16.0.0", "1.1.1.1", a("255.240.0.0") +
                struct.pack("!I", 0x80000000 | 20) + a("10.0.0.9") + a("0.0.0.7") +
                struct.pack("!I", 0x00ffffff) + b"\0" * 8),
            lsa(7, "172.17.0.0", "1.1.1.1", a("255.255.0.0") + struct.pack("!I", 5) + b"\0" * 8,
                opts=0x08),
            lsa(6, "239.1.1.1", "1.1.1.1", struct.pack("!I4s", 1, a("1.1.1.1")) +
                struct.pack("!I4s", 2, a("10.0.0.1")) + struct.pack("!I4s", 9, a("0.0.0.0"))),
            lsa(10, "", "1.1.1.1", struct.pack("!HHI", 1, 4, 0x000000f0) +
                struct.pack("!HH", 9, 3) + b"\x01\x02\x03\x00", lsid_raw=b"\x04\x00\x00\x00"),
            lsa(9, "", "1.1.1.1", struct.pack("!HHI", 1, 4, 120) + struct.pack("!HHB3x", 2, 1, 1) +
                struct.pack("!HH4s", 3, 4, a("10.0.0.1")) + struct.pack("!HH", 7, 2) + b"\xab\xcd\0\0",
                lsid_raw=b"\x03\x00\x00\x00"),
            lsa(11, "", "1.1.1.1", b"\x01\x02\x03\x04\x05\x06", lsid_raw=b"\x08\x00\x00\x2a")]
    hdrs = b"".join(x[:20] for x in lsas)
    lsr = b"".join(struct.pack("!I4s4s", t, lsid, a("1.1.1.1")) for t, lsid in
                   [(1, a("1.1.1.1")), (5, a("172.16.0.0")), (10, b"\x04\x00\x00\x01"), (42, a("9.9.9.9"))])
    lls = struct.pack("!HH", 0, 3) + struct.pack("!HHI", 1, 4, 3) + \
        struct.pack("!HHI", 2, 20, 0x11) + b"\0" * 16
    recs = [o(ospf(1, hello("255.255.255.0", 10, 0x02, 1, 40, "10.0.0.1", "10.0.0.2",
                            ["1.1.1.1", "2.2.2.2"]))),
            o(ospf(1, hello("255.255.255.0", 10, 0x52, 0, 40, "0.0.0.0", "0.0.0.0", []),
                   area="0.0.0.1")),
            o(ospf(1, hello("255.255.255.0", 10, 0x12, 1, 40, "10.0.0.1", "0.0.0.0",
                            ["2.2.2.2"]), trailer=lls)),
            o(ospf(1, hello("255.255.255.252", 5, 0x02, 1, 20, "0.0.0.0", "10.0.0.2", []),
                   auth=1, authdata=b"pa\x01s\xffwd!")),
            o(ospf(1, hello("255.255.255.252", 5, 0x02, 1, 20, "0.0.0.0", "0.0.0.0", []),
                   auth=2, authdata=struct.pack("!HBBI", 0, 1, 16, 0x01020304),
                   trailer=b"\xaa" * 16)),
            o(ospf(1, hello("255.255.255.252", 5, 0x02, 1, 20, "0.0.0.0", "0.0.0.0", []),
                   auth=9)),
            o(ospf(2, struct.pack("!HBBI", 1500, 0x42, 0x07, 0x1234) + hdrs)),
            o(ospf(2, struct.pack("!HBBI", 0, 0x12, 0x08, 5)), ),
            o(ospf(3, lsr)),
            o(ospf(4, struct.pack("!I", len(lsas)) + b"".join(lsas))),
            o(ospf(4, struct.pack("!I", 1) + lsas[1])),
            o(ospf(5, hdrs[:60])),
            o(ospf(5, hdrs[:20] + lsahdr(1, 0, 1, "1.1.1.1", "1.1.1.1", 1, 12))),
            o(ospf(4, struct.pack("!I", 1) + lsa(1, "1.1.1.1", "1.1.1.1", b"", length=8))),
            o(ospf(4, struct.pack("!I", 1) + lsa(1, "1.1.1.1", "1.1.1.1",
                                                 struct.pack("!BBH", 0, 0, 1) + b"\0" * 8 +
                                                 struct.pack("!BBH", 9, 0, 1)))),
            o(ospf(1, hello("255.255.255.0", 10, 0x02, 1, 40, "0.0.0.0", "0.0.0.0", ["3.3.3.3"]),
                   lenfix=40)),
            o(ospf(1, hello("255.255.255.0", 10, 0x02, 1, 40, "0.0.0.0", "0.0.0.0", []),
                   lenfix=60)),
            o(ospf(6, b"\0" * 8)),
            o(ospf(1, hello("255.255.255.0", 10, 0x02, 1, 40, "0.0.0.0", "0.0.0.0", []), ver=3)),
            o(ospf(1, b"", good=False)[:10])]
    write("ospf-basic.pcap", recs)
    full = [o(ospf(1, hello("255.255.255.0", 10, 0x12, 1, 40, "10.0.0.1", "10.0.0.2",
                            ["1.1.1.1"]), trailer=lls)),
            o(ospf(2, struct.pack("!HBBI", 1500, 0x42, 0x07, 0x1234) + hdrs[:40])),
            o(ospf(4, struct.pack("!I", 3) + lsas[0] + lsas[4] + lsas[8]))]
    write("ospf-sweep.pcap", sweep(full, 14 + 20))
    ospf_te_pcap(o)


def te_tlv(t, v, pad=True):
    h = struct.pack("!HH", t, len(v)) + v
    return h + b"\0" * (-len(v) % 4 if pad else 0)


def ospf_te_pcap(o):
    """Traffic engineering opaque LSAs (type 10, opaque type 1) in LS Updates."""
    f = lambda x: struct.pack("!f", x)
    link = b"".join([
        te_tlv(1, b"\x01"), te_tlv(2, a("10.0.0.2")), te_tlv(3, a("10.0.0.1")),
        te_tlv(4, a("10.0.0.2")), te_tlv(5, struct.pack("!I", 10)),
        te_tlv(6, f(125000000.0)), te_tlv(7, f(1.25e8 / 3)),
        te_tlv(8, b"".join(f(1e6 * k) for k in range(8))), te_tlv(9, struct.pack("!I", 0x80000001)),
        te_tlv(11, struct.pack("!II", 7, 9)), te_tlv(14, b"\x12\0\0\0"),
        te_tlv(15, b"\x33\x02\0\0" + b"".join(f(2.5e7) for _ in range(8))),
        te_tlv(17, b"\x00\0\0\0" + f(1e7) + f(2e7)), te_tlv(99, b"\xaa\xbb\xcc"),
        te_tlv(16, struct.pack("!III", 1, 2, 300))])
    bad = [te_tlv(2, te_tlv(9, b"\0\0")),                 # wrong sub-TLV length
           te_tlv(2, te_tlv(2, b"\0" * 6)),
           te_tlv(2, te_tlv(8, b"\0" * 8)), te_tlv(2, te_tlv(17, b"\x01\0")),
           te_tlv(2, te_tlv(17, b"\x01\0\0\0\0\0")), te_tlv(2, te_tlv(17, b"\xfe" + b"\0" * 39)),
           te_tlv(2, te_tlv(15, b"\0" * 8)), te_tlv(2, te_tlv(1, b"\x01\x02")),
           te_tlv(2, te_tlv(16, b"\0\0\0")), te_tlv(2, struct.pack("!HH", 0, 4) + b"\0" * 4),
           te_tlv(2, struct.pack("!HH", 3, 12) + b"\0" * 4),  # sub-TLV longer than its TLV
           te_tlv(2, b"\0\x03"), te_tlv(1, b"\0\0"), te_tlv(5, b"\x01\x02\x03\x04\x05"),
           struct.pack("!HH", 2, 40) + b"\0" * 8, b"\0\x01"]

    def te_lsa(body, instance=1):
        return lsa(10, "", "1.1.1.1", body, lsid_raw=struct.pack("!I", 1 << 24 | instance))
    recs = [o(ospf(4, struct.pack("!I", 2) + te_lsa(te_tlv(1, a("1.1.1.1"))) +
                   te_lsa(te_tlv(2, link), 2)))]
    recs += [o(ospf(4, struct.pack("!I", 1) + te_lsa(b))) for b in bad]
    # a Link TLV followed by another LSA, which tcpdump goes on to read as TE TLVs
    recs.append(o(ospf(4, struct.pack("!I", 2) + te_lsa(te_tlv(2, te_tlv(1, b"\x02"))) +
                       lsa(2, "10.0.0.1", "1.1.1.1", a("255.255.255.0") + a("1.1.1.1")))))
    # and the good one cut at every length from the first LSA on
    recs += sweep(recs[:1], 14 + 20 + 28)
    write("ospf-te.pcap", recs)


# ---- LLDP ----

def tlv(t, v):
    return struct.pack("!H", (t << 9) | len(v)) + v


def org(oui, sub, v):
    return tlv(127, struct.pack("!I", oui << 8 | sub)[0:4] + v)


def lldp_pcaps():
    import socket

    def frame(tlvs, end=True):
        return Ether(src=MAC1, dst="01:80:c2:00:00:0e", type=0x88cc) / \
            Raw(b"".join(tlvs) + (tlv(0, b"") if end else b""))
    base = [tlv(1, b"\x04" + bytes.fromhex("001122334455")), tlv(2, b"\x05eth0"),
            tlv(3, struct.pack("!H", 120))]
    v6 = socket.inet_pton(socket.AF_INET6, "2001:db8::1")
    full = base + [
        tlv(4, b"uplink to core\x01"), tlv(5, b"switch1.example"),
        tlv(6, b"Linux 6.1 \xe9x86_64"), tlv(7, struct.pack("!HH", 0x0014, 0x0010)),
        tlv(8, b"\x05\x01" + a("192.0.2.1") + b"\x02" + struct.pack("!I", 3) + b"\x00"),
        tlv(8, b"\x11\x02" + v6 + b"\x03" + struct.pack("!I", 7) + b"\x04\x2b\x06\x01\x02"),
        tlv(8, b"\x07\x06" + bytes.fromhex("001122334455") + b"\x01" + struct.pack("!I", 1)),
        tlv(8, b"\x05\x09\x01\x02\x03\x04" + b"\x02" + struct.pack("!I", 9)),
        org(0x0080c2, 1, struct.pack("!H", 100)),
        org(0x0080c2, 2, b"\x06" + struct.pack("!H", 200)),
        org(0x0080c2, 3, struct.pack("!H", 300) + b"\x05users"),
        org(0x0080c2, 4, b"\x04\x00\x26\x42\x42"),
        org(0x0080c2, 7, b"\x03" + struct.pack("!I", 17)),
        org(0x0080c2, 8, b"\xa5\x0f"),
        org(0x0080c2, 9, b"\xc3" + bytes(range(0x10, 0x14)) + bytes(range(8)) + bytes(range(8, 16))),
        org(0x0080c2, 10, b"\x00" + b"\x01\x23\x45\x67" + bytes(8) + bytes(8)),
        org(0x0080c2, 11, b"\xd8\x81"),
        org(0x0080c2, 12, b"\x00" + b"\x61\x0c\xbc" + b"\x22\x00\x50"),
        org(0x0080c2, 13, b"\x0f\x1e\x45\xc7\x3f"),
        org(0x0080c2, 14, b"\x88\x00\x01\x23" + b"\x00\x10\x64" + b"\x00\x20\xc8"),
        org(0x0080c2, 99, b"\x01\x02"),
        org(0x00120f, 1, b"\x03\x6c\x01\x00\x10"),
        org(0x00120f, 2, b"\x0f\x01\x03"),
        org(0x00120f, 3, b"\x01" + struct.pack("!I", 5)),
        org(0x00120f, 4, struct.pack("!H", 9216)),
        org(0x00120f, 9, b"\x00"),
        org(0x0012bb, 1, b"\x00\x33\x03"),
        org(0x0012bb, 2, b"\x01\x40\xc8\xae"),
        org(0x0012bb, 3, b"\x01" + bytes.fromhex("a1b2c3d4e5f6071829")[:5] +
            bytes.fromhex("4455667788") + b"\x12\x34\x56\x78\x9a\x01"),
        org(0x0012bb, 3, b"\x02\x0c\x02US\x03\x04Oslo\x00\x02XY"),
        org(0x0012bb, 3, b"\x03" + b"5551234"),
        org(0x0012bb, 3, b"\x09\xde\xad"),
        org(0x0012bb, 4, b"\x51\x00\x96"),
        org(0x0012bb, 4, b"\x62\x05\x00"),
        org(0x0012bb, 5, b"rev A"), org(0x0012bb, 9, b"Acme"), org(0x0012bb, 11, b"A-1\x00x"),
        org(0x0012bb, 77, b"zz"),
        org(0x001b21, 2, tlv(1, b"\x00\x00" + struct.pack("!II", 5, 4)) +
            tlv(2, b"\x00\x00\xa0\x00" + struct.pack("!I", 0x01234567) + bytes(range(8)) + b"\x08") +
            tlv(3, b"\x00\x00\xe0\x00\x81\x08") +
            tlv(4, b"\x00\x00\x80\x00" + b"\x89\x06\x00\x1b\x21\x08" + b"\x0c\xbc\x40\x00\x00\x10") +
            tlv(9, b"\x01\x02")),
        org(0x001b21, 1, b"\x00\x00"),
        org(0x00005e, 1, b"https://example.com/mud\x7f"),
        org(0x00005e, 2, b"abcd"),
        org(0x123456, 1, b"\xff"),
        tlv(99, b"\x01\x02\x03")]
    recs = [frame(base), frame(full),
            frame([tlv(1, b"\x07host-7"), tlv(2, b"\x03" + bytes.fromhex("66778899aabb")), tlv(3, b"\x00\x05")]),
            frame([tlv(1, b"\x05\x01" + a("10.0.0.1")), tlv(2, b"\x04\x02" + v6), tlv(3, b"\x00\x05")]),
            frame([tlv(1, b"\x05\x07\x00"), tlv(3, b"\x00\x05")]),
            frame([tlv(1, b"\x09abc"), tlv(2, b"\x00zz"), tlv(3, b"\x00\x05")]),
            # malformed: short MAC, short TTL, short capabilities, bad management address
            frame([tlv(1, b"\x04\x00\x11")]),
            frame([tlv(1, b"\x04" + bytes(6)), tlv(3, b"\x01")]),
            frame([tlv(7, b"\x00\x04")]),
            frame([tlv(8, b"\x09\x01\x01\x02")]),
            frame([tlv(8, b"\x05\x01\x01\x02\x03\x04\x02")]),
            frame([tlv(127, b"\x00\x80")]),
            # a TLV longer than the frame, no End TLV, stray bytes
            frame(base + [struct.pack("!H", (5 << 9) | 40) + b"short"], end=False),
            frame(base, end=False), frame(base + [b"\x0a"], end=False)]
    write("lldp-basic.pcap", recs)
    write("lldp-sweep.pcap", sweep([frame(full[:12] + full[40:44])], 14))
    # Every bit set: the name lists run past 256 characters (tcpdump's buffer is 1024).
    write("lldp-bits.pcap", [frame(base + [
        tlv(7, struct.pack("!HH", 0xffff, 0xffff)),
        org(0x0080c2, 2, b"\xff" + struct.pack("!H", 200)),
        org(0x0080c2, 7, b"\xff" + struct.pack("!I", 17)),
        org(0x00120f, 1, b"\xff\xff\xff\x00\x10"),
        org(0x00120f, 2, b"\xff\x01\x03"),
        org(0x00120f, 3, b"\xff" + struct.pack("!I", 5)),
        org(0x0012bb, 1, b"\xff\xff\x03"),
        org(0x0012bb, 2, b"\x01\xff\xff\xff")])])


if __name__ == "__main__":
    igmp_pcaps()
    vrrp_pcaps()
    ospf_pcaps()
    lldp_pcaps()
