"""The harvester: every raw metadata carrier of an image, read without decoding the pixels.

PNG chunks are walked by hand (all ``tEXt``/``zTXt``/``iTXt``, before and after ``IDAT``, with
our own per-chunk and total caps on decompression, and CRC checks that warn instead of failing);
JPEG segments up to the image data (EXIF, XMP, COM, the presence of C2PA); WebP RIFF chunks (EXIF,
XMP, C2PA). EXIF is read from IFD0 and the Exif sub-IFD. Pixel data is decoded only for the
alpha-channel ("stealth") copy, and only below a size limit.
"""

import gzip
import io
import struct
import zlib
from dataclasses import dataclass, field

from PIL import Image, UnidentifiedImageError

from .limits import (
    MAX_CARRIER_TEXT,
    MAX_STEALTH_PAYLOAD_BYTES,
    MAX_STEALTH_PIXELS,
    MAX_TEXT_CHUNK_BYTES,
    MAX_TEXT_TOTAL_BYTES,
)
from .schema import Carrier, Warning
from .text import decode_user_comment, normalize_newlines, repair_mojibake, strip_nuls

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
EXIF_TAGS = {
    0x010E: "ImageDescription",
    0x010F: "Make",
    0x0110: "Model",
    0x0131: "Software",
    0x013B: "Artist",
    0x9286: "UserComment",
    0x927C: "MakerNote",
    0x9C9C: "XPComment",
    0x8298: "Copyright",
    0x9003: "DateTimeOriginal",
    0x0132: "DateTime",
}
EXIF_SUB_IFD = 0x8769


@dataclass
class Harvest:
    container: str
    width: int | None = None
    height: int | None = None
    has_alpha: bool = False
    texts: dict[str, str] = field(default_factory=dict)
    has_c2pa: bool = False
    carriers: list[Carrier] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    def add(self, container: str, key: str, text: str, size: int, note: str | None = None) -> None:
        # NUL is not text (and PostgreSQL refuses it in JSON): it is dropped, and said so.
        if "\x00" in text or "\x00" in key:
            text, key = text.replace("\x00", ""), key.replace("\x00", "")
            note = ((note + "; ") if note else "") + "NUL characters removed"
        # A key seen twice (EXIF UserComment in IFD0 and the sub-IFD) keeps both, numbered.
        name, n = key, 2
        while name in self.texts:
            name, n = f"{key}#{n}", n + 1
        self.texts[name] = text
        kept = text if len(text) <= MAX_CARRIER_TEXT else text[:MAX_CARRIER_TEXT]
        if kept is not text:
            note = ((note + "; ") if note else "") + f"kept truncated to {MAX_CARRIER_TEXT} chars"
        self.carriers.append(
            Carrier(container=container, key=name, text=kept, size=size, note=note)
        )

    def warn(self, code: str, message: str) -> None:
        self.warnings.append(Warning(code=code, message=message))


def sniff_container(data: bytes) -> str | None:
    if data.startswith(PNG_SIGNATURE):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[4:8] == b"jumb":
        return "c2pa"
    return None


def harvest(data: bytes, container: str) -> Harvest:
    result = Harvest(container=container)
    if container == "png":
        _harvest_png(data, result)
    elif container == "jpeg":
        _harvest_jpeg(data, result)
    elif container == "webp":
        _harvest_webp(data, result)
    elif container == "gif":
        _harvest_gif(data, result)
    return result


class _Budget:
    def __init__(self) -> None:
        self.used = 0


def _inflate(compressed: bytes, budget: _Budget, result: Harvest, key: str) -> bytes | None:
    room = min(MAX_TEXT_CHUNK_BYTES, MAX_TEXT_TOTAL_BYTES - budget.used)
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(compressed, room + 1)
    except zlib.error as exc:
        result.warn("bad_compressed_text", f"Compressed text chunk {key!r} is damaged ({exc}).")
        return None
    if len(out) > room:
        result.warn(
            "text_too_large",
            f"Compressed text chunk {key!r} inflates past {room} bytes (a decompression bomb?); "
            "it was skipped.",
        )
        return None
    budget.used += len(out)
    return out


