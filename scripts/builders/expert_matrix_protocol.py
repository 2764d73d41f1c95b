"""Template of the protocol of the expert group's meeting that sums up the matrix: how the scores
were counted, the ranking (equal shares share a place, named as such; places in Roman numerals,
«I место», as a competition's places are written), divergent marks, the decisions, the chair's and
the secretary's signatures."""
from __future__ import annotations

from docx.shared import Pt

from builders._tables import control_row, grid_table, put
from docgen.gost import CENTER, LEFT, new_document, paragraph, repeat_header_row

TEMPLATE = "expert-protocol.docx"

# Words the scoring sheets say too: how a mean is rounded, how far apart marks may be.
ROUNDED = "{% if mean_digits == 0 %}до целых{% elif mean_digits == 1 %}до десятых{% else %}до сотых{% endif %}"
MORE_THAN = "более {{ divergence|plural('балл', 'gent') }}"
# The one rule that makes a participant's total (docgen.scoring.total_of), stated where it is used.
TOTAL_RULE = ("Итоговый балл участника — среднее арифметическое итоговых баллов экспертов (сумм баллов, "
              f"выставленных каждым экспертом по всем критериям), округлённое {ROUNDED} по правилам "
              "математического округления; доля от максимальной суммы баллов вычисляется по неокруглённому "
              "среднему. Средние баллы по критериям приведены в оценочных листах для сведения и в итоговый балл "
              "не складываются.")
ROLE = ("{% if m.role == 'chair' %} ({% if m.leader %}руководитель{% else %}председатель{% endif %})"
        "{% elif m.role == 'secretary' %} (секретарь){% endif %}")


def abbreviations(doc, items: str, **options) -> None:
    """The data's abbreviations this document uses, expanded before their first use."""
    paragraph(doc, f"{{%p if {items} %}}")
    paragraph(doc, f"Сокращения: {{% for a in {items} %}}{{{{ a.full }}}} ({{{{ a.short }}}})"
                   "{% if not loop.last %}, {% endif %}{% endfor %}.", **options)
    paragraph(doc, "{%p endif %}")


def ranking_table(doc) -> None:
    t = grid_table(doc, (16, 79, 24, 22, 24), 4)  # the participant column holds «МБОУ «СОШ № 2»» unbroken
    for cell, text in zip(t.rows[0].cells, ("Место", "Участник", "Итоговый балл", "Макс. балл",
                                            "Доля от максимума")):
        put(cell, text, bold=True, align=CENTER)
        for run in cell.paragraphs[0].runs:
            run.font.size = Pt(11)  # header words fit their columns unbroken
    repeat_header_row(t.rows[0])
    control_row(t.rows[1], "{%tr for r in g.rows %}")
    for cell, text, align in zip(t.rows[2].cells, (
            "{% if r.place %}{{ r.place|roman }}{% else %}—{% endif %}", "{{ r.short_name }}{% if overall and kinds|length > 1 %} ({{ r.kind_lower }}){% endif %}",
            "{{ r.total }}", "{{ r.max }}", "{{ r.share }}"), (CENTER, LEFT, CENTER, CENTER, CENTER)):
        put(cell, text, align=align)
    control_row(t.rows[3], "{%tr endfor %}")


