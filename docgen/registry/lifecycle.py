"""Statuses of an act and the transitions between them, as data.

The transitions follow how a school really adopts an act: a draft is discussed (posted on the
site, considered by the pedagogical council), adopted with the councils' opinion taken into
account (ст. 30 ч. 3 273-ФЗ), then approved by an order. Anything else (approving an act nobody
has drafted) is refused, because the registry is evidence for an inspection and must not hold
impossible histories. Only the stored status is ever set by users; «требует актуализации» is also
*computed* for an approved act whose review period has run out or whose legal basis is repealed.
"""
from __future__ import annotations

import datetime as dt

from ..errors import InputError

NOT_STARTED = "not_started"
DRAFTING = "drafting"
DISCUSSION = "discussion"
ADOPTED = "adopted"
APPROVED = "approved"
NEEDS_UPDATE = "needs_update"
REPEALED = "repealed"

LABELS: dict[str, str] = {
    NOT_STARTED: "не разработан",
    DRAFTING: "в разработке (проект)",
    DISCUSSION: "на обсуждении",
    ADOPTED: "принят",
    APPROVED: "утверждён",
    NEEDS_UPDATE: "требует актуализации",
    REPEALED: "утратил силу",
}

TRANSITIONS: dict[str, tuple[str, ...]] = {
    NOT_STARTED: (DRAFTING, REPEALED),
    DRAFTING: (DISCUSSION, ADOPTED, NOT_STARTED, REPEALED),
    DISCUSSION: (DRAFTING, ADOPTED, REPEALED),
    ADOPTED: (APPROVED, DRAFTING, REPEALED),
    APPROVED: (NEEDS_UPDATE, REPEALED),
    NEEDS_UPDATE: (DRAFTING, APPROVED, REPEALED),
    REPEALED: (DRAFTING,),
}

# Statuses whose setting requires the approving order's number and date.
NEEDS_ORDER = frozenset({APPROVED})


def label(status: str) -> str:
    return LABELS.get(status, status)


def _norm(text: str) -> str:
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").lower().replace("_", " ").split())


def parse_status(text: str) -> str:
    """A status typed as its id («approved») or its Russian label («утверждён», «утвержден»)."""
    wanted = _norm(text)
    for status, russian in LABELS.items():
        if wanted in (_norm(status), _norm(russian), _norm(russian.split(" (")[0])):
            return status
    choices = "; ".join(f"«{russian}» ({status})" for status, russian in LABELS.items())
    raise InputError(f"неизвестный статус «{text}»; возможные статусы: {choices}")


def allowed_next(current: str, effective: str | None = None) -> list[str]:
    """Next statuses. When the computed status differs from the stored one (an approved act that
    has gone stale), the user sees the computed one and moves on from it: re-approve by a new
    order, redraft, or repeal."""
    return list(TRANSITIONS[effective if effective else current])


def check_transition(current: str, new: str, effective: str | None = None) -> None:
    allowed = allowed_next(current, effective)
    if new not in allowed:
        now = label(effective or current)
        options = ", ".join(f"«{label(s)}»" for s in allowed) or "нет"
        raise InputError(f"переход «{now}» → «{label(new)}» невозможен; из статуса «{now}» можно перейти в: {options}")


def review_due(order_date: dt.date, years: int) -> dt.date:
    try:
        return order_date.replace(year=order_date.year + years)
    except ValueError:  # 29 February
        return order_date.replace(year=order_date.year + years, day=28)


def effective_status(status: str, order_date: dt.date | None, review_years: int, repealed_basis: bool,
                     today: dt.date) -> str:
    """What the registry shows: an approved act past its review date or on a repealed basis
    needs an update, whatever was stored."""
    if status != APPROVED:
        return status
    if repealed_basis:
        return NEEDS_UPDATE
    if order_date is not None and review_due(order_date, review_years) <= today:
        return NEEDS_UPDATE
    return status


def stale_reason(status: str, order_date: dt.date | None, review_years: int, repealed_basis: bool,
                 today: dt.date) -> str | None:
    if status != APPROVED:
        return None
    if repealed_basis:
        return "основание утратило силу"
    if order_date is not None and review_due(order_date, review_years) <= today:
        return f"истёк срок пересмотра ({review_due(order_date, review_years):%d.%m.%Y})"
    return None
