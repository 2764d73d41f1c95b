"""The requisite blocks every order template shares, as Jinja-tagged paragraphs.

Built-in templates, the plugin scaffold and district plugins write their templates with these,
so an order from any plugin carries the same header, signature, annex mark and acquaintance sheet.
The tags they leave (``organization``, ``date``, ``number``, ``director``) are the ones the engine
puts into every order's context.
"""
from __future__ import annotations

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Mm

from .gost import CENTER, LEFT, MARGINS_MM, Column, paragraph, right_block, table
from .russian.typography import NB_HYPHEN, NBSP

__all__ = ["LAW_273", "NBSP", "ONLY", "acquaintance_sheet", "annex_label", "annex_mark", "approval_grif",
           "new_section", "order_head", "signature"]

LAW_273 = f"Федерального закона от 29.12.2012 №{NBSP}273{NB_HYPHEN}ФЗ «Об образовании в Российской Федерации»"


# ГОСТ Р 7.0.97: a document's only annex is not numbered («Приложение», «(приложение)»); pass
# ONLY as the annex number for it, and the number otherwise.
ONLY = 0


def annex_label(n: int) -> str:
    """«Приложение 2», or «Приложение» for the only annex (``ONLY``)."""
    return "Приложение" if n == ONLY else f"Приложение {n}"


def order_head(doc, title: str) -> None:
    """Organisation, «ПРИКАЗ», date and number, place, title: the requisites of an order."""
    paragraph(doc, "{{ organization.full_name }}", align=CENTER, bold=True)
    paragraph(doc, "({{ organization.short_name }})", align=CENTER)
    paragraph(doc, "ПРИКАЗ", align=CENTER, bold=True, space_before=18, space_after=12)
    paragraph(doc, "{{ date|date }}\t{{ number|number_sign }}", align=LEFT, tab_right=True)
    paragraph(doc, "{{ organization.place }}", align=CENTER, space_before=6, space_after=18)
    paragraph(doc, title, align=CENTER, bold=True, space_after=12)


EXECUTOR_PT = 12  # ГОСТ Р 7.0.97 allows the «исполнитель» a smaller size than the text


def signature(doc, *, executor: bool = False) -> None:
    """The director's position and initials-surname, on one line against the right margin.

    With ``executor`` the template prints, when the context's ``executor`` (a docgen.Executor) is
    given, the «отметка об исполнителе» under it: full name and phone on two lines, 12 pt, kept on
    the signature's page. The signature is written twice (with and without the mark) because only
    the one followed by the mark may keep with the next paragraph: the other is followed by an
    annex that starts a new page."""
    line = "{{ director.position|capfirst }}\t{{ director|initials }}"
    if not executor:
        paragraph(doc, line, align=LEFT, tab_right=True, space_before=30)
        return
    paragraph(doc, "{%p if executor %}")
    paragraph(doc, line, align=LEFT, tab_right=True, space_before=30, keep_with_next=True)
    paragraph(doc, "{{ executor.person|fio }}", align=LEFT, size=EXECUTOR_PT, space_before=36, keep_with_next=True)
    paragraph(doc, "{{ executor.phone }}", align=LEFT, size=EXECUTOR_PT)
    paragraph(doc, "{%p else %}")
    paragraph(doc, line, align=LEFT, tab_right=True, space_before=30)
    paragraph(doc, "{%p endif %}")


def annex_mark(doc, n: int, *, document: str = "приказу") -> None:
    """«Приложение N к приказу … от … № …» on a new page (``document`` in the dative); ``n`` as
    ``annex_label`` takes it, ``ONLY`` for a document's only annex."""
    right_block(doc, [
        annex_label(n),
        f"к {document} {{{{ organization.short_name }}}}",
        "от {{ date|date('numeric') }} {{ number|number_sign }}",
    ], page_break_before=True)


def approval_grif(doc, *, gender_word: str = "УТВЕРЖДЕН", page_width_mm: float = 210,
                  annex: int | None = None, by: str = "приказом {{ organization.short_name }}",
                  date: str = "date", number: str = "number", page_break: bool = False) -> None:
    """«(Приложение N) УТВЕРЖДЕН приказом … от … № …» at the top right of a page of the given width.

    ``gender_word`` agrees with the approved document: УТВЕРЖДЕН (регламент, план-график),
    УТВЕРЖДЕНО (положение), УТВЕРЖДЕНА (матрица). ``date`` and ``number`` name the context
    variables of the approving order: an order's own by default, ``approved.date`` and
    ``approved.number`` for a document that is approved by a separate order. ``annex`` adds the
    annex's label above the grif: its number, or ``ONLY`` for a document's only annex."""
    width = page_width_mm - MARGINS_MM["left"] - MARGINS_MM["right"]
    block = Mm(width - 80)  # the angular requisite, at most 8 cm wide, against the right margin
    first = []
    if annex is not None:
        first.append(paragraph(doc, annex_label(annex), align=LEFT, left_indent=block))
    first.append(paragraph(doc, gender_word, align=LEFT, left_indent=block,
                           space_before=6 if annex is not None else 0))
    if page_break:  # an annex of an order starts a page
        first[0].paragraph_format.page_break_before = True
    paragraph(doc, by, align=LEFT, left_indent=block)
    paragraph(doc, f"от {{{{ {date}|date('numeric') }}}} {{{{ {number}|number_sign }}}}", align=LEFT,
              left_indent=block)


def acquaintance_sheet(doc, people: str, *, page_break: bool = True) -> None:
    """«С приказом ознакомлены»: every person the order names signs and dates. ``page_break``
    is off when a section break already starts the page."""
    paragraph(doc, "Лист ознакомления", align=CENTER, bold=True, page_break_before=page_break)
    paragraph(doc, "с приказом от {{ date|date('numeric') }} {{ number|number_sign }}", align=CENTER, space_after=12)
    paragraph(doc, "С приказом ознакомлены:", align=LEFT, space_after=6)
    # «Петрова-Водкина М.А.» (46 mm at 12 pt) must not lose its last dot to the next line.
    table(doc, [Column("№ п/п", 12, CENTER), Column("Фамилия, инициалы", 53), Column("Должность", 50),
                Column("Подпись", 25), Column("Дата", 25)], [
        ["{%tr for p in " + people + " %}", "", "", "", ""],
        ["{{ loop.index }}", "{{ p|surname_initials }}", "{{ p.position|capfirst }}", "", ""],
        ["{%tr endfor %}", "", "", "", ""],
    ], keep_tail=True)


def new_section(doc, *, landscape: bool):
    """A section from a new page, A4 portrait or landscape, house margins, every page numbered
    (only the document's first page goes without a number)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.different_first_page_header_footer = False
    return section

