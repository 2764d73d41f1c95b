"""The template variables of a local act: its grifs and its numbered text.

Clause numbers are made here, not by Word's auto-numbering: «1.2.», «1.2.1.» must read the same in
Word, in LibreOffice, in a PDF and in the text a site or a scan reads back. Section 1 opens with the
generated clause 1.1 (the act's legal basis, then the organisation's charter); the terms, when the
content has them, are section 2; the content's other sections follow. Every text of the content
file passes the placeholder sandbox here (content.render_text), so an unknown name or a broken tag
is refused with the file and the clause; the engine then typesets every value as for any document.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from docgen import InputError
from docgen.acts import act_title
from docgen.russian import capitalize_first, inflect_phrase, list_item

from .content import Clause, Table, check_text, load_content, load_shared, render_text
from .model import LocalActInput

# The words that agree with the act's kind: Положение (n), Порядок (m), Правила (pl).
AGREEMENT = {
    "Положение": {"this": "Настоящее", "made": "разработано", "adopted": "ПРИНЯТО", "approved": "УТВЕРЖДЕНО",
                  "here": "настоящем Положении"},
    "Порядок": {"this": "Настоящий", "made": "разработан", "adopted": "ПРИНЯТ", "approved": "УТВЕРЖДЕН",
                "here": "настоящем Порядке"},
    "Правила": {"this": "Настоящие", "made": "разработаны", "adopted": "ПРИНЯТЫ", "approved": "УТВЕРЖДЕНЫ",
                "here": "настоящих Правилах"},
}
LEVELS = {"НОО": "начального общего", "ООО": "основного общего", "СОО": "среднего общего"}
TERMS_TITLE = "Термины, определения и сокращения"
PROCEDURES = {
    "caption": "Процедуры оценки качества образования и их инструментарий",
    "columns": ["Процедура", "Направление оценки", "Инструментарий", "Ответственные"],
}
# A table's width is split into GRID equal grid columns; each column spans a share of them
# (docxtpl's colspan), so the widths follow the content without a template per table shape.
GRID = 60
GRID_MM = 165 / GRID
CHAR_MM = 2.15  # a Cyrillic letter of Times New Roman 12 pt, on average (2.3 bold, in the header)
BOLD_CHAR_MM = 2.3
WIDE = set("шщжюмыдфШЩЖЮМЫДФ—")  # letters about half as wide again as the average one
WIDE_FACTOR = 1.45
CELL_PADDING_MM = 3.8  # the cell's margins, left and right
# The table font, largest first: house style is 12 pt; a table whose longest words do not fit at
# 12 pt is set smaller rather than have a word cut in the middle.
TABLE_SIZES = (12, 11, 10)
ENDS = ".:;!?"


def placeholders(data: LocalActInput) -> dict[str, str]:
    """The values of content.PLACEHOLDERS: the school and its bodies as the profile names them.
    A council the profile has not (null) keeps the default name: an act that speaks of it is then
    the school's to edit, a grif never shows it (model.COUNCILS)."""
    org = data.organization
    councils = org.councils
    default = type(councils)()
    pedagogical = councils.pedagogical
    students = councils.students or default.students
    parents = councils.parents or default.parents
    levels = [LEVELS[level] for level in org.levels if level in LEVELS] or [LEVELS["ООО"]]
    listed = levels[0] if len(levels) == 1 else ", ".join(levels[:-1]) + " и " + levels[-1]
    position = org.director.position
    return {
        "school": org.short_name,
        "school_full": org.full_name,
        "school_genitive": inflect_phrase(org.full_name, "gent"),
        "levels": f"{listed} образования",
        "head_position": position,
        "head_position_genitive": inflect_phrase(position, "gent"),
        "council_pedagogical": pedagogical,
        "council_pedagogical_by": inflect_phrase(pedagogical, "ablt"),
        "council_students": students,
        "council_students_of": inflect_phrase(students, "gent"),
        "council_parents": parents,
        "council_parents_of": inflect_phrase(parents, "gent"),
    }


class _Texts:
    """Renders the content's texts, naming the file and the place of a text that cannot be."""

    def __init__(self, path: Path, values: dict[str, str]):
        self.path, self.values = path, values

    def __call__(self, text: str, where: str) -> str:
        problem = check_text(text)
        if problem:
            raise InputError(f"{where}: {problem}", file=self.path)
        return render_text(text, self.values)


def sentence(text: str, *, leads: bool = False) -> str:
    """A clause's text ends with its punctuation; a clause a list follows (``leads``) gets a colon
    when it has none, any other a period."""
    return text if text.endswith(tuple(ENDS)) else text + (":" if leads else ".")


