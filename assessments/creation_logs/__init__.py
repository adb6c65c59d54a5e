"""Creation-log ingestion (pure: no Django). ``parse(bytes, filename) -> CreationLog``."""

from .errors import SUPPORTED_FORMATS, CreationLogError
from .merge import merge
from .parse import parse, precheck
from .progress import reporting
from .schema import FORMAT_ID, CreationLog, Step, step_json

__all__ = [
    "FORMAT_ID",
    "SUPPORTED_FORMATS",
    "CreationLog",
    "CreationLogError",
    "Step",
    "merge",
    "parse",
    "precheck",
    "reporting",
    "step_json",
]
