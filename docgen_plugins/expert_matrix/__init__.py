"""Expert matrix (Оценочная матрица, seed 002): the blank matrix, the filled scoring sheets and
the summary protocol with the ranking — three document types reading one data file."""
from __future__ import annotations

from docgen import DocumentType, data_dir, hookimpl

from .matrix import matrix_context
from .model import ExpertMatrixInput, ProtocolInput, ScoredMatrixInput
from .protocol import protocol_context
from .sheets import sheets_context

SAMPLE = data_dir("samples") / "novosibirsk" / "expert-matrix.yaml"


def _protocol_stem(data: ProtocolInput) -> str:
    number = f" № {data.protocol.number}" if data.protocol.number else ""
    return f"Протокол{number} от {data.protocol.date:%d.%m.%Y} — итоги оценки результативности"


MATRIX = DocumentType(
    slug="expert-matrix",
    title="Оценочная матрица",
    template="expert-matrix.docx",
    input_model=ExpertMatrixInput,
    build_context=matrix_context,
    sample=SAMPLE,
    description="Бланк матрицы: критерии видов участников рядом, уровни с баллами, процедура и инструмент; "
                "гриф «УТВЕРЖДЕНА», согласование руководителей.",
)

SHEETS = DocumentType(
    slug="expert-scoring-sheets",
    title="Оценочные листы участников",
    template="expert-scoring-sheets.docx",
    input_model=ScoredMatrixInput,
    build_context=sheets_context,
    sample=SAMPLE,
    description="Лист на каждого участника: баллы экспертов по критериям, средний балл, итог, доля от "
                "максимума, расхождения оценок, подписи экспертов.",
)

PROTOCOL = DocumentType(
    slug="expert-protocol",
    title="Протокол подведения итогов оценки",
    template="expert-protocol.docx",
    input_model=ProtocolInput,
    build_context=protocol_context,
    sample=SAMPLE,
    description="Протокол заседания экспертной группы: порядок подсчёта, рейтинг с равными местами, "
                "расхождения оценок, решение, подписи председателя и секретаря.",
    file_stem=_protocol_stem,
)


@hookimpl
def docgen_register_document_types(register):
    for document_type in (MATRIX, SHEETS, PROTOCOL):
        register(document_type)
