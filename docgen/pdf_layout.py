"""Page-level defects of a printed document: what the .docx cannot tell, because only the layout
engine knows where its pages break.

A document is signable only if a reader never meets half a table row at a page's foot, a page
that holds nothing but a table's last row, «Итого» or the signatures (signatures without the text
they sign), a heading at a page's foot with its text on the next page, or a one-page form that
spilled onto a second page. The rules that prevent these live in the building blocks (cantSplit,
repeated header rows, keep-with-next); this module checks, after LibreOffice has laid the document
out, that they held.

How it reads the two files: the .docx gives the body in order — paragraphs and table rows, each as
its cells' texts; ``pdftotext -raw`` gives each page's text in content-stream order, in which
LibreOffice paints a table cell by cell, a row's cells one after another. Both are compared
«flat» (no spaces, hyphens or case: a printed line may break after «УМ-» and «caps» prints
capitals), and the body is walked through the pages with a cursor that only moves forward, so a
short text («1», «—») is found where it stands and not on an earlier page. The header's page
number and the repeated header rows are simply text the cursor passes over.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

__all__ = ["Defect", "PdfTextError", "layout_defects", "pdftotext_available", "unread_texts"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_MAX = 150  # a heading is a short line: the checker's (check_docx.py) limit
_SHORT = 80  # a line of a signature block besides the signature itself: position, executor, phone
_RESIDUE = 6  # characters of a page left unexplained by the body: its page number, a stray mark
_SPILL_SHARE = 0.34  # a form is «one page» if what ran over is at most this share of its text

_INITIALS = r"[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_SIGNATURE = re.compile(
    rf"\t\s*_*\s*{_INITIALS}\s*$"  # «Директор<tab>И.И. Иванов», «Эксперт<tab>____ И.И. Иванов»
    rf"|^\s*_{{3,}}\s*{_INITIALS}\s*$"  # «______ И.И. Иванов»
    r"|^[\s_/]*_{3}[\s_/]*$"  # a line to sign on: «_______ / ________ /»
    r"|\(подпись\)"  # the caption under that line
    r"|^\s*«_+»\s*_+"  # ««__» ______ 20__ г.»: the date of signing
    r"|^\s*М\.\s?П\.\s*$")
_TOTAL = re.compile(r"^(итого|всего)")


class PdfTextError(RuntimeError):
    """pdftotext is missing or cannot read the PDF."""


@dataclass(frozen=True)
class Defect:
    """One page-level defect: its kind (a stable code for tests), the page (from 1), the text
    concerned and what is wrong, in Russian, for the person who prints the document."""

    kind: str
    page: int
    text: str
    message: str

    def __str__(self) -> str:
        return f"стр. {self.page}: {self.message}: «{self.text}»"


@dataclass
class _Item:
    """A paragraph or a table row of the body, as the walk through the pages places it."""

    parts: list[str]  # flat texts: the paragraph's, or each non-empty cell's
    text: str  # as written, spaces collapsed, for messages
    raw: str = ""  # as written, tabs kept: a signature line is «position<tab>name»
    table: int | None = None
    header: bool = False
    heading: bool = False
    total: bool = False
    signature: bool = False
    new_page: bool = False  # a page or section break puts it at a page's top
    form: bool = False  # «Форма …»: the annex it opens is a form to fill in
    merge: str = ""  # a row with a vertically merged cell: "restart" opens the group, "continue" is in it
    first: int | None = None  # pages (0-based) it starts and ends on; None if not found
    last: int | None = None
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # (page, start, end) of its text

    @property
    def placed(self) -> bool:
        return self.first is not None


def pdftotext_available() -> bool:
    return shutil.which("pdftotext") is not None


def layout_defects(docx_path: Path | str, pdf_path: Path | str) -> list[Defect]:
    """The page-level defects of ``pdf_path``, the PDF LibreOffice made of ``docx_path``, in page order."""
    items = _body(Path(docx_path))
    pages = [_flat(page) for page in _pdf_pages(Path(pdf_path))]
    _place(items, pages)
    defects = [*_split_rows(items), *_split_merges(items), *_lonely_rows(items, pages), *_signature_pages(items, pages),
               *_headings_at_foot(items), *_spilled_forms(items)]
    return sorted(defects, key=lambda d: d.page)


def unread_texts(docx_path: Path | str, pdf_path: Path | str) -> list[str]:
    """The body texts the check could not find in the PDF, in order: what it is blind to (a text
    the PDF prints differently). Empty for a document the check reads whole."""
    items = _body(Path(docx_path))
    _place(items, [_flat(page) for page in _pdf_pages(Path(pdf_path))])
    return [item.text for item in items if not item.placed]


# --- reading the two files ---------------------------------------------------------------------

def _flat(text: str) -> str:
    """Text compared as printed: no spaces, hyphens, soft hyphens, blanks' underscores or case."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s\-\u2010\u2011\u00ad_]+", "", text)


