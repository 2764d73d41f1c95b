"""What the registry's steps (``act_steps``) tell coverage: which acts were posted for discussion,
which current editions are published on the site and when, and which approved acts were published
late or not at all within the deadline.

The deadline is data (``registry/publication.yaml`` along the template search path, so a school or
district replaces it): working days after the approving order, Monday to Friday, minus the
federal non-working holidays (ст. 112 ТК РФ, recurring dates) and the dates the file lists (a
year's transfers of days off, a region's holidays): docgen cannot know a region's production
calendar, so those are the school's to add.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field

from ..errors import InputError
from ..models import Strict
from .steps import PUBLISHED, edition_key

PUBLICATION_FILE = "registry/publication.yaml"
DEFAULT_WORKING_DAYS = 10




class PublicationRules(Strict):
    working_days: int = Field(default=DEFAULT_WORKING_DAYS, ge=1, le=60,
                              title="срок размещения, рабочих дней после утверждения")
    holidays: list[dt.date] = Field(default_factory=list, title="нерабочие праздничные дни",
                                    description="отдельные даты ДД.ММ.ГГГГ: переносы выходных, дни года")
    yearly_holidays: list[tuple[int, int]] = Field(
        default_factory=list, title="ежегодные нерабочие праздничные дни",
        description="ДД.ММ, каждый год (ст. 112 Трудового кодекса РФ)")

    def deadline(self, approved_on: dt.date) -> dt.date:
        """The last day to publish an act approved on ``approved_on``: that many working days later,
        skipping weekends, the yearly holidays and the dates listed."""
        off = set(self.holidays)
        yearly = set(self.yearly_holidays)
        day, left = approved_on, self.working_days
        while left:
            day += dt.timedelta(days=1)
            if day.weekday() < 5 and day not in off and (day.day, day.month) not in yearly:
                left -= 1
        return day


def load_rules(path: Path | None = None) -> PublicationRules:
    """The rules from ``path``, else the file found along the template search path, else the default."""
    from ..loading import read_mapping, validate

    if path is None:
        from ..templates import template_file

        found = template_file(PUBLICATION_FILE)
        if found is None:
            return PublicationRules()
        path = found.path
    data = read_mapping(path)
    holidays = data.get("holidays")
    if isinstance(holidays, list):  # ДД.ММ.ГГГГ as a school types it
        data = {**data, "holidays": [_day(h, path) for h in holidays]}
    yearly = data.get("yearly_holidays")
    if isinstance(yearly, list):  # ДД.ММ
        data = {**data, "yearly_holidays": [_day_of_year(h, path) for h in yearly]}
    return validate(PublicationRules, data, file=path)


def _day(value, path: Path):
    if isinstance(value, dt.date):
        return value
    from ..russian.dates import parse_date

    try:
        return parse_date(str(value))
    except ValueError as exc:
        raise InputError(f"holidays: {exc}", file=path) from None


def _day_of_year(value, path: Path) -> tuple[int, int]:
    """«23.02» → (23, 2); a day that no year has is refused."""
    text = str(value).strip()
    try:
        day, month = (int(part) for part in text.split("."))
        dt.date(2024, month, day)  # a leap year: 29.02 is a day of some years
    except ValueError:
        raise InputError(f"yearly_holidays: «{text}» — ожидается день и месяц ДД.ММ, например 23.02", file=path) from None
    return day, month


@dataclass(frozen=True)
class Step:
    act_id: str
    edition: str | None
    step: str
    held_on: dt.date
    place: str | None = None


@dataclass
class Steps:
    """An organisation's steps, by act: read once per coverage."""

    rows: list[Step] = field(default_factory=list)

    def held(self, act_id: str, step: str, edition: str | None = None, *, any_edition: bool = False,
             on_or_before: dt.date | None = None) -> Step | None:
        """The earliest step of that kind for the act (for ``edition`` unless ``any_edition``)."""
        hits = [s for s in self.rows if s.act_id == act_id and s.step == step
                and (any_edition or s.edition == edition)
                and (on_or_before is None or s.held_on <= on_or_before)]
        return min(hits, key=lambda s: s.held_on) if hits else None

    def acts_with(self, step: str, on_or_before: dt.date | None = None) -> set[str]:
        return {s.act_id for s in self.rows if s.step == step and (on_or_before is None or s.held_on <= on_or_before)}


def read_steps(conn, store, org) -> Steps:
    """The organisation's rows of ``act_steps`` (none when the organisation is not in the store)."""
    import sqlalchemy as sa

    from .act_tables import act_steps

    org_id = org if isinstance(org, int) else store.org_id(conn, org, create=False)
    if org_id is None:
        return Steps()
    c = act_steps.c
    rows = conn.execute(sa.select(c.act_id, c.edition, c.step, c.held_on, c.place)
                        .where(c.org_id == org_id).order_by(c.held_on, c.id)).all()
    return Steps([Step(r.act_id, r.edition, r.step, r.held_on, r.place) for r in rows])


@dataclass(frozen=True)
class Late:
    """An approved act not published within the deadline: ``published_on`` None when still not."""

    act_id: str
    title: str
    order_number: str
    order_date: dt.date
    deadline: dt.date
    published_on: dt.date | None

    @property
    def text(self) -> str:
        if self.published_on is None:
            return f"нет отметки о размещении на сайте, срок истёк {self.deadline:%d.%m.%Y}"
        return f"размещён {self.published_on:%d.%m.%Y} при сроке до {self.deadline:%d.%m.%Y}"

    def as_json(self) -> dict:
        return {"id": self.act_id, "title": self.title, "order_number": self.order_number,
                "order_date": self.order_date.isoformat(), "deadline": self.deadline.isoformat(),
                "published_on": self.published_on.isoformat() if self.published_on else None}


def published_on(steps: Steps, act_id: str, row) -> dt.date | None:
    """The date the act's current edition (its approving order in the registry) was put on the site."""
    if row is None or not row.order_number or row.order_date is None:
        return None
    step = steps.held(act_id, PUBLISHED, edition_key(row.order_date, row.order_number))
    return step.held_on if step else None


def late(states, steps: Steps, rules: PublicationRules, today: dt.date) -> list[Late]:
    """Approved acts in force whose current edition was published after the deadline, or not at all
    when the deadline has passed. An act due for review is left to its own proposal (a new edition),
    which has its own deadline to publish."""
    from . import lifecycle as lc

    out = []
    for s in states:
        row = s.row
        if s.status != lc.APPROVED or row is None or not row.order_number or row.order_date is None:
            continue
        deadline = rules.deadline(row.order_date)
        when = published_on(steps, s.act.id, row)
        if (when is None and today > deadline) or (when is not None and when > deadline):
            out.append(Late(s.act.id, s.act.title, row.order_number, row.order_date, deadline, when))
    return out
