"""Do an order's data, the other orders and the school's registry of acts tell one story?

An inspector reads an order's «основание» and looks the act up in the school's registry; reads the
registry's «утверждён приказом № …» and opens that order. This module does the same before a
document is signed: an act an order cites must be approved and current on the order's date (or
approved by this very order); an order the registry names as approving an act must approve it and
carry the date the registry gives; an order approving a new edition of an act names the order
that approved the old one, as the registry records it; the organisation and the people are
named the same way. It
reads the registry only through the public facade ``docgen.acts`` and the data only through the
document types' own models, so a rule sees exactly what the document prints.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import acts as registry

APPROVED_STATES = (registry.APPROVED,)


@dataclass(frozen=True)
class Violation:
    """One contradiction: where (the file and the field, or the registry's act and column) and what."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: поле «{self.field}»: {self.message}"


@dataclass
class Order:
    """An order's data file as the check needs it: its validated input and where it came from."""

    path: Path
    data: Any
    profile: Path | None

    @property
    def number(self) -> str | None:
        number = getattr(self.data, "number", None)
        return self.data.organization.format_number(number) if number else None


@dataclass
class Annex:
    """A document approved by an order (``approved: {date, number}``) — a plan-graph — as the
    check needs it: what it charges people with must reach them through the order."""

    path: Path
    data: Any


@dataclass
class Outcome:
    violations: list[Violation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    orders: int = 0


def _same_number(registry_number: str | None, order: Order) -> bool:
    if not registry_number or order.number is None:
        return False
    return " ".join(registry_number.split()).casefold() == order.number.casefold()


def _statuses(data, on: dt.date, url: str) -> list[registry.ActStatus]:
    return registry.act_statuses(data.organization, on, url)


def _registry_empty(statuses: list[registry.ActStatus]) -> bool:
    return all(s.status == registry.NOT_STARTED and not s.order_number for s in statuses)


def _approved_by(order: Order) -> set[str]:
    """The catalogue acts an order's data says it approves: an order type that approves acts
    (an annex «Положение о …») names them in an ``approves`` field of act ids."""
    return set(getattr(order.data, "approves", None) or ())


def basis_violations(order: Order, statuses: list[registry.ActStatus], name: str) -> list[Violation]:
    """Rule (a): every catalogue act in the order's basis is approved and current on its date, or
    the registry says this very order approved it."""
    by_id = {s.id: s for s in statuses}
    out = []
    basis = getattr(order.data, "basis", None) or []
    for n, act_id in enumerate(basis):
        if act_id not in registry.cited_acts([act_id]):
            continue  # free text: an external act the registry does not hold
        where = "basis" if len(basis) == 1 else f"basis[{n + 1}]"
        state = by_id.get(act_id)
        title = registry.act_title(act_id)
        if state is None:
            out.append(Violation(name, where, f"акт «{title}» ({act_id}) к этой организации не применяется"))
            continue
        if act_id in _approved_by(order):
            continue  # adopted by this very order
        if state.status in APPROVED_STATES and state.order_date is not None and state.order_date <= order.data.date:
            continue
        if state.status in APPROVED_STATES:
            why = f"утверждён приказом № {state.order_number} от {state.order_date:%d.%m.%Y} — позже даты приказа"
        else:
            why = f"в реестре на {order.data.date:%d.%m.%Y} — «{state.status_label}»"
        out.append(Violation(name, where, f"основание «{title}» ({act_id}) не утверждено и не действует: {why}; "
                                          "сошлитесь на утверждённый акт или внесите утверждение командой docgen acts set"))
    return out


def approval_violations(orders: list[Order], statuses: list[registry.ActStatus], name_of) -> list[Violation]:
    """Rule (b): an order the registry names as having approved an act, found among the checked
    files by its number, carries the registry's date and approves that act."""
    out = []
    for state in statuses:
        if not state.order_number:
            continue
        for order in orders:
            if not _same_number(state.order_number, order):
                continue
            if state.order_date is not None and state.order_date != order.data.date:
                out.append(Violation(name_of(order), "date", f"по реестру приказ № {state.order_number} от "
                                     f"{state.order_date:%d.%m.%Y} утвердил «{state.title}», а в приказе дата "
                                     f"{order.data.date:%d.%m.%Y}"))
            elif state.id not in _approved_by(order):
                out.append(Violation(name_of(order), "number", f"по реестру приказ № {state.order_number} от "
                                     f"{order.data.date:%d.%m.%Y} утвердил «{state.title}», а этот приказ такого "
                                     "акта не утверждает; исправьте номер приказа в реестре (docgen acts set)"))
    return out


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def replaced_violations(orders: list[Order], statuses: list[registry.ActStatus], name_of) -> list[Violation]:
    """Rule (e): an order approving an act the registry holds as approved by an earlier order is a
    new edition — it names that order in the act's ``replaces`` (to be repealed), as the registry
    records it: a second «Положение о …» in force beside the first is what an inspector finds."""
    by_id = {s.id: s for s in statuses}
    out = []
    for order in orders:
        for n, item in enumerate(getattr(order.data, "acts", None) or ()):
            state = by_id.get(getattr(item, "act", None))
            if state is None or not state.order_number or state.status not in (registry.APPROVED, registry.NEEDS_UPDATE):
                continue
            if _same_number(state.order_number, order) or (state.order_date and state.order_date >= order.data.date):
                continue  # this very order, or a later one (rule (b) compares those)
            recorded = f"приказом № {state.order_number}" + (f" от {state.order_date:%d.%m.%Y}" if state.order_date else "")
            old = getattr(item, "replaces", None)
            where = f"acts[{n + 1}].replaces"
            if old is None:
                out.append(Violation(name_of(order), where, f"по реестру акт «{state.title}» уже утверждён {recorded}: "
                                     "приказ о новой редакции признаёт прежний утратившим силу — укажите его в replaces"))
            elif not _same(old.number, state.order_number) or (state.order_date and old.date != state.order_date):
                out.append(Violation(name_of(order), where, f"указан приказ № {old.number} от {old.date:%d.%m.%Y}, а по "
                                     f"реестру акт «{state.title}» утверждён {recorded}"))
    return out


_CITED_ORDER = re.compile(r"от\s+(\d{2}\.\d{2}\.\d{4})\s*№\s*([0-9][\w/-]*)")


def cited_order_violations(orders: list[Order], name_of) -> list[Violation]:
    """Rule (c) for dates: an order cited in free text («приказом … от 28.08.2026 № 105-од …»)
    and found among the checked files by its number carries the date the citation gives."""
    out = []
    for order in orders:
        basis = getattr(order.data, "basis", None) or []
        for n, item in enumerate(basis):
            for date_text, number in _CITED_ORDER.findall(item.replace("\u00a0", " ")):
                for other in orders:
                    if other is not order and _same_number(number, other) \
                            and f"{other.data.date:%d.%m.%Y}" != date_text:
                        where = "basis" if len(basis) == 1 else f"basis[{n + 1}]"
                        out.append(Violation(name_of(order), where, f"приказ № {number} назван от {date_text}, "
                                             f"а в файле {name_of(other)} он от {other.data.date:%d.%m.%Y}"))
    return out


def _staff_names(organization) -> set[str]:
    """The forms a registry cell may use for a staff member or the director: id, full name,
    «Фамилия И.О.» (casefolded, spaces squeezed)."""
    from .russian.names import split_name

    names: set[str] = set()
    for member in [organization.director, *(getattr(organization, "staff", None) or ())]:
        if getattr(member, "id", None):
            names.add(member.id.casefold())
        names.add(" ".join(member.full_name.split()).casefold())
        last, first, middle = split_name(member.full_name)
        names.add(f"{last} {first[0]}.{middle[0] + '.' if middle else ''}".casefold())
    return names


def spelling_violations(orders: list[Order], statuses: list[registry.ActStatus], organization, name_of,
                        registry_name: str) -> list[Violation]:
    """Rule (c): one organisation under one short name; the registry's responsible persons are
    people of the staff list, spelled as it spells them."""
    out = [Violation(name_of(o), "organization", f"организация «{o.data.organization.short_name}», а в профиле "
                     f"«{organization.short_name}»")
           for o in orders if o.data.organization.short_name != organization.short_name]
    staff = _staff_names(organization)
    for state in statuses:
        person = state.responsible
        if person and " ".join(person.replace("\u00a0", " ").replace(". ", ".").split()).casefold() not in staff:
            out.append(Violation(registry_name, "Ответственный", f"акт «{state.title}»: «{person}» нет в штатном "
                                 "списке профиля (укажите код сотрудника или ФИО, как в профиле)"))
    return out


def order_violations(data, path: Path, profile: Path | None, db: str | None) -> Outcome:
    """Rule (a) for one order about to be generated: what `docgen generate` refuses on."""
    outcome = Outcome(orders=1)
    if not registry.cited_acts(getattr(data, "basis", None)):
        return outcome
    url = registry.registry_url(db, profile=profile)
    file = registry.registry_file(url)
    if file is not None and not file.is_file():
        outcome.warnings.append(f"базы реестра актов нет ({file}): основание приказа с реестром не сверено")
        return outcome
    statuses = _statuses(data, data.date, url)
    if _registry_empty(statuses):
        outcome.warnings.append(f"в реестре актов нет записей об организации «{data.organization.short_name}»: "
                                "основание приказа с реестром не сверено")
        return outcome
    outcome.violations = basis_violations(Order(Path(path), data, profile), statuses, str(path))
    return outcome


def _people(value: Any, seen: list, skip: Iterable[str] = ()) -> list:
    """Every staff member a document's data names, in order, once each — the organisation's own
    lists (its staff, its director) aside, and the top-level fields in ``skip``: walked over the
    validated model, so a new field that names people is covered without a change here."""
    from pydantic import BaseModel

    from .models import Organization, Person

    if isinstance(value, Person):
        if value not in seen:
            seen.append(value)
    elif isinstance(value, BaseModel) and not isinstance(value, Organization):
        for name in type(value).model_fields:
            if name not in skip:
                _people(getattr(value, name), seen)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _people(item, seen)
    return seen


def annex_violations(annexes: list[Annex], orders: list[Order], name_of) -> list[Violation]:
    """Rule (d): an annex whose approving order is among the checked files — found by the number
    and date of its grif — is one that order approves, and everyone the annex charges is on that order's acquaintance sheet: whoever an order
    charges through its annex signs that they have read the order."""
    out = []
    for annex in annexes:
        approved = annex.data.approved
        order = next((o for o in orders if _same_number(approved.number, o)), None)
        if order is None:
            continue
        where, label = str(annex.path), f"приказ № {order.number} от {order.data.date:%d.%m.%Y}"
        if order.data.date != approved.date:
            out.append(Violation(where, "approved.date", f"утверждающий {label} ({name_of(order)}), а в грифе дата "
                                 f"{approved.date:%d.%m.%Y}"))
            continue
        if getattr(order.data, "approve_plan_graph", None) is False:
            out.append(Violation(where, "approved", f"{label} ({name_of(order)}) плана-графика не утверждает "
                                 "(в нём нет approve_plan_graph: true)"))
            continue
        acquainted = getattr(order.data, "acquainted", None)
        if acquainted is None:
            continue
        listed = {(p.full_name, p.id) for p in acquainted()}
        director = order.data.organization.director.full_name
        # A document may read people it does not charge (``uncharged_fields``: the Положение reads
        # the jury that an order of its own forms and acquaints).
        skip = getattr(annex.data, "uncharged_fields", lambda: ())()
        for person in _people(annex.data, [], skip):
            if person.full_name != director and (person.full_name, person.id) not in listed:
                out.append(Violation(name_of(order), "acquaint", f"{person.full_name} исполняет мероприятия "
                                     f"утверждаемого приказом документа ({annex.path.name}), но отсутствует в "
                                     "листе ознакомления: добавьте сотрудника в acquaint"))
    return out


def data_files(paths: Iterable[Path]) -> list[Path]:
    """The data files under ``paths``: a folder's .yaml/.yml/.json files (not in sub-folders), or files."""
    out = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json") and p.is_file())
        else:
            out.append(path)
    return out


def _load_annexes(engine, files: list[Path], outcome: Outcome | None = None) -> list[Annex]:
    """The files that are not orders but carry an approving order's grif (``approved``: its date
    and number, or the name of the order's own data file), read as the document type whose model
    accepts them; others are not annexes to check. A grif naming an order file that cannot be
    read is a violation of the field ``approved``: the document would name no order."""
    from .errors import DocgenError
    from .loading import read_mapping

    kinds = [t for t in engine.document_types.values() if not t.is_order]
    annexes = []
    for path in files:
        try:
            raw = read_mapping(path)
        except DocgenError:
            continue  # reported once, as a file the orders could not read
        if not isinstance(raw, dict) or not isinstance(raw.get("approved"), (dict, str)):
            continue
        problem = None
        for kind in kinds:
            try:
                loaded = engine.load_document(kind, path)
            except DocgenError as exc:
                lines = [line.strip(" •") for line in exc.message.splitlines()]
                # The type that reads a grif from an order's file says why that file names no order.
                mine = next((line for line in lines if "approved" in line and "файл приказа" in line), None)
                problem = mine or problem or next((line for line in lines if "approved" in line), None)
                continue
            if getattr(loaded.data, "approved", None) is not None:
                annexes.append(Annex(path, loaded.data))
                break
        else:
            if problem is not None and isinstance(raw.get("approved"), str) and outcome is not None:
                outcome.violations.append(Violation(str(path), "approved", "гриф «УТВЕРЖДЕНО» не называет приказа: "
                                                    + problem))
    return annexes


def _journal_holds(url: str, organization, number: str, on: dt.date) -> bool:
    """Whether the organisation's journal of orders holds a made (not annulled) order with this
    number and date: an approving order generated earlier need not lie among the checked files."""
    from .journal import VOID, Journal

    journal = Journal(url, announce=False)
    try:
        return any(e.organization == organization.short_name and e.status != VOID and e.order_date == on
                   and " ".join(e.number.split()).casefold() == " ".join(str(number).split()).casefold()
                   for e in journal.entries(year=on.year))
    except Exception:  # no journal table yet, a store that cannot be read: the order is not there
        return False
    finally:
        journal.close()


def approving_order_violations(annexes: list[Annex], orders: list[Order], url: str, organization,
                               name_of) -> list[Violation]:
    """Rule (f): a document whose type requires it (``approval_checked`` on its model — the
    Положение о конкурсе) names in its grif an order that exists — among the checked files, where
    it must be one that approves such a document (``approves_annex``), or in the journal."""
    out = []
    for annex in annexes:
        if not getattr(type(annex.data), "approval_checked", False):
            continue
        approved = annex.data.approved
        label = f"приказ № {approved.number} от {approved.date:%d.%m.%Y}"
        order = next((o for o in orders if _same_number(approved.number, o)), None)
        if order is not None:
            if order.data.date == approved.date and not getattr(type(order.data), "approves_annex", False):
                out.append(Violation(str(annex.path), "approved", f"{label} ({name_of(order)}) этот документ не "
                                     "утверждает: укажите в грифе приказ об его утверждении"))
            continue  # a date that differs is rule (d)'s
        if not _journal_holds(url, organization, approved.number, approved.date):
            out.append(Violation(str(annex.path), "approved", f"{label}, названный в грифе «УТВЕРЖДЕНО», не найден ни "
                                 "среди проверяемых файлов, ни в журнале приказов: сформируйте приказ об утверждении "
                                 "или укажите в грифе его файл данных (approved: имя файла приказа)"))
    return out


def cited_protocol_violations(orders: list[Order], files: list[Path], engine, name_of) -> list[Violation]:
    """Rule (g): an order that approves results on a protocol (``cited_protocol`` — the results
    order of a competition cites the jury's) names a protocol that the checked data hold, under the
    field the order says (``held_as``, default ``protocol``), with the same date and number; a
    protocol of that number with another date is a contradiction, none at all is a citation of
    nothing."""
    citing = [(o, o.data.cited_protocol) for o in orders if getattr(o.data, "cited_protocol", None)]
    if not citing:
        return []
    out = []
    for order, cited in citing:
        field = cited.get("held_as", "protocol")
        body = cited.get("body", "экспертной группы")
        held = _protocols(engine, files, field)
        label = f"протокол заседания {body} от {cited['date']:%d.%m.%Y} № {cited['number']}"
        same = [(path, p) for path, p in held if _same(str(p.number or ""), str(cited["number"]))]
        if any(p.date == cited["date"] for _, p in same):
            continue
        if same:
            path, p = same[0]
            out.append(Violation(name_of(order), f"competition.{field}", f"приказ называет {label}, а в файле "
                                 f"{path} протокол № {p.number} от {p.date:%d.%m.%Y}"))
        else:
            out.append(Violation(name_of(order), f"competition.{field}", f"приказ называет {label}, а среди "
                                 f"проверяемых файлов нет данных с этим протоколом (поле {field}: файл экспертной "
                                 "матрицы конкурса или иной файл с этим протоколом)"))
    return out


def _protocols(engine, files: list[Path], field: str = "protocol") -> list[tuple[Path, Any]]:
    """The protocols the checked files hold under ``field``: every non-order file whose model
    reads one with a date (the expert matrix's data, inline or from the competition's file)."""
    from .errors import DocgenError

    kinds = [t for t in engine.document_types.values() if not t.is_order]
    out = []
    for path in files:
        for kind in kinds:
            try:
                data = engine.load(kind, path)
            except DocgenError:
                continue
            protocol = getattr(data, field, None)
            if protocol is not None and getattr(protocol, "date", None) is not None:
                out.append((path, protocol))
            break
    return out


def _load_orders(engine, files: list[Path], outcome: Outcome) -> list[Order]:
    """Each file read as the order type whose model accepts it; a file with a «number» that no
    order type accepts is reported, other files (profiles, non-orders) are not orders to check."""
    from .errors import DocgenError
    from .loading import read_mapping

    kinds = [t for t in engine.document_types.values() if t.is_order]
    orders = []
    for path in files:
        try:
            raw = read_mapping(path)
        except DocgenError as exc:
            outcome.violations.append(Violation(str(path), "(файл)", exc.message))
            continue
        if not isinstance(raw, dict) or "organization" not in raw:
            continue
        first_error = None
        for kind in kinds:
            try:
                loaded = engine.load_document(kind, path)
            except DocgenError as exc:
                # The type the file is closest to (fewest problems) says best what is wrong with it.
                if first_error is None or len(getattr(exc, "problems", ())) < len(getattr(first_error, "problems", ())):
                    first_error = exc
                continue
            orders.append(Order(path, loaded.data, loaded.profile))
            break
        else:
            if "number" in raw and first_error is not None:
                outcome.violations.append(Violation(str(path), "(файл)", "не читается как приказ: "
                                                    + first_error.message.replace("\n", " ")))
    return orders


def check_paths(engine, paths: list[Path], db: str | None = None, profile: Path | None = None) -> Outcome:
    """`docgen check`: rules (a) to (e) over the data files under ``paths`` and the registry
    of the school ``profile`` names (else the one the orders name)."""
    from .errors import InputError
    from .loading import load_profile

    outcome = Outcome()
    files = data_files(paths)
    for path in files:
        if not path.is_file():
            raise InputError("файла или папки нет", file=path)
    files = [p for p in files if profile is None or p.resolve() != Path(profile).resolve()]
    orders = _load_orders(engine, files, outcome)
    order_paths = {o.path for o in orders}
    annexes = _load_annexes(engine, [p for p in files if p not in order_paths], outcome)
    outcome.orders = len(orders)
    if profile is None:
        profile = next((o.profile for o in orders if o.profile is not None), None)
    if profile is None:
        raise InputError("не из чего узнать организацию: укажите --org ПРОФИЛЬ")
    organization = load_profile(Path(profile))
    url = registry.registry_url(db, profile=Path(profile))
    file = registry.registry_file(url)
    if file is not None and not file.is_file():
        raise InputError(f"файла базы реестра актов нет: {file}; статусы актов вносят командой docgen acts set "
                         "или docgen acts import")
    today = dt.date.today()
    current = registry.act_statuses(organization, today, url)
    if _registry_empty(current):
        outcome.warnings.append(f"в реестре актов нет записей об организации «{organization.short_name}»")
    name_of = (lambda order: str(order.path))
    for order in orders:
        if registry.cited_acts(getattr(order.data, "basis", None)):
            outcome.violations += basis_violations(order, _statuses(order.data, order.data.date, url),
                                                   name_of(order))
    registry_name = f"реестр актов ({organization.short_name})"
    outcome.violations += approval_violations(orders, current, name_of)
    outcome.violations += replaced_violations(orders, current, name_of)
    outcome.violations += spelling_violations(orders, current, organization, name_of, registry_name)
    outcome.violations += cited_order_violations(orders, name_of)
    outcome.violations += annex_violations(annexes, orders, name_of)
    outcome.violations += approving_order_violations(annexes, orders, url, organization, name_of)
    outcome.violations += cited_protocol_violations(orders, [p for p in files if p not in order_paths], engine,
                                                    name_of)
    return outcome
