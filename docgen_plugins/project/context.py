"""The template variables of a project's passport and of its МИП application: both documents read
the same variables (what the application's form requires is checked by its model). The plan's
rows are grouped by direction here because grouping depends on the data's shape; the wording of
every heading and lead-in stays in the templates.
"""
from __future__ import annotations

from typing import Any

from . import layout
from .model import ProjectInput


def _clause(text: str) -> str:
    """A list item without its final punctuation: the template adds «;» or «.»."""
    return text.strip().rstrip(".;,")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _after_colon(text: str) -> str:
    """Text that continues «…: » starts lower-case — «Основная идея проекта: в проекте заложены …» —
    unless its first word is an abbreviation or a name in capitals («ВСОКО», «МОУ»): only a capital
    followed by a lower-case letter, or a one-letter word («В проекте …»), is lowered."""
    if len(text) > 1 and text[0].isupper() and (text[1].islower() or text[1].isspace()):
        return text[0].lower() + text[1:]
    return text


def _stage_heading(title: str) -> str:
    """The stage's title as it follows «Этап N.»: «Рефлексивно-оценочный», not «Рефлексивно-оценочный
    этап» — the heading names the stage once."""
    words = title.split()
    if len(words) > 1 and words[-1].lower() == "этап":
        return " ".join(words[:-1])
    return title


def _organization_of(leader, data: ProjectInput) -> str:
    """The profile's short name for the leader's signature when the leader is its head and the
    position does not already name it: «директор МОУ «Средняя школа № 48»», but «директор
    департамента образования мэрии города Ярославля» as it stands. The position names it when it
    holds the stem of the name's first word, the organisation's kind (департамент, управление,
    отдел), in any case."""
    org = data.organization
    if leader is not org.director:
        return ""
    kind = org.full_name.split()[0].lower()
    return "" if len(kind) > 4 and kind[:-2] in leader.position.lower() else org.short_name


def _number(value: float | None) -> str:
    """«37,5», «100», «—» for no value: Russian decimal comma, no trailing zero."""
    if value is None:
        return "—"
    return f"{value:.10g}".replace(".", ",").replace("-", "\u2212")


def _directions(data: ProjectInput) -> list[dict[str, Any]]:
    """Consecutive plan rows of one direction as one group (its row across the table heads them), each row
    with ``keep``: whether it keeps with the next on the page (see ``_keep``)."""
    groups: list[dict[str, Any]] = []
    for row in data.plan:
        if not groups or groups[-1]["title"] != row.direction.rstrip("."):
            groups.append({"number": len(groups) + 1, "title": row.direction.rstrip("."), "rows": []})
        groups[-1]["rows"].append({
            "action": _clause(row.action),
            "term": row.term_text,
            "responsible": row.responsible,
        })
    for g in groups:
        _keep(g)
    # The table's last row never begins a page alone: the row before it keeps with it, also when
    # that row is the last of the direction before.
    rows = [r for g in groups for r in g["rows"]]
    if len(rows) > 1:
        rows[-2]["keep"] = True
    return groups


def _keep(group: dict[str, Any]) -> None:
    """A direction no taller than a third of a page keeps its rows together (its name's row keeps
    with the first). A taller one may break between its rows — pushed whole to the next page it
    would leave most of a page blank — and its activities carried over are numbered «1.4», «1.5»
    under the repeated header; its name's row still never ends a page alone."""
    rows = group["rows"]
    heights = [max(layout.lines(r["action"], layout.ACTIVITY_MM), layout.lines(r["term"], layout.TERMS_MM),
                   layout.lines(r["responsible"], layout.RESPONSIBLE_MM)) for r in rows]
    short = sum(heights) <= layout.BREAKABLE_LINES
    for r in rows:
        r["keep"] = short
    rows[-1]["keep"] = False


def build_context(data: ProjectInput) -> dict[str, Any]:
    leader = data.leader or data.organization.director
    return {
        "title": data.title.strip("«»\""),
        "kind": data.kind,
        "doc_date": data.date,
        "approved": data.approved,
        "addressee": data.addressee or "",
        "applicant": data.applicant,
        # The signature names the leader's organisation when the position does not: «директор» alone
        # says nothing to the commission, «директор департамента … Ярославля» already does.
        "leader_organization": _organization_of(leader, data),
        "municipality": " ".join(data.municipality.split()),
        "directions": [_clause(d) for d in data.directions],
        "rationale": [_sentence(p) for p in data.rationale],
        "idea": _after_colon(_sentence(data.idea)) if data.idea.strip() else "",
        "goal": _clause(data.goal),
        "tasks": [_clause(t) for t in data.tasks],
        "start": data.start,
        "end": data.end,
        "stages": [{
            "title": s.title.rstrip("."),
            "heading": _stage_heading(s.title.rstrip(".")),
            "start": s.start,
            "end": s.end,
            "content": [_clause(c) for c in s.content],
            "results": [_clause(r) for r in s.results],
            "products": [_clause(p) for p in s.products],
        } for s in data.stages],
        "directions_plan": _directions(data),
        "participants": _clause(data.participants),
        "leader": leader,
        "executors": [{"name": e.name, "head": e.head} for e in data.executors],
        "leader_heads_sole_executor": len(data.executors) == 1 and data.executors[0].head.full_name == leader.full_name,
        "resources": {
            "staff": [_clause(r) for r in data.resources.staff],
            "legal": [_clause(r) for r in data.resources.legal],
            "material": [_clause(r) for r in data.resources.material],
        },
        "has_resources": any((data.resources.staff, data.resources.legal, data.resources.material)),
        "results": [_clause(r) for r in data.results],
        "products": [_clause(p) for p in data.products],
        "changes": [_clause(c) for c in data.changes],
        "risks": [{"risk": _sentence(r.risk), "measure": _sentence(r.measure)} for r in data.risks],
        "dissemination": [_clause(d) for d in data.dissemination],
        "indicators": [{
            "title": i.title.rstrip("."),
            "unit": i.unit,
            "base": "" if i.base is None else _number(i.base),  # the template says «нет данных»
            "target": _number(i.target),
        } for i in data.indicators],
        "base_period": data.base_period.strip(),
    }
