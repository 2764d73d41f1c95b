"""Template of the acquaintance sheet of an approved local act: «Лист ознакомления с Положением о
…, утверждённым приказом … от … № …», and a table with a row for each staff member who must read
it (ТК РФ ст. 22): number, full name, position, then the date and signature written by hand. The
header row repeats on every page and no row splits (docgen.gost.table)."""
from __future__ import annotations

from docgen.blocks import NBSP
from docgen.gost import CENTER, Column, new_document, paragraph, table

TEMPLATE = "acquaintance-sheet.docx"


def build():
    doc = new_document()
    paragraph(doc, "{{ organization.full_name }}", align=CENTER, bold=True)
    paragraph(doc, "({{ organization.short_name }})", align=CENTER, space_after=18)
    paragraph(doc, "Лист ознакомления", align=CENTER, bold=True, keep_with_next=True)
    paragraph(doc, "с {{ act.title|inflect('ablt') }}, "
                   "{% if act.form == 'pl' %}утверждёнными{% else %}утверждённым{% endif %} приказом "
                   "{{ organization.short_name }} от {{ approved.date|date('numeric') }} "
                   "{{ approved.number|number_sign }}", align=CENTER, space_after=12, keep_with_next=True)
    paragraph(doc, "С {% if act.form == 'pl' %}локальными нормативными актами{% else %}локальным нормативным "
                   "актом{% endif %} ознакомлены (статья" + NBSP + "22 Трудового кодекса Российской "
                   "Федерации):", indent=True, space_after=6, keep_with_next=True)
    table(doc, [Column("№ п/п", 12, CENTER), Column("Фамилия, имя, отчество", 55), Column("Должность", 50),
                Column("Дата", 24, CENTER), Column("Подпись", 24)], [
        ["{%tr for p in readers %}", "", "", "", ""],
        ["{{ loop.index }}", "{{ p.full_name }}", "{{ p.position|capfirst }}", "", ""],
        ["{%tr endfor %}", "", "", "", ""],
    ], keep_tail=True)
    return doc
