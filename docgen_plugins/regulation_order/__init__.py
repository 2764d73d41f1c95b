"""Order approving the regulation of work on improving the school's ВСОКО
(Приказ об утверждении регламента работы по совершенствованию ВСОКО)."""
from __future__ import annotations

from docgen import DocumentType, data_dir, hookimpl

# The model and the context code are imported when the type is first used (references, not imports).

DOCUMENT_TYPE = DocumentType(
    slug="regulation-order",
    title="Приказ об утверждении регламента работы по совершенствованию ВСОКО",
    template="regulation-order.docx",
    input_model=f"{__name__}.model:RegulationOrderInput",
    build_context=f"{__name__}.context:build_context",
    is_order=True,
    sample=data_dir("samples") / "tayandinskaya" / "regulation-order.yaml",
    form_sample=data_dir("samples") / "tayandinskaya" / "inline" / "regulation-order.yaml",
    description="Регламент (приложение 1): мероприятия, сроки, исполнители, результаты; "
                "мероприятия по актам из реестра; лист ознакомления.",
)


@hookimpl
def docgen_register_document_types(register):
    register(DOCUMENT_TYPE)
