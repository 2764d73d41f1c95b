"""Judging the Jinja tags of a template with Jinja's own lexer and parser.

A tag is judged twice. Alone, as docxtpl will hand it to Jinja (its ``p``/``tr``/``tc``/``r``
letter removed): its syntax, its filters and tests. Then the block tags of a part in document
order, one a line, go through Jinja's parser — a subclass that remembers on which line each
block opened — so a block left open is named where it opens, and a closing or middle tag no
open block expects is named where it stands. What Jinja accepts here is what it accepts when
docxtpl renders; only the Russian wording of the messages is ours.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.parser import Parser

from .word import short
from ..parser_messages import jinja_problem

# docxtpl's row/cell/paragraph/run forms, exactly as DocxTemplate.patch_xml recognises them:
# «{%p if x %}», «{%tr for … %}», «{%tc … %}», «{{r x }}» — the letter right after the brace, then a space.
_PREFIX = re.compile(r"^(\{%-?|\{\{|\{#)(?:tr|tc|p|r) ")
DOCXTPL_LETTERS = ("p", "tr", "tc", "r")
# docxtpl's own tags: a cell's span or shading (their argument becomes an expression), and the
# merge marks it replaces with loop-dependent markup; none of them is a Jinja block.
CELL_EXPRESSIONS = ("colspan", "cellbg")
MERGE_MARKS = ("vm", "hm")
UNSUPPORTED = ("include", "import", "from", "extends", "block")
# «{% raw %}» alone is an unfinished raw section to Jinja's lexer; only the part as a whole can judge it.
_RAW = re.compile(r"^\{%[-+]?\s*(end)?raw\s*-?%\}$")
MIDDLES = {"else": ("for", "if"), "elif": ("if",)}

_TOKENS_RU = {"end of statement block": "%}", "end of print statement": "}}", "end of template": "конец шаблона"}


def syntax_message(message: str) -> str:
    """Jinja's English retold by the one table of parser messages, its token names as the user types them."""
    for token, ru in _TOKENS_RU.items():
        message = (message or "").replace(f"'{token}'", f"'{ru}'")
    return f"ошибка в разметке Jinja: {jinja_problem(message)}"


def normalize(tag: str) -> str:
    """«{%p if x %}» → «{% if x %}»: the tag as docxtpl hands it to Jinja."""
    return _PREFIX.sub(lambda m: m.group(1) + " ", tag)


class Unbalanced(TemplateSyntaxError):
    """Jinja's parser met a tag that no open block expects (``name``), or the end of the source
    with blocks still open (``name`` None). ``open`` are the blocks open at that moment, innermost
    last, as (keyword, line)."""

    def __init__(self, message: str, lineno: int, name: str | None, open_blocks: list[tuple[str, int]]):
        super().__init__(message, lineno)
        self.name = name
        self.open = open_blocks


class _Parser(Parser):
    """Jinja's parser, remembering the line each statement began on while it is being parsed."""

    def __init__(self, environment, source: str):
        self.blocks: list[tuple[str, int]] = []
        super().__init__(environment, source)

    def parse_statement(self):
        token = self.stream.current
        self.blocks.append((token.value, token.lineno))
        try:
            return super().parse_statement()
        finally:
            self.blocks.pop()

    def fail_unknown_tag(self, name, lineno=None):
        lineno = self.stream.current.lineno if lineno is None else lineno
        raise Unbalanced(f"unknown tag {name!r}", lineno, name, self.blocks[:-1])  # the last is the tag itself

    def fail_eof(self, end_tokens=None, lineno=None):
        raise Unbalanced("unexpected end of template", lineno or self.stream.current.lineno, None, list(self.blocks))


def parse(env, source: str):
    return _Parser(env, source).parse()


@dataclass
class Tag:
    """One tag of a template and Jinja's verdict on it alone."""

    text: str  # as it stands in the paragraph
    where: str
    source: str = ""  # as Jinja gets it
    keyword: str | None = None  # the statement's name, for a {% %} tag
    rest: str = ""  # what follows the name
    tree: Any = None  # the tag's parse tree when it is well-formed (a block opener closed for the purpose)
    problems: list[str] = field(default_factory=list)

    @property
    def is_block_tag(self) -> bool:
        """Takes part in the block structure Jinja checks across the tags of a part."""
        return (self.source.startswith("{%") and self.keyword is not None
                and self.keyword not in CELL_EXPRESSIONS + MERGE_MARKS + UNSUPPORTED)


def _statement(env, source: str) -> tuple[str | None, str]:
    """The name of a «{% … %}» tag and the text after it, as Jinja's lexer splits them."""
    tokens = [(kind, value) for _, kind, value in env.lex(source)]
    words = [i for i, (kind, _) in enumerate(tokens) if kind != "whitespace"]
    if len(words) < 2 or tokens[words[0]][0] != "block_begin" or tokens[words[1]][0] != "name":
        return None, ""
    rest = [value for kind, value in tokens[words[1] + 1:] if kind != "block_end"]
    return tokens[words[1]][1], "".join(rest).strip()


