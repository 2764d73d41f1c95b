"""A local normative act of the catalogue (Положение, Порядок, Правила) written from its content
file (``acts/<act-id>.yaml`` along the template path), with the grifs of its adoption: ПРИНЯТО by
the pedagogical council, УЧТЕНО the opinion of the councils of pupils and parents when it touches
pupils' rights (ст. 30 ч. 3 273-ФЗ), УТВЕРЖДЕНО by the head's order — or «ПРОЕКТ» before that."""
from __future__ import annotations

from docgen import DocumentType, data_dir, hookimpl

SAMPLES = data_dir("samples") / "tayandinskaya"
# The acts `docgen demo` writes, one sample data file each (the first is the type's sample).
DEMO = (
    SAMPLES / "local-act-vsoko.yaml",
    SAMPLES / "local-act-self-evaluation.yaml",
    SAMPLES / "local-act-working-group.yaml",
    SAMPLES / "local-act-assessment.yaml",
    SAMPLES / "local-act-internal-monitoring.yaml",
    SAMPLES / "local-act-internal-control.yaml",
)

DOCUMENT_TYPE = DocumentType(
    slug="local-act",
    title="Локальный нормативный акт (положение, порядок, правила)",
    template="local-act.docx",
    input_model=f"{__name__}.model:LocalActInput",
    build_context=f"{__name__}.context:build_context",
    file_stem=f"{__name__}.context:file_stem",
    adoption=f"{__name__}.adoption:act_data",
    is_order=False,
    sample=DEMO[0],
    more_samples=DEMO[1:],
    description="Акт каталога по файлу содержания acts/<код>.yaml: разделы и пункты 1.1, 1.2.1, термины, "
                "таблицы; грифы «ПРИНЯТО» (педсовет), «УЧТЕНО мнение» (советы обучающихся и родителей), "
                "«УТВЕРЖДЕНО приказом» или «ПРОЕКТ».",
)


@hookimpl
def docgen_register_document_types(register):
    register(DOCUMENT_TYPE)
