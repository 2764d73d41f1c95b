"""`docgen acts scan`: the acts a school already has, matched to the catalogue, as proposals.

A school that starts with docgen has a folder of Положения written years ago. A scan reads each
file's title and approval grif and *proposes* a registry row — act, status, approving order — with
a confidence; the user confirms rows in the proposals table and `--apply` writes the confirmed
ones through the very rules of `docgen acts import` (docgen.registry.excel.apply_rows). The scan
itself changes nothing: a title read wrongly must never put an act into the registry as
«утверждён».

Why a fuzzy score and not an exact title: schools add their own name to the title («… в МКОУ
«…»»), drop the abbreviation in brackets, break lines anywhere. The score is the better of the
token-order-free ratio and, when the document's title holds every word of the catalogue's, the
token-set ratio scaled down (extra words are likely the school's name, but not certainly).

The heading words that start a title («ПОЛОЖЕНИЕ», «ПОРЯДОК», «ПЛАН-ГРАФИК» …) are taken from the
catalogue itself — the first word of each act's title — so a district plugin's «Регламент» is found
with no change here. The status a file proposes follows the grifs found, in the order of
EVIDENCE: an approving order read in full proposes «утверждён» with that order; a grif of
adoption (or an УТВЕРЖДЕНО whose order could not be read) proposes «принят»; nothing proposes
«в разработке».
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from . import lifecycle as lc
from .act_files import read_act
from .catalogue import Act, Catalogue

THRESHOLD = 75  # below this a file is «не найден в каталоге»; the six generated acts score 100
AMBIGUOUS = 5  # a runner-up this close is named in the note
MAX_FILES = 1000
HEAD_LINES = 80  # the grifs and the title sit in the first lines of an act

# -- reading an act's head ----------------------------------------------------------------------

_QUOTES = str.maketrans({c: " " for c in "«»“”„\"'"})
_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря")
_DATE = r"(?P<date>\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}\s+[а-яё]+\s+\d{4})(?:\s*(?:г\.?|года))?"
_NUMBER = r"(?P<number>[0-9a-zа-яё][0-9a-zа-яё/\-–.]*)"
_REQUISITES = (re.compile(rf"\bот\s+{_DATE}\s*№\s*{_NUMBER}", re.I),
               re.compile(rf"№\s*{_NUMBER}\s+от\s+{_DATE}", re.I))
_APPROVAL = re.compile(r"\bутвержд(?:ен[оаы]?|аю)\b", re.I)
_ADOPTION = re.compile(r"\b(?:принят[оаы]?|согласован[оаы]?|рассмотрен[оаы]?|учтено)\b", re.I)
_PROTOCOL = re.compile(r"протокол\w*\s*[(:]?\s*$", re.I)
_BODY_START = re.compile(r"^(?:\d+\.|[IVX]+\.|раздел\b|глава\b|настоящ)", re.I)
WINDOW = 600  # characters after УТВЕРЖДЕНО where its order's requisites are looked for

# What the grifs found propose, strongest first: (evidence, status).
EVIDENCE = (("order", lc.APPROVED), ("approval_unread", lc.ADOPTED), ("adoption", lc.ADOPTED),
            ("nothing", lc.DRAFTING))


def _clean(line: str) -> str:
    return " ".join(line.replace("\u00a0", " ").replace("\u2011", "-").split())


def _date(text: str) -> dt.date | None:
    from ..russian.dates import parse_date

    parts = text.split()
    try:
        if len(parts) == 3 and parts[1].lower().replace("ё", "е") in _MONTHS:
            return dt.date(int(parts[2]), _MONTHS.index(parts[1].lower().replace("ё", "е")) + 1, int(parts[0]))
        return parse_date(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Requisites:
    date: dt.date
    number: str


def _requisites(text: str, *, protocols: bool) -> list[tuple[int, Requisites]]:
    """Every «от ДАТА № N» / «№ N от ДАТА» in ``text`` with its position: only protocols' when
    ``protocols``, else only the rest (an order's)."""
    found = []
    for pattern in _REQUISITES:
        for m in pattern.finditer(text):
            is_protocol = bool(_PROTOCOL.search(text[max(0, m.start() - 25):m.start()]))
            day = _date(m.group("date"))
            number = m.group("number").rstrip(".-–").replace("–", "-")
            if is_protocol == protocols and day is not None and number:
                found.append((m.start(), Requisites(day, number)))
    return sorted(found, key=lambda item: item[0])


@dataclass(frozen=True)
class Grifs:
    order: Requisites | None  # the approving order, read in full
    evidence: str  # a key of EVIDENCE
    protocol: Requisites | None = None  # the protocol of the grif of adoption, when read

    @property
    def status(self) -> str:
        return dict(EVIDENCE)[self.evidence]


def read_grifs(head: str) -> Grifs:
    text = head.translate(_QUOTES)
    text = " ".join(text.split())
    protocol = None
    adoption = _ADOPTION.search(text)
    if adoption:
        protocols = _requisites(text[adoption.start():adoption.start() + WINDOW], protocols=True)
        protocol = protocols[0][1] if protocols else None
    approval = _APPROVAL.search(text)
    if approval:
        orders = _requisites(text[approval.start():approval.start() + WINDOW], protocols=False)
        if orders:
            return Grifs(orders[0][1], "order", protocol)
        return Grifs(None, "approval_unread", protocol)
    return Grifs(None, "adoption" if adoption else "nothing", protocol)


def heading_words(catalogue: Catalogue) -> frozenset[str]:
    """The words an act's title starts with, as the catalogue spells them: «положение», «план-график»…"""
    return frozenset(_norm(act.title).split()[0] for act in catalogue.acts.values() if _norm(act.title))


def find_title(lines: list[str], kinds: frozenset[str]) -> tuple[str | None, int]:
    """The act's name — «ПОЛОЖЕНИЕ» and the lines after it up to the first clause — and the index
    of the line after it (where the body starts); (None, 0) when no heading word starts a line."""
    for i, raw in enumerate(lines[:HEAD_LINES * 2]):
        line = _clean(raw)
        words = line.split()
        if not words or _norm(words[0]) not in kinds:
            continue
        if not (words[0].isupper() or len(words) == 1):
            continue  # «Положение устанавливает …» is the body, not the heading
        parts, j = [line], i + 1
        while j < len(lines) and len(parts) < 6:
            nxt = _clean(lines[j])
            if not nxt:
                if len(parts) > 1:
                    break
                j += 1
                continue
            if _BODY_START.match(nxt):
                break
            parts.append(nxt)
            j += 1
        return " ".join(parts), j
    return None, 0


# -- matching -----------------------------------------------------------------------------------

STEM = 5  # letters of a word compared: «системе» and «системы», «контроле» and «контроля» are one word


def _norm(text: str) -> str:
    text = text.lower().replace("ё", "е")
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"[^\w\s-]", " ", text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=1)
def _abbreviations() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The project's table of abbreviations (templates/abbreviations.yaml): «ВСОКО» in one title and
    «внутренней системы оценки качества образования» in the other are the same words."""
    from ..russian.abbreviations import builtin_table

    found = []
    for entry in builtin_table().entries.values():
        phrase = entry.phrase if isinstance(entry.phrase, str) else entry.phrase[0]
        found.append((re.compile(rf"(?<!\w){re.escape(entry.short)}(?!\w)"), phrase))
    return tuple(found)


def _words(text: str) -> str:
    """A title as the score compares it: brackets dropped, abbreviations written out, each word cut
    to its first STEM letters (a crude stem: titles differ in case endings, not in roots)."""
    text = re.sub(r"\([^)]*\)", " ", text)
    for pattern, phrase in _abbreviations():
        text = pattern.sub(phrase, text)
    return " ".join(word[:STEM] for word in _norm(text).split())


def score(title: str, act_title: str) -> float:
    from rapidfuzz import fuzz

    a, b = _words(title), _words(act_title)
    best = fuzz.token_sort_ratio(a, b)
    if set(b.split()) <= set(a.split()):
        best = max(best, 0.9 * fuzz.token_set_ratio(a, b))
    return best


def best_acts(title: str, acts: list[Act]) -> list[tuple[Act, float]]:
    return sorted(((act, score(title, act.title)) for act in acts), key=lambda pair: -pair[1])


# -- the scan -----------------------------------------------------------------------------------

@dataclass
class Proposal:
    """One file's row of the proposals table. ``act`` None: nothing to apply (the note says why)."""

    file: str  # relative to the scanned folder
    act: Act | None = None
    confidence: int | None = None
    status: str | None = None
    order: Requisites | None = None
    note: str = ""
    title: str | None = None  # as read from the file
    notes: list[str] = field(default_factory=list)
    refused: bool = False  # not a document one can read, or a copy of another: bad input, said as such


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InputError("папка не найдена" if not folder.exists() else "это не папка: укажите папку с актами",
                         file=folder)
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):  # symbolic links to folders are not followed
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith((".", "~$")):
                continue  # hidden files and Word's lock files
            found.append(Path(root) / name)
            if len(found) > MAX_FILES:
                raise InputError(f"в папке больше {MAX_FILES} файлов: укажите папку только с актами", file=folder)
    if not found:
        raise InputError("в папке нет файлов: ожидаются акты в .docx и .pdf", file=folder)
    return found


