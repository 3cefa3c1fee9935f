"""Crafted HTTP/2 conversations with Sockeye, frame by frame (hyperframe, hpack).
Usage: h2_cases.py PORT CASE...; prints one `CASE: RESULT` line per case."""
import socket, sys, time
from hyperframe.frame import (Frame, SettingsFrame, HeadersFrame, ContinuationFrame, DataFrame, PingFrame,
                              RstStreamFrame, GoAwayFrame, WindowUpdateFrame)
from hpack import Encoder

PORT = int(sys.argv[1])
PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"


class Conn:
    def __init__(self, preface=PREFACE, settings=None):
        self.s = socket.create_connection(("127.0.0.1", PORT))
        self.s.settimeout(0.1)
        self.buf = b""
        self.encoder = Encoder()
        frame = SettingsFrame(0)
        if settings:
            frame.settings = settings
        self.s.sendall(preface + frame.serialize())
        self.closed = False

    def send(self, *frames):
        try:
            self.s.sendall(b"".join(f.serialize() for f in frames))
        except OSError:
            self.closed = True

    def headers(self, stream, path, end_stream=True, extra=(), end_headers=True):
        block = self.encoder.encode([(":method", "GET"), (":path", path), (":scheme", "http"), (":authority", "t")] + list(extra))
        frame = HeadersFrame(stream, block)
        frame.flags.add("END_HEADERS") if end_headers else None
        if end_stream:
            frame.flags.add("END_STREAM")
        return frame

    def frames(self, seconds=3.0, until=lambda f: False):
        out, deadline = [], time.time() + seconds
        while time.time() < deadline:
            while len(self.buf) >= 9:
                frame, length = Frame.parse_frame_header(memoryview(self.buf[:9]))
                if len(self.buf) < 9 + length:
                    break
                frame.parse_body(memoryview(self.buf[9:9 + length]))
                self.buf = self.buf[9 + length:]
                if isinstance(frame, SettingsFrame) and "ACK" not in frame.flags:
                    self.send(SettingsFrame(0, flags=["ACK"]))
                out.append(frame)
                if until(frame):
                    return out
            try:
                data = self.s.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                data = b""
            if not data:
                self.closed = True
                return out
            self.buf += data
        return out


def goaway_code(frames):
    codes = [f.error_code for f in frames if isinstance(f, GoAwayFrame)]
    return codes[-1] if codes else None


def is_goaway(f):
    return isinstance(f, GoAwayFrame)


def case_ping():
    c = Conn()
    c.send(PingFrame(0, b"sockeye!"))
    acks = [f for f in c.frames(until=lambda f: isinstance(f, PingFrame)) if isinstance(f, PingFrame)]
    return "ack" if acks and "ACK" in acks[0].flags and acks[0].opaque_data == b"sockeye!" else "none"


def case_bad_preface():
    # Not the preface: HTTP/1.1 judges the bytes (a PRI request line with version 2.0).
    c = Conn(preface=b"PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n")
    try:
        answer = c.s.recv(200)
    except OSError:
        answer = b""
    return answer.split(b"\r\n")[0].decode(errors="replace")


def case_even_stream():
    c = Conn()
    c.send(c.headers(2, "/"))
    return f"goaway {goaway_code(c.frames(until=is_goaway))}"


def case_uppercase():
    c = Conn()
    c.send(c.headers(1, "/", extra=[("User-Agent", "x")]))
    resets = [f for f in c.frames(until=lambda f: isinstance(f, RstStreamFrame)) if isinstance(f, RstStreamFrame)]
    return f"rst {resets[0].stream_id} {resets[0].error_code}" if resets else "none"


def case_connection_field():
    c = Conn()
    c.send(c.headers(1, "/", extra=[("connection", "keep-alive")]))
    resets = [f for f in c.frames(until=lambda f: isinstance(f, RstStreamFrame)) if isinstance(f, RstStreamFrame)]
    return f"rst {resets[0].error_code}" if resets else "none"


def case_refused():
    c = Conn()
    c.send(*[c.headers(1 + 2 * i, "/slow?ms=1500") for i in range(101)])
    resets = [f for f in c.frames(seconds=1, until=lambda f: isinstance(f, RstStreamFrame)) if isinstance(f, RstStreamFrame)]
    return f"rst {resets[0].stream_id} {resets[0].error_code}" if resets else "none"


def case_rapid_reset():
    c = Conn()
    for i in range(300):
        c.send(c.headers(1 + 2 * i, "/slow?ms=1000"), RstStreamFrame(1 + 2 * i, error_code=8))
        if c.closed:
            break
    return f"goaway {goaway_code(c.frames(until=is_goaway))}"


def case_continuation_flood():
    c = Conn()
    c.send(c.headers(1, "/", end_headers=False))
    for _ in range(200):
        c.send(ContinuationFrame(1, b"\x00" * 16000))
        if c.closed:
            break
    return f"goaway {goaway_code(c.frames(until=is_goaway))}"


def case_hpack_bomb():
    c = Conn()
    # One 4 KB field enters the dynamic table (index 63 once :authority follows it); then each
    # one-byte reference to it adds 4 KB to the decoded list.
    big = c.encoder.encode([("x-big", "a" * 4000)], huffman=False)
    block = c.encoder.encode([(":method", "GET"), (":path", "/"), (":scheme", "http"), (":authority", "t")])
    frame = HeadersFrame(1, big + block + b"\xbf" * 40, flags=["END_HEADERS", "END_STREAM"])
    c.send(frame)
    frames = c.frames(until=lambda f: isinstance(f, (HeadersFrame, GoAwayFrame)))
    statuses = [f for f in frames if isinstance(f, HeadersFrame)]
    return "431" if statuses and b"431" in statuses[0].data else f"none {goaway_code(frames)}"


def case_flow_control():
    c = Conn(settings={SettingsFrame.INITIAL_WINDOW_SIZE: 50})
    c.frames(seconds=0.3)
    c.send(c.headers(1, "/"))
    first = sum(len(f.data) for f in c.frames(seconds=0.6) if isinstance(f, DataFrame))
    c.send(WindowUpdateFrame(1, window_increment=10000))
    rest = sum(len(f.data) for f in c.frames(seconds=1, until=lambda f: "END_STREAM" in f.flags and isinstance(f, DataFrame))
               if isinstance(f, DataFrame))
    return f"{first} then {rest}"


def case_zero_window():
    # A reader that opens a stream with a zero window and never opens it: cut off by the send timeout.
    c = Conn(settings={SettingsFrame.INITIAL_WINDOW_SIZE: 0})
    c.frames(seconds=0.2)
    c.send(c.headers(1, "/"))
    start = time.time()
    c.frames(seconds=6, until=is_goaway)
    return "closed" if c.closed and time.time() - start < 6 else "open"


def case_window_overflow():
    c = Conn()
    c.send(WindowUpdateFrame(0, window_increment=2**31 - 1))
    return f"goaway {goaway_code(c.frames(until=is_goaway))}"


def case_data_on_idle():
    c = Conn()
    c.send(DataFrame(5, b"x", flags=["END_STREAM"]))
    return f"goaway {goaway_code(c.frames(until=is_goaway))}"


for name in sys.argv[2:]:
    print(f"{name}: {globals()['case_' + name]()}", flush=True)
