"""What the three orders of a municipal competition share: the reference to the Положение and
its approving order, an item charging a staff member, the final control item and the tables of
the jury and the expert group."""
from __future__ import annotations

from docgen.blocks import NBSP, annex_mark
from docgen.russian import NB_HYPHEN
from docgen.gost import CENTER, LEFT, Column, paragraph, table

# The federal law in the instrumental case, as the Положение cites it («В соответствии с …»).
LAW_273_INS = f"Федеральным законом от 29.12.2012 №{NBSP}273{NB_HYPHEN}ФЗ «Об образовании в Российской Федерации»"
TITLE_GENT = "{{ competition.title|inflect('gent') }}"
TITLE_LOCT = "{{ competition.title|inflect('loct') }}"
# «Положением о муниципальном конкурсе …, утверждённым приказом МКУ «ОО ИК ДМР РТ» от 14.09.2026 № 145»
BY_REGULATION = (f"В соответствии с Положением о {TITLE_LOCT}, утверждённым приказом {{{{ organization.short_name }}}} "
                 "от {{ regulation.date|date('numeric') }} {{ regulation.number|number_sign }}")


def person(variable: str) -> str:
    """«Заместителю начальника по учебно-методической работе Замалтдиновой Э.С.»"""
    return f"{{{{ {variable}.position|inflect('datv')|capfirst }}}} {{{{ {variable}|surname_initials('datv') }}}}"


def charge(doc, item: str, who: str, action: str) -> None:
    """«N. Кому-то сделать … в срок до ДД.ММ.ГГГГ.» for an assignment {person, deadline}."""
    paragraph(doc, f"{{{{ items.{item} }}}}. {person(who + '.person')} {action} в срок до "
                   f"{{{{ {who}.deadline|date('numeric') }}}}.", indent=True)


def control(doc) -> None:
    paragraph(doc, "{{ items.control }}. {% if control %}Контроль за исполнением приказа возложить на "
                   "{{ control.position|inflect('accs') }} {{ control|surname_initials('accs') }}"
                   "{% else %}Контроль за исполнением приказа оставляю за собой.{% endif %}", indent=True,
              keep_with_next=True)  # a signature never stands alone on a page


def composition(doc, n: int, title: str, members: str, body_gent: str) -> None:
    """An annex of the jury order: «Приложение N к приказу …», «Состав …» and the table
    № · ФИО · должность, место работы · роль (the workplace on a line of its own)."""
    annex_mark(doc, n)
    paragraph(doc, "Состав", align=CENTER, bold=True, space_before=12)
    paragraph(doc, f"{title} {TITLE_GENT}", align=CENTER, bold=True, space_after=12)
    # One of the list known by initials only: the whole column is surnames and initials, and says so.
    short = f"{members}_by_initials"
    table(doc, [Column("№ п/п", 12, CENTER),
                Column(f"{{% if {short} %}}Фамилия, инициалы{{% else %}}Фамилия, имя, отчество{{% endif %}}", 45),
                Column("Должность, место работы", 72), Column(f"Роль в {body_gent}", 36, LEFT)], [
        [f"{{%tr for m in {members} %}}", "", "", ""],
        ["{{ loop.index }}", f"{{% if {short} %}}{{{{ m.person|surname_initials }}}}{{% else %}}{{{{ m.person|fio }}}}"
                            "{% endif %}", "{{ m.person.position|capfirst }}, {{ m.workplace }}",
         "{{ m.role|capfirst }}"],
        ["{%tr endfor %}", "", "", ""],
    ], keep_tail=True)


__all__ = ["BY_REGULATION", "LAW_273_INS", "NBSP", "TITLE_GENT", "TITLE_LOCT", "charge", "composition", "control", "person"]