def scan_folder(folder: Path, catalogue: Catalogue, org, *, today: dt.date, current: dict | None = None,
                names: dict[Path, str] | None = None) -> list[Proposal]:
    """Proposals for every file under ``folder``. ``current`` — the registry's rows by act id (to
    say what is there already); ``names`` — how a file is shown when not by its path (the web
    page's uploaded names)."""
    acts = catalogue.applicable(org.levels)
    kinds = heading_words(catalogue)
    proposals: list[Proposal] = []
    by_hash: dict[str, str] = {}
    for path in _files(folder):
        shown = (names or {}).get(path) or path.relative_to(folder).as_posix()
        proposal = Proposal(shown)
        proposals.append(proposal)
        try:
            data = path.read_bytes()
        except OSError as exc:
            from ..fileio import describe_os_error

            proposal.note = f"файл не читается: {describe_os_error(exc, reading=True)}"
            proposal.refused = True
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in by_hash:
            proposal.note = f"копия файла «{by_hash[digest]}» (то же содержимое) — пропущен"
            proposal.refused = True
            continue
        by_hash[digest] = shown
        text = read_act(path, data)
        if text.problem:
            proposal.note = text.problem
            proposal.refused = True
            continue
        _propose(proposal, text.lines, acts, kinds, today)
    _mark_shared_acts(proposals)
    if current:
        _compare_with_registry(proposals, current)
    for p in proposals:
        p.note = "; ".join([x for x in [p.note, *p.notes] if x])
    return proposals


