"""Regulation of the municipal competition of school ВСОКО models
(Положение о муниципальном конкурсе моделей внутренних систем оценки качества образования)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from docgen import DocumentType, data_dir, hookimpl

# The model and the context code are imported when the type is first used (references, not imports).
if TYPE_CHECKING:
    from .model import CompetitionRegulationInput


def file_stem(data: CompetitionRegulationInput) -> str:
    return (f"Положение о муниципальном конкурсе моделей ВСОКО (приказ № {data.approved.number} "
            f"от {data.approved.date:%d.%m.%Y})")


DOCUMENT_TYPE = DocumentType(
    slug="competition-regulation",
    title="Положение о муниципальном конкурсе моделей ВСОКО",
    template="competition-regulation.docx",
    input_model=f"{__name__}.model:CompetitionRegulationInput",
    build_context=f"{__name__}.context:build_context",
    is_order=False,
    sample=data_dir("samples") / "district-drozhzhanovsky" / "competition-regulation.yaml",
    description="Гриф «УТВЕРЖДЕНО приказом» органа управления образованием; разделы положения; приложения: "
                "заявка, согласие на обработку персональных данных, отдельное согласие на их распространение, "
                "оценочный лист по критериям, состав жюри (утверждается вместе с положением).",
    file_stem=file_stem,
)


@hookimpl
def docgen_register_document_types(register):
    register(DOCUMENT_TYPE)
