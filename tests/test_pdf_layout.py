"""The page layout check can fail: small documents built with python-docx, each with one defect
the house blocks prevent (a row allowed to split, a heading with no keep-with-next at a page's
foot, a signature carried alone onto the last page, a table's last row alone on a page, a form
that ran over), go through LibreOffice, and docgen.pdf_layout must name the defect, its page and
its text. The same documents built by the rules (cantSplit, keep-with-next) come out clean.

Lines are set at an exact height, so where a page breaks does not depend on the font: the body
of an A4 page in the house margins is 257 mm = 728 pt, 18 lines of 40 pt with 8 pt to spare."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from docgen.gost import CENTER, LEFT, Column, keep_row_together, keep_row_with_next, new_document, paragraph, table
from docgen.pdf import convert
from docgen.pdf_layout import layout_defects

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")) and not os.environ.get("CI"),
    reason="LibreOffice or pdftotext is not installed (in CI they are, and these tests run)")

LINES_PER_PAGE = 18
LONG = ("Провести внутренний аудит функционирующей внутренней системы оценки качества образования "
        "и сформировать перечень локальных нормативных актов, необходимых и достаточных для её "
        "функционирования, с указанием ответственных и сроков. ") * 6


def _exact(p, points: int = 40):
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(points)
    return p


def _lines(doc, n: int, start: int = 1) -> None:
    """``n`` one-line paragraphs of 40 pt each."""
    for k in range(start, start + n):
        _exact(paragraph(doc, f"Строка текста номер {k}.", align=LEFT))


def _row_height(row, points: int) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(points * 20))
    height.set(qn("w:hRule"), "exact")
    tr_pr.append(height)


def _split_row(doc, *, rule: bool):
    """Most of a page of text, then a table whose second row is too long for the rest of it."""
    _lines(doc, 12)
    t = table(doc, [Column("№", 15, CENTER), Column("Мероприятие", 150)],
              [["1", "Короткое"], ["2", LONG], ["3", "Последнее"]])
    if not rule:
        for row in t.rows:
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.remove(tr_pr.find(qn("w:cantSplit")))
    paragraph(doc, "Текст после таблицы.", align=LEFT)


def _heading_at_foot(doc, *, rule: bool):
    _lines(doc, LINES_PER_PAGE - 1)
    _exact(paragraph(doc, "Выводы", align=CENTER, bold=True, keep_with_next=rule))
    _exact(paragraph(doc, "Текст раздела под заголовком.", align=LEFT))


def _signature_alone(doc, *, rule: bool):
    _lines(doc, LINES_PER_PAGE - 1)
    _exact(paragraph(doc, "Контроль за исполнением приказа оставляю за собой.", align=LEFT, keep_with_next=rule))
    _exact(paragraph(doc, "Директор\tС.В. Ермакова", align=LEFT, tab_right=True))


def _last_row_alone(doc, *, rule: bool, then: str = ""):
    """Three rows of 40 pt after 15 lines: the page has room for the header and two of them."""
    _lines(doc, 15)
    t = table(doc, [Column("№", 15, CENTER), Column("Мероприятие", 150)],
              [["1", "Первое мероприятие"], ["2", "Второе мероприятие"], ["3", "Итого: три мероприятия"]])
    for row in t.rows:
        _row_height(row, 40)
        keep_row_together(row)
    if rule:  # what gost.table(keep_tail=True) does: the row before the last keeps with it
        keep_row_with_next(t.rows[-2])
    if then:
        paragraph(doc, then, align=LEFT)


def _section_row_at_foot(doc, *, rule: bool):
    """A table's section row («2. Организационное обеспечение», bold across the table) that the
    page has room for, but not for the row under it."""
    _lines(doc, 15)
    t = table(doc, [Column("№", 15, CENTER), Column("Мероприятие", 150)],
              [["1.1", "Первое мероприятие"], ["", ""], ["2.1", "Второе мероприятие"], ["2.2", "Третье мероприятие"]])
    section = t.rows[2].cells[0].merge(t.rows[2].cells[1])
    section.paragraphs[0].add_run("2. Организационное обеспечение").bold = True
    for row in t.rows:
        _row_height(row, 40)
    if rule:
        section.paragraphs[0].paragraph_format.keep_with_next = True


def _last_row_of_a_loop(doc, *, rule: bool):
    """As ``_last_row_alone``, the rows rendered by docxtpl from one looped template row:
    ``keep_tail`` keeps only the rendered row before the last with the next."""
    _lines(doc, 15)
    t = table(doc, [Column("№", 15, CENTER), Column("Мероприятие", 150)], [
        ["{%tr for r in rows %}", ""], ["{{ loop.index }}", "{{ r }}"], ["{%tr endfor %}", ""]], keep_tail=rule)
    for row in t.rows:
        _row_height(row, 40)
    paragraph(doc, "Текст после таблицы.", align=LEFT)
    return {"rows": ["Первое мероприятие", "Второе мероприятие", "Третье мероприятие"]}


def _merged_rows_split(doc, *, rule: bool):
    """A criterion and its two levels, one row each, their procedure in a cell merged down over
    the three rows (as in the expert matrix); the page ends after the first level. The rule keeps
    every row of the group but the last with the next (LibreOffice reads a row's first cell, so a
    merged cell belongs in a later column)."""
    _lines(doc, 14)
    t = table(doc, [Column("Критерий, уровни", 105), Column("Процедура", 60)], [
        ["Первый критерий", "Анализ"], ["Второй критерий", "Экспертиза программы"],
        ["– уровень 3 балла", ""], ["– уровень 2 балла", ""], ["Третий критерий", "Опрос"]])
    for row in t.rows:
        _row_height(row, 40)
    for n, row in enumerate(t.rows[2:5]):
        tc_pr = row.cells[1]._tc.get_or_add_tcPr()
        merge = OxmlElement("w:vMerge")
        if n == 0:
            merge.set(qn("w:val"), "restart")
        tc_pr.append(merge)
    if rule:
        for row in t.rows[2:4]:
            keep_row_with_next(row)
    paragraph(doc, "Текст после таблицы.", align=LEFT)


def _form_spill(doc, *, rule: bool):
    paragraph(doc, "Приложение 1", align=LEFT)
    paragraph(doc, "Форма", align=LEFT)
    _lines(doc, LINES_PER_PAGE - 2 if rule else LINES_PER_PAGE + 1)
    _exact(paragraph(doc, "Подпись руководителя", align=LEFT))


CASES = {
    "row-split": _split_row,
    "heading-at-foot": _heading_at_foot,
    "signature-alone": _signature_alone,
    "lonely-row": _last_row_alone,
    "widow-row": lambda doc, rule: _last_row_alone(doc, rule=rule, then="Текст после таблицы."),
    "form-spill": _form_spill,
    "section-row-at-foot": _section_row_at_foot,
    "loop-widow-row": _last_row_of_a_loop,
    "merge-split": _merged_rows_split,
}
# A case's defect, where the case is not named after it.
KIND = {"section-row-at-foot": "heading-at-foot", "loop-widow-row": "widow-row"}


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[tuple[str, bool], tuple[Path, Path]]:
    """Each case with its defect and built by the rule; all through one LibreOffice run."""
    folder = tmp_path_factory.mktemp("layout")
    docs = {}
    for kind, build in CASES.items():
        for rule in (False, True):
            doc = new_document()
            context = build(doc, rule=rule)
            path = folder / f"{kind}-{'rule' if rule else 'defect'}.docx"
            doc.save(path)
            if context is not None:  # a template: rendered as docgen renders
                from docxtpl import DocxTemplate

                rendered = DocxTemplate(path)
                rendered.render(context)
                rendered.save(path)
            docs[kind, rule] = path
    pdfs = convert(list(docs.values()), timeout=300)
    return {key: (doc, pdf) for (key, doc), pdf in zip(docs.items(), pdfs)}


@pytest.mark.parametrize("kind", CASES)
def test_the_defect_is_found(printed, kind):
    found = layout_defects(*printed[kind, False])
    assert [d.kind for d in found] == [KIND.get(kind, kind)], [str(d) for d in found]


@pytest.mark.parametrize("kind", CASES)
def test_the_rule_prevents_it(printed, kind):
    found = layout_defects(*printed[kind, True])
    assert found == [], [str(d) for d in found]


def test_the_defect_names_page_and_text(printed):
    (split,) = layout_defects(*printed["row-split", False])
    assert split.page == 1 and split.text.startswith("2 | Провести внутренний аудит")
    assert str(split).startswith("стр. 1: строка таблицы разорвана между страницами 1 и 2: «2 | Провести")
    (heading,) = layout_defects(*printed["heading-at-foot", False])
    assert (heading.page, heading.text) == (1, "Выводы")
    assert "заголовок последним на странице" in str(heading)
    (signature,) = layout_defects(*printed["signature-alone", False])
    assert (signature.page, signature.text) == (2, "Директор С.В. Ермакова")
    (row,) = layout_defects(*printed["lonely-row", False])
    assert (row.page, row.text) == (2, "3 | Итого: три мероприятия")
    assert str(row).startswith("стр. 2: на странице только итоговая строка таблицы")
    (spill,) = layout_defects(*printed["form-spill", False])
    assert (spill.page, spill.text) == (1, "Форма")
    assert "форма не уместилась на одной странице: её конец перенесён на страницу 2" in str(spill)


def test_pdf_copies_warn_of_the_defects(printed, monkeypatch):
    """`--pdf` reads its PDFs back: each defect is one Russian warning naming the PDF and the page;
    a document without defects gives none, and without pdftotext nothing is checked."""
    from docgen.pdf import copies

    monkeypatch.setattr("docgen.pdf.convert", lambda docs, timeout: [d.with_suffix(".pdf") for d in docs])
    heard: list[str] = []
    docs = [printed["signature-alone", False][0], printed["signature-alone", True][0]]
    assert copies(docs, warn=heard.append) == [d.with_suffix(".pdf") for d in docs]
    assert heard == ["«signature-alone-defect.pdf», стр. 2: на странице только подписи, без текста, который они "
                     "подписывают: «Директор С.В. Ермакова»"]
    monkeypatch.setattr("docgen.pdf_layout.pdftotext_available", lambda: False)
    heard.clear()
    copies(docs, warn=heard.append)
    assert heard == []
