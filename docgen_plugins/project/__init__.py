"""A project's own documents (seeds 000, 001, 004): the project passport and the application for
the status of a municipal innovation platform — two document types, two templates, one input
model (the application's adds only the check that the form's sections are filled), so a project
is described once and both documents say the same."""
from __future__ import annotations

from typing import TYPE_CHECKING

from docgen import DocumentType, data_dir, hookimpl

# The model and the context code are imported when a type is first used (references, not imports).
if TYPE_CHECKING:
    from .model import ProjectInput

SAMPLES = data_dir("samples")
MODEL = f"{__name__}.model:ProjectInput"
# The application reads the same fields; its model also requires the sections of the form.
APPLICATION_MODEL = f"{__name__}.model:ApplicationInput"


def _title(data: ProjectInput) -> str:
    return data.title.strip("«»\"")


def passport_stem(data: ProjectInput) -> str:
    return f"Паспорт проекта «{_title(data)}»"


def application_stem(data: ProjectInput) -> str:
    return f"Заявка на статус МИП — проект «{_title(data)}»"


PASSPORT = DocumentType(
    slug="project-passport",
    title="Паспорт проекта",
    template="project-passport.docx",
    input_model=MODEL,
    build_context=f"{__name__}.context:build_context",
    sample=SAMPLES / "yaroslavl" / "project.yaml",
    more_samples=(SAMPLES / "district-drozhzhanovsky" / "project.yaml", SAMPLES / "tayandinskaya" / "project.yaml"),
    description="Сводная таблица (наименование, направления, руководитель, исполнители, сроки, цель, задачи), "
                "обоснование, этапы с результатами и продуктами, механизмы реализации (направление, мероприятия, "
                "сроки, ответственные), ресурсы, продукты, изменения, риски, распространение, показатели.",
    file_stem=passport_stem,
)

APPLICATION = DocumentType(
    slug="project-application",
    title="Заявка на участие в конкурсном отборе на статус муниципальной инновационной площадки",
    template="project-application.docx",
    input_model=APPLICATION_MODEL,
    build_context=f"{__name__}.context:build_context",
    sample=SAMPLES / "yaroslavl" / "project.yaml",
    description="Разделы 1–10 формы заявки (направления, обоснование, цель и задачи, срок и механизмы "
                "реализации, изменения в МСО, ресурсы, продукты, риски, распространение, исполнители с "
                "руководителями), показатели; подпись руководителя проекта.",
    file_stem=application_stem,
)


@hookimpl
def docgen_register_document_types(register):
    for document_type in (PASSPORT, APPLICATION):
        register(document_type)
