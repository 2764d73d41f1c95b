"""The static checks of one .docx template: broken tags (from where their text sits in Word),
Jinja syntax, filters and block structure (``jinja_tags``), the whole part as docxtpl renders it,
and the variables against what the document type provides."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..errors import TemplateError
from .jinja_tags import Tag, block_problems, judge, names, normalize, syntax_message
from .word import TAG, Location, format_key, locations, short

ERROR = "ошибка"
WARNING = "предупреждение"

_OPEN = re.compile(r"\{\{|\{%|\{#")
_CLOSE = re.compile(r"\}\}|%\}|#\}")
_SPACED = re.compile(r"\{[ \u00a0]+[{%#]|[}%#][ \u00a0]+\}")
_KINDS = {"tab": "табуляция", "break": "разрыв строки", "field": "поле Word", "picture": "рисунок"}


@dataclass(frozen=True)
class Finding:
    template: str
    where: str
    severity: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def line(self) -> str:
        return f"{self.severity}: шаблон «{self.template}», {self.where}: {self.message}"


@dataclass
class Report:
    template: Path
    document_type: str | None
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


class Checker:
    """Checks one template; ``provided`` is None when the variables cannot be known (a bare file)."""

    def __init__(self, env, name: str, provided: dict[str, Any] | None, own_keys: set[str]):
        self.env = env
        self.name = name
        self.provided = provided
        self.own_keys = own_keys
        self.findings: list[Finding] = []

    def add(self, where: str, severity: str, message: str) -> None:
        finding = Finding(self.name, where, severity, message)
        if finding not in self.findings:
            self.findings.append(finding)

    # broken tags ------------------------------------------------------------------------
    def check_pieces(self, loc: Location) -> None:
        text = loc.text
        for m in _SPACED.finditer(text):
            self.add(loc.where, ERROR, f"«{m.group(0)}»: скобка тега отделена пробелом — docxtpl не распознает "
                                       f"такой тег; уберите пробел («{{{{», «{{%», «%}}», «}}}}»)")
        covered = [(s, e) for s, e, _ in loc.tags()]

        def inside(i: int) -> bool:
            return any(s <= i < e for s, e in covered)

        for m in _OPEN.finditer(text):
            if not inside(m.start()):
                self.add(loc.where, ERROR, f"тег «{short(text[m.start():], 30)}» не закрыт в этом "
                                           "абзаце: тег разорван между абзацами или ячейками таблицы, "
                                           "docxtpl его не соберёт; наберите тег целиком в одном абзаце")
        for m in _CLOSE.finditer(text):
            if not inside(m.start()):
                self.add(loc.where, ERROR, f"«{m.group(0)}» без открывающей скобки в этом абзаце (рядом с "
                                           f"«{short(text[max(0, m.start() - 25):m.end()], 30)}»): тег "
                                           "разорван между абзацами или ячейками таблицы")
        offsets = []
        pos = 0
        for piece in loc.pieces:
            offsets.append((pos, pos + len(piece.text), piece))
            pos += len(piece.text)
        for start, end, tag in loc.tags():
            inside_pieces = [p for s, e, p in offsets if s < end and e > start]
            foreign = [p for p in inside_pieces if p.kind != "text"]
            if foreign:
                what = ", ".join(sorted({_KINDS[p.kind] for p in foreign}))
                self.add(loc.where, ERROR, f"внутри тега «{short(tag)}» стоит {what}: docxtpl удалит её "
                                           "при сборке тега; перенесите её за пределы тега")
                continue
            formats = {format_key(p.run) for p in inside_pieces if p.text.strip()}
            if len(formats) > 1:
                self.add(loc.where, WARNING, f"части тега «{short(tag)}» оформлены по-разному (шрифт, размер, "
                                             "начертание): docxtpl соберёт тег, но оставит оформление первой "
                                             "части; оформите тег целиком одинаково")

    # Jinja: each tag alone, then the blocks of a part -----------------------------------
    def check_tags(self, locs: list[Location]) -> list[Tag]:
        tags = [judge(self.env, text, loc.where) for loc in locs for _, _, text in loc.tags()]
        for tag in tags:
            for problem in tag.problems:
                self.add(tag.where, ERROR, problem)
        return tags

    def check_blocks(self, tags: list[Tag]) -> bool:
        """Every for/if/with … is closed, in document order; returns False when it is not."""
        problems = block_problems(self.env, tags)
        for where, message in problems:
            self.add(where, ERROR, message)
        return not problems

    # variables --------------------------------------------------------------------------
    def check_whole(self, part_label: str, xml: str, locs: list[Location]) -> set[str]:
        """Parse the part as docxtpl will; return the free variable names it uses."""
        from jinja2 import TemplateSyntaxError, meta
        from jinja2.exceptions import TemplateAssertionError

        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
        try:
            tree = self.env.parse(source)
            used = set(meta.find_undeclared_variables(tree))
        except TemplateSyntaxError as exc:
            lines = source.splitlines()
            around = re.sub(r"<[^>]+>", "", lines[exc.lineno - 1]) if exc.lineno and exc.lineno <= len(lines) else ""
            where = _locate_text(around, locs) or part_label
            self.add(where, ERROR, syntax_message(exc.message))
            return set()
        except TemplateAssertionError as exc:
            self.add(part_label, ERROR, f"ошибка в разметке Jinja: {exc.message}")
            return set()
        return used - set(self.env.globals)

    def check_names(self, used: set[str], all_locs: list[Location]) -> None:
        if self.provided is None:
            return
        for name in sorted(used - set(self.provided)):
            spots = [loc.where for loc in all_locs
                     if any(re.search(rf"(?<![\w.'\"]){re.escape(name)}\b", t) for _, _, t in loc.tags())]
            known = ", ".join(sorted(self.provided))
            message = (f"переменная «{name}» не передаётся в шаблон этим типом документа; "
                       f"доступны: {known} (подробнее — docgen templates vars)")
            for where in spots or ["шаблон в целом"]:
                self.add(where, ERROR, message)
        for name in sorted(self.own_keys - used):
            self.add("шаблон в целом", WARNING, f"поле «{name}» входных данных передаётся в шаблон, но нигде в нём "
                                                "не используется")


def _locate_text(fragment: str, locs: list[Location]) -> str | None:
    """The location whose text holds the tags of an error line of docxtpl's patched XML."""
    tags = [normalize(t) for t in TAG.findall(fragment)]
    for tag in reversed(tags):
        key = " ".join(tag.split())
        for loc in locs:
            if any(" ".join(normalize(t).split()) == key for _, _, t in loc.tags()):
                return loc.where
    text = " ".join(fragment.split())
    for loc in locs:
        if text and " ".join(loc.text.split()) == text:
            return loc.where
    return None


