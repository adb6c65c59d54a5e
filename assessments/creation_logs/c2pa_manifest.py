"""C2PA Content Credentials, read with c2pa-python (Adobe/CAI).

Remote manifest fetching and OCSP are off: no network access is ever driven by a file. Without a
trust list every signer reads as untrusted, so the validation codes are stored as they are and
never used as a gate (FORMATS.md §4.3). A manifest proves which tool made or edited the file and
who signed it; it carries no prompt.
"""

import io
import json
from typing import Any

from .schema import Input, Provenance, Step
from .text import as_dict

MIME = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp", "c2pa": "application/c2pa"}
_SETTINGS = {"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False}}


def read_store(data: bytes, container: str) -> dict[str, Any] | None:
    import c2pa  # the native library loads only when a file carries a manifest

    context = c2pa.Context.from_dict(_SETTINGS)
    try:
        with c2pa.Reader(MIME[container], io.BytesIO(data), context=context) as reader:
            store = json.loads(reader.json())
    except Exception:  # noqa: BLE001 - c2pa raises its own error family for any bad manifest
        return None
    return store if isinstance(store, dict) else None


def _actions(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for assertion in manifest.get("assertions") or []:
        if isinstance(assertion, dict) and str(assertion.get("label", "")).startswith(
            "c2pa.actions"
        ):
            data = as_dict(assertion.get("data"))
            found += [a for a in data.get("actions") or [] if isinstance(a, dict)]
    return found


def _lookup(mapping: dict[str, Any], key: object) -> Any:
    """``mapping.get(key)`` for a key read from the file. JSON object keys are strings, so any
    other key (a number, null, a list or an object in a malformed manifest store) names no
    manifest; it must not raise, as ``dict.get`` would for an unhashable one."""
    return mapping.get(key) if isinstance(key, str) else None


# The codes that compare the asset's bytes with the hashes the manifest signed.
ASSET_HASH_CODES = (
    "assertion.dataHash.mismatch",
    "assertion.bmffHash.mismatch",
    "assertion.boxesHash.mismatch",
    "assertion.collectionHash.mismatch",
)


def to_provenance(
    store: dict[str, Any], *, source: str, detached: bool = False
) -> tuple[list[Provenance], list[Step]]:
    manifests = as_dict(store.get("manifests"))
    active = _lookup(manifests, store.get("active_manifest")) or {}
    if not isinstance(active, dict):
        return [], []
    actions = _actions(active)
    generator = active.get("claim_generator")
    info = active.get("claim_generator_info")
    if not generator and isinstance(info, list) and info and isinstance(info[0], dict):
        generator = " ".join(str(info[0].get(k)) for k in ("name", "version") if info[0].get(k))
    agents = []
    source_type = None
    for action in actions:
        agent = action.get("softwareAgent")
        if isinstance(agent, dict):
            agents.append(" ".join(str(agent.get(k)) for k in ("name", "version") if agent.get(k)))
        elif isinstance(agent, str):
            agents.append(agent)
        source_type = source_type or action.get("digitalSourceType")
    signature = as_dict(active.get("signature_info"))
    ingredients = [
        str(i.get("title") or i.get("instance_id") or "untitled")
        for i in active.get("ingredients") or []
        if isinstance(i, dict)
    ]
    provenance = Provenance(
        standard="c2pa",
        claim_generator=str(generator) if generator else None,
        actions=[str(a.get("action")) for a in actions if a.get("action")],
        digital_source_type=str(source_type).rsplit("/", 1)[-1] if source_type else None,
        software_agents=sorted(set(agents)),
        signer=signature.get("issuer") or signature.get("common_name"),
        signed_at=signature.get("time"),
        validation_state=store.get("validation_state"),
        validation_codes=[
            str(s.get("code"))
            for s in store.get("validation_status") or []
            if isinstance(s, dict) and not (detached and s.get("code") in ASSET_HASH_CODES)
        ],
        ingredients=ingredients,
        detached=detached,
    )
    # A manifest that says the content was created or edited by a generator is a step of its own.
    steps = []
    for action in actions:
        name = str(action.get("action", ""))
        if name in ("c2pa.created", "c2pa.edited", "c2pa.opened", "c2pa.placed"):
            agent = action.get("softwareAgent")
            tool = agent.get("name") if isinstance(agent, dict) else agent
            steps.append(
                Step(
                    at=action.get("when"),
                    action="generate" if name == "c2pa.created" else "edit",
                    tool=str(tool or provenance.claim_generator or "unknown"),
                    note=f"C2PA action {name}"
                    + (f": {action['description']}" if action.get("description") else "")
                    + (
                        f" ({provenance.digital_source_type})"
                        if provenance.digital_source_type
                        else ""
                    ),
                    inputs=tuple(Input(role="init", origin="unknown", name=n) for n in ingredients)
                    if name in ("c2pa.opened", "c2pa.edited")
                    else (),
                    source=source,
                )
            )
    return [provenance], steps