def listed(items: list[str]) -> list[str]:
    """Items of a list after a colon: «…;» each, the last «….»."""
    bare = [item.rstrip(" ;.,") for item in items]
    return [item + (";" if n < len(bare) - 1 else ".") for n, item in enumerate(bare)]


def _width(part: str) -> float:
    """A word's width in average letters: the wide letters count more."""
    return sum(WIDE_FACTOR if ch in WIDE else 1.0 for ch in part)


def _longest_word(text: str) -> float:
    """The widest unit a line cannot break inside: a word, or the part of a hyphenated word
    between hyphens («учебно-воспитательной» breaks after «учебно-»)."""
    return max((_width(part) + (1 if n < len(word.split("-")) - 1 else 0)
                for word in text.split() for n, part in enumerate(word.split("-"))), default=1)


def _least(columns: list[str], rows: list[list[str]], size: int) -> list[int]:
    """Each column's least span at ``size`` pt: its widest word and the cell's margins."""
    scale = size / 12
    least = []
    for j, title in enumerate(columns):
        width = max(_longest_word(title) * BOLD_CHAR_MM * scale,
                    max((_longest_word(row[j]) * CHAR_MM * scale for row in rows), default=0)) + CELL_PADDING_MM
        least.append(max(1, math.ceil(width / GRID_MM)))
    return least


