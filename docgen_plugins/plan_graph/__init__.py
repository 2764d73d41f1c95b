"""Plan-graph (road map) of the working group on improving the school's ВСОКО
(План-график (дорожная карта) работы рабочей группы)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from docgen import DocumentType, data_dir, hookimpl

# The model and the context code are imported when the type is first used (references, not imports).
if TYPE_CHECKING:
    from .model import PlanGraphInput


def file_stem(data: PlanGraphInput) -> str:
    return f"План-график (дорожная карта) (приказ № {data.approved.number} от {data.approved.date:%d.%m.%Y})"


DOCUMENT_TYPE = DocumentType(
    slug="plan-graph",
    title="План-график (дорожная карта) работы рабочей группы по ВСОКО",
    template="plan-graph.docx",
    input_model=f"{__name__}.model:PlanGraphInput",
    build_context=f"{__name__}.context:build_context",
    is_order=False,
    sample=data_dir("samples") / "tayandinskaya" / "plan-graph.yaml",
    description="Гриф «УТВЕРЖДЕН приказом»; мероприятия по блокам (нормативно-правовое, организационное, "
                "кадровое и методическое, аналитико-диагностическое, информационное обеспечение, подведение "
                "итогов); отметки о выполнении на дату; диаграмма Ганта.",
    file_stem=file_stem,
)


@hookimpl
def docgen_register_document_types(register):
    register(DOCUMENT_TYPE)