def _harvest_png(data: bytes, result: Harvest) -> None:
    pos = len(PNG_SIGNATURE)
    budget = _Budget()
    end_seen = False
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        ctype = data[pos + 4 : pos + 8]
        if not ctype.isalpha():
            result.warn("damaged_image", f"PNG chunk structure is damaged at byte {pos}.")
            break
        name = ctype.decode("ascii")
        body_end = pos + 8 + length
        if body_end + 4 > len(data):
            result.warn(
                "truncated_image", f"The PNG ends inside its {name} chunk (truncated file)."
            )
            break
        body = data[pos + 8 : body_end]
        (crc,) = struct.unpack(">I", data[body_end : body_end + 4])
        if zlib.crc32(ctype + body) & 0xFFFFFFFF != crc:
            result.warn(
                "bad_crc", f"PNG chunk {name} has a bad checksum; its content was still read."
            )
        pos = body_end + 4
        if name == "IHDR" and length >= 13:
            result.width, result.height = struct.unpack(">II", body[:8])
            result.has_alpha = body[9] in (4, 6)
        elif name == "tEXt":
            key, _, raw = body.partition(b"\x00")
            # Some writers (TensorArt) end the text with a NUL, which the PNG spec does not allow.
            text = normalize_newlines(repair_mojibake(raw.decode("latin-1").rstrip("\x00")))
            result.add("png", key.decode("latin-1"), text, length, note="tEXt")
        elif name == "zTXt":
            key, _, rest = body.partition(b"\x00")
            inflated = _inflate(rest[1:], budget, result, key.decode("latin-1"))
            if inflated is not None:
                text = normalize_newlines(
                    repair_mojibake(inflated.decode("latin-1").rstrip("\x00"))
                )
                result.add("png", key.decode("latin-1"), text, length, note="zTXt")
        elif name == "iTXt":
            _read_itxt(body, budget, result, length)
        elif name == "eXIf":
            _read_exif(body, result)
        elif name == "caBX":
            result.has_c2pa = True
        elif name == "IEND":
            end_seen = True
            break
    if not end_seen and not any(
        w.code in ("truncated_image", "damaged_image") for w in result.warnings
    ):
        result.warn("truncated_image", "The PNG has no end chunk (truncated file).")


def _read_itxt(body: bytes, budget: _Budget, result: Harvest, length: int) -> None:
    key, _, rest = body.partition(b"\x00")
    if len(rest) < 2:
        result.warn("damaged_text", "An iTXt chunk is too short to read.")
        return
    compressed, rest = rest[0], rest[2:]
    _lang, _, rest = rest.partition(b"\x00")
    _translated, _, raw = rest.partition(b"\x00")
    name = key.decode("latin-1")
    if compressed:
        inflated = _inflate(raw, budget, result, name)
        if inflated is None:
            return
        raw = inflated
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
        result.warn("bad_text_encoding", f"iTXt chunk {name!r} is not UTF-8; read as Latin-1.")
    result.add("png", name, normalize_newlines(text.rstrip("\x00")), length, note="iTXt")


def _exif_text(tag: int, value: object) -> str | None:
    if tag in (0x9286, 0x927C) and isinstance(value, bytes | str):
        return normalize_newlines(strip_nuls(decode_user_comment(value)))
    if tag == 0x9C9C and isinstance(value, bytes):
        return value.decode("utf-16-le", errors="replace").rstrip("\x00")
    if isinstance(value, bytes):
        raw = value
        try:
            value = raw.decode("utf-8")
        except UnicodeDecodeError:
            value = raw.decode("latin-1")
    if isinstance(value, str):
        return normalize_newlines(repair_mojibake(strip_nuls(value)))
    return None


def _read_exif(body: bytes, result: Harvest) -> None:
    exif = Image.Exif()
    try:
        exif.load(body)
        sources = [("EXIF", dict(exif))]
        try:
            sources.append(("EXIF.Exif", dict(exif.get_ifd(EXIF_SUB_IFD))))
        except (KeyError, ValueError, TypeError, struct.error, OSError):
            result.warn("damaged_exif", "The EXIF sub-IFD could not be read.")
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds on malformed EXIF
        result.warn("damaged_exif", f"The EXIF block could not be read ({type(exc).__name__}).")
        return
    for prefix, tags in sources:
        for tag, value in tags.items():
            name = EXIF_TAGS.get(tag)
            if name is None:
                continue
            text = _exif_text(tag, value)
            if text:
                size = len(value) if isinstance(value, bytes | str) else 0
                result.add("exif", f"{prefix}:{name}", text, size)


def _harvest_jpeg(data: bytes, result: Harvest) -> None:
    pos = 2
    c2pa_marker = False
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            result.warn("damaged_image", f"JPEG segment structure is damaged at byte {pos}.")
            return
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no metadata follows
            return
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        segment = data[pos + 4 : pos + 2 + length]
        if length < 2 or pos + 2 + length > len(data):
            result.warn(
                "truncated_image", "The JPEG ends inside a metadata segment (truncated file)."
            )
            return
        if marker == 0xE1 and segment.startswith(b"Exif\x00\x00"):
            _read_exif(segment[6:], result)
        elif marker == 0xE1 and segment.startswith(b"http://ns.adobe.com/xap/1.0/\x00"):
            xmp = segment[29:].decode("utf-8", errors="replace")
            result.add("xmp", "XMP", xmp, len(segment))
        elif marker == 0xFE:
            text = segment.decode("utf-8", errors="replace")
            result.add("jpeg", "COM", normalize_newlines(strip_nuls(text)), len(segment))
        elif marker == 0xEB and (b"c2pa" in segment[:64] or b"jumb" in segment[:64]):
            c2pa_marker = True
        elif marker in (0xC0, 0xC1, 0xC2) and len(segment) >= 5:
            result.height, result.width = struct.unpack(">HH", segment[1:5])
        pos += 2 + length
        result.has_c2pa = result.has_c2pa or c2pa_marker
    result.warn("truncated_image", "The JPEG has no image data (truncated file).")


