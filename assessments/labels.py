"""What the codes of a creation log mean, in the reader's language: the pages show these labels,
never the codes (the API keeps the codes)."""

from django.utils.translation import gettext_lazy as _

from .creation_logs.schema import FORMAT_ID

SOURCE_FORMATS = {
    "a1111": _("AUTOMATIC1111 or Forge generation parameters"),
    "comfyui": _("ComfyUI workflow"),
    "invokeai": _("InvokeAI metadata"),
    "novelai": _("NovelAI metadata"),
    "fooocus": _("Fooocus metadata"),
    "ruinedfooocus": _("RuinedFooocus metadata"),
    "swarmui": _("SwarmUI metadata"),
    "midjourney": _("Midjourney record"),
    "c2pa": _("Content Credentials (C2PA)"),
    "novelai_signature": _("NovelAI signature"),
    "iptc": _("IPTC photo metadata"),
    "tensorart": _("TensorArt metadata"),
    "civitai": _("Civitai metadata"),
    "json-parameters": _("generation parameters in JSON"),
    "merged": _("several records of one work, merged"),
    "none": _("no generation metadata"),
    FORMAT_ID: _("creation log (aigc-creation-log/1)"),
}
ACTIONS = {
    "generate": _("Generated"),
    "img2img": _("Image to image"),
    "inpaint": _("Inpainted"),
    "outpaint": _("Outpainted"),
    "upscale": _("Upscaled"),
    "select": _("Selected"),
    "edit": _("Edited"),
    "arrange": _("Arranged"),
}
PROMPT_AUTHORS = {
    "human": _("written by a person"),
    "style_template": _("from a style template"),
    "llm_expansion": _("expanded by a language model"),
    "model_rewrite": _("rewritten by the model"),
    "wildcard": _("drawn from a wildcard list"),
}
PROMPT_ROLES = {
    "positive": _("Prompt"),
    "negative": _("Negative prompt"),
    "hires": _("High-resolution pass prompt"),
    "hires_negative": _("High-resolution pass negative prompt"),
    "detailer": _("Detailer prompt"),
    "detailer_negative": _("Detailer negative prompt"),
    "character": _("Character prompt"),
    "character_negative": _("Character negative prompt"),
    "region": _("Regional prompt"),
    "template": _("Template"),
    "expanded": _("Expanded prompt"),
    "original": _("Original prompt"),
}
INPUT_ROLES = {
    "init": _("starting image"),
    "control": _("control image"),
    "mask": _("mask"),
    "reference": _("reference image"),
}
INPUT_ORIGINS = {
    "own": _("the creator's own"),
    "third_party": _("someone else's"),
    "ai": _("AI-generated"),
    "unknown": _("origin not recorded"),
}
# What a warning means for the evidence, and what to do about it.
WARNINGS = {
    "no_generation_metadata": (
        _("No generation metadata in this file."),
        _(
            "It still counts as the final image. To show the process, keep the files the tool "
            "wrote (images with their metadata, the workflow, the tool's history) and add them."
        ),
    ),
    "user_supplied": (
        _("This log was not written by the generating tool into the image."),
        _(
            "It is read as the creator's account until it matches the images (seed, size, "
            "hashes): add the images the tool saved."
        ),
    ),
    "saver_placeholder": (
        _("The tool saved placeholders instead of some settings."),
        _("Export the workflow from the tool, or keep the image with its full metadata."),
    ),
    "size_mismatch": (
        _("The image's size differs from the size its metadata records."),
        _(
            "It was resized after generation, or the metadata belongs to another image: keep "
            "the original output beside the edited one."
        ),
    ),
    "unsigned_export": (
        _("This is an exported report, not the signed Content Credentials."),
        _("Add the original image so that its signature can be verified."),
    ),
}
OTHER_WARNING = _(
    "Part of this file is damaged or unusual: what could be read is shown, and the rest is "
    "kept as it was."
)


def label(table: dict[str, object], code: object) -> object:
    """The label of ``code`` in ``table``; an unknown code as it is (a newer file's)."""
    return table.get(str(code), code) if code is not None else ""


# The formats read, for the pages: the tools by their own names (not translated), what of theirs
# is read in the reader's language. One entry per SUPPORTED_FORMATS line, in the same order.
SUPPORTED_FORMAT_LABELS = (
    (
        "AUTOMATIC1111 / Forge / reForge / SD.Next",
        _("generation parameters (infotext) in PNG, JPEG, WebP or .txt"),
    ),
    ("ComfyUI", _("API prompt and UI workflow graphs in PNG, JPEG, WebP or .json")),
    ("InvokeAI", _("v1 Dream, v2 sd-metadata, v3+ invokeai_metadata and graph")),
    ("NovelAI", _("PNG, WebP, V4 character prompts, alpha-channel copy")),
    ("Fooocus, RuinedFooocus", _("their metadata")),
    ("SwarmUI", _("its metadata")),
    ("Civitai, TensorArt, Stability Matrix, Hugging Face Spaces", _("their metadata")),
    ("Midjourney", _("image Description, pasted /imagine prompt log")),
    ("C2PA Content Credentials", _("embedded, or a .c2pa manifest store")),
    ("aigc-creation-log/1", _("this product's JSON creation log")),
)
