"""Framing between ``portal.pdf`` and its renderer process: length-prefixed messages, and
answers that start with a status byte."""

import struct

FRAME = struct.Struct("!I")
OK, FAILED = b"0", b"1"


def read_frame(stream) -> bytes | None:
    """The next message, or None at end of stream."""
    header = stream.read(FRAME.size)
    if len(header) < FRAME.size:
        return None
    (length,) = FRAME.unpack(header)
    data = stream.read(length)
    return data if len(data) == length else None


def write_frame(stream, data: bytes) -> None:
    stream.write(FRAME.pack(len(data)) + data)
    stream.flush()
