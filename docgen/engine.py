"""The engine: the one path from a data file to a written document.

look up the type → validate the input → build the context → render → write atomically.
Every document passes through ``Engine.render``, so caching and speed work land in one place.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel

from .doctype import DocumentType
from .errors import InputError, TemplateError, UnknownDocumentType
from .fileio import atomic_write_bytes, safe_file_stem
from .plugins import Plugins, load_plugins
from .templates import TemplatePath


@dataclass(frozen=True)
class Generated:
    path: Path
    document_type: DocumentType
    data: BaseModel
    number: str | None = None


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
        return TemplatePath.build(self._templates_dir, self.plugins.template_folders,
                                  builtin_plugins=self.plugins.builtin_names)

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

    def load(self, document_type: DocumentType, data_path: Path, *, profile: Path | None = None) -> BaseModel:
        """The validated input. ``profile`` — the organisation named by a district list, which
        then need not (but may, if it is the same file) be named in the data file itself. An
        order's number may be absent: the journal gives it (see ``generate``)."""
        return self.load_document(document_type, data_path, profile=profile).data

    def load_document(self, document_type: DocumentType, data_path: Path, *, profile: Path | None = None):
        """``load``, with the profile file the organisation came from (docgen.loading.Loaded):
        what ``produce`` needs to find the school's journal without reading the data again."""
        from . import shared_data
        from .loading import load_document
        from .templates import active

        # An input model may look up its data files (docgen.template_file) and shared data models (docgen.data_model).
        with active(lambda: self.template_path), shared_data.active(lambda: self.plugins):
            return load_document(document_type.input_model, Path(data_path), profile=profile)

    def context(self, document_type: DocumentType, data: BaseModel) -> dict[str, Any]:
        org = getattr(data, "organization", None)
        context: dict[str, Any] = {
            "organization": org,
            "director": getattr(org, "director", None),
            "document": {"title": document_type.title, "slug": document_type.slug},
        }
        if document_type.is_order:
            context.update(date=data.date, number=data.number)
        from .templates import active

        with active(lambda: self.template_path):  # the type's code finds its data files (docgen.template_file)
            context.update(document_type.build_context(data))
        return self.plugins.adjust_context(context, document_type, data)

    def render(self, document_type: DocumentType, data: BaseModel) -> bytes:
        from .rendering import render_docx

        template = self.template_path.find(document_type.template)
        return render_docx(template, self.context(document_type, data), self.filters,
                           abbreviations=self.abbreviations())

    def abbreviations(self):
        """The abbreviations introduced at first use: the first abbreviations.yaml on the template path."""
        from .russian.abbreviations import ABBREVIATIONS_FILE, Table, load_table

        try:
            found = self.template_path.locate(ABBREVIATIONS_FILE)
        except TemplateError:  # none anywhere: nothing to introduce
            return Table([])
        return load_table(found.path)

    def file_name(self, document_type: DocumentType, data: BaseModel) -> str:
        if document_type.file_stem is not None:
            from .templates import active

            with active(lambda: self.template_path):
                stem = document_type.file_stem(data)
        elif document_type.is_order:
            stem = f"{document_type.title} № {data.number} от {data.date:%d.%m.%Y}"
        else:
            stem = document_type.title
        return safe_file_stem(stem) + ".docx"

    def generate(self, slug: str, data_path: Path, out_dir: Path, *, journal=None, new_number: bool = False,
                 replace: bool = False, profile: Path | None = None) -> Generated:
        """Validate, number, render, write. With a ``journal`` (docgen.journal.Journal) an order
        gets its registration number there — a hand-given one is checked against it; without
        one (the library use of old) an order must carry its number in the data."""
        document_type = self.get_type(slug)
        loaded = self.load_document(document_type, data_path, profile=profile)
        return self.produce(document_type, loaded.data, out_dir, journal=journal, new_number=new_number,
                            replace=replace, data_path=data_path, profile=loaded.profile)

    def produce(self, document_type: DocumentType, data: BaseModel, out_dir: Path, *, journal=None,
                new_number: bool = False, replace: bool = False, data_path: Path | None = None,
                profile: Path | None = None, by_school: bool = False) -> Generated:
        """The second half of ``generate``, for a caller that looked at the input first. ``by_school``
        (a batch) puts each school's documents in a sub-folder named after the school — one that
        no other school's documents hold. The journal is the one the school's settings name
        (``profile``, else the data file's ``organization``: docgen.settings.database)."""
        if document_type.is_order and journal is not None:
            from .numbering import number_all

            journal.locate(profile or profile_of(data_path))
            result = number_all(self, document_type, [data], out_dir, journal, new_number=new_number,
                                replace=replace, school_folders=by_school)[0]
            if isinstance(result, BaseException):
                raise result
            return result
        school = getattr(getattr(data, "organization", None), "short_name", None) if by_school else None
        if school:
            out_dir = Path(out_dir) / safe_file_stem(school)
        if document_type.is_order and not getattr(data, "number", None):
            raise InputError("поле «number» (регистрационный номер): для приказа номер обязателен", file=data_path)
        from .placement import unrecorded

        content = self.render(document_type, data)
        path = unrecorded(Path(out_dir) / self.file_name(document_type, data), content)
        atomic_write_bytes(path, content)
        return Generated(path, document_type, data, getattr(data, "number", None))

    def produce_all(self, document_type: DocumentType, loaded: list, out_dir: Path, *, journal=None,
                    new_number: bool = False, stopping: Callable[[], bool] = lambda: False) -> list:
        """``produce`` for a batch's chunk (docgen.loading.Loaded inputs of one type), each school in
        its own sub-folder: for each input its Generated, the exception that refused it, or None
        when ``stopping()`` said to begin no more. Orders numbered by a journal take their numbers
        together, one transaction per school's store (docgen.numbering)."""
        results: list = [None] * len(loaded)
        if not (document_type.is_order and journal is not None):
            for index, item in enumerate(loaded):
                if stopping():
                    break
                try:
                    results[index] = self.produce(document_type, item.data, out_dir, data_path=item.path,
                                                  profile=item.profile, by_school=True)
                except Exception as exc:  # noqa: BLE001 — this input's failure, reported with it
                    results[index] = exc
            return results
        from .numbering import number_all

        stores: dict[str, list[int]] = {}
        for index, item in enumerate(loaded):
            journal.locate(item.profile)
            stores.setdefault(journal.url, []).append(index)
        for indices in stores.values():
            journal.locate(loaded[indices[0]].profile)
            try:
                done = number_all(self, document_type, [loaded[i].data for i in indices],
                                  out_dir, journal, new_number=new_number, school_folders=True, stopping=stopping)
            except Exception as exc:  # noqa: BLE001 — the store failed: every input of it says so
                done = [exc] * len(indices)
            for index, result in zip(indices, done):
                results[index] = result
        return results


def profile_of(data_path: Path | None) -> Path | None:
    """The profile a data file names in ``organization`` (a path relative to the file), whose
    folder's docgen.yaml may name the school's store; None for an inline organisation."""
    if data_path is None:
        return None
    from .loading import read_mapping

    given = read_mapping(Path(data_path)).get("organization")
    return (Path(data_path).parent / given).resolve() if isinstance(given, str) else None
