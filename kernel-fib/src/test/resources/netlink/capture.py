#!/usr/bin/env python3
"""Captures real rtnetlink bytes for the codec's golden tests (RtNetlinkGoldenTest).

Rerun as root from this directory:  python3 capture.py
It creates a temporary network namespace petrel-nl-cap-<pid>, adds a veth pair and routes with `ip`, dumps them
with a raw AF_NETLINK socket and writes one hex line per netlink message into *.hex here. The namespace is
deleted afterwards even on failure. Addresses stay inside 10.255.0.0/16 and fd00:255::/32.

Files:
  routes.hex        RTM_GETROUTE dump (AF_UNSPEC) reply, every message up to and including NLMSG_DONE
  links.hex         RTM_GETLINK dump reply
  addrs.hex         RTM_GETADDR dump reply
  error_ext_ack.hex NLMSG_ERROR for an RTM_NEWROUTE with an unreachable gateway, NETLINK_EXT_ACK on
  error_capped.hex  the same with NETLINK_CAP_ACK also on (original payload not echoed)
  error_request.hex the request that provoked both errors
  routes.txt        `ip route show table all` / `ip -6 route show table all`, for people reading the hex
  nexthops.hex      RTM_GETNEXTHOP dump (AF_UNSPEC) reply in a second namespace: objects 1 and 2 (gateways),
                    group 10 = 1/2,3 (proto 186), and a blackhole object 3
  nh_routes.hex     RTM_GETROUTE dump of that namespace: 10.255.20.0/24 nhid 10 proto 186 among the kernel's own
  nexthops.txt      `ip nexthop show` and `ip route show table all` there
"""
import os
import socket
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOL_NETLINK, NETLINK_CAP_ACK, NETLINK_EXT_ACK = 270, 10, 11
NLM_F_REQUEST, NLM_F_ACK, NLM_F_EXCL, NLM_F_CREATE, NLM_F_DUMP = 0x1, 0x4, 0x200, 0x400, 0x300
RTM_NEWROUTE, RTM_GETROUTE, RTM_GETLINK, RTM_GETADDR = 24, 26, 18, 22
RTM_GETNEXTHOP = 106
NLMSG_ERROR, NLMSG_DONE = 2, 3


def ip(*args):
    subprocess.run(["ip", *args], check=True)


def setup():
    ip("link", "add", "a0", "type", "veth", "peer", "name", "a1")
    ip("link", "set", "lo", "up")
    ip("link", "set", "a0", "up")
    ip("link", "set", "a1", "up")
    ip("addr", "add", "10.255.1.1/24", "dev", "a0")
    ip("addr", "add", "10.255.2.1/24", "dev", "a1")
    ip("-6", "addr", "add", "fd00:255:1::1/64", "dev", "a0", "nodad")
    # unicast via, blackhole, unreachable, ECMP with a weight, proto/metric/src, IPv6, RFC 8950 via inet6
    ip("route", "add", "10.255.10.0/24", "via", "10.255.1.2")
    ip("route", "add", "blackhole", "10.255.11.0/24")
    ip("route", "add", "unreachable", "10.255.12.0/24")
    ip("route", "add", "10.255.13.0/24", "nexthop", "via", "10.255.1.2", "nexthop", "via", "10.255.2.2",
       "weight", "3")
    ip("route", "add", "10.255.14.0/24", "via", "10.255.1.3", "proto", "186", "metric", "20", "src", "10.255.1.1")
    ip("route", "add", "10.255.15.0/24", "via", "10.255.1.2", "table", "1000")
    ip("-6", "route", "add", "fd00:255:10::/48", "via", "fd00:255:1::2", "proto", "186", "metric", "30")
    ip("route", "add", "10.255.16.0/24", "via", "inet6", "fd00:255:1::2", "dev", "a0")


