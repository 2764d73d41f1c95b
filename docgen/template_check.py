"""Checking a .docx template before a school prints from it.

A district methodologist edits templates in Word, which splits text into runs wherever it
pleases; a broken tag then surfaces only when someone generates the document. The checker finds
the problems up front and names the template and the paragraph or table cell:

- Jinja syntax errors, unknown tags and filters, unbalanced ``for``/``if`` blocks;
- variables the template uses that the document type's input does not provide (errors) and the
  type's variables the template never uses (warnings);
- tags broken in ways docxtpl cannot mend: halves in different paragraphs or cells, a brace and
  its ``{``/``%`` parted by a space, a tab, line break, field or picture inside a tag; a tag whose
  parts are formatted differently is mended, but loses formatting (a warning);
- finally, when the type has sample data, the template is filled with it, which catches what
  reading alone cannot (a misspelt attribute such as ``organization.full_nme``).

The checker reads the XML exactly as docxtpl will see it (``DocxTemplate.patch_xml``) and parses
it with the engine's own sandboxed environment and filters, so "clean" here means "renders there".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import DocgenError, TemplateError

ERROR = "ошибка"
WARNING = "предупреждение"

# Context keys the engine itself adds to every document (see Engine.context).
ENGINE_KEYS = ("organization", "director", "document")
ORDER_KEYS = ("date", "number")

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_OPEN = re.compile(r"\{\{|\{%|\{#")
_CLOSE = re.compile(r"\}\}|%\}|#\}")
_SPACED = re.compile(r"\{[ \u00a0]+[{%#]|[}%#][ \u00a0]+\}")
# docxtpl's paragraph/row/cell/run prefixes: «{%p if x %}», «{%tr for … %}», «{{r x }}».
_PREFIX = re.compile(r"^(\{%-?|\{\{-?)\s*(?:p|tr|tc|r)\s+")
_DOCXTPL_TAGS = {"cellbg", "colspan", "vm", "hm"}
_CLOSERS = {"endfor": "for", "endif": "if", "endwith": "with", "endmacro": "macro", "endcall": "call",
            "endfilter": "filter", "endset": "set", "endraw": "raw", "endautoescape": "autoescape"}
_MIDDLES = {"else": ("for", "if"), "elif": ("if",)}
_UNSUPPORTED = {"include", "import", "from", "extends", "block", "endblock"}


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


# -- where the text is ----------------------------------------------------------------------

@dataclass
class Piece:
    """One stretch of a paragraph's text: characters from a ``w:t`` of some run, or a stand-in
    for a tab, line break, field character or picture (which docxtpl drops inside a tag)."""

    text: str
    run: Any  # the w:r element, or None
    kind: str  # "text", "tab", "break", "field", "picture"


@dataclass
class Location:
    where: str
    pieces: list[Piece]

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    def tags(self) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group(0)) for m in _TAG.finditer(self.text)]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STANDINS = {f"{_W}tab": ("\t", "tab"), f"{_W}br": ("\n", "break"), f"{_W}cr": ("\n", "break"),
             f"{_W}fldChar": ("\u2060", "field"), f"{_W}drawing": ("\u2060", "picture"),
             f"{_W}pict": ("\u2060", "picture")}


def _pieces(p_element) -> list[Piece]:
    out: list[Piece] = []
    for el in p_element.iter():
        tag = el.tag
        run = el.getparent()
        if tag == f"{_W}t":
            if el.text:
                out.append(Piece(el.text, run, "text"))
        elif tag in _STANDINS and run is not None and run.tag == f"{_W}r":
            text, kind = _STANDINS[tag]
            out.append(Piece(text, run, kind))
    return out


def _cell_locations(table_el, label: str) -> Iterable[Location]:
    for r, tr in enumerate(table_el.iterchildren(f"{_W}tr"), 1):
        for c, tc in enumerate(tr.iterchildren(f"{_W}tc"), 1):
            paragraphs = list(tc.iterchildren(f"{_W}p"))
            for k, p in enumerate(paragraphs, 1):
                extra = f", абзац {k}" if len(paragraphs) > 1 else ""
                yield Location(f"{label}, строка {r}, столбец {c}{extra}", _pieces(p))
            for n, inner in enumerate(tc.iterchildren(f"{_W}tbl"), 1):
                yield from _cell_locations(inner, f"{label}, строка {r}, столбец {c}, вложенная таблица {n}")


def _container_locations(container, prefix: str) -> list[Location]:
    out: list[Location] = []
    paragraphs = tables = 0
    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            paragraphs += 1
            out.append(Location(f"{prefix}абзац {paragraphs}", _pieces(child)))
        elif child.tag == f"{_W}tbl":
            tables += 1
            out.extend(_cell_locations(child, f"{prefix}таблица {tables}"))
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                for p in content.iter(f"{_W}p"):
                    paragraphs += 1
                    out.append(Location(f"{prefix}абзац {paragraphs}", _pieces(p)))
    return out


def locations(doc) -> dict[str, list[Location]]:
    """Paragraphs and table cells of the body and of each header and footer, named as a user
    finds them in Word: «абзац 7», «таблица 2, строка 3, столбец 4», «верхний колонтитул …»."""
    parts = {"body": _container_locations(doc.element.body, "")}
    seen: set[int] = set()
    for s, section in enumerate(doc.sections, 1):
        for attr, label in (("header", "верхний колонтитул"), ("first_page_header", "верхний колонтитул первой страницы"),
                            ("footer", "нижний колонтитул"), ("first_page_footer", "нижний колонтитул первой страницы")):
            part = getattr(section, attr)
            if part.is_linked_to_previous:
                continue
            element = part._element
            if id(element) in seen:
                continue
            seen.add(id(element))
            parts[f"{attr}{s}"] = _container_locations(element, f"{label} раздела {s}, ")
    return parts


# -- the checks ----------------------------------------------------------------------------

def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _normalize(tag: str) -> str:
    """«{%p if x %}» → «{% if x %}», so Jinja can judge the tag alone."""
    return _PREFIX.sub(lambda m: m.group(1) + " ", tag)


def _keyword(tag: str) -> str:
    inner = _normalize(tag)[2:].lstrip("-+ \t\u00a0")
    return inner.split(None, 1)[0] if inner.split() else ""


_SYNTAX_RU = [
    (re.compile(r"unexpected '(.+)'"), "лишний символ «{0}»"),
    (re.compile(r"expected token '(.+?)', got '(.+?)'"), "ожидалось «{0}», а встретилось «{1}»"),
    (re.compile(r"unexpected end of template"), "выражение оборвано"),
    (re.compile(r"Encountered unknown tag '(.+?)'"), "неизвестный тег «{0}»"),
    (re.compile(r"unexpected char '(.+?)'"), "недопустимый символ «{0}»"),
]


def _syntax_message(message: str) -> str:
    for pattern, ru in _SYNTAX_RU:
        m = pattern.search(message or "")
        if m:
            return f"ошибка в разметке Jinja: {ru.format(*m.groups())} ({message})"
    return f"ошибка в разметке Jinja: {message}"


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
                self.add(loc.where, ERROR, f"тег «{_short(text[m.start():], 30)}» не закрыт в этом "
                                           "абзаце: тег разорван между абзацами или ячейками таблицы, "
                                           "docxtpl его не соберёт; наберите тег целиком в одном абзаце")
        for m in _CLOSE.finditer(text):
            if not inside(m.start()):
                self.add(loc.where, ERROR, f"«{m.group(0)}» без открывающей скобки в этом абзаце (рядом с "
                                           f"«{_short(text[max(0, m.start() - 25):m.end()], 30)}»): тег "
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
                kinds = {"tab": "табуляция", "break": "разрыв строки", "field": "поле Word",
                         "picture": "рисунок"}
                what = ", ".join(sorted({kinds[p.kind] for p in foreign}))
                self.add(loc.where, ERROR, f"внутри тега «{_short(tag)}» стоит {what}: docxtpl удалит её "
                                           "при сборке тега; перенесите её за пределы тега")
                continue
            formats = {_format_key(p.run) for p in inside_pieces if p.text.strip()}
            if len(formats) > 1:
                self.add(loc.where, WARNING, f"части тега «{_short(tag)}» оформлены по-разному (шрифт, размер, "
                                             "начертание): docxtpl соберёт тег, но оставит оформление первой "
                                             "части; оформите тег целиком одинаково")

    # syntax -----------------------------------------------------------------------------
    def check_tag(self, loc: Location, tag: str) -> None:
        from jinja2 import TemplateSyntaxError, nodes

        norm = _normalize(tag)
        if norm.startswith("{#"):
            return
        if norm.startswith("{{"):
            source = norm
        else:
            word = _keyword(tag)
            inner = norm[2:-2].strip().lstrip("-+").rstrip("-+").strip()
            if word in _DOCXTPL_TAGS:
                return
            if word in _UNSUPPORTED:
                self.add(loc.where, ERROR, f"тег «{word}» в шаблонах docgen недоступен: шаблон .docx не может "
                                           "подключать другие шаблоны")
                return
            if word in _CLOSERS or word == "else":
                if inner != word:
                    self.add(loc.where, ERROR, f"«{_short(tag)}»: после «{word}» ничего не пишут")
                return
            wrappers = {"for": "{{% {0} %}}{{% endfor %}}", "if": "{{% {0} %}}{{% endif %}}",
                        "elif": "{{% if true %}}{{% {0} %}}{{% endif %}}", "with": "{{% {0} %}}{{% endwith %}}",
                        "set": "{{% {0} %}}" if "=" in inner else "{{% {0} %}}{{% endset %}}",
                        "filter": "{{% {0} %}}{{% endfilter %}}", "macro": "{{% {0} %}}{{% endmacro %}}",
                        "call": "{{% {0} %}}{{% endcall %}}", "raw": "{{% {0} %}}{{% endraw %}}",
                        "autoescape": "{{% {0} %}}{{% endautoescape %}}", "do": "{{% {0} %}}"}
            if word not in wrappers:
                self.add(loc.where, ERROR, f"«{_short(tag)}»: неизвестный тег «{word}» (допустимы for, if, elif, "
                                           "else, set, with и их end-теги, а также p/tr/tc/r-формы docxtpl)")
                return
            source = wrappers[word].format(inner)
        try:
            tree = self.env.parse(source)
        except TemplateSyntaxError as exc:
            self.add(loc.where, ERROR, f"«{_short(tag)}»: {_syntax_message(exc.message)}")
            return
        for node in tree.find_all(nodes.Filter):
            if node.name not in self.env.filters:
                self.add(loc.where, ERROR, f"«{_short(tag)}»: неизвестный фильтр «{node.name}» "
                                           "(список фильтров — docgen templates vars ТИП)")
        for node in tree.find_all(nodes.Test):
            if node.name not in self.env.tests:
                self.add(loc.where, ERROR, f"«{_short(tag)}»: неизвестная проверка «is {node.name}»")

    def check_blocks(self, locs: list[Location]) -> bool:
        """Every for/if/with … is closed, in document order; returns False when it is not."""
        stack: list[tuple[str, str, str]] = []  # (keyword, where, tag)
        ok = True
        for loc in locs:
            for _, _, tag in loc.tags():
                if not tag.startswith("{%"):
                    continue
                word = _keyword(tag)
                if word in ("for", "if", "with", "macro", "call", "filter", "raw", "autoescape") or (
                        word == "set" and "=" not in tag):
                    stack.append((word, loc.where, tag))
                elif word in _MIDDLES:
                    if not stack or stack[-1][0] not in _MIDDLES[word]:
                        ok = False
                        self.add(loc.where, ERROR, f"«{_short(tag)}» вне блока "
                                                   f"{' или '.join('«' + w + '»' for w in _MIDDLES[word])}")
                elif word in _CLOSERS:
                    opener = _CLOSERS[word]
                    if stack and stack[-1][0] == opener:
                        stack.pop()
                        continue
                    ok = False
                    if stack:
                        top, where, open_tag = stack.pop()
                        self.add(loc.where, ERROR, f"«{_short(tag)}» закрывает «{opener}», а открыт блок "
                                                   f"«{_short(open_tag)}» ({where})")
                    else:
                        self.add(loc.where, ERROR, f"«{_short(tag)}» без открывающего «{{% {opener} … %}}»")
        for word, where, tag in stack:
            ok = False
            self.add(where, ERROR, f"блок «{_short(tag)}» не закрыт: нет «{{% end{word} %}}» (в абзацах "
                                   f"таблицы — «{{%tr end{word} %}}», в абзацах — «{{%p end{word} %}}»)")
        return ok

    # variables --------------------------------------------------------------------------
    def check_whole(self, part_label: str, xml: str, locs: list[Location]) -> set[str]:
        """Parse the part as docxtpl will; return the free variable names it uses."""
        from jinja2 import TemplateSyntaxError, meta
        from jinja2.exceptions import TemplateAssertionError

        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
        try:
            tree = self.env.parse(source)
            names = set(meta.find_undeclared_variables(tree))
        except TemplateSyntaxError as exc:
            lines = source.splitlines()
            around = re.sub(r"<[^>]+>", "", lines[exc.lineno - 1]) if exc.lineno and exc.lineno <= len(lines) else ""
            where = _locate_text(around, locs) or part_label
            self.add(where, ERROR, _syntax_message(exc.message))
            return set()
        except TemplateAssertionError as exc:
            self.add(part_label, ERROR, f"ошибка в разметке Jinja: {exc.message}")
            return set()
        return names - set(self.env.globals)

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


def _format_key(run) -> str:
    """A run's formatting, without revision ids and spell-check marks, to compare tag parts."""
    from lxml import etree

    if run is None:
        return ""
    rpr = run.find(f"{_W}rPr")
    if rpr is None:
        return ""
    copy = etree.fromstring(etree.tostring(rpr))
    for el in list(copy):
        if el.tag in (f"{_W}lang", f"{_W}noProof"):
            copy.remove(el)
    for attr in list(copy.attrib):
        if "rsid" in attr:
            del copy.attrib[attr]
    return etree.tostring(copy, method="c14n").decode()


