"""The «отметка об исполнителе» (ГОСТ Р 7.0.97) of the school orders, generated through the CLI and
read back from the .docx: full name and phone under the signature in 12 pt, kept on its page."""
from __future__ import annotations

import docx
import pytest
from docx.shared import Pt

from helpers import generate, read_yaml, write_yaml

ORDERS = ["working-group-order", "regulation-order"]
NAME, PHONE = "Бондаренко Ольга Николаевна", "8 (39563) 2-41-17"


def _closing(path) -> list:
    """The paragraphs from the director's signature to the next one that holds text after the mark."""
    paragraphs = docx.Document(str(path)).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Директор\t"))
    return paragraphs[start:start + 3]


@pytest.mark.parametrize("slug", ORDERS)
def test_the_executor_follows_the_signature_in_small_type(sample_dir, tmp_path, slug):
    data = read_yaml(sample_dir / f"{slug}.yaml")
    data["executor"] = {"person": "bondarenko", "phone": PHONE}  # the regulation order's sample has it already
    written = generate(slug, write_yaml(sample_dir / "with.yaml", data), tmp_path / "out")
    assert written.result.exit_code == 0, written.result.output
    signature, name, phone = _closing(written.document)
    assert (name.text, phone.text) == (NAME, PHONE)
    assert {r.font.size for p in (name, phone) for r in p.runs} == {Pt(12)}
    assert signature.runs[0].font.size is None  # the signature keeps the body's 14 pt
    # The last text keeps with the signature, the signature with the mark: one page for all three.
    assert signature.paragraph_format.keep_with_next and name.paragraph_format.keep_with_next


@pytest.mark.parametrize("slug", ORDERS)
def test_without_an_executor_the_order_has_no_mark(sample_dir, tmp_path, slug):
    data = read_yaml(sample_dir / f"{slug}.yaml")
    data.pop("executor", None)  # the working-group sample stays without one: backward compatible
    written = generate(slug, write_yaml(sample_dir / "plain.yaml", data), tmp_path / "out")
    assert written.result.exit_code == 0, written.result.output
    paragraphs = docx.Document(str(written.document)).paragraphs
    assert not any(PHONE in p.text for p in paragraphs)
    assert NAME not in [p.text for p in paragraphs]
    signature = next(p for p in paragraphs if p.text.startswith("Директор\t"))
    assert not signature.paragraph_format.keep_with_next  # an annex on a new page follows it


@pytest.mark.parametrize("slug", ORDERS)
@pytest.mark.parametrize("executor, field, message", [
    ({"person": "bondarenko", "phone": "звонить в приёмную"}, "executor.phone (телефон исполнителя)",
     "не похоже на номер телефона: допустимы цифры (от 5 до 15), пробелы, скобки, дефисы и «+» в начале, "
     "например «8 (39563) 2-41-17»; указано: «звонить в приёмную»"),
    ({"person": "bondarenko", "phone": "2-41"}, "executor.phone (телефон исполнителя)",
     "не похоже на номер телефона"),
    ({"person": "ivanov", "phone": PHONE}, "executor.person (исполнитель)",
     "«ivanov» нет в штатном списке профиля организации"),
    ({"person": "bondarenko"}, "executor.phone (телефон исполнителя)", ""),
], ids=["words-for-phone", "too-few-digits", "unknown-staff", "no-phone"])
def test_a_bad_executor_names_the_file_and_field(sample_dir, tmp_path, slug, executor, field, message):
    data = read_yaml(sample_dir / f"{slug}.yaml")
    data["executor"] = executor
    bad = write_yaml(sample_dir / "bad.yaml", data)
    result, written = generate(slug, bad, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert f"{bad}: данные не прошли проверку" in result.output
    assert f"поле «{field.split(' ')[0]}» {field.split(' ', 1)[1]}: {message}" in result.output, result.output