def setup_nexthops():
    ip("link", "add", "b0", "type", "veth", "peer", "name", "b1")
    ip("link", "set", "lo", "up")
    ip("link", "set", "b0", "up")
    ip("link", "set", "b1", "up")
    ip("addr", "add", "10.255.1.1/24", "dev", "b0")
    ip("addr", "add", "10.255.2.1/24", "dev", "b1")
    ip("nexthop", "add", "id", "1", "via", "10.255.1.2", "dev", "b0", "proto", "186")
    ip("nexthop", "add", "id", "2", "via", "10.255.2.2", "dev", "b1", "proto", "186")
    ip("nexthop", "add", "id", "3", "blackhole")
    ip("nexthop", "add", "id", "10", "group", "1/2,3", "proto", "186")
    ip("route", "add", "10.255.20.0/24", "nhid", "10", "proto", "186", "metric", "20")


def request(sock, seq, msg_type, flags, body):
    sock.send(struct.pack("=IHHII", 16 + len(body), msg_type, flags, seq, 0) + body)


def messages(data):
    off = 0
    while off < len(data):
        length, = struct.unpack_from("=I", data, off)
        yield data[off:off + length]
        off += (length + 3) & ~3


def dump(msg_type, body):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    try:
        request(s, 1, msg_type, NLM_F_REQUEST | NLM_F_DUMP, body)
        out = []
        while True:
            for m in messages(s.recv(1 << 20)):
                out.append(m)
                if struct.unpack_from("=H", m, 4)[0] in (NLMSG_DONE, NLMSG_ERROR):
                    return out
    finally:
        s.close()


def attr(kind, payload):
    raw = struct.pack("=HH", 4 + len(payload), kind) + payload
    return raw + b"\0" * (-len(raw) % 4)


def error_reply(capped):
    # 10.255.77.0/24 via 10.255.99.1: no subnet holds the gateway, so the kernel refuses with ENETUNREACH
    body = struct.pack("=BBBBBBBBI", socket.AF_INET, 24, 0, 0, 254, 186, 0, 1, 0)
    body += attr(1, socket.inet_aton("10.255.77.0")) + attr(5, socket.inet_aton("10.255.99.1"))
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    try:
        s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        if capped:
            s.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL
        request(s, 7, RTM_NEWROUTE, flags, body)
        req = struct.pack("=IHHII", 16 + len(body), RTM_NEWROUTE, flags, 7, 0) + body
        return req, list(messages(s.recv(65536)))
    finally:
        s.close()


def write(name, msgs):
    with open(os.path.join(HERE, name), "w") as f:
        for m in msgs:
            f.write(m.hex() + "\n")


def inside():
    setup()
    write("routes.hex", dump(RTM_GETROUTE, bytes(12)))
    write("links.hex", dump(RTM_GETLINK, bytes(16)))
    write("addrs.hex", dump(RTM_GETADDR, bytes(8)))
    req, reply = error_reply(False)
    write("error_request.hex", [req])
    write("error_ext_ack.hex", reply)
    write("error_capped.hex", error_reply(True)[1])
    with open(os.path.join(HERE, "routes.txt"), "w") as f:
        for fam in ("-4", "-6"):
            f.write(subprocess.run(["ip", fam, "route", "show", "table", "all"], check=True,
                                   capture_output=True, text=True).stdout)


def inside_nexthops():
    setup_nexthops()
    write("nexthops.hex", dump(RTM_GETNEXTHOP, bytes(8)))
    write("nh_routes.hex", dump(RTM_GETROUTE, bytes(12)))
    with open(os.path.join(HERE, "nexthops.txt"), "w") as f:
        for cmd in (["nexthop", "show"], ["route", "show", "table", "all"]):
            f.write(subprocess.run(["ip", *cmd], check=True, capture_output=True, text=True).stdout)


def run_in_namespace(flag):
    ns = "petrel-nl-cap-%d" % os.getpid()
    ip("netns", "add", ns)
    try:
        subprocess.run(["ip", "netns", "exec", ns, sys.executable, os.path.abspath(__file__), flag], check=True)
    finally:
        ip("netns", "del", ns)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--inside":
        inside()
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--inside-nexthops":
        inside_nexthops()
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--nexthops-only":
        run_in_namespace("--inside-nexthops")
        return
    run_in_namespace("--inside")
    run_in_namespace("--inside-nexthops")


if __name__ == "__main__":
    main()