def build():
    doc = new_document()
    paragraph(doc, "{{ org_full }}", align=CENTER, bold=True)
    # A competition's protocol: the short name the members' workplaces use, introduced as the orders of the
    # competition introduce it.
    paragraph(doc, "{%p if competition and org_short != org_full %}")
    paragraph(doc, "({{ org_short }})", align=CENTER)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "ПРОТОКОЛ", align=CENTER, bold=True, space_before=18)
    paragraph(doc, "заседания экспертной группы", align=CENTER, space_after=12)
    # The date on the left, the number at the right margin, as in the orders (docgen.blocks).
    paragraph(doc, "{{ protocol.date|date }}{% if protocol.number %}\t{{ protocol.number|number_sign }}{% endif %}",
              align=LEFT, tab_right=True)
    paragraph(doc, "{{ protocol.place }}", align=CENTER, space_before=6, space_after=18)
    paragraph(doc, "{% if competition %}Об итогах экспертизы конкурсных материалов {{ competition|inflect('gent') }}"
                   "{% else %}Об итогах оценки результативности работы участников сетевого сообщества{% endif %}",
              align=CENTER, bold=True, space_after=12)

    abbreviations(doc, "abbreviations", indent=True)
    paragraph(doc, "{% if chair.leader %}Руководитель экспертной группы{% else %}Председатель{% endif %} — "
                   "{{ chair.person|initials }}.", indent=True)
    paragraph(doc, "{%p if secretary %}")
    paragraph(doc, "Секретарь — {{ secretary.person|initials }}.", indent=True)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "Присутствовали: {{ present|length }} из {{ members|plural('член', 'gent') }} экспертной группы; "
                   "кворум имеется:", indent=True, keep_with_next=True)
    paragraph(doc, "{%p for m in present %}")
    paragraph(doc, f"– {{{{ m.person|initials }}}} — {{{{ m.person.position }}}}, {{{{ m.workplace }}}}{ROLE}"
                   "{% if loop.last %}.{% else %};{% endif %}", indent=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p if absent %}")
    paragraph(doc, "Отсутствовали: {% for m in absent %}{{ m.person|initials }} ({{ m.person.position }}, "
                   "{{ m.workplace }}){% if not loop.last %}, {% endif %}{% endfor %}.", indent=True)
    paragraph(doc, "{%p endif %}")

    paragraph(doc, "Повестка дня:", indent=True, space_before=12, keep_with_next=True)
    # A period ending in «г.» takes no second period.
    paragraph(doc, "Подведение итогов оценки по матрице «{{ title }}»{% if period %} за период: {{ period }}"
                   "{% if not period.endswith('.') %}.{% endif %}{% else %}.{% endif %}", indent=True)

    paragraph(doc, "СЛУШАЛИ:", align=LEFT, space_before=12, keep_with_next=True)
    # The group's leader chairs its meeting: named as the order forming the group names them.
    paragraph(doc, "{{ chair.person|surname_initials('accs') }}, {% if chair.leader %}руководителя{% else %}"
                   "председателя{% endif %} экспертной группы, о результатах "
                   "оценки. {% if all_scored_all %}Каждого участника оценили все эксперты{% else %}Участников "
                   "оценили эксперты{% endif %} по критериям оценочной матрицы, выставив балл по каждому критерию"
                   "{% if has_bands %}; по критериям с порогами балл определён по проценту выполнения, как он "
                   "измерен, без округления{% endif %}."
                   "{% if not all_scored_all %} Оценивали участников:{% endif %}", indent=True,
              keep_with_next=True)
    # Who scored whom, and who did not score the organisation they work at (generated from the marks).
    paragraph(doc, "{%p if not all_scored_all %}")
    paragraph(doc, "{%p for s in scorers %}")
    paragraph(doc, "– {{ s.short_name }} — {% for e in s.experts %}{{ e|initials }}{% if not loop.last %}, "
                   "{% endif %}{% endfor %}{% if s.recused %} ({% for e in s.recused %}{{ e|initials }}"
                   "{% if loop.revindex > 2 %}, {% elif loop.revindex == 2 %} и {% endif %}{% endfor %} "
                   "{% if s.recused|length > 1 %}работают{% else %}работает{% endif %} в этой организации и "
                   "не {% if s.recused|length > 1 %}оценивали{% else %}оценивал{{ s.recused[0]|agree('', 'а') }}"
                   "{% endif %} её){% endif %}{% if loop.last %}.{% else %};{% endif %}", align=LEFT, indent=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p for c in cross %}")
    paragraph(doc, "{% for e in c.experts %}{{ e|initials }}{% if loop.revindex > 2 %}, {% elif loop.revindex == 2 %} и "
                   "{% endif %}{% endfor %} — {% if c.experts|length > 1 %}сотрудники{% else %}сотрудник{% endif %} "
                   "{{ c.employer }} ({{ c.kind_gent }}) — {% if c.experts|length > 1 %}оценивали{% else %}оценивал"
                   "{{ c.experts[0]|agree('', 'а') }}{% endif %} участников {% if c.nomination %}другой номинации: "
                   "места в каждой номинации определяются отдельно, и эти оценки не входят в итоговый балл "
                   "{{ c.employer }}{% else %}другого вида: места каждого вида определяются отдельно, и эти оценки "
                   "не входят в итоговый балл {{ c.kind_gent }}{% endif %}.", indent=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p endif %}")
    paragraph(doc, TOTAL_RULE, indent=True)
    # A competition's places are the jury's (its Положение): the group ranks and proposes; equal
    # totals share a place only where the competition's data allow it, otherwise the jury votes.
    paragraph(doc, "{% if different_max %}{% if nominations %}Номинации{% else %}Виды участников{% endif %} "
                   "оцениваются по разным наборам критериев (максимальная сумма баллов {% for k in kinds %}"
                   "{% if k.nomination %}в номинации «{{ k.nomination }}»{% else %}{{ k.gent }}{% endif %} — "
                   "{{ k.max }}{% if not loop.last %}, "
                   "{% endif %}{% endfor %}), поэтому места{% elif jury_decides %}Предлагаемые места{% else %}"
                   "Места{% endif %} определены по итоговому баллу{% if not overall %} отдельно для "
                   "{% if nominations %}каждой номинации{% else %}каждого вида участников{% endif %}{% endif %}."
                   "{% if jury_decides %} Победителей и призёров конкурса определяет жюри конкурса по настоящему "
                   "протоколу.{% endif %}{% if shared_places %} Участники с равным итоговым баллом занимают одно "
                   "место.{% else %} При равенстве итоговых баллов место определяет жюри открытым голосованием; "
                   "при равенстве голосов решающим является голос председателя жюри.{% endif %}", indent=True)

    paragraph(doc, "{% if jury_decides %}Результаты экспертизы и предлагаемые места:{% else %}Результаты оценки:"
                   "{% endif %}", indent=True, space_before=12, keep_with_next=True)
    paragraph(doc, "{%p for g in groups %}")
    paragraph(doc, "{%p if g.title %}")
    paragraph(doc, "{% if g.nomination %}Номинация «{{ g.nomination }}»{% else %}{{ g.title }}{% endif %}"
                   "{% if g.provisional %} (предварительные результаты){% endif %}", align=CENTER,
              bold=True, space_before=6, space_after=6, keep_with_next=True)
    paragraph(doc, "{%p endif %}")
    ranking_table(doc)
    paragraph(doc, "{%p if g.single %}")
    paragraph(doc, "{% if g.nomination %}В номинации один участник{% else %}Участник этого вида один{% endif %}; "
                   "место не присваивается.", indent=True, space_before=6)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p for t in g.ties %}")
    paragraph(doc, "{% for n in t.names %}{{ n }}{% if loop.revindex > 2 %}, {% elif loop.revindex == 2 %} и "
                   "{% endif %}{% endfor %} набрали равный итоговый балл{% if shared_places %} и разделили "
                   "{{ t.place|roman }} место{% else %}; место определяет жюри{% endif %}.", indent=True, space_before=6)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p endfor %}")

    paragraph(doc, "{%p if divergent %}")
    paragraph(doc, f"Оценки экспертов расходятся {MORE_THAN} по критериям (требуется дополнительная "
                   "экспертиза):", indent=True, space_before=12, keep_with_next=True)
    paragraph(doc, "{%p for d in divergent %}")
    paragraph(doc, "– {{ d.participant }}: критерий {{ d.n }} «{{ d.title }}», оценки "
                   "{{ d.marks|join(', ', attribute='score') }}{% if loop.last %}.{% else %};{% endif %}", indent=True)
    paragraph(doc, "{%p endfor %}")
    paragraph(doc, "{%p else %}")
    paragraph(doc, f"Расхождений оценок экспертов по отдельным критериям {MORE_THAN} нет.", indent=True, space_before=12)
    paragraph(doc, "{%p endif %}")

    # The decisions and the signatures hold together: no page with signatures alone.
    paragraph(doc, "РЕШИЛИ:", align=LEFT, space_before=12, keep_with_next=True)
    paragraph(doc, "{%p for d in decisions %}")
    paragraph(doc, "{{ d.n }}. {% if d.recommend %}Рекомендовать {{ d.who.person.position|inflect('datv') }} "
                   "{{ d.who.workplace }} {{ d.who.person|initials('datv') }} {{ d.text }}"
                   "{% elif d.kind == 'approve' and jury_decides %}Представить жюри конкурса результаты экспертизы и "
                   "предлагаемые места участников{% if not all_approved %} {% if nominations %}в номинации {% endif %}"
                   "{% for t in approved_groups %}«{{ t }}»"
                   "{% if not loop.last %}, {% endif %}{% endfor %}{% endif %} для определения победителей и призёров"
                   "{% elif d.kind == 'approve' %}Утвердить результаты оценки и места участников"
                   "{% if not all_approved %} {% if nominations %}в номинации{% else %}вида{% endif %} "
                   "{% for t in approved_groups %}«{{ t }}»{% if not loop.last %}, "
                   "{% endif %}{% endfor %}{% endif %}{% elif d.kind == 'review' %}Провести дополнительную "
                   "экспертизу по критериям, оценки по которым расходятся (см. выше); результаты оценки и места "
                   "участников {% if nominations %}в номинации{% else %}вида{% endif %} {% for t in review_groups %}«{{ t }}»{% if not loop.last %}, {% endif %}"
                   "{% endfor %} {% if jury_decides %}представить жюри{% else %}утвердить{% endif %} по её итогам{% else %}{{ d.text|capfirst }}{% endif %}.",
              indent=True, keep_with_next=True)
    paragraph(doc, "{% if d.recommend %}Рекомендуемый срок — {{ d.deadline|date }}{% else %}"
                   "Срок — {{ d.deadline|date }} Ответственный — "
                   "{% if d.who.role == 'chair' %}{% if d.who.leader %}руководитель{% else %}председатель{% endif %} "
                   "экспертной группы{% elif d.who.role == 'secretary' %}"
                   "секретарь экспертной группы{% elif d.who.role == 'member' %}член экспертной группы"
                   "{% else %}{{ d.who.person.position }} {{ d.who.workplace }}{% endif %} "
                   "{{ d.who.person|initials }}.{% endif %}", indent=True, keep_with_next=True)
    # A decision's lines hold together; the decisions may part between pages, but the last one
    # keeps with the signatures.
    voted = ("ГОЛОСОВАЛИ: за — {{ d.votes.for_ }}, против — {{ d.votes.against }}, воздержались — "
             "{{ d.votes.abstained }}.")
    paragraph(doc, "{%p if loop.last %}")
    paragraph(doc, voted, indent=True, keep_with_next=True)
    paragraph(doc, "{%p else %}")
    paragraph(doc, voted, indent=True)
    paragraph(doc, "{%p endif %}")
    paragraph(doc, "{%p endfor %}")

    paragraph(doc, "{% if chair.leader %}Руководитель экспертной группы{% else %}Председатель{% endif %}\t"
                   "{{ chair.person|initials }}", align=LEFT, tab_right=True, space_before=30,
              keep_with_next=True)
    paragraph(doc, "{%p if secretary %}")
    paragraph(doc, "Секретарь\t{{ secretary.person|initials }}", align=LEFT, tab_right=True, space_before=18)
    paragraph(doc, "{%p endif %}")
    return doc
