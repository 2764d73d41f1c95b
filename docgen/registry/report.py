"""The coverage справки (справка о полноте ЛНА ВСОКО — of one organisation and of a district),
rendered through the engine like every other document.

Each справка is a document type the registry owns: its template (``coverage-report.docx``,
``district-coverage-report.docx``) is found by name along the template search path, so a
district overrides the wording by a file of the same name in its templates folder or plugin;
the context holds numbers, names, dates and the chart, and the sentences are the template's.
The types are not offered to `docgen generate`: their input is the registry, not a data file.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..doctype import DocumentType
from ..models import Organization
from . import lifecycle as lc
from .catalogue import LEVEL_FORMS
from .coverage import ActState, Coverage, Part


class CoverageReportInput(BaseModel):
    """One organisation's справка: its profile (who signs), its coverage, the report's date."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)
    organization: Organization
    coverage: Coverage
    today: dt.date


class DistrictReportInput(BaseModel):
    """The district's справка: the education authority's profile (who signs) and the ranking."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)
    organization: Organization
    district: Any  # docgen.registry.district.District
    today: dt.date


def _part(part: Part | None) -> dict[str, Any] | None:
    return None if part is None else {"done": part.done, "total": part.total, "text": part.text}


def _order(state: ActState) -> dict[str, Any] | None:
    """The approving order of an act in force (or in force but outdated), when it is known."""
    row = state.row
    if state.status not in (lc.APPROVED, lc.NEEDS_UPDATE) or row is None or not row.order_number:
        return None
    return {"date": row.order_date, "number": row.order_number}


def _act(state: ActState) -> dict[str, Any]:
    """An act's row: its status and requirement level agree with the title's head noun."""
    from ..russian.agreement import agree

    title = state.act.title
    return {"id": state.act.id, "title": title, "level": agree(LEVEL_FORMS[state.act.level], title),
            "status_id": state.status, "status": lc.agreed_label(state.status, title), "reason": state.reason,
            "order": _order(state), "responsible": state.responsible}


def author(org: Organization) -> dict[str, Any] | None:
    """The «исполнитель» (ГОСТ Р 7.0.97): who prepared the справка, with the phone, from the profile."""
    if not org.report_author:
        return None
    from ..russian.names import initials_last

    # Initials in the nominative do not depend on gender: the surname is left as written.
    return {"name": org.report_author, "initials": initials_last(org.report_author, "м"),
            "phone": org.report_phone}


# Procedures of the ВСОКО without instruments: the справка proposes to develop them within this many days.
INSTRUMENTS_DAYS = 30


def _deadline(days_later: dt.date, org: Organization, today: dt.date) -> dt.date:
    """A proposal's deadline: the days its kind gets, but never past the organisation's own
    deadline for its acts (``acts_deadline``, from its regulation or plan-graph) while that is
    still ahead — a справка the director signs must not contradict the director's orders."""
    limit = org.acts_deadline
    return min(days_later, limit) if limit is not None and limit >= today else days_later


def _proposal(state: ActState, org: Organization, today: dt.date, fallback: str) -> dict[str, Any]:
    """A missing or outdated required act with its deadline (lifecycle.PROPOSAL_DAYS from the
    справка's date, see ``_deadline``) and the person responsible (the registry's, else the
    справка's author)."""
    return {**_act(state), "deadline": _deadline(lc.proposal_deadline(state.status, today), org, today),
            "responsible": state.responsible or fallback}


def _indicator(row) -> dict[str, Any]:
    """One indicator's row of the справка: the two years' values, the change with its sign and the
    word for it («рост», «снижение», «без изменений»; «нет данных» when a year has none)."""
    return {"number": row.number, "title": row.indicator.title, "unit": row.indicator.unit,
            "before": row.before.text if row.before else "нет данных", "now": row.now.text if row.now else "нет данных",
            "change": row.change_text, "word": row.word, "known": row.change is not None}


def _late(x) -> dict[str, Any]:
    return {"title": x.title, "order": {"date": x.order_date, "number": x.order_number}, "deadline": x.deadline,
            "published": x.published_on}