def _locate_text(fragment: str, locs: list[Location]) -> str | None:
    """The location whose text holds the tags of an error line of docxtpl's patched XML."""
    tags = [_normalize(t) for t in _TAG.findall(fragment)]
    for tag in reversed(tags):
        key = " ".join(tag.split())
        for loc in locs:
            if any(" ".join(_normalize(t).split()) == key for _, _, t in loc.tags()):
                return loc.where
    text = " ".join(fragment.split())
    for loc in locs:
        if text and " ".join(loc.text.split()) == text:
            return loc.where
    return None


# -- putting it together --------------------------------------------------------------------

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
    from .rendering import _check_package, make_environment

    path = Path(path)
    _check_package(path)
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
        for _, _, tag in loc.tags():
            checker.check_tag(loc, tag)
    blocks_ok = checker.check_blocks(by_part["body"])
    for key, locs in by_part.items():
        if key != "body":
            blocks_ok = checker.check_blocks(locs) and blocks_ok
    used: set[str] = set()
    if not any(f.is_error for f in checker.findings) and blocks_ok:
        for part_key, xml in parts:
            used |= checker.check_whole("шаблон в целом" if part_key == "body" else "колонтитул", xml, all_locs)
    else:
        # Names can still be read tag by tag, so a broken template also gets its unknown variables.
        used = _names_by_tag(env, all_locs)
    checker.check_names(used, all_locs)
    return checker.findings


