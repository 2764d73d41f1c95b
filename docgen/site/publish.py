"""The whole of `docgen publish`, for the command and the site's page alike: check the target,
plan the package, refuse an empty one or a missing LibreOffice before anything is written, write
it, then record the publication."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import InputError
from . import marks, package, plan

NOTHING = ("в реестре нет утверждённых действующих актов — публиковать нечего "
           "(утвердить акт: docgen acts set КОД утверждён --order НОМЕР --date ДАТА)")


@dataclass(frozen=True)
class Published:
    path: Path
    entries: list  # plan.Entry, every act listed
    written: int  # acts with their files
    recorded: int  # «published» steps recorded now (the rest were recorded before)


def without_file(entries: list) -> list[str]:
    """The Russian warning for each act listed without a file."""
    return [f"акт «{e.act.title}» включён в список без файла: {e.problem}" for e in entries if not e.writable]


def publish(engine, store, catalogue, org, out: Path, *, held_on: dt.date, today: dt.date, who: str | None,
            warn: Callable[[str], None] = lambda _m: None) -> Published:
    from ..pdf import find_soffice

    if held_on > today:
        raise InputError(f"параметр --date: {held_on:%d.%m.%Y} — дата размещения ещё не наступила "
                         f"(сегодня {today:%d.%m.%Y})")
    target = package.check_target(out)
    entries = plan.build(engine, store, catalogue, org, today)
    if not entries:
        raise InputError(NOTHING)
    early = [e for e in entries if e.writable and held_on < e.order_date]
    if early:
        raise InputError(f"параметр --date: {held_on:%d.%m.%Y} — раньше, чем утверждены акты; акт размещают на "
                         "сайте после утверждения", problems=[f"«{e.act.title}»: {e.order_text}" for e in early])
    from ..templates import active
    from .index import load_groups

    with active(lambda: engine.template_path):
        load_groups()  # a school's broken groups file: told before LibreOffice runs
    if any(e.writable for e in entries):
        find_soffice()  # no LibreOffice: say so before anything is written
    for message in without_file(entries):
        warn(message)
    listed = package.write(engine, entries, org, held_on, target, warn=warn)
    written = [item.entry for item in listed if item.pdf]
    website = getattr(org.profile, "website", None)
    recorded = marks.mark_published(store, org, written, held_on, website, who, today)
    return Published(target.path, entries, len(written), recorded)