def _patched_parts(path: Path) -> tuple[Any, list[tuple[str, str]]]:
    """The python-docx document and the XML of its body and header/footer parts after docxtpl's
    preprocessing, i.e. exactly the Jinja source docxtpl renders."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(path))
    tpl.init_docx()
    parts = [("body", tpl.patch_xml(tpl.get_xml()))]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for rel_key, part in tpl.get_headers_footers(uri):
            parts.append((rel_key, tpl.patch_xml(tpl.get_part_xml(part))))
    return tpl.docx, parts


def check_file(path: Path, filters: dict, provided: dict[str, Any] | None = None,
               own_keys: Iterable[str] = (), label: str | None = None) -> list[Finding]:
    """Static checks of one .docx file. ``provided`` are the variables the type gives the template
    (None: unknown, skip the variable checks); ``own_keys`` those it should use (for warnings)."""
    from ..rendering import check_package, make_environment

    path = Path(path)
    check_package(path)
    env = make_environment(filters)
    name = label or path.name
    checker = Checker(env, name, provided, set(own_keys))
    try:
        doc, parts = _patched_parts(path)
    except Exception as exc:  # noqa: BLE001 — a package python-docx cannot open is bad input
        raise TemplateError(f"шаблон «{name}» не открывается как документ Word: {type(exc).__name__}: {exc}") from None
    by_part = locations(doc)
    all_locs = [loc for locs in by_part.values() for loc in locs]
    for loc in all_locs:
        checker.check_pieces(loc)
    tags: list[Tag] = []
    blocks_ok = True
    for locs in by_part.values():  # the body first, then each header and footer: each a template of its own
        part_tags = checker.check_tags(locs)
        blocks_ok = checker.check_blocks(part_tags) and blocks_ok
        tags += part_tags
    used: set[str] = set()
    if not any(f.is_error for f in checker.findings) and blocks_ok:
        for part_key, xml in parts:
            used |= checker.check_whole("шаблон в целом" if part_key == "body" else "колонтитул", xml, all_locs)
    else:
        # Names can still be read tag by tag, so a broken template also gets its unknown variables.
        used = names(tags, env)
    checker.check_names(used, all_locs)
    return checker.findings