def _names_by_tag(env, locs: list[Location]) -> set[str]:
    from jinja2 import TemplateSyntaxError, nodes

    used, bound = set(), set()
    for loc in locs:
        for _, _, tag in loc.tags():
            norm = _normalize(tag)
            word = _keyword(tag)
            inner = norm[2:-2].strip()
            if norm.startswith("{{"):
                source = norm
            elif word in ("for", "if", "elif", "set"):
                if word == "for" and " in " in inner:
                    targets, _, iterable = inner[3:].partition(" in ")
                    bound |= {t.strip() for t in targets.split(",")} | {"loop"}
                    source = "{{ " + iterable + " }}"
                elif word == "set":
                    bound.add(inner[3:].split("=")[0].strip())
                    continue
                else:
                    source = "{{ " + inner[len(word):] + " }}"
            else:
                continue
            try:
                tree = env.parse(source)
            except TemplateSyntaxError:
                continue
            used |= {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"}
    return used - bound - set(env.globals)


def type_variables(engine, document_type) -> tuple[dict[str, Any] | None, set[str], str]:
    """What the engine gives a type's template: (context from the sample, the type's own keys,
    a note). Without a usable sample the input model's fields stand in for the context."""
    engine_keys = set(ENGINE_KEYS) | (set(ORDER_KEYS) if document_type.is_order else set())
    if document_type.sample is not None:
        try:
            data = engine.load(document_type, document_type.sample)
            own = document_type.build_context(data)
            context = engine.context(document_type, data)
            return context, set(own) - engine_keys, ""
        except DocgenError as exc:
            note = f"образец данных не загрузился ({exc.message}); переменные взяты из модели входных данных"
        except Exception as exc:  # noqa: BLE001 — a plugin's context builder is foreign code
            note = f"образец данных не обработан ({type(exc).__name__}: {exc}); переменные взяты из модели"
    else:
        note = "у типа нет образца данных: переменные взяты из модели входных данных"
    fields = set(document_type.input_model.model_fields)
    provided = {name: None for name in fields | engine_keys}
    return provided, fields - engine_keys - {"organization"}, note


def check_type(engine, document_type, path: Path | None = None) -> Report:
    """Check the template a type uses (found along the search path), or ``path`` in its stead;
    then fill it with the type's sample, if it has one."""
    template = Path(path) if path is not None else engine.template_path.find(document_type.template)
    context, own, note = type_variables(engine, document_type)
    report = Report(template, document_type.slug, notes=[note] if note else [])
    report.findings = check_file(template, engine.filters, context, own)
    if not report.errors and not note and context is not None:
        from .rendering import render_docx

        try:
            render_docx(template, context, engine.filters)
        except TemplateError as exc:
            report.findings.append(Finding(template.name, "заполнение образцом данных", ERROR, str(exc)))
    return report


def check_path(engine, path: Path, type_slug: str | None = None) -> Report:
    """Check a .docx file; its type is ``type_slug`` or the type whose template has its name."""
    path = Path(path)
    if not path.exists():
        raise TemplateError(f"файл шаблона «{path}» не найден")
    if path.suffix.lower() != ".docx":
        raise TemplateError(f"«{path.name}» — не шаблон .docx; укажите файл .docx или тип документа")
    if type_slug:
        return check_type(engine, engine.get_type(type_slug), path)
    matches = [dt for dt in engine.document_types.values() if dt.template == path.name]
    if matches:
        return check_type(engine, matches[0], path)
    report = Report(path, None, notes=[f"шаблон «{path.name}» не принадлежит ни одному типу документа: проверены "
                                       "разметка и теги, переменные не проверялись (укажите --type ТИП)"])
    report.findings = check_file(path, engine.filters)
    return report


# -- what a template author may use (docgen templates vars) ------------------------------------

@dataclass(frozen=True)
class Variable:
    name: str
    type: str
    description: str


_FILTER_HELP = {
    "date": "дата: «1 сентября 2026 г.»; date('numeric') — «01.09.2026»; date('quoted') — ««01» сентября 2026 г.»",
    "fio": "ФИО в падеже: fio('accs') — «Бондаренко Ольгу Николаевну»",
    "initials": "инициалы перед фамилией: «С.В. Ермакова» (для подписи)",
    "surname_initials": "фамилия и инициалы в падеже: surname_initials('datv') — «Соколову И.Д.»",
    "inflect": "должность или словосочетание в падеже: inflect('datv') — «заместителю директора»",
    "words": "число словами: words('nomn', 'f') — «двадцать одна»",
    "plural": "число с согласованным словом: plural('балл') — «5 баллов»",
    "percent": "проценты с запятой, округление половины вверх: «66,7 %»",
    "number_sign": "номер со знаком: «№ 45-од» (неразрывный пробел)",
    "capfirst": "первая буква прописная",
    "agree": "форма по полу человека: agree('ознакомлен', 'ознакомлена')",
}
_GENITIVE_PLURAL = {"строка": "строк", "дата": "дат", "целое число": "целых чисел", "число": "чисел",
                    "человек": "людей", "организация": "организаций", "запись": "записей", "словарь": "словарей",
                    "да/нет": "значений да/нет", "рисунок": "рисунков"}
_MAX_DEPTH = 3


def _model_word(model) -> str:
    from .models import Organization, Person

    if issubclass(model, Person):
        return "человек"
    if issubclass(model, Organization):
        return "организация"
    return "запись"


def _annotation_type(annotation) -> tuple[str, Any]:
    """Russian name of a field's type, and the pydantic model to expand (or None)."""
    import datetime as dt
    import types
    import typing
    from decimal import Decimal

    from pydantic import BaseModel

    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _annotation_type(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        name, model = _annotation_type(args[0]) if len(args) == 1 else (" или ".join(
            _annotation_type(a)[0] for a in args), None)
        return f"{name} (может отсутствовать)", model
    if origin in (list, tuple, set):
        args = typing.get_args(annotation)
        inner, model = _annotation_type(args[0]) if args else ("запись", None)
        return f"список из {_GENITIVE_PLURAL.get(inner, inner)}", model
    if origin is typing.Literal:
        return "одно из: " + ", ".join(f"«{a}»" for a in typing.get_args(annotation)), None
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return _model_word(annotation), annotation
        if issubclass(annotation, bool):
            return "да/нет", None
        if issubclass(annotation, int):
            return "целое число", None
        if issubclass(annotation, (float, Decimal)):
            return "число", None
        if issubclass(annotation, dt.date):
            return "дата", None
        if issubclass(annotation, str):
            return "строка", None
    return "значение", None


def _field_rows(prefix: str, model, depth: int) -> list[Variable]:
    rows: list[Variable] = []
    for name, info in model.model_fields.items():
        kind, sub = _annotation_type(info.annotation)
        text = info.title or ""
        if info.description:
            text = f"{text}: {info.description}" if text else info.description
        full = f"{prefix}.{name}"
        rows.append(Variable(full, kind, text))
        if sub is not None and depth < _MAX_DEPTH:
            item = f"{full}[…]" if kind.startswith("список") else full
            rows.extend(_field_rows(item, sub, depth + 1))
    return rows


def _value_rows(name: str, value: Any, description: str, depth: int) -> list[Variable]:
    """Describe a context value the type computed, from the value itself."""
    import datetime as dt

    from pydantic import BaseModel

    from .picture import Picture

    if isinstance(value, BaseModel):
        rows = [Variable(name, _model_word(type(value)), description)]
        return rows + (_field_rows(name, type(value), depth + 1) if depth < _MAX_DEPTH else [])
    if isinstance(value, dict):
        rows = [Variable(name, "словарь", description)]
        if depth < _MAX_DEPTH:
            for key, item in value.items():
                rows.extend(_value_rows(f"{name}.{key}", item, "", depth + 1))
        return rows
    if isinstance(value, (list, tuple)):
        first = value[0] if value else None
        inner = _value_rows(f"{name}[…]", first, "", depth + 1) if first is not None else []
        kind = inner[0].type if inner else "значение"
        return [Variable(name, f"список из {_GENITIVE_PLURAL.get(kind, kind)}", description), *inner[1:]]
    if isinstance(value, bool):
        kind = "да/нет"
    elif isinstance(value, int):
        kind = "целое число"
    elif isinstance(value, float):
        kind = "число"
    elif isinstance(value, dt.date):
        kind = "дата"
    elif isinstance(value, str):
        kind = "строка"
    elif isinstance(value, Picture):
        kind = "рисунок"
    elif value is None:
        kind = "значение (в образце пусто)"
    else:
        kind = type(value).__name__
    return [Variable(name, kind, description)]


def describe_variables(engine, document_type) -> tuple[list[Variable], str]:
    """The context variables of a type, with Russian types and descriptions from the input model;
    values the type computes are described from its sample."""
    from .models import Organization, Person

    context, own, note = type_variables(engine, document_type)
    rows = [Variable("organization", "организация", "профиль организации (из поля organization данных)"),
            *_field_rows("organization", Organization, 1),
            Variable("director", "человек", "руководитель организации (organization.director)"),
            *_field_rows("director", Person, 2),
            Variable("document.title", "строка", f"наименование вида документа: «{document_type.title}»"),
            Variable("document.slug", "строка", f"код типа документа: «{document_type.slug}»")]
    if document_type.is_order:
        rows += [Variable("date", "дата", "дата приказа (фильтр date)"),
                 Variable("number", "строка", "регистрационный номер в формате организации, например «45-од»")]
    fields = document_type.input_model.model_fields
    extra = sorted(set(context or {}) - set(ENGINE_KEYS) - set(ORDER_KEYS) - own)
    for name in [*sorted(own), *extra]:
        info = fields.get(name)
        title = ""
        if info is not None:
            title = info.title or ""
            if info.description:
                title = f"{title}: {info.description}" if title else info.description
        elif name in extra:
            title = "добавлено плагином (docgen_adjust_context)"
        else:
            title = "вычисляется типом документа из входных данных"
        value = (context or {}).get(name)
        if info is not None and (value is None or note):
            kind, sub = _annotation_type(info.annotation)
            rows.append(Variable(name, kind, title))
            if sub is not None:
                rows.extend(_field_rows(f"{name}[…]" if kind.startswith("список") else name, sub, 2))
        else:
            rows.extend(_value_rows(name, value, title, 1))
    return rows, note


def describe_filters(engine) -> list[tuple[str, str]]:
    out = []
    for name, func in sorted(engine.filters.items()):
        text = _FILTER_HELP.get(name) or ((func.__doc__ or "").strip().splitlines() or ["—"])[0]
        out.append((name, text))
    return out
