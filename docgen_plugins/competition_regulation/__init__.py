"""Regulation of the municipal competition of school ВСОКО models
(Положение о муниципальном конкурсе моделей внутренних систем оценки качества образования), the
three orders of the education authority around it — approving the Положение, forming the jury and
the expert group, on the results — and the protocol of the jury's meeting the results order rests
on, all reading one competition data file (``competition.py``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from docgen import DataModel, DocumentType, data_dir, hookimpl

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


SAMPLES = data_dir("samples") / "district-drozhzhanovsky"


def _order_stem(what: str):
    def stem(data) -> str:
        return f"Приказ {what} № {data.number} от {data.date:%d.%m.%Y}"
    return stem


REGULATION_ORDER = DocumentType(
    slug="competition-regulation-order",
    title="Приказ об утверждении положения о муниципальном конкурсе",
    template="competition-regulation-order.docx",
    input_model=f"{__name__}.orders:RegulationOrderInput",
    build_context=f"{__name__}.orders_context:regulation_order_context",
    is_order=True,
    sample=SAMPLES / "competition-regulation-order.yaml",
    description="Приказ органа управления образованием: утвердить положение (оно — приложение с грифом "
                "«УТВЕРЖДЕНО приказом»), провести конкурс в сроки этапов, поручения с ответственными и сроками. "
                "Данные конкурса — из файла конкурса (competition).",
    file_stem=_order_stem("об утверждении положения о муниципальном конкурсе"),
)

JURY_ORDER = DocumentType(
    slug="competition-jury-order",
    title="Приказ о составе жюри и экспертной группы конкурса",
    template="competition-jury-order.docx",
    input_model=f"{__name__}.orders:JuryOrderInput",
    build_context=f"{__name__}.orders_context:jury_order_context",
    is_order=True,
    sample=SAMPLES / "competition-jury-order.yaml",
    description="Состав жюри и экспертной группы (председатель, секретарь, члены с должностями и местом работы; "
                "работники школ-участниц не входят), сроки экспертизы и протокола, лист ознакомления.",
    file_stem=_order_stem("о составе жюри и экспертной группы конкурса"),
)

RESULTS_ORDER = DocumentType(
    slug="competition-results-order",
    title="Приказ об итогах муниципального конкурса",
    template="competition-results-order.docx",
    input_model=f"{__name__}.orders:ResultsOrderInput",
    build_context=f"{__name__}.orders_context:results_order_context",
    is_order=True,
    sample=SAMPLES / "competition-results-order.yaml",
    description="Итоги по протоколу экспертной группы (дата и номер): места в каждой номинации, дипломы "
                "победителей и призёров, сертификаты участникам, размещение итогов на сайте.",
    file_stem=_order_stem("об итогах муниципального конкурса"),
)


def _jury_protocol_stem(data) -> str:
    p = data.competition.jury_protocol
    return f"Протокол заседания жюри конкурса № {p.number} от {p.date:%d.%m.%Y}"


JURY_PROTOCOL = DocumentType(
    slug="competition-jury-protocol",
    title="Протокол заседания жюри конкурса",
    template="competition-jury-protocol.docx",
    input_model=f"{__name__}.protocol:JuryProtocolInput",
    build_context=f"{__name__}.protocol_context:jury_protocol_context",
    is_order=False,
    sample=SAMPLES / "competition-jury-protocol.yaml",
    description="Протокол заседания жюри: председатель и секретарь (роли в жюри), присутствовавшие и кворум "
                "(не менее двух третей состава), доклад руководителя экспертной группы по её протоколу и итоги "
                "очного этапа, места в каждой номинации, голосование, подписи. Данные — из файла конкурса "
                "(jury_protocol); на протокол ссылается приказ об итогах.",
    file_stem=_jury_protocol_stem,
)


@hookimpl
def docgen_register_document_types(register):
    for document_type in (DOCUMENT_TYPE, REGULATION_ORDER, JURY_ORDER, JURY_PROTOCOL, RESULTS_ORDER):
        register(document_type)


# The competition's data file, shared by name: the expert matrix (another plugin) and a district's
# own documents read it through docgen.data_model("competition") / docgen.read_shared, not by import.
COMPETITION = DataModel("competition", f"{__name__}.competition:Competition", title="конкурса")


@hookimpl
def docgen_register_data_models(register):
    register(COMPETITION)
