"""What `docgen batch` says at the end, gathered while the documents come.

A district's batch has tens of thousands of documents; the summary must not keep each one in the
batch's process to print a few lines. Up to ``DETAIL_LIMIT`` documents the table names each; beyond
that it has a row per school (documents, numbers from first to last in each year, errors), and each
document's number and file stay in the journal. Failures are kept, each to be reported; the written
files only when an archive or PDF copies are asked for.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ._app import console, new_table

DETAIL_LIMIT = 50  # up to this many documents the summary names each; a district's thousands, each school
SHOWN_NUMBERS = 3  # a year with this many numbers or fewer lists them all


def number_order(number: str) -> tuple:
    """«9-од» before «10-од»: the digits as a number, the rest as text."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", number))


@dataclass
class Numbers:
    """One school's numbers of one year: how many, the first and the last, the few first seen."""

    count: int = 0
    low: str | None = None
    high: str | None = None
    few: list[str] = field(default_factory=list)

    def add(self, number: str) -> None:
        self.count += 1
        key = number_order(number)
        if self.low is None or key < number_order(self.low):
            self.low = number
        if self.high is None or key > number_order(self.high):
            self.high = number
        if len(self.few) < SHOWN_NUMBERS:
            self.few.append(number)

    def text(self) -> str:
        if self.count <= SHOWN_NUMBERS:
            return ", ".join(sorted(self.few, key=number_order))
        return f"{self.low} … {self.high}"


@dataclass
class School:
    written: int = 0
    failed: int = 0
    years: dict[int | None, Numbers] = field(default_factory=dict)
    folders: set[str] = field(default_factory=set)


class Tally:
    """The outcomes of a batch as they arrive (docgen.batch.Outcome), kept as the summary needs them."""

    def __init__(self, *, keep_paths: bool):
        self.done = 0
        self.written = 0
        self.first: list = []  # the first DETAIL_LIMIT + 1 outcomes: enough to know whether to name each
        self.failed: list = []
        self.paths: list[Path] = []
        self._keep_paths = keep_paths
        self.schools: dict[str, School] = {}

    def add(self, outcome) -> None:
        self.done += 1
        if len(self.first) <= DETAIL_LIMIT:
            self.first.append(outcome)
        school = self.schools.setdefault(outcome.organization or outcome.job.label or "—", School())
        if not outcome.ok:
            self.failed.append(outcome)
            school.failed += 1
            return
        self.written += 1
        school.written += 1
        if outcome.number:
            school.years.setdefault(outcome.year, Numbers()).add(outcome.number)
        path = outcome.path
        if path is not None:
            school.folders.add(path.parent.name)
            if self._keep_paths:
                self.paths.append(path)

    def print(self, out: Path) -> None:
        if self.done <= DETAIL_LIMIT:
            _each_document(self.first, out)
        else:
            _each_school(self, out)


def _each_document(outcomes, out: Path) -> None:
    table = new_table(f"Документы в папке {out}")
    table.add_column("Школа / файл данных", overflow="fold")
    table.add_column("Документ", overflow="fold")
    table.add_column("№", no_wrap=True)
    table.add_column("Статус", no_wrap=True)
    for o in outcomes:
        who = " / ".join(x for x in (o.organization or o.job.label, o.job.data.name) if x)
        if o.ok:
            table.add_row(who, o.path.name if o.path else "", o.number or "", "[green]сформирован[/]")
        else:
            table.add_row(who, "", "", "[red]ошибка[/]")
    console().print(table)


def _each_school(tally: Tally, out: Path) -> None:
    """A row per school: how many documents, in which folder when it is not the school's own name,
    the numbers from first to last (by year when there are several: numbers restart each year),
    how many failed."""
    from rich.markup import escape

    from ..fileio import safe_file_stem

    table = new_table(f"Документы в папке {out}: {tally.written} из {tally.done}")
    table.add_column("Школа (папка, если другая)", overflow="fold")
    table.add_column("Сформировано", justify="right", no_wrap=True)
    table.add_column("Номера", no_wrap=True)
    table.add_column("Ошибок", justify="right", no_wrap=True)
    for name, school in tally.schools.items():
        several = len(school.years) > 1
        shown = "\n".join(f"{year} г.: {numbers.text()}" if several and year else numbers.text()
                          for year, numbers in sorted(school.years.items(), key=lambda item: item[0] or 0))
        failed = f"[red]{school.failed}[/]" if school.failed else "0"
        other = sorted(school.folders - {safe_file_stem(name)})
        who = name + "".join(f"\n(папка «{folder}»)" for folder in other)
        table.add_row(escape(who), str(school.written), escape(shown), failed)
    console().print(table)
    console().print("Номер и файл каждого документа — в журнале приказов: docgen journal", highlight=False)
