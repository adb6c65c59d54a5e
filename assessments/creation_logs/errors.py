"""Why a file could not be read. Each error has a stable code and a message a user can act on."""

from assessments.errors import ApplicationError

SUPPORTED_FORMATS = (
    "AUTOMATIC1111 / Forge / reForge / SD.Next infotext (PNG, JPEG, WebP, .txt)",
    "ComfyUI (API prompt and UI workflow graphs in PNG, JPEG, WebP or .json)",
    "InvokeAI (v1 Dream, v2 sd-metadata, v3+ invokeai_metadata and graph)",
    "NovelAI (PNG, WebP, V4 character prompts, alpha-channel copy)",
    "Fooocus and RuinedFooocus",
    "SwarmUI",
    "Civitai, TensorArt, Stability Matrix, Hugging Face Spaces",
    "Midjourney (image Description, pasted /imagine prompt log)",
    "C2PA Content Credentials (embedded or a .c2pa manifest store)",
    "aigc-creation-log/1 JSON",
)


# Files that are well formed but hold more than the supported maxima (README): 422.
OVER_LIMIT = frozenset({"text_too_long", "too_many_steps", "too_many_nodes", "too_many_objects"})


class CreationLogError(ApplicationError, ValueError):
    """A file that cannot be turned into a creation log. ``code`` is stable for API clients; a
    file over the size limit means 413, any other refusal 400."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.status = 413 if code == "file_too_large" else 422 if code in OVER_LIMIT else 400

    def __str__(self) -> str:
        return self.message

    def extra(self) -> dict[str, object]:
        """A file that cannot be read is answered with the formats that can."""
        return {"supported_formats": list(SUPPORTED_FORMATS)}