def _harvest_webp(data: bytes, result: Harvest) -> None:
    declared = int.from_bytes(data[4:8], "little") + 8
    if declared > len(data):
        result.warn("truncated_image", "The WebP file is shorter than its header says (truncated).")
    pos = 12
    while pos + 8 <= len(data):
        name = data[pos : pos + 4]
        length = int.from_bytes(data[pos + 4 : pos + 8], "little")
        body = data[pos + 8 : pos + 8 + length]
        if len(body) < length:
            result.warn("truncated_image", f"The WebP ends inside its {name!r} chunk.")
            if name not in (b"EXIF", b"XMP "):
                break
        if name == b"VP8X" and len(body) >= 10:
            result.has_alpha = bool(body[0] & 0x10)
            result.width = int.from_bytes(body[4:7], "little") + 1
            result.height = int.from_bytes(body[7:10], "little") + 1
        elif name == b"VP8L" and len(body) >= 5 and result.width is None:
            bits = int.from_bytes(body[1:5], "little")
            result.width, result.height = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
            result.has_alpha = bool((bits >> 28) & 1)
        elif name == b"VP8 " and len(body) >= 10 and result.width is None:
            result.width = int.from_bytes(body[6:8], "little") & 0x3FFF
            result.height = int.from_bytes(body[8:10], "little") & 0x3FFF
        elif name == b"EXIF":
            _read_exif(body[6:] if body.startswith(b"Exif\x00\x00") else body, result)
        elif name == b"XMP ":
            result.add("xmp", "XMP", body.decode("utf-8", errors="replace"), length)
        elif name == b"C2PA":
            result.has_c2pa = True
        pos += 8 + length + (length & 1)


def _harvest_gif(data: bytes, result: Harvest) -> None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            result.width, result.height = image.size
            comment = image.info.get("comment")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        result.warn("damaged_image", f"The GIF could not be read ({exc}).")
        return
    if isinstance(comment, bytes) and comment:
        result.add(
            "gif", "comment", normalize_newlines(comment.decode("utf-8", "replace")), len(comment)
        )


STEALTH_MAGICS = {b"stealth_pngcomp": True, b"stealth_pnginfo": False}
_LSB = bytes(i & 1 for i in range(256))
_BIT_CHARS = bytes.maketrans(b"\x00\x01", b"01")


def _bits_to_bytes(lsbs: bytes) -> bytes:
    usable = len(lsbs) - len(lsbs) % 8
    if not usable:
        return b""
    return int(lsbs[:usable].translate(_BIT_CHARS), 2).to_bytes(usable // 8, "big")


def read_stealth(data: bytes, result: Harvest) -> str | None:
    """Metadata hidden in the alpha channel's least significant bits (NovelAI, A1111 extension).

    Layout (NovelAI's nai_meta.py): alpha LSBs in column-major order; a 15-byte magic, a 32-bit
    big-endian payload length in bits, then the payload (gzip for ``stealth_pngcomp``). Only the
    columns that hold the header and the payload are read.
    """
    if not result.has_alpha or not result.width or not result.height:
        return None
    if result.width * result.height > MAX_STEALTH_PIXELS:
        result.warn(
            "stealth_skipped",
            "The image is too large to scan its alpha channel for hidden metadata.",
        )
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.mode not in ("RGBA", "LA", "PA") and "transparency" not in image.info:
                return None
            alpha = (
                image.convert("RGBA").getchannel("A")
                if image.mode != "RGBA"
                else image.getchannel("A")
            )
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        result.warn("damaged_image", f"The pixels could not be decoded ({type(exc).__name__}).")
        return None
    height = alpha.height
    header_bits = 15 * 8 + 32

    def column_bits(n_bits: int) -> bytes:
        columns = min(alpha.width, -(-n_bits // height))
        strip = alpha.crop((0, 0, columns, height)).transpose(Image.Transpose.TRANSPOSE)
        return strip.tobytes().translate(_LSB)[:n_bits]

    header = _bits_to_bytes(column_bits(header_bits))
    magic = header[:15]
    if magic not in STEALTH_MAGICS:
        return None
    payload_bits = int.from_bytes(header[15:19], "big")
    if payload_bits <= 0 or payload_bits > MAX_STEALTH_PAYLOAD_BYTES * 8:
        result.warn("stealth_damaged", "Hidden alpha-channel metadata has an impossible length.")
        return None
    payload = _bits_to_bytes(column_bits(header_bits + payload_bits)[header_bits:])
    if STEALTH_MAGICS[magic]:
        try:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            payload = inflater.decompress(payload, MAX_TEXT_CHUNK_BYTES)
        except (zlib.error, gzip.BadGzipFile) as exc:
            result.warn("stealth_damaged", f"Hidden alpha-channel metadata is damaged ({exc}).")
            return None
    text = payload.decode("utf-8", errors="replace")
    result.add(
        "png" if result.container == "png" else "webp",
        "stealth",
        text,
        len(payload),
        note=magic.decode(),
    )
    return text