def judge(env, text: str, where: str) -> Tag:
    tag = Tag(text, where, normalize(text))
    if tag.source.startswith("{#"):
        return tag
    raw = _RAW.match(tag.source)
    if raw:
        tag.keyword = "endraw" if raw.group(1) else "raw"
        return tag
    try:
        tag.keyword, tag.rest = _statement(env, tag.source)
        tag.tree = _tree(env, tag)
    except TemplateSyntaxError as exc:
        tag.problems.append(f"«{short(text)}»: {syntax_message(exc.message)}")
        return tag
    if tag.tree is not None:
        for node in tag.tree.find_all(nodes.Filter):
            if node.name not in env.filters:
                tag.problems.append(f"«{short(text)}»: неизвестный фильтр «{node.name}» "
                                    "(список фильтров — docgen templates vars ТИП)")
        for node in tag.tree.find_all(nodes.Test):
            if node.name not in env.tests:
                tag.problems.append(f"«{short(text)}»: неизвестная проверка «is {node.name}»")
    return tag


def _tree(env, tag: Tag):
    """The tag's parse tree; raises TemplateSyntaxError when the tag is malformed in itself."""
    word, source = tag.keyword, tag.source
    if word is None:
        return parse(env, source)
    if word in UNSUPPORTED:
        tag.problems.append(f"тег «{word}» в шаблонах docgen недоступен: шаблон .docx не может подключать другие шаблоны")
        return None
    if word in MERGE_MARKS:
        return None
    if word in CELL_EXPRESSIONS:  # docxtpl writes «{{ argument }}» into the cell's properties
        return parse(env, "{{ " + tag.rest + " }}")
    try:
        return parse(env, source)
    except Unbalanced as exc:
        if exc.name is None and [w for w, _ in exc.open] == [word]:  # an opener, well-formed: close it to see inside
            return parse(env, f"{source}{{% end{word} %}}")
        if exc.name != word or exc.open:
            raise
    # a closing or middle tag, or one Jinja does not know (the block check names it in context)
    if tag.rest and (word.startswith("end") or word == "else"):
        tag.problems.append(f"«{short(tag.text)}»: после «{word}» ничего не пишут")
        return None
    if tag.rest and word in MIDDLES:  # its condition, for the names and filters; its syntax is judged in context
        try:
            return parse(env, "{{ " + tag.rest + " }}")
        except TemplateSyntaxError:
            return None
    return None


def block_problems(env, tags: list[Tag]) -> list[tuple[str, str]]:
    """(where, message) for every block left open and every tag no open block expects, among the
    block tags of one part in document order. Tags malformed alone are left out, and so are the
    complaints their absence would cause (the «endfor» of a broken «for» is not a second error)."""
    broken = {t.keyword for t in tags if t.problems and t.keyword}
    items = [t for t in tags if t.is_block_tag and not t.problems]
    found: list[tuple[str, str]] = []
    for _ in range(len(items) + 1):
        source = "\n".join(" ".join(t.source.splitlines()) for t in items)
        try:
            parse(env, source)
            return found
        except Unbalanced as exc:
            if exc.name is None and not exc.open:
                return found  # pragma: no cover — Jinja fails at the end only inside a block
            line = exc.open[-1][1] if exc.name is None else exc.lineno
            message = _unbalanced_message(exc, items, line, broken)
        except TemplateSyntaxError as exc:
            line = exc.lineno
            message = f"«{short(items[line - 1].text)}»: {syntax_message(exc.message)}" if 0 < line <= len(items) else None
        if not 0 < line <= len(items):
            return found
        if message:
            found.append((items[line - 1].where, message))
        del items[line - 1]
    return found


def _unbalanced_message(exc: Unbalanced, items: list[Tag], line: int, broken: set) -> str | None:
    tag = items[line - 1]
    if exc.name is None:  # the end came with this block open
        word = tag.keyword
        if f"end{word}" in broken:
            return None
        return (f"блок «{short(tag.text)}» не закрыт: нет «{{% end{word} %}}» (в абзацах таблицы — "
                f"«{{%tr end{word} %}}», в абзацах — «{{%p end{word} %}}»)")
    name = exc.name
    if name.startswith("end") and len(name) > 3:
        opener = name[3:]
        if opener in broken:
            return None
        if exc.open:
            _, open_line = exc.open[-1]
            inner = items[open_line - 1]
            return f"«{short(tag.text)}» закрывает «{opener}», а открыт блок «{short(inner.text)}» ({inner.where})"
        return f"«{short(tag.text)}» без открывающего «{{% {opener} … %}}»"
    if name in MIDDLES:
        return f"«{short(tag.text)}» вне блока {' или '.join('«' + w + '»' for w in MIDDLES[name])}"
    hint = (f"; форма docxtpl пишется без пробела: «{{%{name} …»" if name in DOCXTPL_LETTERS else
            " (допустимы for, if, elif, else, set, with и их end-теги, а также p/tr/tc/r-формы docxtpl)")
    return f"«{short(tag.text)}»: неизвестный тег «{name}»{hint}"


def names(tags: list[Tag], env) -> set[str]:
    """The free variables of well-formed tags read one by one: what a broken template still
    tells about the variables it wants."""
    used: set[str] = set()
    bound: set[str] = {"loop"}
    for tag in tags:
        if tag.tree is None:
            continue
        for node in tag.tree.find_all(nodes.Name):
            (used if node.ctx == "load" else bound).add(node.name)
    return used - bound - set(env.globals)
