"""Expert matrix (Оценочная матрица, seed 002): the blank matrix, the filled scoring sheets and
the summary protocol with the ranking — three document types reading one data file."""
from __future__ import annotations

from typing import TYPE_CHECKING

from docgen import DocumentType, data_dir, hookimpl

# The models and the context code are imported when a type is first used (references, not imports).
if TYPE_CHECKING:
    from .model import ProtocolInput

SAMPLE = data_dir("samples") / "novosibirsk" / "expert-matrix.yaml"
# The district competition's matrix (seed 001), read from the competition's data file.
COMPETITION_SAMPLE = (data_dir("samples") / "district-drozhzhanovsky" / "expert-matrix.yaml",)


def _protocol_stem(data: ProtocolInput) -> str:
    number = f" № {data.protocol.number}" if data.protocol.number else ""
    subject = "итоги экспертизы конкурсных материалов" if data.competition else "итоги оценки результативности"
    return f"Протокол{number} от {data.protocol.date:%d.%m.%Y} — {subject}"


def _stem(title: str):
    """A competition's matrix and sheets are named as such: a district that also scores a network's
    participants (seed 002) keeps two files apart by name, not by «(2)»."""
    def stem(data) -> str:
        return f"{title} конкурса" if getattr(data, "competition", None) else title
    return stem


MATRIX = DocumentType(
    slug="expert-matrix",
    title="Оценочная матрица",
    template="expert-matrix.docx",
    input_model=f"{__name__}.model:ExpertMatrixInput",
    build_context=f"{__name__}.matrix:matrix_context",
    sample=SAMPLE,
    more_samples=COMPETITION_SAMPLE,
    file_stem=_stem("Оценочная матрица"),
    description="Бланк матрицы: критерии видов участников рядом, уровни с баллами, процедура и инструмент; "
                "гриф «УТВЕРЖДЕНА», согласование руководителей.",
)

SHEETS = DocumentType(
    slug="expert-scoring-sheets",
    title="Оценочные листы участников",
    template="expert-scoring-sheets.docx",
    input_model=f"{__name__}.model:ScoredMatrixInput",
    build_context=f"{__name__}.sheets:sheets_context",
    sample=SAMPLE,
    more_samples=COMPETITION_SAMPLE,
    file_stem=_stem("Оценочные листы участников"),
    description="Лист на каждого участника: баллы экспертов по критериям, средний балл, итог, доля от "
                "максимума, расхождения оценок, подписи экспертов.",
)

PROTOCOL = DocumentType(
    slug="expert-protocol",
    title="Протокол подведения итогов оценки",
    template="expert-protocol.docx",
    input_model=f"{__name__}.model:ProtocolInput",
    build_context=f"{__name__}.protocol:protocol_context",
    sample=SAMPLE,
    more_samples=COMPETITION_SAMPLE,
    description="Протокол заседания экспертной группы: порядок подсчёта, рейтинг с равными местами, "
                "расхождения оценок, решение, подписи председателя и секретаря.",
    file_stem=_protocol_stem,
)


@hookimpl
def docgen_register_document_types(register):
    for document_type in (MATRIX, SHEETS, PROTOCOL):
        register(document_type)
