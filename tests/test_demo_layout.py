"""Every document `docgen demo` writes, as printed: LibreOffice makes the PDFs (all in one run) and
docgen.pdf_layout finds no page-level defect in any of them — no table row split across pages, no
page of only a table's last row, «Итого» or signatures, no heading at a page's foot, no one-page
form run over. One test per document, so a failure names the document and lists every defect."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from docgen.pdf import convert
from docgen.pdf_layout import layout_defects, unread_texts
from helpers import invoke

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")) and not os.environ.get("CI"),
    reason="LibreOffice or pdftotext is not installed (in CI they are, and these tests run)")


def _demo_types() -> list[str]:
    """What the demo writes, in the order it writes them: every sample of every type (by slug, and
    the sample's name for a type with several), then the sample registry's справка."""
    from docgen.engine import Engine

    return [slug if len(t.samples) == 1 else f"{slug}:{sample.stem}"
            for slug, t in sorted(Engine().document_types.items()) for sample in t.samples] + ["coverage"]


DEMO = _demo_types()


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    out = tmp_path_factory.mktemp("demo-layout") / "out"
    result = invoke("demo", "--out", out)
    assert result.exit_code == 0, result.output
    # The demo names files by their content, not by type; it writes them one by one in DEMO's order.
    documents = sorted(out.glob("*.docx"), key=lambda p: p.stat().st_mtime_ns)
    assert len(documents) == len(DEMO), [p.name for p in documents]
    pdfs = convert(documents, timeout=600)
    return {slug: (doc, pdf) for slug, doc, pdf in zip(DEMO, documents, pdfs)}


@pytest.mark.parametrize("slug", DEMO)
def test_no_page_level_defect(printed, slug):
    docx_path, pdf = printed[slug]
    defects = layout_defects(docx_path, pdf)
    assert not defects, f"{docx_path.name}:\n" + "\n".join(str(d) for d in defects)


@pytest.mark.parametrize("slug", DEMO)
def test_the_check_reads_every_text(printed, slug):
    """No paragraph or row of the document escaped the check: a clean result means clean pages."""
    assert unread_texts(*printed[slug]) == []