def _propose(proposal: Proposal, lines: list[str], acts: list[Act], kinds, today: dt.date) -> None:
    title, body = find_title(lines, kinds)
    if title is None:
        proposal.note = "не найдено название акта (строка «ПОЛОЖЕНИЕ …», «ПОРЯДОК …» и т. п.)"
        return
    head = "\n".join(_clean(x) for x in lines[:body] if x.strip())  # the grifs stand above the title
    proposal.title = title
    ranked = best_acts(title, acts)
    if not ranked:
        proposal.note = "в каталоге нет актов для уровней образования организации"
        return
    act, best = ranked[0]
    if best < THRESHOLD:
        proposal.note = (f"«{title}» не найден в каталоге: лучшее совпадение — «{act.title}» ({best:.0f} %, "
                         f"нужно не меньше {THRESHOLD} %)")
        return
    proposal.act, proposal.confidence = act, round(best)
    if len(ranked) > 1 and best - ranked[1][1] < AMBIGUOUS:
        proposal.notes.append(f"похож и на «{ranked[1][0].title}» ({ranked[1][1]:.0f} %) — проверьте")
    grifs = read_grifs(head)
    proposal.status = grifs.status
    if grifs.evidence == "order":
        proposal.order = grifs.order
        if grifs.order.date > today:
            proposal.notes.append(f"дата приказа {grifs.order.date:%d.%m.%Y} ещё не наступила — проверьте")
    elif grifs.evidence == "approval_unread":
        proposal.notes.append("гриф УТВЕРЖДЕНО есть, но номер и дата приказа не прочитаны: впишите их и "
                              "статус «утверждён»")
    elif grifs.evidence == "nothing":
        proposal.notes.append("грифов ПРИНЯТО и УТВЕРЖДЕНО нет — похоже на проект")
    if grifs.protocol:
        proposal.notes.append(f"ПРИНЯТО: протокол от {grifs.protocol.date:%d.%m.%Y} № {grifs.protocol.number}")


def _mark_shared_acts(proposals: list[Proposal]) -> None:
    """Two files proposing one act: both rows stay (the user picks one), each names the other."""
    by_act: dict[str, list[Proposal]] = {}
    for p in proposals:
        if p.act is not None:
            by_act.setdefault(p.act.id, []).append(p)
    for group in by_act.values():
        if len(group) > 1:
            for p in group:
                others = ", ".join(f"«{o.file}»" for o in group if o is not p)
                p.notes.append(f"этот же акт найден в файле {others}: подтвердите одну строку")


