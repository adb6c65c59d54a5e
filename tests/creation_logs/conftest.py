import io
import struct
import zlib

from PIL import Image
from PIL.PngImagePlugin import PngInfo


def png_with_text(chunks: dict[str, str], size=(8, 8), mode="RGB") -> bytes:
    info = PngInfo()
    for key, value in chunks.items():
        info.add_text(key, value)
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def png_chunk(name: bytes, body: bytes, crc: int | None = None) -> bytes:
    value = zlib.crc32(name + body) & 0xFFFFFFFF if crc is None else crc
    return struct.pack(">I", len(body)) + name + body + struct.pack(">I", value)


def raw_png(width: int, height: int, extra: list[bytes], color_type: int = 2) -> bytes:
    """A PNG built chunk by chunk (its pixel data need not be valid: nothing decodes it)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 16)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + b"".join(extra)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )
