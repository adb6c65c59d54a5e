"""The /logs/ page's words for Content Credentials and the readers' notes: what a signature check
found is said from its failure codes, never from the overall state alone, and nothing is claimed
about a file that was not there."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from assessments import labels

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("state", "codes", "detached", "expected"),
    [
        ("Trusted", [], False, "trusted"),
        ("Valid", ["signingCredential.untrusted"], False, "valid"),
        ("Invalid", ["assertion.dataHash.mismatch"], False, "changed"),
        (
            "Invalid",
            ["signingCredential.untrusted", "signingCredential.invalid"],
            False,
            "credential",
        ),
        (
            "Invalid",
            ["signingCredential.untrusted", "signingCredential.invalid"],
            True,
            "credential",
        ),
        ("Invalid", ["signingCredential.untrusted"], True, "detached"),
        ("Invalid", ["claim.missing"], False, "failed"),
        ("not verified here", [], False, "unchecked"),
        (None, [], False, "unchecked"),
    ],
)
def test_the_signature_check_in_words(state, codes, detached, expected):
    words, shown = labels.signature_check(state, codes, detached=detached)
    assert words == labels.SIGNATURE_CHECKS[expected]
    # The codes are shown beside words that report a problem, never beside a clean result.
    assert bool(shown) == (expected in ("changed", "credential", "failed"))


@pytest.mark.parametrize(
    ("note", "english", "chinese"),
    [
        (
            "C2PA action c2pa.created (trainedAlgorithmicMedia)",
            "Declared in its Content Credentials: created; made by a trained AI model.",
            "其内容凭证声明：创建；由经训练的人工智能模型生成。",
        ),
        (
            "Second pass over the output of sampler #3.",
            "A second pass over the output of sampler 3.",
            "对采样器 3 的输出进行的第二轮处理。",
        ),
        ("Planned the dusk light first.", "Planned the dusk light first.", None),
    ],
)
def test_readers_notes_in_the_readers_language(note, english, chinese):
    with translation.override("en"):
        assert str(labels.step_note(note)) == english
    with translation.override("zh-hans"):
        assert str(labels.step_note(note)) == (chinese or note)


def test_the_logs_page_speaks_words_for_content_credentials(client, samples):
    data = (samples / "c2pa/enslo_chatgpt-image2.manifest.c2pa").read_bytes()
    html = client.post(
        "/logs/", {"files": [SimpleUploadedFile("openai.c2pa", data)]}
    ).content.decode()
    assert "created, converted to another format, watermarked" in html
    assert "the signing certificate is not one the check accepts" in html
    assert "was changed after it was signed" not in html
    for raw in ("c2pa.created", "C2PA action", "trainedAlgorithmicMedia", ">Invalid<"):
        assert raw not in html, raw
    zh = client.post(
        "/logs/",
        {"files": [SimpleUploadedFile("openai.c2pa", data)]},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    ).content.decode()
    assert "创建、转换为其他格式、添加水印" in zh
