"""A lexicon import that is wrong is refused with an error naming the entry, and nothing stored
is lost: unknown keys or columns, a trait without a language, a ``named_in_decision`` without
its quotation, a negative phrase that contains none of the names, a reference image that is not
an image."""

import io
import json
from pathlib import Path

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image

from cases.admin import ProtectedWorkResource
from cases.models import ProtectedWork, ProtectedWorkReference
from cases.selectors import lexicon
from cases.services import DEFAULT_LIBRARY_PATH, LibraryFileInvalid, library_read


def _library_with(tmp_path: Path, change) -> Path:
    data = json.loads(DEFAULT_LIBRARY_PATH.read_text(encoding="utf-8"))
    entry = next(w for w in data["protected_works"] if w["name"] == "Pikachu")
    change(entry)
    path = tmp_path / "library.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda e: e.update(colour="yellow"), "colour"),
        (lambda e: e["traits"]["traits"][0].update(zh=[]), "English and Chinese"),
        (lambda e: e.update(named_in_decision=True, name_quotation=""), "quotation"),
        (lambda e: e.update(negative=["a yellow mouse"]), "contains none of its names"),
        (lambda e: e.pop("negative"), "negative"),
    ],
)
def test_a_wrong_entry_is_refused_naming_it(tmp_path, change, said):
    with pytest.raises(LibraryFileInvalid) as refused:
        library_read(_library_with(tmp_path, change))
    assert "lexicon entry 'Pikachu'" in str(refused.value)
    assert said in str(refused.value)


@pytest.mark.django_db
def test_a_refused_file_changes_nothing_stored(tmp_path, loaded_library):
    before = lexicon()
    with pytest.raises(CommandError, match="Pikachu"):
        call_command("load_caselaw", file=_library_with(tmp_path, lambda e: e.update(x=1)))
    assert lexicon() == before


@pytest.mark.django_db
def test_a_csv_import_with_an_unknown_column_is_refused_whole(loaded_library):
    before = list(ProtectedWork.objects.values_list("name", "aliases_en"))
    dataset = tablib.Dataset(headers=["name", "aliases_en", "colour"])
    dataset.append(["Pikachu", '["Pika"]', "yellow"])
    result = ProtectedWorkResource().import_data(dataset, dry_run=False)
    assert result.has_errors()
    assert "colour" in str(result.base_errors[0].error)
    assert list(ProtectedWork.objects.values_list("name", "aliases_en")) == before


@pytest.mark.django_db
def test_a_csv_row_that_breaks_an_entry_is_refused_naming_it(loaded_library):
    dataset = ProtectedWorkResource().export(ProtectedWork.objects.filter(name="Pikachu"))
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    row["negative"] = '["a yellow mouse"]'
    broken = tablib.Dataset(headers=list(row))
    broken.append(list(row.values()))
    result = ProtectedWorkResource().import_data(broken, dry_run=False)
    assert result.has_validation_errors()
    message = str(result.invalid_rows[0].error)
    assert "Pikachu" in message and "contains none of its names" in message
    assert ProtectedWork.objects.get(name="Pikachu").negative != ["a yellow mouse"]


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.django_db
def test_a_reference_image_that_is_not_an_image_is_refused_naming_the_entry(loaded_library):
    work = ProtectedWork.objects.get(name="Pikachu")
    reference = ProtectedWorkReference(
        protected_work=work,
        label="Key art",
        image=SimpleUploadedFile("art.png", b"%PDF-1.7 not a picture"),
    )
    with pytest.raises(ValidationError) as refused:
        reference.full_clean()
    assert "Pikachu" in str(refused.value) and "not an image" in str(refused.value)


@pytest.mark.django_db
def test_a_reference_image_is_hashed_and_reaches_the_screen(loaded_library, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    work = ProtectedWork.objects.get(name="Pikachu")
    reference = ProtectedWorkReference(
        protected_work=work, label="Key art", image=SimpleUploadedFile("art.png", _png())
    )
    reference.full_clean()
    reference.save()
    assert len(reference.phash) == 16 and len(reference.sha256) == 64
    entry = next(e for e in lexicon() if e["name"] == "Pikachu")
    assert entry["references"] == ((reference.phash, "Key art"),)
