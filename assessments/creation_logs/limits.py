"""Bounds that keep parsing fast and memory-bounded whatever the file says about itself."""

# Largest file parse() accepts; the web layer applies the configured limit before this.
MAX_FILE_BYTES = 64 * 1024 * 1024
# One decompressed text chunk (zTXt / compressed iTXt): a zlib bomb stops here. Real ComfyUI
# workflows are 3 KB to a few MB (FORMATS.md §6.7).
MAX_TEXT_CHUNK_BYTES = 16 * 1024 * 1024
# All decompressed text of one file together.
MAX_TEXT_TOTAL_BYTES = 48 * 1024 * 1024
# Pixels above which the image data is never decoded (Pillow's own bomb limit is 89 M).
MAX_DECODE_PIXELS = 4096 * 4096
# Alpha-channel ("stealth") metadata: payload cap, and only images at most this large are scanned.
MAX_STEALTH_PAYLOAD_BYTES = 4 * 1024 * 1024
MAX_STEALTH_PIXELS = 2048 * 2048 * 2
# Graph nodes analysed; larger graphs are summarised.
MAX_GRAPH_NODES = 200_000
# Raw carriers kept verbatim in the log (larger ones are kept truncated, with their size).
MAX_CARRIER_TEXT = 2 * 1024 * 1024
# Steps of one log (an aigc-creation-log/1 file), and JSON objects and arrays of any JSON text:
# refused beyond them (422, naming the limit and the count) before anything is built.
MAX_LOG_STEPS = 100_000
MAX_JSON_CONTAINERS = 2_000_000
