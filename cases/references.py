"""Curators' reference images of lexicon entries: checked to be images, hashed for the screen."""

import hashlib
import io

from PIL import Image, UnidentifiedImageError

from assessments.creation_logs.parse import image_phash

MAX_REFERENCE_PIXELS = 4096 * 4096


class ReferenceImageError(ValueError):
    """The file is not an image the screen can compare (the message says why)."""


def reference_hashes(data: bytes, max_bytes: int) -> tuple[str, str]:
    """(SHA-256, 64-bit perceptual hash) of a reference image, or ReferenceImageError."""
    if len(data) > max_bytes:
        raise ReferenceImageError(f"the image is over {max_bytes // (1024 * 1024)} MB")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("PNG", "JPEG", "WEBP", "GIF"):
                raise ReferenceImageError(f"not a PNG, JPEG, WebP or GIF image ({image.format})")
            if image.width * image.height > MAX_REFERENCE_PIXELS:
                raise ReferenceImageError("the image has too many pixels to compare")
            phash = image_phash(image)
    except ReferenceImageError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ReferenceImageError("the file is not an image that can be read") from exc
    return hashlib.sha256(data).hexdigest(), phash