def _pdf_pages(pdf: Path) -> list[str]:
    try:
        done = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                              timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PdfTextError(f"pdftotext не запускается: {exc}") from None
    if done.returncode != 0:
        raise PdfTextError(f"pdftotext не прочитал «{pdf}»: {done.stderr.decode('utf-8', 'replace').strip()}")
    text = done.stdout.decode("utf-8", "replace")
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _text(element) -> str:
    out = []
    for node in element.iter(_W + "t", _W + "tab", _W + "br", _W + "noBreakHyphen"):
        if node.tag == _W + "t":
            out.append(node.text or "")
        elif node.tag == _W + "tab":
            out.append("\t")
        elif node.tag == _W + "noBreakHyphen":
            out.append("-")
        elif node.get(_W + "type") not in ("page", "column"):
            out.append("\n")
    return "".join(out)


def _on(element, path: str) -> bool:
    """A w:onOff property (``w:b``, ``w:cantSplit`` …) that is present and not switched off."""
    found = element.find(path)
    return found is not None and found.get(_W + "val") not in ("0", "false", "off")


def _body(docx: Path) -> list[_Item]:
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
        styles = etree.fromstring(z.read("word/styles.xml")) if "word/styles.xml" in z.namelist() else None
    bold_styles = _bold_styles(styles)
    items: list[_Item] = []
    break_pending = False
    tables = 0
    for block in root.find(_W + "body"):
        if block.tag == _W + "p":
            item = _paragraph(block, bold_styles)
            page_break = _on(block, f"{_W}pPr/{_W}pageBreakBefore") or any(
                br.get(_W + "type") == "page" for br in block.iter(_W + "br"))
            if item.parts:
                item.new_page = break_pending or page_break
                items.append(item)
                break_pending = False
            else:
                break_pending = break_pending or page_break
            sect = block.find(f"{_W}pPr/{_W}sectPr")
            if sect is not None:
                kind = sect.find(_W + "type")
                break_pending = break_pending or kind is None or kind.get(_W + "val") != "continuous"
        elif block.tag == _W + "tbl":
            tables += 1
            for tr in block.iterchildren(_W + "tr"):
                cells = [_text(tc) for tc in tr.iterchildren(_W + "tc") if not _continues_merge(tc)]
                parts = [flat for cell in cells if (flat := _flat(cell))]
                if not parts:
                    continue
                row = _Item(parts, " | ".join(" ".join(c.split()) for c in cells if c.strip()), table=tables,
                            header=_on(tr, f"{_W}trPr/{_W}tblHeader"), heading=_section_row(tr),
                            total=any(_TOTAL.match(part) for part in parts[:2]))
                row.new_page = break_pending
                row.merge = _merge_role(tr)
                break_pending = False
                items.append(row)
    _mark_signatures(items)
    return items