def _compare_with_registry(proposals: list[Proposal], current: dict) -> None:
    for p in proposals:
        row = current.get(p.act.id) if p.act else None
        if row is None:
            continue
        same = p.order and row.order_number == p.order.number and row.order_date == p.order.date
        if row.status == lc.APPROVED and same:
            p.notes.append("в реестре уже утверждён этим приказом")
        else:
            order = f", приказ № {row.order_number}" if row.order_number else ""
            p.notes.append(f"в реестре сейчас: «{lc.label(row.status)}»{order}")


# -- the proposals table --------------------------------------------------------------------------

SHEET = "Предложения"
CONFIRM = "Подтвердить (да/нет)"
COLUMNS = ("Код", "Акт", "Файл", "Уверенность, %", "Предлагаемый статус", "Приказ №", "Дата приказа",
           "Примечание", CONFIRM)
# The proposals' columns that the import's rules read, under the import's own names (excel.COLUMNS).
AS_IMPORT = {"Код": "Код", "Предлагаемый статус": "Статус", "Приказ №": "Приказ №", "Дата приказа": "Дата приказа"}
YES, NO = "да", "нет"


def table_rows(proposals: list[Proposal]) -> list[list[object]]:
    return [[p.act.id if p.act else None, p.act.title if p.act else None, p.file, p.confidence,
             lc.label(p.status) if p.status else None, p.order.number if p.order else None,
             p.order.date if p.order else None, p.note or None, None] for p in proposals]


def proposals_xlsx(proposals: list[Proposal]) -> bytes:
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..spreadsheet import xlsx_bytes, xlsx_sheet

    wb, ws = xlsx_sheet(SHEET, COLUMNS, table_rows(proposals), widths=(26, 50, 36, 12, 22, 12, 14, 60, 14),
                        date_column=7)
    last = max(ws.max_row, 2)
    confirm = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True, showErrorMessage=True,
                             errorTitle="Подтвердить", error="Выберите «да» или «нет»")
    status = DataValidation(type="list", formula1=f'"{",".join(lc.LABELS.values())}"', allow_blank=True,
                            showErrorMessage=True, errorTitle="Статус", error="Выберите статус из списка")
    ws.add_data_validation(confirm)
    ws.add_data_validation(status)
    confirm.add(f"I2:I{last}")
    status.add(f"E2:E{last}")
    return xlsx_bytes(wb)


def confirmed_rows(path: Path):
    """The rows the user confirmed («да»), keyed as the import's rows; an answer other than
    «да»/«нет»/empty, or a table without the proposals' columns, is refused with its row."""
    from .excel import Row, _norm as norm_header, _read_table

    table = _read_table(path)
    if not table:
        raise InputError("файл пуст: нет строки заголовков", file=path)
    header = [norm_header(h) for h in table[0]]
    index = {}
    for column in COLUMNS:
        key = norm_header(column)
        if key not in header:
            raise InputError(f"строка 1: нет столбца «{column}» — это не таблица предложений docgen acts scan "
                             f"(ожидаются столбцы: {', '.join(COLUMNS)})", file=path)
        index[column] = header.index(key)
    rows = []
    for number, values in enumerate(table[1:], 2):
        cell = {c: (values[i] if i < len(values) else None) for c, i in index.items()}
        answer = str(cell[CONFIRM] or "").strip().lower()
        if answer in ("", NO):
            continue
        if answer != YES:
            raise InputError(f"строка {number}, столбец «{CONFIRM}»: «{cell[CONFIRM]}» — ожидается «{YES}» или "
                             f"«{NO}» (пустая ячейка — не применять)", file=path)
        cells = {AS_IMPORT[c]: (v.strip() if isinstance(v, str) else v) for c, v in cell.items() if c in AS_IMPORT}
        rows.append(Row(number, cells))
    return rows


def apply_confirmed(path: Path, store, catalogue: Catalogue, org, *, who: str | None, today: dt.date):
    """Apply the confirmed rows by `docgen acts import`'s rules, all or nothing."""
    from .excel import apply_rows

    rows = confirmed_rows(path)
    if not rows:
        raise InputError(f"ни одна строка не подтверждена: впишите «{YES}» в столбец «{CONFIRM}» у строк, "
                         "которые нужно внести в реестр", file=path)
    shown = {v: k for k, v in AS_IMPORT.items()}
    return apply_rows(rows, path, store, catalogue, org, who=who, today=today, shown=shown)
