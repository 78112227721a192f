#!/usr/bin/env python3
"""Check that an AMQP listener speaks AMQP 1.0 and accepts a SASL PLAIN login (stdlib only).

Usage: amqp-probe.py HOST PORT [USER [PASSWORD]]      (default guest/guest)

Does what an AMQP 1.0 client such as Qpid JMS does first: SASL header, sasl-init PLAIN,
AMQP header, open; then closes the connection cleanly (close frame), so the broker logs no
"client unexpectedly closed TCP connection" warning.

Prints one word and exits 0 for the first, 1 otherwise:
  amqp-1.0              AMQP 1.0 handshake and login succeeded
  amqp-1.0-auth-failed  AMQP 1.0 spoken, login refused (sasl-outcome code N)
  amqp-0-9-1            an AMQP 0-9-1 broker without the AMQP 1.0 plugin (RabbitMQ answers its header)
  closed                nothing listening, or the connection was closed / timed out
  unknown:<hex>         something else answered
"""

import socket
import struct
import sys

SASL_HEADER = b"AMQP\x03\x01\x00\x00"
AMQP_HEADER = b"AMQP\x00\x01\x00\x00"
AMQP091_HEADER = b"AMQP\x00\x00\x09\x01"


def described_list(code, fields):
    """Encode a described list (descriptor = small ulong `code`) as list32."""
    body = b"".join(fields)
    return b"\x00\x53" + bytes([code]) + b"\xd0" + struct.pack(">II", len(body) + 4, len(fields)) + body


def sym(s):
    b = s.encode()
    return b"\xa3" + bytes([len(b)]) + b


def vbin(b):
    return b"\xb0" + struct.pack(">I", len(b)) + b


def string(s):
    b = s.encode()
    return b"\xb1" + struct.pack(">I", len(b)) + b


def frame(body, frame_type):
    return struct.pack(">IBBH", 8 + len(body), 2, frame_type, 0) + body


class Probe:
    def __init__(self, sock):
        self.sock = sock

    def recv_exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    def read_frame(self):
        """Return (descriptor code, body) of the next non-empty frame."""
        while True:
            size, doff, _type, _chan = struct.unpack(">IBBH", self.recv_exact(8))
            rest = self.recv_exact(size - 8)
            body = rest[doff * 4 - 8:]
            if not body:          # heartbeat / empty frame
                continue
            if body[0:2] != b"\x00\x53":
                return None, body
            return body[2], body


def sasl_outcome_code(body):
    # 0x00 0x53 0x44, then a list: list0 (0x45) / list8 (0xc0 size count) / list32 (0xd0 size count)
    i = 3
    kind = body[i]
    if kind == 0xC0:
        i += 3
    elif kind == 0xD0:
        i += 9
    else:
        return None
    return body[i + 1] if body[i] == 0x50 else None   # ubyte code


def probe(host, port, user, password):
    try:
        sock = socket.create_connection((host, port), timeout=5)
    except OSError:
        return "closed"
    p = Probe(sock)
    try:
        sock.sendall(SASL_HEADER)
        head = p.recv_exact(8)
        if head == AMQP091_HEADER:
            return "amqp-0-9-1"
        if head != SASL_HEADER:
            return "unknown:" + head.hex()
        code, _ = p.read_frame()                      # sasl-mechanisms (0x40)
        if code != 0x40:
            return "unknown:sasl-frame-%s" % code
        sock.sendall(frame(described_list(0x41, [sym("PLAIN"),
                                                 vbin(b"\0" + user.encode() + b"\0" + password.encode())]), 1))
        code, body = p.read_frame()                   # sasl-outcome (0x44)
        if code != 0x44:
            return "unknown:sasl-frame-%s" % code
        outcome = sasl_outcome_code(body)
        if outcome != 0:
            return "amqp-1.0-auth-failed (sasl-outcome code %s)" % outcome
        sock.sendall(AMQP_HEADER)
        if p.recv_exact(8) != AMQP_HEADER:
            return "unknown:no-amqp-header"
        sock.sendall(frame(described_list(0x10, [string("amqp-probe")]), 0))   # open
        code, _ = p.read_frame()
        if code != 0x10:
            return "unknown:open-answered-%s" % code
        sock.sendall(frame(described_list(0x18, []), 0))                         # close
        try:
            p.read_frame()                                                       # close from the peer
        except (EOFError, OSError):
            pass
        return "amqp-1.0"
    except (EOFError, OSError, struct.error, IndexError):
        return "closed"
    finally:
        sock.close()


def main(argv):
    if len(argv) < 3 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 2
    user = argv[3] if len(argv) > 3 else "guest"
    password = argv[4] if len(argv) > 4 else "guest"
    result = probe(argv[1], int(argv[2]), user, password)
    print(result)
    return 0 if result == "amqp-1.0" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