def _section_row(tr) -> bool:
    """A row that heads the rows under it: one bold cell across the table («2. Организационное
    обеспечение»)."""
    cells = [tc for tc in tr.iterchildren(_W + "tc") if _text(tc).strip()]
    if len(cells) != 1:
        return False
    span = cells[0].find(f"{_W}tcPr/{_W}gridSpan")
    runs = [r for r in cells[0].iter(_W + "r") if _text(r).strip()]
    return span is not None and int(span.get(_W + "val", "1")) > 1 and all(_on(r, f"{_W}rPr/{_W}b") for r in runs)


def _merge_role(tr) -> str:
    roles = set()
    for tc in tr.iterchildren(_W + "tc"):
        merge = tc.find(f"{_W}tcPr/{_W}vMerge")
        if merge is not None:
            roles.add("restart" if merge.get(_W + "val") == "restart" else "continue")
    return "continue" if "continue" in roles else ("restart" if roles else "")


def _continues_merge(tc) -> bool:
    merge = tc.find(f"{_W}tcPr/{_W}vMerge")
    return merge is not None and merge.get(_W + "val") in (None, "continue")


def _bold_styles(styles) -> set[str]:
    if styles is None:
        return set()
    return {s.get(_W + "styleId") for s in styles.iter(_W + "style")
            if _on(s, f"{_W}rPr/{_W}b") or (s.get(_W + "styleId") or "").lower().startswith("heading")}


def _paragraph(p, bold_styles: set[str]) -> _Item:
    text = _text(p)
    item = _Item([flat] if (flat := _flat(text)) else [], " ".join(text.split()), raw=text)
    stripped = text.strip()
    if not stripped:
        return item
    style = p.find(f"{_W}pPr/{_W}pStyle")
    styled_bold = style is not None and style.get(_W + "val") in bold_styles
    runs = [r for r in p.iter(_W + "r") if _text(r).strip()]
    bold = bool(runs) and all(_on(r, f"{_W}rPr/{_W}b") or styled_bold for r in runs)
    jc = p.find(f"{_W}pPr/{_W}jc")
    centred = jc is not None and jc.get(_W + "val") == "center"
    item.heading = ((bold or centred) and len(stripped) <= _HEADING_MAX and stripped[-1] not in ".;:,…"
                    and "\t" not in stripped and not _SIGNATURE.search(text))
    item.form = bool(re.match(r"форма\b", stripped, re.I)) and len(stripped) <= _SHORT
    return item


def _mark_signatures(items: list[_Item]) -> None:
    """A signature block: the signature lines themselves, the short line naming who signs just
    above them («Эксперты:», «Участник конкурса»), and the short lines under the last one (the
    executor's name and phone)."""
    core = [i for i, item in enumerate(items) if item.table is None and _SIGNATURE.search(item.raw)]
    for i in core:
        items[i].signature = True
    for i in core:
        before = i - 1
        if before >= 0 and not items[before].signature and _short(items[before]) and not items[i].new_page:
            items[before].signature = True
        after = i + 1
        while after < len(items) and after <= i + 2 and _short(items[after]) and not items[after].new_page \
                and not items[after].heading:
            items[after].signature = True
            after += 1


def _short(item: _Item) -> bool:
    return item.table is None and len(item.text) <= _SHORT and not item.text.rstrip().endswith(".")


# --- placing the body on the pages -------------------------------------------------------------

def _place(items: list[_Item], pages: list[str]) -> None:
    """Walk the body through the pages: each item whole on the cursor's page (after the cursor) or
    on the next one, or split between them. An item found nowhere (text the PDF prints differently)
    stays unplaced and the cursor stays where it was."""
    page, offset = 0, 0
    for item in items:
        if page >= len(pages):
            break
        if item.new_page and page + 1 < len(pages) and offset > 0 and _whole(item, pages, page + 1, 0) is not None:
            page, offset = page + 1, 0
        found = _whole(item, pages, page, offset)
        if found is None and page + 1 < len(pages):
            found = _whole(item, pages, page + 1, 0)
            if found is not None:
                page += 1
        if found is not None:
            item.first = item.last = page
            item.spans = found
            offset = max(end for _, _, end in found)
            continue
        split = _split(item, pages, page, offset) if page + 1 < len(pages) else None
        if split is not None:
            item.first, item.last = page, page + 1
            item.spans = split
            offset = max([end for p, _, end in split if p == page + 1], default=0)
            page += 1
        # else: unplaced


