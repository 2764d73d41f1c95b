"""The expert documents as printed (LibreOffice → PDF → text of each page): what the .docx
checker cannot see. A criterion's title and all its levels share a page; no page of a scoring
sheet holds «Итого» or the signatures alone; the protocol's signatures stand under its last
decisions. The rows cannot split (cantSplit) and the tail keeps with next — this is what it
looks like on paper."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from docgen.pdf import convert
from docgen.scoring import Criterion
from helpers import SAMPLES, generate, read_yaml

SAMPLE = SAMPLES / "novosibirsk" / "expert-matrix.yaml"

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")) and not os.environ.get("CI"),
    reason="LibreOffice or pdftotext is not installed (in CI they are, and these tests run)")


def pages(pdf: Path, *crop: str) -> list[str]:
    """The text of each page, lines joined by spaces (a wrapped title reads as one); ``crop``
    as pdftotext's -x -y -W -H reads one column of a table in order."""
    text = subprocess.run(["pdftotext", *crop, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, list[str]]:
    out = tmp_path_factory.mktemp("expert-layout")
    slugs = ("expert-matrix", "expert-scoring-sheets", "expert-protocol")
    docs = [generate(slug, SAMPLE, out / slug).document for slug in slugs]
    pdfs = convert(docs)
    # The matrix's first column (criterion and levels of the consulting centre): 30–106 mm from
    # the left edge of the landscape page, 0–300 pt.
    return {**{slug: pages(pdf) for slug, pdf in zip(slugs, pdfs)},
            "matrix-column": pages(pdfs[0], "-x", "0", "-y", "0", "-W", "300", "-H", "600")}


def flat(text: str) -> str:
    """Text compared as printed: no spaces, no hyphens (a line may break after «УМ-»)."""
    return "".join(text.split()).replace("-", "").replace("\u2011", "")


def page_of(printed_pages: list[str], text: str) -> int:
    found = [n for n, page in enumerate(printed_pages) if flat(text) in flat(page)]
    assert found, f"«{text}» is on no page"
    return found[0]


def test_a_criterion_and_its_levels_share_a_page(printed):
    matrix = printed["matrix-column"]
    data = read_yaml(SAMPLE)
    kc = [Criterion.model_validate(c) for c in data["kinds"][0]["criteria"]]  # banded levels take their words
    for n, criterion in enumerate(kc, 1):
        first = page_of(matrix, f"{n}. {criterion.title}")
        for level in criterion.levels:
            assert flat(f"– {level.descriptor}") in flat(matrix[first]), \
                f"criterion {n} (page {first + 1}): «{level.descriptor}» is not on its page"


def test_criteria_blocks_follow_each_other(printed):
    """A criterion's block is kept whole, but blocks fill the pages: eleven criteria with the notes
    and the agreement marks take five landscape pages, not eight."""
    assert len(printed["expert-matrix"]) <= 5


def test_each_participants_sheet_is_one_page(printed):
    """A sheet is a one-page form: its page begins with its title and ends with its date, and the
    next participant's sheet begins the next page — no sheet carries a row or «Итого» over."""
    sheets = printed["expert-scoring-sheets"]
    participants = read_yaml(SAMPLE)["participants"]
    assert len(sheets) == len(participants)
    for page, participant in zip(sheets, participants):
        title = "Сводный оценочный лист"  # several experts' marks side by side
        assert page.startswith(title) or page.split(" ", 1)[1].startswith(title), page[:80]
        assert flat(participant["name"]) in flat(page)
        assert "Итого" in page and "Эксперты:" in page and "Дата заполнения листа" in page


def test_no_page_holds_only_the_total_or_the_signatures(printed):
    for page in printed["expert-scoring-sheets"]:
        if "Итого" in page or "Эксперты:" in page:
            # The total row comes with at least one criterion's row; the signatures with the total.
            assert "Итого" in page and "Эксперты:" in page and "Итоговый балл:" in page, page[:200]
            assert "Удовлетворённость" in page, page[:200]  # the last criterion's row (of either kind) precedes
    matrix = printed["expert-matrix"]
    last = matrix[-1]
    assert "СОГЛАСОВАНО" in last and "Максимальная сумма баллов" in last
    assert "Балл по критерию 1" in last  # the notes come with the marks, the marks never alone
    protocol = printed["expert-protocol"]
    assert "Председатель" in protocol[-1] and "ГОЛОСОВАЛИ" in protocol[-1]
