"""The engine: the one path from a data file to a written document.

look up the type → validate the input → build the context → render → write atomically.
Every document passes through ``Engine.render``, so caching and speed work land in one place.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .doctype import DocumentType
from .errors import InputError, UnknownDocumentType
from .fileio import atomic_write_bytes, safe_file_stem
from .plugins import Plugins, load_plugins
from .templates import TemplatePath


@dataclass(frozen=True)
class Generated:
    path: Path
    document_type: DocumentType
    data: BaseModel


class Engine:
    def __init__(self, *, templates_dir: Path | None = None, plugins: Plugins | None = None):
        self._templates_dir = templates_dir
        self._plugins = plugins

    @cached_property
    def plugins(self) -> Plugins:
        return self._plugins or load_plugins()

    @property
    def document_types(self) -> dict[str, DocumentType]:
        return self.plugins.document_types

    @cached_property
    def template_path(self) -> TemplatePath:
        return TemplatePath.build(self._templates_dir, self.plugins.template_dirs)

    @cached_property
    def filters(self) -> dict[str, Any]:
        from .russian.filters import jinja_filters

        return {**jinja_filters(), **self.plugins.filters}

    def get_type(self, slug: str) -> DocumentType:
        try:
            return self.document_types[slug]
        except KeyError:
            known = ", ".join(sorted(self.document_types)) or "нет ни одного"
            raise UnknownDocumentType(f"неизвестный тип документа «{slug}». Доступны: {known}") from None

    def load(self, document_type: DocumentType, data_path: Path) -> BaseModel:
        from .loading import load_input

        data = load_input(document_type.input_model, Path(data_path))
        if document_type.is_order and not getattr(data, "number", None):
            raise InputError("поле «number» (регистрационный номер): для приказа номер обязателен", file=data_path)
        return data

    def context(self, document_type: DocumentType, data: BaseModel) -> dict[str, Any]:
        org = getattr(data, "organization", None)
        context: dict[str, Any] = {
            "organization": org,
            "director": getattr(org, "director", None),
            "document": {"title": document_type.title, "slug": document_type.slug},
        }
        if document_type.is_order:
            context.update(date=data.date, number=data.number)
        context.update(document_type.build_context(data))
        return self.plugins.adjust_context(context, document_type, data)

    def render(self, document_type: DocumentType, data: BaseModel) -> bytes:
        from .rendering import render_docx

        template = self.template_path.find(document_type.template)
        return render_docx(template, self.context(document_type, data), self.filters)

    def file_name(self, document_type: DocumentType, data: BaseModel) -> str:
        if document_type.file_stem is not None:
            stem = document_type.file_stem(data)
        elif document_type.is_order:
            stem = f"{document_type.title} № {data.number} от {data.date:%d.%m.%Y}"
        else:
            stem = document_type.title
        return safe_file_stem(stem) + ".docx"

    def generate(self, slug: str, data_path: Path, out_dir: Path) -> Generated:
        document_type = self.get_type(slug)
        data = self.load(document_type, data_path)
        content = self.render(document_type, data)
        path = Path(out_dir) / self.file_name(document_type, data)
        atomic_write_bytes(path, content)
        return Generated(path, document_type, data)