def _whole(item: _Item, pages: list[str], page: int, offset: int) -> list[tuple[int, int, int]] | None:
    """Where each part stands on ``page`` after ``offset``, in order."""
    spans = []
    at = offset
    for part in item.parts:
        found = pages[page].find(part, at)
        if found < 0:
            return None
        spans.append((page, found, found + len(part)))
        at = found + len(part)
    return spans


def _split(item: _Item, pages: list[str], page: int, offset: int) -> list[tuple[int, int, int]] | None:
    """Each part on this page (after the cursor), on the next, or begun here and ended there —
    and at least one part cut in two. (Parts only distributed between the pages would be short
    texts found here by chance: a row of one-line cells cannot split.)"""
    here, there = pages[page][offset:], pages[page + 1]
    spans = []
    cut_any = False
    for part in item.parts:
        if (at := here.find(part)) >= 0:
            spans.append((page, offset + at, offset + at + len(part)))
            continue
        if (at := there.find(part)) >= 0:
            spans.append((page + 1, at, at + len(part)))
            continue
        cut = _cut(part, here, there)
        if cut is None:
            return None
        head_at = here.find(part[:cut])
        tail_at = there.find(part[cut:])
        spans += [(page, offset + head_at, offset + head_at + cut), (page + 1, tail_at, tail_at + len(part) - cut)]
        cut_any = True
    if not cut_any:
        return None
    return spans


def _cut(part: str, here: str, there: str) -> int | None:
    """A point where ``part`` may be cut so that its head is on this page and its tail on the next.
    The longer a head, the less likely it is found; the shorter a tail, the more likely."""
    lo, hi = 0, len(part)  # the longest head found here
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if part[:mid] in here:
            lo = mid
        else:
            hi = mid - 1
    longest_head = lo
    lo, hi = 0, len(part)  # the shortest head whose tail is found there
    while lo < hi:
        mid = (lo + hi) // 2
        if part[mid:] in there:
            hi = mid
        else:
            lo = mid + 1
    shortest = lo
    if 0 < shortest <= longest_head and shortest < len(part):
        return shortest if longest_head == shortest else min(longest_head, len(part) - 1)
    return None


# --- the defects -------------------------------------------------------------------------------

def _on_page(items: list[_Item], page: int) -> list[_Item]:
    return [i for i in items if i.placed and i.first <= page <= i.last]


