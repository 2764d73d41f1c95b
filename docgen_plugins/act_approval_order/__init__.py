"""Order approving local acts of the catalogue (Приказ об утверждении локальных нормативных актов):
one act («Об утверждении Положения о …») or a package, with the councils' protocols, the date the
acts come into force, earlier approving orders repealed, publication and acquaintance."""
from __future__ import annotations

from typing import TYPE_CHECKING

from docgen import DocumentType, data_dir, hookimpl

# The model and the context code are imported when the type is first used (references, not imports).
if TYPE_CHECKING:
    from .model import ActApprovalOrderInput

TITLE_CHARS = 70  # the act's title in a file name; the number and the date must fit after it


def file_stem(data: ActApprovalOrderInput) -> str:
    """«Приказ об утверждении Положения о … № 131-од от 11.12.2026»; a package, or a title too long
    for a file name, is named «локальных нормативных актов»."""
    from docgen.russian import inflect_phrase

    what = "локальных нормативных актов" if len(data.acts) > 1 else inflect_phrase(data.acts[0].title, "gent")
    if len(what) > TITLE_CHARS:
        what = "локального нормативного акта"
    return f"Приказ об утверждении {what} № {data.number} от {data.date:%d.%m.%Y}"


DOCUMENT_TYPE = DocumentType(
    slug="act-approval-order",
    title="Приказ об утверждении локальных нормативных актов",
    template="act-approval-order.docx",
    input_model=f"{__name__}.model:ActApprovalOrderInput",
    build_context=f"{__name__}.context:build_context",
    is_order=True,
    adoption=f"{__name__}.adoption:order_data",
    approves_acts=True,
    sample=data_dir("samples") / "tayandinskaya" / "act-approval-order.yaml",
    description="Утверждение одного или нескольких актов каталога (приложения — сами акты с грифом «УТВЕРЖДЕНО»): "
                "протоколы педагогического совета и мнения советов обучающихся и родителей, дата введения в "
                "действие, прежние приказы — утратившими силу, размещение на сайте, ознакомление работников, "
                "лист ознакомления.",
    file_stem=file_stem,
)


@hookimpl
def docgen_register_document_types(register):
    register(DOCUMENT_TYPE)
