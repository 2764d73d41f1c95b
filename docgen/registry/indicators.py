"""Seed 000's eight indicators of the project («Контроль результативности»), each this academic
year against last, and the per-year counts a school records for them (table ``indicator_values``).

The indicators and the counts are data (``registry/indicators.yaml`` along the template search
path, so a school or district replaces the wording or adds counts): four shares docgen computes
from the registry and the profile, three counts and one share of two counts that only the school
knows and records per academic year. A share computed from the profile has no memory of last year:
its last year comes from the counts recorded for that year, or is shown as «нет данных» — never
guessed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from ..errors import InputError
from ..models import Strict, Text
from ..russian.numbers import decimal, percent, share

INDICATORS_FILE = "registry/indicators.yaml"
Source = Literal["acts", "instruments", "discussion", "teachers", "count", "ratio"]
# Shares docgen computes itself, and the Coverage attribute that holds each (a coverage.Part).
COMPUTED = {"acts": "required", "instruments": "procedures", "discussion": "discussion", "teachers": "teachers"}
MAX_VALUE = 1_000_000  # a school's count: anything larger is a typing slip, not a school
CODE = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Count(Strict):
    id: str = Field(title="код количества", pattern=CODE)
    title: Text = Field(title="что считается")
    unit: Text = Field(title="единица")


class Indicator(Strict):
    id: str = Field(title="код показателя", pattern=CODE)
    title: Text = Field(title="показатель")
    unit: Text = Field(title="единица")
    source: Source = Field(title="источник значения")
    count: str | None = Field(default=None, title="код количества")
    done: str | None = Field(default=None, title="код количества «выполнено»")
    total: str | None = Field(default=None, title="код количества «всего»")

    @model_validator(mode="after")
    def _references(self):
        if self.source == "count" and not self.count:
            raise ValueError("для source: count укажите count — код количества из counts")
        if self.source == "ratio" and not (self.done and self.total):
            raise ValueError("для source: ratio укажите done и total — коды количеств из counts")
        if (self.done is None) != (self.total is None):
            raise ValueError("укажите оба кода: done и total")
        return self

    @property
    def is_share(self) -> bool:
        return self.source != "count"


class Definitions(Strict):
    counts: list[Count] = Field(min_length=1, title="количества за учебный год")
    indicators: list[Indicator] = Field(min_length=1, title="показатели")

    @model_validator(mode="after")
    def _known(self):
        ids = [c.id for c in self.counts]
        if len(set(ids)) != len(ids):
            raise ValueError("коды количеств в counts повторяются")
        for ind in self.indicators:
            for ref in (ind.count, ind.done, ind.total):
                if ref is not None and ref not in ids:
                    raise ValueError(f"показатель «{ind.id}» ссылается на количество «{ref}», которого нет в counts")
        return self

    def count(self, count_id: str) -> Count:
        for c in self.counts:
            if c.id == count_id:
                return c
        known = ", ".join(c.id for c in self.counts)
        raise InputError(f"показателя «{count_id}» нет среди вводимых за учебный год; известные коды: {known}")

    def pair_of(self, count_id: str) -> tuple[str, str] | None:
        """(done, total) of the share ``count_id`` takes part in, if any: a done may not exceed its total."""
        for ind in self.indicators:
            if ind.done and count_id in (ind.done, ind.total):
                return ind.done, ind.total
        return None


def load_definitions(path: Path | None = None) -> Definitions:
    from ..loading import load_data

    if path is None:
        from ..templates import template_file

        found = template_file(INDICATORS_FILE)
        if found is None:
            raise InputError(f"нет файла показателей {INDICATORS_FILE} ни в одной папке шаблонов")
        path = found.path
    return load_data(Definitions, path)


# -- academic years ------------------------------------------------------------------------------

_PERIOD = re.compile(r"^(\d{4})\s*/\s*(\d{4})$")


def parse_period(text: str, option: str = "--period") -> str:
    """«2025/2026»: an academic year, two consecutive years."""
    match = _PERIOD.match((text or "").strip())
    if not match:
        raise InputError(f"параметр {option}: «{text}» — ожидается учебный год в виде «2025/2026»")
    first, second = int(match[1]), int(match[2])
    if second != first + 1:
        raise InputError(f"параметр {option}: «{text}» — годы учебного года должны идти подряд, например "
                         f"«{first}/{first + 1}»")
    if not 2000 <= first <= 2100:
        raise InputError(f"параметр {option}: «{text}» — год вне допустимого диапазона 2000–2100")
    return f"{first}/{second}"


def academic_year(day: dt.date) -> str:
    """The academic year ``day`` falls in: it starts on 1 September."""
    first = day.year if day.month >= 9 else day.year - 1
    return f"{first}/{first + 1}"


def previous(period: str) -> str:
    first = int(period[:4])
    return f"{first - 1}/{first}"


def parse_value(text: str) -> int:
    value = (text or "").strip()
    if not value.isdigit():
        raise InputError(f"значение «{text}»: ожидается целое неотрицательное число (0, 1, 2 …)")
    number = int(value)
    if number > MAX_VALUE:
        raise InputError(f"значение {number}: слишком большое для показателя школы (не больше {MAX_VALUE})")
    return number


# -- the store -----------------------------------------------------------------------------------

def read_values(conn, store, org) -> dict[tuple[str, str], int]:
    """{(period, count id): value} of the organisation."""
    import sqlalchemy as sa

    from .act_tables import indicator_values

    org_id = org if isinstance(org, int) else store.org_id(conn, org, create=False)
    if org_id is None:
        return {}
    c = indicator_values.c
    rows = conn.execute(sa.select(c.period, c.indicator, c.value).where(c.org_id == org_id)).all()
    return {(r.period, r.indicator): r.value for r in rows}


def values(store, org) -> dict[tuple[str, str], int]:
    with store.reading() as conn:
        return read_values(conn, store, org)


def set_value(store, org, defs: Definitions, period_text: str, count_id: str, value_text: str,
              who: str | None = None) -> tuple[Count, str, int, int | None]:
    """Record one count of one academic year (a new value replaces the old). Returns the count,
    the period, the value and the value it replaced."""
    period, written = set_values(store, org, defs, period_text, {count_id: value_text}, who)
    count, value, old = written[0]
    return count, period, value, old


def check_values(defs: Definitions, period_text: str, given: dict[str, str]) -> tuple[str, list[tuple[Count, int]]]:
    """Everything checkable without the store: the period, each code, each value."""
    period = parse_period(period_text)
    checked = []
    for count_id, text in given.items():
        count = defs.count(count_id.strip())
        try:
            checked.append((count, parse_value(text)))
        except InputError as exc:
            raise InputError(f"«{count.title}»: {exc.message}") from None
    return period, checked


def set_values(store, org, defs: Definitions, period_text: str, given: dict[str, str],
               who: str | None = None) -> tuple[str, list[tuple[Count, int, int | None]]]:
    """Record several counts of one academic year, all or none. Returns the period and (count,
    value, replaced value) of each."""
    return record(store, org, defs, {period_text: given}, who)[0]


def record(store, org, defs: Definitions, by_period: dict[str, dict[str, str]],
           who: str | None = None) -> list[tuple[str, list[tuple[Count, int, int | None]]]]:
    """Record counts of several academic years: all are checked first (periods, codes, values,
    each share's «done» not above its «total» once written), then written in one transaction — all
    or none. Returns, per period, the period and (count, value, replaced value) of each."""
    import sqlalchemy as sa

    from .act_tables import indicator_values
    from .service import current_user
    from .store import now

    periods = [check_values(defs, period_text, given) for period_text, given in by_period.items()]
    author = current_user(who)
    c = indicator_values.c
    done_all = []
    with store.transaction() as conn:
        org_id = store.org_id(conn, org, lock=not store.is_sqlite)
        current = read_values(conn, store, org_id)
        after = {**current, **{(period, count.id): value for period, checked in periods for count, value in checked}}
        for period, checked in periods:
            for count, _value in checked:
                pair = defs.pair_of(count.id)
                if pair is None:
                    continue
                done, total = after.get((period, pair[0])), after.get((period, pair[1]))
                if done is not None and total is not None and done > total:
                    raise InputError(f"за {period}: «{defs.count(pair[0]).title}» ({done}) больше, чем "
                                     f"«{defs.count(pair[1]).title}» ({total}); проверьте значения")
        for period, checked in periods:
            written = []
            for count, value in checked:
                old = current.get((period, count.id))
                if old is None:
                    conn.execute(sa.insert(indicator_values).values(org_id=org_id, indicator=count.id, period=period,
                                                                    value=value, who=author, recorded_at=now()))
                elif old != value:
                    key = (c.org_id == org_id) & (c.indicator == count.id) & (c.period == period)
                    conn.execute(sa.update(indicator_values).where(key).values(value=value, who=author,
                                                                               recorded_at=now()))
                written.append((count, value, old))
            done_all.append((period, written))
    return done_all


def read_file(path) -> dict[str, dict[str, str]]:
    """A file of counts by academic year — ``2025/2026: {materials-published: 9, …}`` — read with
    the data files' limits; its shape checked here, its values by ``record``."""
    from ..loading import read_mapping

    data = read_mapping(path)
    found: dict[str, dict[str, str]] = {}
    for period, counts in data.items():
        if not isinstance(counts, dict) or not counts:
            raise InputError(f"учебный год «{period}»: ожидаются коды количеств и значения, например "
                             "«materials-published: 9»", file=path)
        found[str(period)] = {str(k): str(v) if not isinstance(v, bool) else "" for k, v in counts.items()}
    if not found:
        raise InputError("в файле нет ни одного учебного года", file=path)
    return found


# -- dynamics ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Value:
    """One year's value: a share (done of total) or a count."""

    number: Decimal
    done: int | None = None
    total: int | None = None
    unit: str = "%"

    @property
    def text(self) -> str:
        if self.total is not None:
            return f"{percent(self.number)} ({self.done} из {self.total})"
        return f"{int(self.number)}"

    @property
    def short(self) -> str:
        return percent(self.number) if self.total is not None else f"{int(self.number)}"


GROWTH, DECLINE, SAME, NO_DATA = "рост", "снижение", "без изменений", "нет данных"


@dataclass(frozen=True)
class Row:
    number: int
    indicator: Indicator
    now: Value | None
    before: Value | None

    @property
    def change(self) -> Decimal | None:
        if self.now is None or self.before is None:
            return None
        return self.now.number - self.before.number

    @property
    def change_text(self) -> str:
        """«+2», «−12,5 п. п.», «0»: the difference with its sign (a share's in percentage points)."""
        diff = self.change
        if diff is None:
            return "—"
        sign = "+" if diff > 0 else "\u2212" if diff < 0 else ""
        if self.indicator.is_share:
            size = abs(diff)
            return f"{sign}{decimal(size, 0 if size == size.to_integral_value() else 1)}\u00a0п.\u00a0п."
        return f"{sign}{int(abs(diff))}"

    @property
    def word(self) -> str:
        diff = self.change
        if diff is None:
            return NO_DATA
        return GROWTH if diff > 0 else DECLINE if diff < 0 else SAME

    def as_json(self) -> dict:
        def one(v: Value | None):
            if v is None:
                return None
            return {"value": str(v.number), "done": v.done, "total": v.total} if v.total is not None else {"value": int(v.number)}

        return {"id": self.indicator.id, "title": self.indicator.title, "unit": self.indicator.unit,
                "now": one(self.now), "before": one(self.before),
                "change": None if self.change is None else str(self.change), "dynamics": self.word}


def _part_value(part) -> Value | None:
    if part is None or not part.total:
        return None
    return Value(part.share, part.done, part.total)


def recorded_value(ind: Indicator, values: dict, period: str) -> Value | None:
    if ind.source == "count":
        v = values.get((period, ind.count))
        return None if v is None else Value(Decimal(v), unit=ind.unit)
    if ind.done:
        done, total = values.get((period, ind.done)), values.get((period, ind.total))
        if done is not None and total:
            return Value(share(done, total), done, total)
    return None


def rows(defs: Definitions, current, last, values: dict, period: str) -> list[Row]:
    """The eight (or the file's) indicators: ``current`` and ``last`` are the coverage of today and
    of the same day a year before (``last`` None when not computed). A computed share of the year
    uses the registry or profile; where that has nothing (the profile's shares last year) the
    counts recorded for the year stand in."""
    before_period = previous(period)
    out = []
    for n, ind in enumerate(defs.indicators, 1):
        if ind.source in COMPUTED:
            attr = COMPUTED[ind.source]
            now = _part_value(getattr(current, attr, None)) or recorded_value(ind, values, period)
            before = (_part_value(getattr(last, attr, None)) if last is not None else None) \
                or recorded_value(ind, values, before_period)
        else:
            now, before = recorded_value(ind, values, period), recorded_value(ind, values, before_period)
        out.append(Row(n, ind, now, before))
    return out