def _short_text(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _split_rows(items: list[_Item]):
    for item in items:
        if item.table is not None and item.placed and item.first != item.last:
            yield Defect("row-split", item.first + 1, _short_text(item.text),
                         f"строка таблицы разорвана между страницами {item.first + 1} и {item.last + 1}")


def _split_merges(items: list[_Item]):
    """Rows that share a vertically merged cell (a criterion and its levels) on two pages: the
    rows carried over stand away from the cell that names them."""
    group: list[_Item] = []
    for item in [*items, _Item([], "")]:
        if item.table is not None and item.merge == "continue" and group and item.table == group[0].table:
            group.append(item)
            continue
        placed = [row for row in group if row.placed]
        if len(group) > 1 and placed and placed[0].first != placed[-1].last:
            yield Defect("merge-split", placed[0].first + 1, _short_text(group[0].text),
                         f"строки с общей ячейкой разорваны между страницами {placed[0].first + 1} и "
                         f"{placed[-1].last + 1}")
        group = [item] if item.merge == "restart" else []


def _residue(items: list[_Item], pages: list[str], page: int) -> str:
    """What page ``page`` prints besides the body items placed on it and the header rows of the
    tables it continues: its page number, or body text the walk did not place."""
    text = pages[page]
    covered = [False] * len(text)
    for item in items:
        for p, start, end in item.spans:
            if p == page:
                for k in range(start, min(end, len(text))):
                    covered[k] = True
    rest = "".join(ch for ch, c in zip(text, covered) if not c)
    for item in items:
        if item.header:
            for part in item.parts:
                rest = rest.replace(part, "", 1)
    return re.sub(r"^\d+", "", rest)


def _lonely_rows(items: list[_Item], pages: list[str]):
    """A table's last body row alone on a page — the page holds nothing else of the body, or the
    row stands alone at the page's top, cut off from its table — and a page of nothing but totals."""
    tables: dict[int, list[_Item]] = {}
    for item in items:
        if item.table is not None and not item.header:
            tables.setdefault(item.table, []).append(item)
    reported = set()
    for rows in tables.values():
        last = rows[-1]
        if len(rows) < 2 or not last.placed or last.first != last.last:
            continue
        page = last.first
        same_page = [r for r in rows if r.placed and r.first <= page <= r.last]
        if same_page != [last] or not any(r.placed and r.first < page for r in rows):
            continue
        body = [i for i in _on_page(items, page) if not i.header and not i.signature]
        if body == [last] and len(_residue(items, pages, page)) <= _RESIDUE:
            reported.add(page)
            what = "только итоговая строка таблицы" if last.total else "только последняя строка таблицы"
            yield Defect("lonely-row", page + 1, _short_text(last.text), f"на странице {what}")
        else:
            reported.add(page)
            yield Defect("widow-row", page + 1, _short_text(last.text),
                         "последняя строка таблицы одна перенесена на следующую страницу")
    for page in range(1, len(pages)):
        body = [i for i in _on_page(items, page) if not i.header and not i.signature]
        if page not in reported and body and all(i.total for i in body) \
                and len(_residue(items, pages, page)) <= _RESIDUE:
            yield Defect("lonely-row", page + 1, _short_text(body[0].text), "на странице только «Итого»")


def _signature_pages(items: list[_Item], pages: list[str]):
    for page in range(1, len(pages)):
        on_page = [i for i in _on_page(items, page) if not i.header]
        if on_page and all(i.signature for i in on_page) and len(_residue(items, pages, page)) <= _RESIDUE:
            yield Defect("signature-alone", page + 1, _short_text(" / ".join(i.text for i in on_page)),
                         "на странице только подписи, без текста, который они подписывают")


def _headings_at_foot(items: list[_Item]):
    placed = [i for i in items if i.placed]
    for item, following in zip(placed, placed[1:]):
        if item.heading and item.last is not None and following.first == item.last + 1 and not following.new_page:
            yield Defect("heading-at-foot", item.last + 1, _short_text(item.text),
                         "заголовок последним на странице, а его текст — на следующей")


def _spilled_forms(items: list[_Item]):
    """A form (an annex opened by «Форма …») that ran over onto another page by a little."""
    starts = [n for n, item in enumerate(items) if item.new_page] + [len(items)]
    for begin, end in zip([0, *starts], starts):
        annex = items[begin:end]
        opener = next((i for i in annex[:6] if i.form), None)
        placed = [i for i in annex if i.placed]
        if opener is None or not placed:
            continue
        first, last = placed[0].first, max(i.last for i in placed)
        if last == first:
            continue
        total = sum(len("".join(i.parts)) for i in placed)
        spilled = sum(len("".join(i.parts)) for i in placed if i.first == last)
        if last == first + 1 and spilled <= _SPILL_SHARE * total:
            yield Defect("form-spill", first + 1, _short_text(opener.text),
                         f"форма не уместилась на одной странице: её конец перенесён на страницу {last + 1}")