def layout(columns: list[str], rows: list[list[str]]) -> tuple[list[int], int]:
    """The spans of the GRID grid columns each table column takes, and the table's font size:
    the largest of TABLE_SIZES at which every column holds its widest word (so no word is cut),
    the rest of the width shared by how much text each column holds. Only a table whose words do
    not fit even at the smallest size shares the width by the words alone."""
    for size in TABLE_SIZES:
        least = _least(columns, rows, size)
        if sum(least) <= GRID:
            break
    else:
        least = [max(1, GRID * n // sum(least)) for n in least]
    weights = [len(title) + sum(len(row[j]) for row in rows) for j, title in enumerate(columns)]
    spare = GRID - sum(least)
    total = sum(weights) or 1
    out = [n + math.floor(spare * w / total) for n, w in zip(least, weights)]
    for j in sorted(range(len(out)), key=lambda j: -weights[j])[:GRID - sum(out)]:
        out[j] += 1
    return out, size


def spans(columns: list[str], rows: list[list[str]]) -> list[int]:
    return layout(columns, rows)[0]


def table_context(number: int, caption: str, columns: list[str], rows: list[list[str]]) -> dict[str, Any]:
    widths, size = layout(columns, rows)
    return {
        "number": number,
        "half_points": size * 2,  # the runs' w:sz in the template
        "caption": caption,
        "header": [{"text": text, "span": span} for text, span in zip(columns, widths)],
        # The last row never stands alone on a page: the one before it keeps with it.
        "rows": [[{"text": text, "span": span, "keep": n == len(rows) - 2} for text, span in zip(row, widths)]
                 for n, row in enumerate(rows)],
    }


def procedures_table(data: LocalActInput) -> tuple[list[str], list[list[str]]]:
    """The profile's procedures as the act's table. An act names positions, not people, and no
    cell is empty: the owner is the procedure's ``owner`` (a position), else the owner the shared
    facts give its direction (acts/_common.yaml, direction_owners), else their «*»; a procedure
    without instruments says how they come (shared ``missing_instruments``), not a status. The
    profile's ``responsible`` (who develops the instruments) belongs to the plan, not the act."""
    shared, _ = load_shared()
    owners = shared.direction_owners
    rows = []
    for procedure in data.organization.procedures:
        direction = procedure.direction or ""
        owner = procedure.owner or owners.get(direction.lower()) or owners.get("*") or capitalize_first(
            data.organization.director.position)
        rows.append([
            capitalize_first(procedure.title),
            capitalize_first(direction) if direction else "—",
            "; ".join(procedure.instruments) if procedure.instruments else shared.missing_instruments,
            capitalize_first(owner),
        ])
    columns = PROCEDURES["columns"]
    if all(row[1] == "—" for row in rows):  # no procedure names its direction: no column of dashes
        return [c for j, c in enumerate(columns) if j != 1], [[c for j, c in enumerate(r) if j != 1] for r in rows]
    return columns, rows


def term_case(term: str) -> str:
    """One style for the terms of every act: an item of the list after the colon starts with a
    lower-case letter, unless the term is an abbreviation («ВСОКО — …»)."""
    first = term.split()[0]
    return term if first.isupper() else term[0].lower() + term[1:]


def numbered_clauses(section_number: int, clauses: list, first: int, text, title: str) -> list[dict[str, Any]]:
    out = []
    for m, clause in enumerate(clauses, first):
        number = f"{section_number}.{m}."
        where = f"раздел {section_number} «{title}», пункт {number}"
        if isinstance(clause, Clause):
            subs = [{"number": f"{number}{k}.", "text": sentence(text(sub, f"{where}{k}."))}
                    for k, sub in enumerate(clause.clauses, 1)]
            items = listed([text(item, f"{where} (перечень, {i}-й элемент)") for i, item in enumerate(clause.items, 1)])
            out.append({"number": number,
                        "text": sentence(capitalize_first(text(clause.text, where)), leads=bool(subs or items)),
                        "leads": bool(subs or items), "clauses": subs,
                        "dashes": items, "terms": []})
        else:
            out.append({"number": number, "text": sentence(capitalize_first(text(clause, where))), "leads": False,
                        "clauses": [],
                        "dashes": [], "terms": []})
    return out


def build_context(data: LocalActInput) -> dict[str, Any]:
    content, path = load_content(data.act)
    values = placeholders(data)
    text = _Texts(path, values)
    words = AGREEMENT[content.kind]
    org = data.organization
    sections: list[dict[str, Any]] = []
    tables = 0

    def section_tables(source, number: int) -> dict[str, Any] | None:
        nonlocal tables
        where = f"раздел {number} «{source.title}», таблица"
        if isinstance(source.table, Table):
            tables += 1
            t = source.table
            return table_context(tables, text(t.caption, where), [text(c, where) for c in t.columns],
                                 [[text(c, where) for c in row] for row in t.rows])
        if source.profile_table == "procedures" and org.procedures:
            tables += 1
            columns, rows = procedures_table(data)
            return table_context(tables, PROCEDURES["caption"], columns, rows)
        return None

    for index, source in enumerate(content.sections):
        number = len(sections) + 1
        title = text(source.title, f"раздел {number}, название")
        clauses = []
        if index == 0:
            basis = [list_item(text(item, f"basis, {i}-е основание")) for i, item in enumerate(content.basis, 1)]
            clauses.append({
                "number": "1.1.",
                "text": f"{words['this']} {content.kind} {content.subject} (далее — {content.kind}) {words['made']} "
                        "в соответствии с:",
                "leads": True, "clauses": [], "terms": [],
                "dashes": listed([*basis, f"уставом {org.short_name}"]),
            })
        clauses += numbered_clauses(number, source.clauses, len(clauses) + 1, text, title)
        sections.append({"number": number, "title": title, "clauses": clauses, "table": section_tables(source, number)})
        if index == 0 and content.terms:
            number = len(sections) + 1
            where = f"раздел {number} «{TERMS_TITLE}»"
            terms = listed([f"{term_case(text(t.term, where))} — {text(t.definition, where)}" for t in content.terms])
            sections.append({"number": number, "title": TERMS_TITLE, "table": None, "clauses": [{
                "number": f"{number}.1.",
                "text": f"В {words['here']} используются следующие термины, определения и сокращения:",
                "leads": True, "clauses": [], "dashes": [], "terms": terms,
            }]})

    councils = org.councils
    adopted = None
    if data.pedagogical_council is not None:
        adopted = {"council": inflect_phrase(councils.pedagogical, "gent"), "date": data.pedagogical_council.date,
                   "number": data.pedagogical_council.number}
    considered = [
        {"council": inflect_phrase(name, "gent"), "date": protocol.date, "number": protocol.number}
        for protocol, name in ((data.students_council, councils.students), (data.parents_council, councils.parents))
        if protocol is not None and name is not None
    ]
    approved = None
    if data.approved is not None:
        approved = {"by": f"приказом {values['head_position_genitive']}", "date": data.approved.date,
                    "number": data.approved.number}
    return {
        "act": {"id": content.act, "kind": content.kind, "kind_caps": content.kind.upper(), "subject": content.subject},
        "words": {"adopted": words["adopted"], "approved": words["approved"]},
        "adopted": adopted,
        "considered": considered,
        "approved": approved,
        "sections": sections,
    }


def file_stem(data: LocalActInput) -> str:
    """The catalogue's title (short: «… по совершенствованию ВСОКО»), with the approving order or «проект»."""
    title = act_title(data.act)
    if title is None:
        content, _ = load_content(data.act)
        title = f"{content.kind} {content.subject}"
    if data.approved is None:
        return f"{title} (проект)"
    return f"{title} (приказ № {data.approved.number} от {data.approved.date:%d.%m.%Y})"