def coverage_context(data: CoverageReportInput) -> dict[str, Any]:
    from ..picture import Picture
    from ..russian.names import initials_last
    from .charts import chart_png, dynamics_chart_png
    from .indicators import previous

    c = data.coverage
    org = data.organization
    procedures = _part(c.procedures)
    if procedures is not None:
        procedures["without"] = list(c.procedures_without_instruments)
    who = author(org)
    fallback = who["initials"] if who else initials_last(org.director.full_name, "м")
    return {
        "today": data.today,
        "addressee": org.report_addressee,
        "author": who,
        "required": _part(c.required), "recommended": _part(c.recommended), "discussion": _part(c.discussion),
        "teachers": _part(c.teachers), "procedures": procedures,
        "published": _part(c.published), "acquainted": _part(c.acquainted),
        "chart": Picture(chart_png(c), width_mm=150),
        # «не применяется»: out of every share, each with the school's reason
        "excluded": [{"title": s.act.title, "reason": (s.row.note if s.row else None) or "причина не указана"}
                     for s in c.excluded],
        "late": [_late(x) for x in c.late], "publication_days": c.publication_days,
        # the late acts with no mark of publication: the proposal to place them, within the same term from today
        "unpublished": ({"titles": [x.title for x in c.late if x.published_on is None],
                         "deadline": _deadline(c.publish_by, org, data.today), "responsible": fallback}
                        if c.publish_by and any(x.published_on is None for x in c.late) else None),
        "period": c.period, "last_period": previous(c.period) if c.period else None,
        "indicators": [_indicator(r) for r in c.indicators],
        "dynamics_chart": (Picture(dynamics_chart_png(c.indicators, c.period, previous(c.period)), width_mm=160)
                           if c.indicators else None),
        "acts": [_act(s) for s in c.states],
        "missing": [_proposal(s, org, data.today, fallback) for s in c.missing],
        "outdated": sum(1 for s in c.missing if s.status == lc.NEEDS_UPDATE),
        # the organisation's own deadline for its acts, when it has passed with acts still missing
        "overdue": org.acts_deadline if c.missing and org.acts_deadline and org.acts_deadline < data.today else None,
        "instruments": _instruments(c, org, data.today, fallback),
        # recommended acts in force whose review date has passed: not counted as missing, still to be renewed
        "renew": [_proposal(s, org, data.today, fallback) for s in c.states
                  if not s.act.required and s.status == lc.NEEDS_UPDATE],
    }


def _instruments(c: Coverage, org: Organization, today: dt.date, fallback: str) -> list[dict[str, Any]]:
    """The procedures without instruments, one proposal per person responsible (the profile's
    ``procedures[].responsible``, else the справка's author), in the profile's order."""
    from ..russian.names import initials_last

    lacking = set(c.procedures_without_instruments)
    groups: dict[str, list[str]] = {}
    for procedure in org.procedures:
        if procedure.title in lacking:
            person = org.find_person(procedure.responsible) if procedure.responsible else None
            who = initials_last(person.full_name, person.gender) if person is not None else fallback
            groups.setdefault(who, []).append(procedure.title)
    deadline = _deadline(today + dt.timedelta(days=INSTRUMENTS_DAYS), org, today)
    return [{"procedures": titles, "responsible": who, "deadline": deadline} for who, titles in groups.items()]


# The district справка proposes that organisations short of required acts approve them within this
# many days of the справка's date (a school's own deadlines are per status: lifecycle.PROPOSAL_DAYS).
DISTRICT_PROPOSAL_DAYS = 60


def _complete(c: Coverage) -> bool:
    return c.required.done == c.required.total


def district_context(data: DistrictReportInput) -> dict[str, Any]:
    from ..picture import Picture
    from .charts import district_chart_png

    d = data.district
    return {
        "today": data.today,
        "addressee": data.organization.report_addressee,
        "author": author(data.organization),
        "count": len(d.entries),
        "complete": sum(1 for e in d.entries if _complete(e.coverage)),
        "behind": [f"{e.coverage.organization} ({e.coverage.required.text})" for e in d.entries
                   if not _complete(e.coverage)],
        "deadline": data.today + dt.timedelta(days=DISTRICT_PROPOSAL_DAYS), "approved": d.approved, "required": d.required, "share": d.share_text,
        "chart": Picture(district_chart_png(d), width_mm=150),
        "entries": [{"place": e.place, "organization": e.coverage.organization, "approved": e.coverage.required.done,
                     "required": e.coverage.required.total, "share": e.coverage.required.text}
                    for e in d.entries],
    }


COVERAGE_REPORT = DocumentType(
    slug="coverage-report",
    title="Справка о полноте ЛНА ВСОКО",
    template="coverage-report.docx",
    input_model=CoverageReportInput,
    build_context=coverage_context,
    description="Доля утверждённых обязательных актов, другие доли, диаграмма статусов, таблица актов, "
                "чего не хватает; подпись руководителя организации.",
)

DISTRICT_REPORT = DocumentType(
    slug="district-coverage-report",
    title="Справка о полноте ЛНА ВСОКО по району",
    template="district-coverage-report.docx",
    input_model=DistrictReportInput,
    build_context=district_context,
    description="Общая доля по району, диаграмма долей организаций, рейтинг; подпись руководителя органа "
                "управления образованием.",
)

REPORTS = (COVERAGE_REPORT, DISTRICT_REPORT)
"""The registry's own documents, for commands that list or copy templates."""


def build_report(engine, coverage: Coverage, org: Organization, today: dt.date) -> bytes:
    """The organisation's справка as .docx bytes; ``org`` is the validated profile."""
    return engine.render(COVERAGE_REPORT, CoverageReportInput(organization=org, coverage=coverage, today=today))


def build_district_report(engine, district, authority: Organization, today: dt.date) -> bytes:
    """The district's справка, signed by the head of the education authority (``authority``)."""
    return engine.render(DISTRICT_REPORT, DistrictReportInput(organization=authority, district=district, today=today))


def report_file_name(short_name: str) -> str:
    from ..fileio import safe_file_stem

    return safe_file_stem(f"Справка о полноте ЛНА ВСОКО — {short_name}") + ".docx"
