"""The package's index page: the acts grouped as the site's section «Документы» is laid out.

The groups and the page are data a school (or a district plugin) overrides along the template path
(``site/documents-groups.yaml``, ``site/documents-index.html``): the structure a site must follow is
set by rules the project has not verified (see the groups file), so it must be the school's to
change without code. The page is self-contained (inline CSS, no scripts) and every text from the
registry or the catalogue is escaped: titles and order numbers are user data.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from pydantic import Field, model_validator

from ..errors import FieldError, InputError
from ..loading import load_data
from ..models import Strict, Text
from ..registry.catalogue import Level

GROUPS_FILE = "site/documents-groups.yaml"
PAGE_FILE = "site/documents-index.html"


class Group(Strict):
    title: Text = Field(title="заголовок группы")
    acts: list[str] = Field(default_factory=list, title="коды актов")
    basis: list[Text] = Field(default_factory=list, title="части текста правового основания")
    levels: list[Level] = Field(default_factory=list, title="уровни требования")

    @property
    def rest(self) -> bool:
        return not (self.acts or self.basis or self.levels)

    def takes(self, act) -> bool:
        return self.rest or act.id in self.acts or act.level in self.levels or any(b in act.basis for b in self.basis)


class Groups(Strict):
    title: Text = Field(default="Документы", title="заголовок страницы")
    groups: list[Group] = Field(min_length=1, title="группы")

    @model_validator(mode="after")
    def _rest_last(self) -> "Groups":
        if not self.groups[-1].rest:
            raise FieldError("groups", "последняя группа должна быть без признаков (acts, basis, levels): в неё "
                                       "попадают все остальные акты")
        return self


def _found(name: str) -> Path:
    from ..templates import template_file

    found = template_file(name)
    if found is None:
        raise InputError(f"нет файла {name} в папке шаблонов (пользователя, плагина или встроенной)")
    return found.path


def load_groups() -> Groups:
    return load_data(Groups, _found(GROUPS_FILE))


@dataclass(frozen=True)
class Listed:
    """An entry of the package as the page shows it; ``docx``/``pdf`` are file names in the package."""

    entry: object  # docgen.site.plan.Entry
    docx: str | None
    pdf: str | None


def grouped(groups: Groups, listed: list[Listed]) -> list[tuple[Group, list[Listed]]]:
    out = [(g, [item for item in listed if _first(groups, item.entry.act) is g]) for g in groups.groups]
    return [(g, items) for g, items in out if items]


def _first(groups: Groups, act) -> Group:
    return next(g for g in groups.groups if g.takes(act))


def render(listed: list[Listed], org, day: dt.date) -> str:
    """The page's HTML; call it inside the engine's template path (docgen.templates.active)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    groups = load_groups()
    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    page = env.from_string(_found(PAGE_FILE).read_text(encoding="utf-8"))
    return page.render(
        title=groups.title, school=org.short_name, school_full=org.full_name or org.short_name,
        date=f"{day:%d.%m.%Y}",
        groups=[{"title": g.title, "entries": [_row(item) for item in items]} for g, items in grouped(groups, listed)],
    )


def _row(item: Listed) -> dict:
    e = item.entry
    return {
        "id": e.act.id, "title": e.act.title, "order": e.order_text,
        "approved_on": f"{e.order_date:%d.%m.%Y}", "review_due": f"{e.review_due:%d.%m.%Y}",
        "pdf": item.pdf, "docx": item.docx,
        "pdf_href": quote(item.pdf) if item.pdf else None, "docx_href": quote(item.docx) if item.docx else None,
    }
