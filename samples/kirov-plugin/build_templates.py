"""Rebuild the plugin's templates from code: `python build_templates.py` (needs docgen installed).

- kirov-monitoring-order.docx — the order on monitoring municipal indicators, with docgen's ГОСТ
  blocks (order header, signature, annex marks, acquaintance sheet);
- working-group-order.docx — docgen's built-in template of that name with the preamble in the
  district's wording; because plugins' template folders are searched before the built-in one,
  this file wins wherever the plugin is installed.
"""
from __future__ import annotations

from pathlib import Path

import docx

from docgen import data_dir
from docgen.blocks import NBSP, acquaintance_sheet, annex_mark, order_head, signature
from docgen.gost import CENTER, LEFT, Column, new_document, paragraph, table
from docgen.russian import typeset_template

OUT = Path(__file__).resolve().parent / "src" / "docgen_kirov" / "templates"

ROSOBRNADZOR_LETTER = (f"письмом Федеральной службы по надзору в сфере образования и науки от 20.04.2021 №{NBSP}08-70 "
                       "«О направлении материалов по организации мониторинга системы управления качеством "
                       "образования органов местного самоуправления»")
KIROV_ORDER = (f"распоряжением министерства образования Кировской области от 22.06.2021 №{NBSP}782 «О проведении "
               "мониторинга системы управления качеством образования органов местного самоуправления в Кировской "
               "области в 2021 году»")


def item(doc, text: str, **kwargs) -> None:
    paragraph(doc, text, indent=True, **kwargs)


def monitoring_order():
    doc = new_document()
    order_head(doc, "О проведении мониторинга муниципальных показателей {{ mechanism }}")
    item(doc, f"В соответствии с {ROSOBRNADZOR_LETTER}, {KIROV_ORDER}"
              "{% if basis %}, {{ basis }}{% endif %}, в целях {{ purpose }}")
    paragraph(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6, keep_with_next=True)
    item(doc, "1. Провести мониторинг муниципальных показателей {{ mechanism }} (далее — мониторинг) в период "
              "с {{ period.start|date('numeric') }} по {{ period.end|date('numeric') }}.")
    item(doc, "2. Утвердить:")
    item(doc, "2.1. Перечень муниципальных показателей и методов сбора информации (приложение 1).")
    item(doc, "2.2. Список участников мониторинга (приложение 2).")
    item(doc, "3. Назначить {{ coordinator|fio('accs') }}, {{ coordinator.position|inflect('accs') }}, "
              "муниципальным координатором мониторинга.")
    item(doc, "{%p for s in steps %}")
    item(doc, "{{ s.number }}. {{ s.responsible.position|inflect('datv')|capfirst }} "
              "{{ s.responsible|surname_initials('datv') }} {{ s.action }} в срок до {{ s.deadline|date('numeric') }}.")
    item(doc, "{%p endfor %}")
    item(doc, "{{ participants_item }}. Руководителям организаций — участников мониторинга (приложение 2) "
              "обеспечить предоставление сведений по муниципальным показателям муниципальному координатору "
              "мониторинга в срок до {{ submission_deadline|date('numeric') }}.")
    item(doc, "{%p for d in decisions %}")
    item(doc, "{{ d.number }}. По итогам мониторинга {{ d.responsible.position|inflect('datv') }} "
              "{{ d.responsible|surname_initials('datv') }} {{ d.action }} в срок до {{ d.deadline|date('numeric') }}.")
    item(doc, "{%p endfor %}")
    item(doc, "{{ control_item }}. {% if control %}Контроль за исполнением приказа возложить на "
              "{{ control.position|inflect('accs') }} {{ control|surname_initials('accs') }}"
              "{% else %}Контроль за исполнением приказа оставляю за собой.{% endif %}", keep_with_next=True)
    signature(doc)

    annex_mark(doc, 1)
    paragraph(doc, "Перечень", align=CENTER, bold=True, space_before=18)
    paragraph(doc, "муниципальных показателей {{ mechanism }} и методов сбора информации", align=CENTER, bold=True,
              space_after=12)
    table(doc, [Column("№ п/п", 12, CENTER), Column("Показатель", 68), Column("Метод сбора информации", 45),
                Column("Источник сведений", 40)], [
        ["{%tr for i in indicators %}", "", "", ""],
        ["{{ loop.index }}", "{{ i.name|capfirst }}", "{{ i.method|capfirst }}", "{{ i.source|capfirst }}"],
        ["{%tr endfor %}", "", "", ""],
    ])

    annex_mark(doc, 2)
    paragraph(doc, "Список", align=CENTER, bold=True, space_before=18)
    paragraph(doc, "участников мониторинга", align=CENTER, bold=True, space_after=12)
    table(doc, [Column("№ п/п", 12, CENTER), Column("Организация", 75),
                Column("Ответственный за предоставление сведений", 78)], [
        ["{%tr for p in participants %}", "", ""],
        ["{{ loop.index }}", "{{ p.name }}", "{{ p.contact|surname_initials }}, {{ p.contact.position }}"],
        ["{%tr endfor %}", "", ""],
    ])

    acquaintance_sheet(doc, "acquainted")
    return doc


def working_group_order():
    """The built-in order with the district's preamble: the same variables, other wording."""
    doc = docx.Document(str(data_dir("templates") / "working-group-order.docx"))
    preamble = next(p for p in doc.paragraphs if "{{ purpose }}" in p.text)  # the built-in may open with the purpose
    for run in preamble.runs[1:]:
        run._r.getparent().remove(run._r)
    # Text set on a run directly is not typeset by docgen.gost's paragraph: typeset it here
    # («273‑ФЗ» with a non-breaking hyphen, no dash at a line's start).
    preamble.runs[0].text = typeset_template(
        "В соответствии с пунктом 13 части 3 статьи 28 Федерального закона от 29.12.2012 "
        f"№{NBSP}273-ФЗ «Об образовании в Российской Федерации», {ROSOBRNADZOR_LETTER}, "
        "методическими рекомендациями КОГОАУ ДПО «Институт развития образования Кировской области» "
        "по формированию управленческих команд по разработке механизмов оценки качества образования"
        "{% if basis %}, {{ basis }}{% endif %}, в целях {{ purpose }}")
    return doc


BUILDERS = {"kirov-monitoring-order.docx": monitoring_order, "working-group-order.docx": working_group_order}

if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        build().save(str(OUT / name))
        print(OUT / name)
