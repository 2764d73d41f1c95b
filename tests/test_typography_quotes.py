"""Quotes and percentages as a document prints them, through the command line: an organisation's
short name stays whole with its form («МКОУ «Таяндинская СОШ»» never breaks as «МКОУ «Таяндинская /
СОШ»»), while a long quoted title still wraps; quotes inside quotes of one value print as „лапки“;
a whole percentage prints without a fractional part («50 %», not «50,0 %»).

The rules are docgen.russian.typography.typeset (applied to every value a template prints and to
the built-in templates' own words) and docgen.russian.numbers.percent (the `percent` filter).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from docgen.russian import typeset
from helpers import NB_HYPHEN, NBSP, assert_office_checker_clean, document_text, edit_text, generate, invoke

SCHOOL = f"МКОУ{NBSP}«Таяндинская{NBSP}СОШ»"
NESTED_BASIS = ("Положением о муниципальном конкурсе «Лучшая модель ВСОКО» и приказом «Об утверждении "
                "положения о внутренней системе оценки качества образования МКОУ «Таяндинская СОШ»»")


def test_the_schools_short_name_does_not_break(sample_dir, tmp_path):
    """The sample's basis names «приказом МКОУ «Таяндинская СОШ» от …»: the form stays with the
    quote and the two words of the name stay together; the law's long title still wraps."""
    document = generate("working-group-order", sample_dir / "working-group-order.yaml", tmp_path / "out").document
    text = document_text(document)
    assert f"приказом {SCHOOL} от 28.08.2026" in text
    assert "МКОУ «" not in text and "Таяндинская СОШ" not in text
    assert f"№{NBSP}273{NB_HYPHEN}ФЗ «Об образовании в Российской Федерации»" in text
    assert_office_checker_clean(document)


def test_quotes_inside_quotes_print_as_lapki(sample_dir, tmp_path):
    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "  - приказом МКОУ «Таяндинская СОШ» от 28.08.2026 № 105-од «Об утверждении регламента работы "
                    "по совершенствованию внутренней системы оценки качества образования»", f"  - {NESTED_BASIS}")
    text = document_text(generate("working-group-order", data, tmp_path / "out").document)
    # A pair alone keeps its «ёлочки» (and, short, does not break); a pair inside a pair is „…“.
    assert f"конкурсе «Лучшая{NBSP}модель{NBSP}ВСОКО» и приказом" in text
    assert (f"приказом «Об утверждении положения о внутренней системе оценки качества образования "
            f"МКОУ{NBSP}„Таяндинская{NBSP}СОШ“»") in text
    assert not re.search(r"«[^«»]*«[^«»]*»[^«»]*»", text)


@pytest.fixture(scope="module")
def demo_documents(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("demo") / "out"
    result = invoke("demo", "--out", out)
    assert result.exit_code == 0, result.output
    return sorted(out.glob("*.docx"))


def test_a_whole_percentage_has_no_fractional_part(demo_documents):
    report = next(d for d in demo_documents if d.name.startswith("Справка о полноте"))
    text = document_text(report)
    assert "утверждены и действуют 4\u00a0из\u00a08 обязательных" in text and f"что составляет 50{NBSP}%" in text
    assert f"6\u00a0из\u00a08 (75{NBSP}%)" in text
    assert f"1\u00a0из\u00a08 (12,5{NBSP}%)" in text and f"9\u00a0из\u00a024 (37,5{NBSP}%)" in text  # a fraction keeps its digit
    for document in demo_documents:
        assert not re.search(r"(?<![\d,])\d+,0+\s?%", document_text(document)), document.name


@pytest.mark.parametrize("typed, printed", [
    ("МКОУ «Таяндинская СОШ»", SCHOOL),
    ("ГБОУ «Лицей № 5»", f"ГБОУ{NBSP}«Лицей{NBSP}№{NBSP}5»"),
    ("МКОУ «Убинская школа № 2»", f"МКОУ{NBSP}«Убинская{NBSP}школа{NBSP}№{NBSP}2»"),  # «№ 2» is no word
    ("МКОУ «Убинская средняя школа № 2»", f"МКОУ{NBSP}«Убинская средняя школа №{NBSP}2»"),  # too wide whole
    # a long name wraps inside; its form still stays with the quote
    ("МБОУ «Средняя общеобразовательная школа имени Героя Советского Союза»",
     f"МБОУ{NBSP}«Средняя общеобразовательная школа имени Героя Советского Союза»"),
    # a form of several words stays whole and with the quote: «ГАОУ ДПО «…»» never breaks as «ГАОУ / ДПО»
    ("ГАОУ ДПО «Институт развития образования Республики Татарстан»",
     f"ГАОУ{NBSP}ДПО{NBSP}«Институт развития образования Республики Татарстан»"),
    # a law's number before a title is no organisation's form
    ("№ 152-ФЗ «О персональных данных»", f"№{NBSP}152{NB_HYPHEN}ФЗ «О{NBSP}персональных{NBSP}данных»"),
    ("Федеральный закон «Об образовании в Российской Федерации»",
     "Федеральный закон «Об образовании в Российской Федерации»"),
    ("«Положение о муниципальном конкурсе «Лучшая модель ВСОКО»»",
     f"«Положение о муниципальном конкурсе „Лучшая{NBSP}модель{NBSP}ВСОКО“»"),
    ("«а «б «в» г» д» и «е»", "«а „б „в“ г“ д» и «е»"),  # deeper pairs are „…“ too; a pair alone stays
    ("«без пары «внутри»", "«без пары «внутри»"),  # a fragment the template may close: left as typed
    ("конец» и «начало", "конец» и «начало"),
])
def test_typeset_quotes(typed, printed):
    assert typeset(typed) == printed
    assert typeset(printed) == printed  # idempotent


@pytest.mark.parametrize("hostile", ["«" * 100_000 + "»" * 100_000, "«а «б» в " * 30_000, "МКОУ «" * 40_000])
def test_many_quotes_cost_their_length(hostile):
    """A pasted text of many quotes is typeset in a bounded time (a regex that backtracks would not)."""
    import time

    start = time.perf_counter()
    printed = typeset(hostile)
    assert time.perf_counter() - start < 2
    assert typeset(printed) == printed
