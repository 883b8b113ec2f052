"""Small PNG images written by hand (no imaging library in the test install): stripes of colours, so
two images of one size still differ in their bytes."""

from __future__ import annotations

import struct
import zlib

RGB = tuple[int, int, int]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def striped_png(width: int, height: int, colours: list[RGB]) -> bytes:
    """A truecolour PNG of horizontal stripes, one per colour, top to bottom."""
    rows = []
    for y in range(height):
        red, green, blue = colours[y * len(colours) // height]
        rows.append(b"\x00" + bytes((red, green, blue)) * width)  # filter byte 0: the row as it is
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
            + _chunk(b"IEND", b""))
