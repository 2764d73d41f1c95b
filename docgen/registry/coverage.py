"""The completeness share of a school's ВСОКО acts (seed 000, first indicator: «доля
разработанных в соответствии с требованиями локальных нормативных актов … от необходимого общего
числа»), and the other seed-000 indicators the registry's data supports.

Decisions, made explicit as domain.md §1.2 asks:

* **Denominator** — the *required* acts that *apply* to the school: catalogue level `law` or
  `customary` (the law requires the act, or requires the activity and the act is the de-facto
  expected way to meet it), and at least one of the act's school levels (НОО/ООО/СОО) among the
  organisation's. `recommended` acts are not in the denominator — a school is not incomplete for
  lacking a recommended act — and are reported separately with their own share.
* **Numerator** — required acts whose *effective* status is «утверждён»: approved by an order and
  still current. «Принят» (adopted by the council but not yet approved by an order) does not count:
  the act is not in force. «Требует актуализации» (review period passed, or the legal basis was
  repealed) does not count either: the act exists, but not «в соответствии с требованиями».
* **Rounding** — exact Decimal, half-up, one decimal (`docgen.russian.share`), shown «66,7 %».
* **«Не применяется»** — an act the school has marked so, with its reason (the note), leaves the
  denominator of every share and is listed with the reason, so the справка says why it is absent.
* **Published** — required acts in force whose current edition (the approving order the registry
  holds) has a «published» step (act_steps), over the same denominator; the late ones (no step past
  the deadline, or a step dated after it: docgen.registry.publication) are listed.
* **Acquainted** — the acquaintance share is filled in by docgen.registry.acquaintance
  (``acquainted_shares``): signatures made over signatures needed, the required acts in force.
* **Drafts posted for discussion** — among the applicable acts that were ever drafted (reached
  «в разработке» or «на обсуждении» at some time, by the history, or have a step of a project in
  act_steps), those that reached «на обсуждении» or have a «discussion» step (posted for discussion).
* **Teachers involved** — given as counts (profile or command line); the registry does not know the staff.
* **Procedures backed by instruments** — the profile lists the school's ВСОКО procedures with
  their instruments; a procedure with at least one instrument counts. The command line may give
  the two counts instead (then no list of procedures without instruments is shown).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple, Sequence

from ..russian.numbers import percent, share
from . import lifecycle as lc
from .catalogue import CLASS_LABELS, LEVEL_LABELS, Act, Catalogue
from .service import OrgRef, effective
from .store import HistoryRow, StatusRow


@dataclass(frozen=True)
class Part:
    """One ratio: `done` of `total`, with the exact share."""

    done: int
    total: int

    @property
    def share(self) -> Decimal:
        return share(self.done, self.total)

    @property
    def text(self) -> str:
        return percent(self.share)

    def as_json(self, done_key: str = "approved", total_key: str = "required") -> dict:
        return {total_key: self.total, done_key: self.done, "share": str(self.share)}


@dataclass(frozen=True)
class ActState:
    act: Act
    status: str  # effective
    row: StatusRow | None
    reason: str | None  # why an approved act needs an update

    @property
    def responsible(self) -> str | None:
        return self.row.responsible if self.row else None

    def as_json(self) -> dict:
        return {"id": self.act.id, "title": self.act.title, "level": self.act.level, "doc_class": self.act.doc_class,
                "status": self.status, "status_label": lc.label(self.status), "responsible": self.responsible,
                "reason": self.reason}


@dataclass
class Coverage:
    organization: str
    today: dt.date
    required: Part
    recommended: Part
    by_level: dict[str, Part]
    by_class: dict[str, Part]
    missing: list[ActState]
    recommended_missing: list[ActState]
    not_applicable: list[Act]
    discussion: Part
    teachers: Part | None
    states: list[ActState] = field(default_factory=list)
    procedures: Part | None = None
    procedures_without_instruments: list[str] = field(default_factory=list)
    excluded: list[ActState] = field(default_factory=list)  # «не применяется», with the reason in row.note
    published: Part | None = None  # None when the steps were not read (a district's ranking)
    # Signatures of the required readers under the required acts in force, over the signatures
    # needed (docgen.registry.acquaintance); None when the staff is unknown or nobody has to sign.
    acquainted: Part | None = None
    acquaintance: object | None = None  # acquaintance.Shares: every act in force, for the pages' links
    late: list = field(default_factory=list)  # publication.Late
    indicators: list = field(default_factory=list)  # indicators.Row, this year against last
    period: str | None = None  # the academic year of ``today``
    publication_days: int | None = None  # the deadline to publish, working days after approval
    publish_by: dt.date | None = None  # the same term counted from today: for acts still unpublished

    def as_json(self) -> dict:
        return {
            "organization": self.organization,
            "today": self.today.isoformat(),
            "required": self.required.total,
            "approved": self.required.done,
            "share": str(self.required.share),
            "share_text": self.required.text,
            "missing": [s.as_json() for s in self.missing],
            "by_level": {level: part.as_json() for level, part in self.by_level.items()},
            "by_class": {cls: part.as_json() for cls, part in self.by_class.items()},
            "recommended": {**self.recommended.as_json("approved", "applicable"),
                            "missing": [s.as_json() for s in self.recommended_missing]},
            "not_applicable": [a.id for a in self.not_applicable],
            "discussion": self.discussion.as_json("discussed", "drafted"),
            "teachers": self.teachers.as_json("involved", "total") if self.teachers else None,
            "procedures": ({**self.procedures.as_json("backed", "total"),
                            "without_instruments": self.procedures_without_instruments}
                           if self.procedures else None),
            "excluded": [{"id": s.act.id, "title": s.act.title, "reason": s.row.note if s.row else None}
                         for s in self.excluded],
            "published": self.published.as_json("published", "required") if self.published else None,
            "acquainted": self.acquainted.as_json("acquainted", "required") if self.acquainted else None,
            "late": [x.as_json() for x in self.late],
            "period": self.period,
            "indicators": [r.as_json() for r in self.indicators],
        }


class Reached(NamedTuple):
    """That an act once reached a status: all that coverage reads of a history row, so a district
    asks its database for these pairs (distinct, the discussion statuses only) instead of every
    change of every school."""

    act_id: str
    to_status: str


# The statuses whose history the drafts-posted-for-discussion share reads.
DRAFT_STATUSES = (lc.DRAFTING, lc.DISCUSSION)


def states(catalogue: Catalogue, org: OrgRef, rows: dict[str, StatusRow], today: dt.date) -> list[ActState]:
    out = []
    for act in catalogue.applicable(org.levels):
        row = rows.get(act.id)
        status = effective(act, row, today)
        reason = lc.stale_reason(row.status, row.order_date, act.review_years, act.repealed_basis, today) if row else None
        out.append(ActState(act, status, row, reason))
    return out


def compute(catalogue: Catalogue, org: OrgRef, rows: dict[str, StatusRow], history: Sequence[HistoryRow | Reached],
            today: dt.date, teachers: tuple[int, int] | None = None,
            procedures: tuple[int, int] | None = None, steps=None, rules=None) -> Coverage:
    """``history``: the organisation's changes, or just the statuses its acts reached (`Reached`).
    ``teachers`` and ``procedures`` are (done, total) counts that override the profile's.
    ``steps`` (publication.Steps) adds the published share and the discussion steps; ``rules``
    (publication.PublicationRules) the late publications."""
    every_state = states(catalogue, org, rows, today)
    excluded = [s for s in every_state if s.status in lc.EXCLUDED]
    all_states = [s for s in every_state if s.status not in lc.EXCLUDED]
    required = [s for s in all_states if s.act.required]
    recommended = [s for s in all_states if not s.act.required]

    def part(items: list[ActState]) -> Part:
        return Part(sum(1 for s in items if s.status == lc.APPROVED), len(items))

    by_level = {level: part([s for s in all_states if s.act.level == level]) for level in LEVEL_LABELS}
    by_class = {cls: part([s for s in required if s.act.doc_class == cls]) for cls in CLASS_LABELS}
    applicable_ids = {s.act.id for s in every_state}
    counted_ids = {s.act.id for s in all_states}
    # An act registered straight «на обсуждении» (imported from a school's list) was drafted too.
    drafted = {h.act_id for h in history if h.to_status in DRAFT_STATUSES}
    discussed = {h.act_id for h in history if h.to_status == lc.DISCUSSION}
    published = None
    if steps is not None:
        from .publication import published_on
        from .steps import DISCUSSION

        drafted |= {s.act_id for s in steps.rows if s.step in PROJECT_STEPS}
        discussed |= steps.acts_with(DISCUSSION)
        in_force = [s for s in required if s.status == lc.APPROVED]
        published = Part(sum(1 for s in in_force if published_on(steps, s.act.id, s.row) is not None), len(required))
    drafted &= counted_ids
    discussed &= drafted
    late = []
    if steps is not None and rules is not None:
        from .publication import late as late_acts

        late = late_acts(all_states, steps, rules, today)
    return Coverage(
        organization=org.short_name,
        today=today,
        required=part(required),
        recommended=part(recommended),
        by_level=by_level,
        by_class=by_class,
        missing=[s for s in required if s.status != lc.APPROVED],
        recommended_missing=[s for s in recommended if s.status != lc.APPROVED],
        not_applicable=[a for a in catalogue.acts.values() if a.id not in applicable_ids],
        discussion=Part(len(discussed), len(drafted)),
        teachers=Part(*teachers) if teachers else None,
        states=every_state,
        **_procedures(org, procedures),
        excluded=excluded,
        published=published,
        late=late,
    )


# The steps of a project (before its approval): an act that has one was drafted.
PROJECT_STEPS = ("discussion", "pedagogical_council", "students_council", "parents_council")


def as_of(history: Sequence[HistoryRow], day: dt.date) -> tuple[dict[str, StatusRow], list[HistoryRow]]:
    """The registry as it stood at the end of ``day``, rebuilt from the history: each act's last
    change by then, with the order and note carried forward as the store carries them."""
    kept = [h for h in history if h.changed_at.date() <= day]
    then: dict[str, StatusRow] = {}
    for h in kept:
        before = then.get(h.act_id) or StatusRow(h.act_id, lc.NOT_STARTED)
        then[h.act_id] = StatusRow(h.act_id, h.to_status, h.order_number or before.order_number,
                                   h.order_date or before.order_date, h.published_at or before.published_at,
                                   h.note or before.note, h.responsible or before.responsible, h.changed_at)
    return then, kept


def year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def read(store, catalogue: Catalogue, org: OrgRef, today: dt.date, teachers: tuple[int, int] | None = None,
         procedures: tuple[int, int] | None = None, *, defs=None, rules=None, org_id: int | None = None) -> Coverage:
    """Everything the coverage of one organisation shows, read from the store: the shares, the late
    publications and the indicators this academic year against the same day a year before.
    ``defs`` (indicators.Definitions) and ``rules`` (publication.PublicationRules) default to the
    files along the template search path. ``org_id``: the organisation's row when the caller has it
    (the site), else it is looked up by ``org``'s key."""
    import dataclasses

    from . import indicators as ind
    from .publication import Steps, load_rules, read_steps

    defs = defs if defs is not None else ind.load_definitions()
    rules = rules if rules is not None else load_rules()
    key = org_id if org_id is not None else org
    with store.reading() as conn:
        rows = store.statuses_in(conn, key)
        steps = read_steps(conn, store, key)
        values = ind.read_values(conn, store, key)
    history = store.history(key)
    current = compute(catalogue, org, rows, history, today, teachers, procedures, steps=steps, rules=rules)
    day = year_before(today)
    then_rows, then_history = as_of(history, day)
    last = None
    if then_history:  # a registry kept a year ago; else last year's shares are «нет данных», not 0 %
        then_steps = Steps([s for s in steps.rows if s.held_on <= day])
        last = compute(catalogue, org, then_rows, then_history, day, steps=then_steps)
        # the profile states the present only: last year's shares of it come from the recorded counts
        last = dataclasses.replace(last, teachers=None, procedures=None)
    current.publication_days = rules.working_days
    current.publish_by = rules.deadline(today)
    current.period = ind.academic_year(today)
    current.indicators = ind.rows(defs, current, last, values, current.period)
    _acquaintance(current, store, catalogue, org, today)
    return current


def _acquaintance(current: Coverage, store, catalogue: Catalogue, org: OrgRef, today: dt.date) -> None:
    """The acquaintance of the acts in force, when the profile (the staff list) is known; the share
    counts the required acts only, like the other shares, and none the school has set aside."""
    from .acquaintance import acquainted_shares

    if getattr(org, "profile", None) is None:
        return
    shares = acquainted_shares(store, org, catalogue, today)
    excluded = {s.act.id for s in current.excluded}
    required = [a for a in shares.acts if a.act.required and a.act.id not in excluded]
    needed = sum(a.required for a in required)
    current.acquaintance = shares
    current.acquainted = Part(sum(a.signed for a in required), needed) if needed else None


def _procedures(org: OrgRef, counts: tuple[int, int] | None) -> dict:
    if counts is not None:
        return {"procedures": Part(*counts)}
    listed = org.procedures
    if not listed:
        return {"procedures": None}
    without = [p.title for p in listed if not p.instruments]
    return {"procedures": Part(len(listed) - len(without), len(listed)), "procedures_without_instruments": without}
