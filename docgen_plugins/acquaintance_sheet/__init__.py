"""The acquaintance sheet of an approved local act («Лист ознакомления с Положением о …»): the act,
its approving order, and a row for each staff member who must read it (ТК РФ ст. 22) — number,
full name, position, date, signature. `docgen acts sheet` writes it from the registry; a data file
(`docgen generate acquaintance-sheet`) works too."""
from __future__ import annotations

from docgen import DocumentType, data_dir, hookimpl

DOCUMENT_TYPE = DocumentType(
    slug="acquaintance-sheet",
    title="Лист ознакомления с локальным нормативным актом",
    template="acquaintance-sheet.docx",
    input_model=f"{__name__}.model:AcquaintanceSheetInput",
    build_context=f"{__name__}.context:build_context",
    file_stem=f"{__name__}.context:file_stem",
    is_order=False,
    sample=data_dir("samples") / "tayandinskaya" / "acquaintance-sheet.yaml",
    description="Акт каталога и утвердивший его приказ; таблица № · ФИО · должность · дата · подпись, "
                "работники — по кругу ознакомляемых из каталога (audience) и штатному списку профиля.",
)


@hookimpl
def docgen_register_document_types(register):
    register(DOCUMENT_TYPE)
