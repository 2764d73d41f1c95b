"""Order creating the working group on improving the school's ВСОКО (Приказ о создании рабочей группы)."""
from __future__ import annotations

from docgen import DocumentType, data_dir, hookimpl

# The model and the context code are imported when the type is first used (references, not imports).

DOCUMENT_TYPE = DocumentType(
    slug="working-group-order",
    title="Приказ о создании рабочей группы по совершенствованию ВСОКО",
    template="working-group-order.docx",
    input_model=f"{__name__}.model:WorkingGroupOrderInput",
    build_context=f"{__name__}.context:build_context",
    is_order=True,
    sample=data_dir("samples") / "tayandinskaya" / "working-group-order.yaml",
    description="Создание рабочей группы, её состав (прилагается с грифом «УТВЕРЖДЕН»), поручения, лист ознакомления.",
)


@hookimpl
def docgen_register_document_types(register):
    register(DOCUMENT_TYPE)
