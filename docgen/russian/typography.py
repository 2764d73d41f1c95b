"""Small typographic helpers for Russian office documents.

``typeset`` is the rule a printed line obeys: the units a line must not break inside — «№ 5»,
«ст. 28», «д. 5», «10 %», «10 дней», «2026 г.», «И.О. Фамилия», a law's number «273‑ФЗ», a dash
that must not start a line, an organisation's short name «МКОУ «Таяндинская СОШ»» — get a
no-break space (or hyphen); quotes inside quotes become „лапки“ («Положение о конкурсе „Лучшая
модель ВСОКО“»). A school types plain spaces in
its YAML (and the loader folds every run of whitespace into one plain space), so the engine
applies the rule to every text value it hands a template (docgen.rendering), and the template
builders apply it to their own words (``typeset_template``). Both are idempotent.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"
NB_HYPHEN = "\u2011"  # what Word writes as <w:noBreakHyphen/>, as a character

# XML 1.0 allows \t \n \r among C0 controls and forbids U+FFFE, U+FFFF and
# unpaired surrogates; a single such character makes Word refuse the .docx.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def number_sign(value: object) -> str:
    """«№ 45-од» with a no-break space so the sign never ends a line alone, and non-breaking
    hyphens (U+2011, in Times New Roman and Liberation Serif) so the number never parts at one."""
    text = str(value).strip()
    if text.startswith("№"):
        text = text[1:].strip()
    return f"№{NBSP}{text.replace('-', NB_HYPHEN)}"


def strip_xml_illegal(text: str) -> str:
    """Drop characters that would make the document XML invalid (pasted text often has them)."""
    return _XML_ILLEGAL.sub("", text)


def capitalize_first(text: str) -> str:
    """Upper-case the first letter only; str.capitalize() would lower-case abbreviations (ВСОКО)."""
    for index, char in enumerate(text):
        if char.isalpha():
            return text[:index] + char.upper() + text[index + 1 :]
    return text


# Words a line must not break away from the number before them: units, counted time and points.
_UNITS = (
    r"%|‰|°|мин\.|минут[аы]?|сек\.|секунд[аы]?|ч\.|час(?:а|ов)?|сут(?:ки|ок)|дн(?:я|ей)|день|недел[ьиюя]|"
    r"месяц(?:а|ев)?|мес\.|год(?:а|у)?|лет|балл(?:а|ов)?|человек|чел\.|руб\.|рубл(?:ь|я|ей)|коп\.|"
    r"тыс\.|млн|млрд|шт\.|кг|км|см|мм|м|га"
)
# Abbreviations that stand before their number: «ст. 28», «п. 3», «д. 5», «рис. 2».
_BEFORE_NUMBER = r"ст|п|пп|ч|д|гл|разд|подп|корп|кв|стр|рис|табл|прил|с|т"
_LETTER = "а-яёА-ЯЁa-zA-Z"
# Abbreviations of an address or a place that stand before its name: «ул. Центральная», «с. Таянды».
_PLACE = r"ул|пер|пр-т|просп|пл|наб|ш|мкр|г|с|п|пос|пгт|д|р-н|обл"
# A template's Jinja tags stand in as one private-use character each while its words are set:
# a value ({{ … }}) may be a number, a statement or comment ({% … %}, {# … #}) prints nothing.
_VALUE_MARK, _TAG_MARK = "\ue001", "\ue000"
# An organisation's form before its quoted name: «МКОУ «…»», «ГБОУ „…“», «ГАОУ ДПО «…»» (words of 2–6
# capitals of their own: «273‑ФЗ «Об образовании…»» is a law's number, not a form), all kept together.
_FORM = r"(?<![^\s(«„])((?:[А-ЯЁ]{2,6} +)*[А-ЯЁ]{2,6}) +(?=[«„])"
# A quoted name short enough to stay on one line: at most this many words («№ 2» is not one), and at
# most this many characters — or a few more when its last word is an abbreviation («Таяндинская
# СОШ», «Лучшая модель ВСОКО»). Anything longer wraps: a title («Об образовании в Российской
# Федерации»), or a name that, kept whole, would be wider than a table's narrow column and be cut
# where the column ends («МКОУ «Убинская средняя / школа № 2»» rather than «… школа / № 2»).
_SHORT_WORDS, _SHORT_CHARS, _SHORT_ABBR_CHARS = 4, 24, 28
_QUOTED = re.compile(r"([«„])([^«»„“\n]+)([»“])")
_ABBR_LAST = re.compile(r"(?:^|[ \u00a0])[А-ЯЁ]{2,6}$")


def _short_name(match: re.Match[str]) -> str:
    inner = match.group(2)
    words = sum(word not in "№§" for word in inner.replace(NBSP, " ").split())  # «школа № 2»: two words
    short = len(inner) <= _SHORT_CHARS or (len(inner) <= _SHORT_ABBR_CHARS and _ABBR_LAST.search(inner))
    if words > _SHORT_WORDS or not short or " " not in inner:
        return match.group(0)
    return match.group(1) + inner.replace(" ", NBSP) + match.group(3)


def _nested_quotes(text: str) -> str:
    """«…«…»…» → «…„…“…»: a pair of «ёлочки» inside another pair of the same text becomes „лапки“
    (deeper pairs too). Only matched pairs inside a matched pair change; a stray quote stays as
    typed, and so does a pair inside it (the text may be a fragment the template quotes).

    One pass: each open pair keeps the pairs closed inside it until it closes itself (then they
    are nested) or the text ends (then they were inside a stray quote); the smaller list joins the
    larger, so a hostile text of many quotes costs n log n, not n²."""
    if text.count("«") < 2:
        return text
    chars, opened = list(text), []
    for index, char in enumerate(chars):
        if char == "«":
            opened.append((index, []))
        elif char == "»" and opened:
            start, inner = opened.pop()
            if not opened:
                for a, b in inner:
                    chars[a], chars[b] = "„", "“"
                continue
            outer = opened[-1][1]
            if len(outer) < len(inner):
                outer, inner = inner, outer
                opened[-1] = (opened[-1][0], outer)
            outer.extend(inner)
            outer.append((start, index))
    return "".join(chars)


# Each rule with what a text must hold for the rule to match at all: every group of characters
# listed must be represented by at least one of its characters. A rule that cannot match is not
# run (most values hold no space, no «№», no dot: an id, a name, a date), and the rules only turn
# spaces and hyphens into their no-break forms, so what a later rule needs is never created by an
# earlier one.
_RULES = [
    # «273-ФЗ»: the hyphen of a law's number does not break (Word's non-breaking hyphen)
    (re.compile(r"(?<![\w-])(\d+)-(?=(?:ФКЗ|ФЗ|КЗ|ЗРТ|ОЗ|РЗ)(?![\w-]))"), "\\1" + NB_HYPHEN, ("-", "З")),
    # «№ 131-од», «№ 01-02/45»: a registration number does not part at its hyphens
    (re.compile(r"№[ \u00a0]*(?!п/п)[^\s\u00a0,;:()«»]*-[^\s\u00a0,;:()«»]*"),
     lambda m: m.group(0).replace("-", NB_HYPHEN), ("-", "№")),
    # «№ 5», «§ 3»; «№ п/п» of a narrow column may break
    (re.compile(r"([№§]) +(?!п/п)(?=\S)"), "\\1" + NBSP, (" ", "№§")),
    # «ст. 28», «д. 5»
    (re.compile(rf"(?<![{_LETTER}])({_BEFORE_NUMBER})\. +(?=\d)"), "\\1." + NBSP, (" ", ".")),
    # «10 %», «10 дней», «3 балла»; in a template, «{{ n }} %» too
    (re.compile(rf"([\d{_VALUE_MARK}]) +(?=(?:{_UNITS})(?![{_LETTER}]))"), "\\1" + NBSP, (" ",)),
    # «6 из 8»: a count and its total read as one
    (re.compile(rf"([\d{_VALUE_MARK}]) +из +(?=[\d{_VALUE_MARK}])"), "\\1" + NBSP + "из" + NBSP, (" ",)),
    # «ул. Центральная», «г. Бердск», «с. Таянды»: an address's or a place's abbreviation stays with its name
    (re.compile(rf"(?<![{_LETTER}])(?<!т\. )({_PLACE})\. +(?=[А-ЯЁ])"),
     "\\1." + NBSP, (" ", ".")),
    # «2026 г.», «2025–2026 гг.» (a year: «школа № 5 г. Казани» names a town)
    (re.compile(r"(?<!\d)(\d{4}) +(?=(?:г|гг)\.)"), "\\1" + NBSP, (" ", "г", ".")),
    # «И.О. Фамилия» and «Фамилия И.О.»
    (re.compile(r"(?<![\w.])([А-ЯЁ]\. ?[А-ЯЁ]\.) +(?=[А-ЯЁ][а-яё])"), "\\1" + NBSP, (" ", ".")),
    (re.compile(r"(?<![\w.-])([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?) +(?=[А-ЯЁ]\. ?[А-ЯЁ]\.)"), "\\1" + NBSP, (" ", ".")),
    # «…«…»…» → «…„…“…» (turns one quote into another: what the rules after it need is kept)
    (re.compile(r"\A[\s\S]+"), lambda m: _nested_quotes(m.group(0)), ("«",)),
    # «МКОУ «Таяндинская СОШ»»: the form stays with its name, a short name does not break inside
    (re.compile(_FORM), lambda m: re.sub(" +", NBSP, m.group(1)) + NBSP, (" ", "«„")),
    (_QUOTED, _short_name, (" ", "«„")),
    # «А — Б»: the dash stays at the end of the line, never starts the next one
    (re.compile(r"(?<=\S) +(?=—)"), NBSP, (" ", "—")),
]
# Nothing to do in a text without a digit, «№», «§», a dash, a quote or an initial: most values.
_TRIGGER = re.compile(f"[\\d№§—«„{_VALUE_MARK}]|[А-ЯЁ]\\.|(?:{_PLACE})\\. +[А-ЯЁ]")
# Kept verbatim: addresses a reader types or clicks, and file names.
_VERBATIM = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s«»<>\"]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|[^\s«»<>\"]+\.(?:docx?|xlsx?|pdf|odt|ods|rtf|csv|ya?ml|json|txt|zip|png|jpe?g)\b",
    re.IGNORECASE,
)
# Every address and file name above holds one of these (the scan for them is the slow part).
_VERBATIM_NEEDS = frozenset(".@:")
# Jinja markup in a template's text: its expressions are code, not words.
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_MARKS = re.compile(f"[{_TAG_MARK}{_VALUE_MARK}]")


def _prose(text: str, present: set[str] | None = None) -> str:
    if present is None:
        present = set(text)  # the rules never add a character another one needs: looked at once
    for pattern, replacement, needs in _RULES:
        for group in needs:
            if present.isdisjoint(group):
                break
        else:
            text = pattern.sub(replacement, text)
    return text


def typeset(text: str) -> str:
    """The no-break spaces and hyphens of a printed line (see the module's docstring); URLs,
    e-mail addresses and file names are left as typed. Idempotent; a text needing nothing is
    returned as is."""
    if not _TRIGGER.search(text):
        return text
    present = set(text)
    if present.isdisjoint(_VERBATIM_NEEDS):
        return _prose(text, present)
    out, last = [], 0
    for match in _VERBATIM.finditer(text):
        out += [_prose(text[last:match.start()]), match.group(0)]
        last = match.end()
    out.append(_prose(text[last:]))
    return "".join(out)


def typeset_template(text: str) -> str:
    """``typeset`` for a template's own words. Its Jinja tags are code and stay as written; each
    stands in as one printed character while the words around it are set, so «{{ a }} — {{ b }}»
    keeps its dash off the start of a line and «{{ share }} %» its per cent sign by the number."""
    tags = _JINJA.findall(text)
    if not tags:
        return typeset(text)
    if _MARKS.search(text):  # the marks themselves in the text: set the words between tags alone
        words = _JINJA.split(text)
        return "".join(typeset(w) + (tags[i] if i < len(tags) else "") for i, w in enumerate(words))
    marked = _JINJA.sub(lambda m: _VALUE_MARK if m.group(0).startswith("{{") else _TAG_MARK, text)
    pieces = iter(tags)
    return _MARKS.sub(lambda _: next(pieces), typeset(marked))
