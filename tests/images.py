"""Small PNG images written by hand (no imaging library in the test install)."""

from __future__ import annotations

import struct
import zlib

RGB = tuple[int, int, int]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width: int, height: int, pixels: bytes) -> bytes:
    """A truecolour PNG of width x height pixels, three bytes (red, green, blue) each, row after row."""
    assert len(pixels) == width * height * 3
    stride = width * 3
    rows = b"".join(b"\x00" + pixels[y * stride:(y + 1) * stride] for y in range(height))  # filter 0: as is
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows, 9))
            + _chunk(b"IEND", b""))


def striped_png(width: int, height: int, colours: list[RGB]) -> bytes:
    """A PNG of horizontal stripes, one per colour, top to bottom."""
    return png(width, height, b"".join(bytes(colours[y * len(colours) // height]) * width for y in range(height)))
