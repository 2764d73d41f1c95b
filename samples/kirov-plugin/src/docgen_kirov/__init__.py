"""docgen plugin of a Kirov-region municipality (seed 003, Институт развития образования
Кировской области): the order on monitoring municipal indicators, the district's extra required
acts, and the district's wording of the built-in order creating the ВСОКО working group.

Built only with docgen's public API, as any district's plugin would be.
"""
from __future__ import annotations

from pathlib import Path

from docgen import DocumentType, hookimpl

from .context import build_context
from .model import MonitoringOrderInput

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "sample"
SAMPLE = SAMPLES / "monitoring-order.yaml"
TEMPLATES = HERE / "templates"
CATALOGUE = HERE / "catalogue" / "kirov-acts.yaml"

MONITORING_ORDER = DocumentType(
    slug="kirov-monitoring-order",
    title="Приказ о проведении мониторинга муниципальных показателей",
    template="kirov-monitoring-order.docx",
    input_model=MonitoringOrderInput,
    build_context=build_context,
    is_order=True,
    sample=SAMPLE,
    description="Управленческий документ МСОКО: сроки и этапы мониторинга, ответственные, участники "
                "(приложение 2), показатели и методы сбора информации (приложение 1), управленческие "
                "решения по итогам, в том числе о поощрении; лист ознакомления.",
)


@hookimpl
def docgen_register_document_types(register):
    register(MONITORING_ORDER)


@hookimpl
def docgen_register_template_dirs(register):
    # Holds the plugin's own template and working-group-order.docx, which overrides the
    # built-in template of that name with the district's wording.
    register(TEMPLATES)


@hookimpl
def docgen_register_catalogues(register):
    register(CATALOGUE)
