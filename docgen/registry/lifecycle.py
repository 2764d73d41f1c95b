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
# The school has decided the act does not apply to it (no such activity, no such body): the
# reason is required (the note), and the act leaves the denominator of every share.
NOT_APPLICABLE = "not_applicable"

LABELS: dict[str, str] = {
    NOT_STARTED: "не разработан",
    DRAFTING: "в разработке (проект)",
    DISCUSSION: "на обсуждении",
    ADOPTED: "принят",
    APPROVED: "утверждён",
    NEEDS_UPDATE: "требует актуализации",
    REPEALED: "утратил силу",
    NOT_APPLICABLE: "не применяется",
}

TRANSITIONS: dict[str, tuple[str, ...]] = {
    NOT_STARTED: (DRAFTING, REPEALED, NOT_APPLICABLE),
    DRAFTING: (DISCUSSION, ADOPTED, NOT_STARTED, REPEALED, NOT_APPLICABLE),
    DISCUSSION: (DRAFTING, ADOPTED, REPEALED, NOT_APPLICABLE),
    ADOPTED: (APPROVED, DRAFTING, REPEALED, NOT_APPLICABLE),
    # an act in force is repealed by an order first; only then may the school decide it does not apply
    APPROVED: (NEEDS_UPDATE, REPEALED),
    NEEDS_UPDATE: (DRAFTING, APPROVED, REPEALED),
    REPEALED: (DRAFTING, NOT_APPLICABLE),
    # the circumstances changed (a new level of education, a new body): the act is needed after all
    NOT_APPLICABLE: (NOT_STARTED, DRAFTING),
}

# The same labels as a справка prints them next to an act's title: each in the form that agrees
# with the title's head noun (docgen.russian.agreement: m, f, n, pl). An adopted act is not in
# force until an order approves it, and the справка says so in full.
AGREED_LABELS: dict[str, dict[str, str]] = {
    NOT_STARTED: {"m": "не разработан", "f": "не разработана", "n": "не разработано", "pl": "не разработаны"},
    DRAFTING: dict.fromkeys(("m", "f", "n", "pl"), "в разработке (проект)"),
    DISCUSSION: dict.fromkeys(("m", "f", "n", "pl"), "на обсуждении"),
    ADOPTED: {"m": "принят педагогическим советом, не утверждён приказом",
              "f": "принята педагогическим советом, не утверждена приказом",
              "n": "принято педагогическим советом, не утверждено приказом",
              "pl": "приняты педагогическим советом, не утверждены приказом"},
    APPROVED: {"m": "утверждён", "f": "утверждена", "n": "утверждено", "pl": "утверждены"},
    NEEDS_UPDATE: {"m": "требует актуализации", "f": "требует актуализации", "n": "требует актуализации",
                   "pl": "требуют актуализации"},
    REPEALED: {"m": "утратил силу", "f": "утратила силу", "n": "утратило силу", "pl": "утратили силу"},
    NOT_APPLICABLE: {"m": "не применяется", "f": "не применяется", "n": "не применяется", "pl": "не применяются"},
}

# What a справка proposes for a required act in each status that is not «утверждён», and the
# term in days from the справка's date: the proposal's deadline. The action's words are the
# template's (keyed by status); only the terms live here, so a district changes them in one place.
PROPOSAL_DAYS: dict[str, int] = {
    NOT_STARTED: 60,
    DRAFTING: 45,
    DISCUSSION: 30,
    ADOPTED: 10,
    NEEDS_UPDATE: 30,
    REPEALED: 60,
}

# Statuses whose setting requires the approving order's number and date.
NEEDS_ORDER = frozenset({APPROVED})
# Statuses whose setting requires a reason (the note): «не применяется» must say why, or an
# inspection reads it as an act the school simply lacks.
NEEDS_REASON = frozenset({NOT_APPLICABLE})
# Statuses whose acts leave the denominator of every share (adopted, published, acquainted).
EXCLUDED = frozenset({NOT_APPLICABLE})


def reason_missing(status: str) -> str:
    """The refusal of a status that needs a reason and was given none (the CLI's --note, the
    web form's and the Excel file's «Примечание»)."""
    return (f"для статуса «{label(status)}» нужна причина, по которой акт не применяется в организации: "
            f"укажите её в примечании (--note «…», поле или столбец «Примечание»)")


def label(status: str) -> str:
    return LABELS.get(status, status)


def agreed_label(status: str, title: str) -> str:
    """The status as a справка prints it after the act's title, agreeing with its head noun."""
    from ..russian.agreement import agree

    forms = AGREED_LABELS.get(status)
    return agree(forms, title) if forms else label(status)


def proposal_deadline(status: str, today: dt.date) -> dt.date | None:
    """The deadline a справка dated ``today`` proposes for an act in ``status``; None when in force."""
    days = PROPOSAL_DAYS.get(status)
    return None if days is None else today + dt.timedelta(days=days)


def _norm(text: str) -> str:
    # «не-применяется», «not-applicable»: a hyphen typed for the space a shell would split on
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").lower().replace("_", " ").replace("-", " ").split())


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
        return f"срок пересмотра истёк {review_due(order_date, review_years):%d.%m.%Y}"
    return None
