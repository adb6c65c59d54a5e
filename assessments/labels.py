"""What the codes of a creation log mean, in the reader's language: the pages show these labels,
never the codes (the API keeps the codes)."""

import re

from django.utils.translation import gettext
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
# Content Credentials' standard actions (C2PA 2.x, section "Actions"); another is shown as it is.
PROVENANCE_ACTIONS = {
    "c2pa.created": _("created"),
    "c2pa.opened": _("opened"),
    "c2pa.placed": _("placed into the work"),
    "c2pa.edited": _("edited"),
    "c2pa.edited.metadata": _("metadata edited"),
    "c2pa.color_adjustments": _("colours adjusted"),
    "c2pa.cropped": _("cropped"),
    "c2pa.drawing": _("drawn on"),
    "c2pa.filtered": _("filtered"),
    "c2pa.orientation": _("rotated or flipped"),
    "c2pa.resized": _("resized"),
    "c2pa.converted": _("converted to another format"),
    "c2pa.transcoded": _("re-encoded"),
    "c2pa.repackaged": _("repackaged"),
    "c2pa.removed": _("part removed"),
    "c2pa.redacted": _("redacted"),
    "c2pa.translated": _("translated"),
    "c2pa.watermarked": _("watermarked"),
    "c2pa.watermarked.bound": _("watermarked"),
    "c2pa.watermarked.unbound": _("watermarked"),
    "c2pa.published": _("published"),
    "c2pa.produced": _("produced"),
    "c2pa.unknown": _("an unspecified change"),
}
# What the signature check found, in words. The C2PA reader's overall state alone can mislead: a
# manifest is "Invalid" as much for a certificate the reader will not accept as for a file changed
# after signing, so the words come from its failure codes (C2PA 2.x, "Validation").
CONTENT_CHANGED_CODES = (
    "assertion.dataHash.mismatch",
    "assertion.bmffHash.mismatch",
    "assertion.boxesHash.mismatch",
    "assertion.collectionHash.mismatch",
    "assertion.hashedURI.mismatch",
    "claimSignature.mismatch",
)
CREDENTIAL_CODES = (
    "signingCredential.invalid",
    "signingCredential.revoked",
    "signingCredential.expired",
    "claimSignature.outsideValidity",
)
SIGNATURE_CHECKS = {
    "changed": _(
        "signature broken: the file or its record was changed after it was signed, so this "
        "record does not prove what the file now holds"
    ),
    "credential": _(
        "the signing certificate is not one the check accepts (invalid, expired or revoked), so "
        "the signature cannot be relied on as it stands: have an expert verify it"
    ),
    "failed": _("the check failed for a reason it names; have an expert verify the record"),
    "trusted": _("signature intact, and the signer is on a trust list"),
    "valid": _("signature intact; the signer is not on a trust list this app knows"),
    "unchecked": _("not checked by this app"),
    "detached": _(
        "the record's own signature is intact; it was read without the file it signs, so "
        "whether it belongs to a given file can be checked only with that file"
    ),
}


def signature_check(
    state: object, codes: list[str], *, detached: bool = False
) -> tuple[object, list[str]]:
    """What a provenance record's signature check found, in words, and the failure codes that
    the words rest on (shown to an expert; empty when the words say it all). A manifest read on
    its own (``detached``) had no file to compare, so its state is not about any file's bytes."""
    state = str(state or "").strip().lower()
    codes = [str(code) for code in codes]
    if not state or state == "not verified here":
        return SIGNATURE_CHECKS["unchecked"], []
    if any(code in CONTENT_CHANGED_CODES for code in codes):
        return SIGNATURE_CHECKS["changed"], codes
    failures = [code for code in codes if code != "signingCredential.untrusted"]
    if detached and not failures:
        return SIGNATURE_CHECKS["detached"], []
    if state == "trusted":
        return SIGNATURE_CHECKS["trusted"], []
    if state == "valid":
        return SIGNATURE_CHECKS["valid"], []
    if failures and all(code in CREDENTIAL_CODES for code in failures):
        return SIGNATURE_CHECKS["credential"], codes
    return SIGNATURE_CHECKS["failed"], codes


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


# IPTC's digital source types, as Content Credentials declare them; another is shown as it is.
DIGITAL_SOURCE_TYPES = {
    "trainedAlgorithmicMedia": _("made by a trained AI model"),
    "compositeWithTrainedAlgorithmicMedia": _("AI-made content combined with other content"),
    "algorithmicMedia": _("made by an algorithm, without a trained model"),
    "algorithmicallyEnhanced": _("enhanced by an algorithm"),
    "digitalCapture": _("captured by a camera or scanner"),
    "computationalCapture": _("captured by a camera with computational processing"),
    "humanEdits": _("edited by a person"),
    "composite": _("a composite of several sources"),
    "digitalCreation": _("made digitally by a person"),
    "minorHumanEdits": _("lightly edited by a person"),
}
_C2PA_NOTE = re.compile(
    r"^C2PA action (?P<action>[\w.]+)(?:: (?P<desc>.*?))?(?: \((?P<type>\w+)\))?$"
)
_SECOND_PASS = re.compile(r"^Second pass over the output of sampler #(?P<node>\S+)\.$")
FIXED_NOTES = {
    "No sampler node found: every prompt text of the graph is listed.": _(
        "No sampler node was found: every prompt text of the workflow is listed."
    ),
    "From a pasted prompt log: user-supplied, unsigned.": _(
        "From a pasted prompt log: typed or copied by the user and not signed, so it proves "
        "nothing on its own."
    ),
}


def step_note(note: object) -> object:
    """A reader's note of a step in the reader's language; a note the user wrote (in a native
    creation log) as it is."""
    text = str(note or "")
    if text in FIXED_NOTES:
        return FIXED_NOTES[text]
    second = _SECOND_PASS.match(text)
    if second:
        return gettext("A second pass over the output of sampler %(node)s.") % {
            "node": second["node"]
        }
    c2pa = _C2PA_NOTE.match(text)
    if c2pa:
        words = gettext("Declared in its Content Credentials: %(action)s") % {
            "action": label(PROVENANCE_ACTIONS, c2pa["action"])
        }
        if c2pa["desc"]:
            words += gettext(", described as “%(description)s”") % {"description": c2pa["desc"]}
        if c2pa["type"]:
            words += gettext("; %(source_type)s") % {
                "source_type": label(DIGITAL_SOURCE_TYPES, c2pa["type"])
            }
        return words + gettext(".")
    return text
