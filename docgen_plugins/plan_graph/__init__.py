"""Plan-graph (road map) of the working group on improving the school's ВСОКО
(План-график (дорожная карта) работы рабочей группы) and the report on its execution: two document
types reading one plan file — the approved annex as it was approved, and a dated report that adds
what was done since."""
from __future__ import annotations

from typing import TYPE_CHECKING

from docgen import DocumentType, data_dir, hookimpl

# The models and the context code are imported when a type is first used (references, not imports).
if TYPE_CHECKING:
    from .model import PlanGraphInput
    from .report_model import PlanGraphReportInput

SAMPLES = data_dir("samples") / "tayandinskaya"


def file_stem(data: PlanGraphInput) -> str:
    return f"План-график (дорожная карта) (приказ № {data.approved.number} от {data.approved.date:%d.%m.%Y})"


def report_file_stem(data: PlanGraphReportInput) -> str:
    return f"Отчёт об исполнении плана-графика на {data.as_of:%d.%m.%Y}"


PLAN_GRAPH = DocumentType(
    slug="plan-graph",
    title="План-график (дорожная карта) работы рабочей группы по ВСОКО",
    template="plan-graph.docx",
    input_model=f"{__name__}.model:PlanGraphInput",
    build_context=f"{__name__}.context:build_context",
    is_order=False,
    sample=SAMPLES / "plan-graph.yaml",
    form_sample=SAMPLES / "inline" / "plan-graph.yaml",
    description="Гриф «УТВЕРЖДЕН приказом»; мероприятия по блокам (нормативно-правовое, организационное, "
                "кадровое и методическое, аналитико-диагностическое, информационное обеспечение, подведение "
                "итогов): сроки, исполнители, результаты, показатели — как утверждено, без отметок о выполнении.",
    file_stem=file_stem,
)

REPORT = DocumentType(
    slug="plan-graph-report",
    title="Отчёт об исполнении плана-графика (дорожной карты)",
    template="plan-graph-report.docx",
    input_model=f"{__name__}.report_model:PlanGraphReportInput",
    build_context=f"{__name__}.report:build_report_context",
    is_order=False,
    sample=SAMPLES / "plan-graph-report.yaml",
    description="По состоянию на дату: итоги (выполнено, выполняется, просрочено, срок не наступил, доли в %), "
                "отметка об исполнении и примечание по каждому мероприятию утверждённого плана-графика, "
                "диаграмма Ганта; подпись руководителя рабочей группы.",
    file_stem=report_file_stem,
)


@hookimpl
def docgen_register_document_types(register):
    for document_type in (PLAN_GRAPH, REPORT):
        register(document_type)
