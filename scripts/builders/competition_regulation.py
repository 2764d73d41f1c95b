"""Template of the regulation of the municipal competition of ВСОКО models, with its five annexes:
the application form, the consent to personal-data processing, the separate consent to their
dissemination (ст. 10.1 152-ФЗ: a consent to publish is never part of the processing consent), the
the jury (only when no order of its own forms it) and the assessment sheet built from the
criteria. Annex numbers live in ``ANNEX`` only, so a new annex renumbers the marks and every
reference in the text at once."""
from __future__ import annotations

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Mm, Pt

from docgen.blocks import NBSP, approval_grif, new_section
from docgen.gost import (CENTER, LEFT, MARGINS_MM, TABLE_PT, Column, keep_row_with_next, keep_with_next_when,
                         new_document, paragraph, table)
from docgen.russian import typeset_template

TEMPLATE = "competition-regulation.docx"

COMPETITION = "муниципальном конкурсе моделей внутренних систем оценки качества образования"
COMPETITION_GENT = "муниципального конкурса моделей внутренних систем оценки качества образования"
LAW_273_INS = f"Федеральным законом от 29.12.2012 №{NBSP}273-ФЗ «Об образовании в Российской Федерации»"
LAW_152 = f"Федеральным законом от 27.07.2006 №{NBSP}152-ФЗ «О персональных данных»"
LAW_152_GENT = f"Федерального закона от 27.07.2006 №{NBSP}152-ФЗ «О персональных данных»"
DISSEMINATION = "обработку персональных данных, разрешённых субъектом персональных данных для распространения"

# The annexes in their order; marks and references in the text take their numbers from here.
# The jury's annex is there only when no order of its own forms the jury (``jury_order``): the
# Положение would otherwise approve the jury a second time; the assessment sheet, the last annex
# (a landscape section of its own), takes the next number.
ANNEX = {"application": 1, "consent": 2, "dissemination": 3, "jury": 4,
         "sheet": "{% if jury_order %}4{% else %}5{% endif %}"}
TAIL_ROWS = 3  # criteria the assessment sheet's last page holds at least, with «Итого» and the signature


def heading(doc, text: str) -> None:
    paragraph(doc, text, align=CENTER, bold=True, space_before=12, space_after=6, keep_with_next=True)


def item(doc, text: str, **kw) -> None:
    paragraph(doc, text, indent=True, **kw)


def listing(doc, loop: str, text: str) -> None:
    """A dash list repeated by docxtpl: «– …;» and «– ….» for the last element."""
    paragraph(doc, "{%p for " + loop + " %}", indent=True)
    paragraph(doc, "–" + NBSP + text + "{% if loop.last %}.{% else %};{% endif %}", indent=True)
    paragraph(doc, "{%p endfor %}", indent=True)


def annex_mark(doc, n: int, *, page_width_mm: float = 210, page_break: bool = True) -> None:
    """«Приложение N к Положению …» at the top right; the block is 8 cm wide whatever the page."""
    width = page_width_mm - MARGINS_MM["left"] - MARGINS_MM["right"]
    block = Mm(width - 80)
    paragraph(doc, f"Приложение {n}", align=LEFT, left_indent=block, page_break_before=page_break)
    paragraph(doc, f"к Положению о {COMPETITION}", align=LEFT, left_indent=block, space_after=12)


def fill_line(doc, label: str = "", caption: str = "", *, width_mm: float = 165, space_before: int = 6) -> None:
    """«Label ______» drawn to the text edge with an underscore tab leader, and a small caption
    under the line saying what to write there."""
    # «Я, ______»: a space after the label, as in handwriting.
    p = paragraph(doc, (label + " " if label else "") + "\t", align=LEFT, space_before=space_before, keep_with_next=bool(caption))
    p.paragraph_format.tab_stops.add_tab_stop(Mm(width_mm), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
    if caption:
        paragraph(doc, f"({caption})", align=CENTER, size=12)


def signature_blank(doc, who: str, date_year: str, seal: bool = False) -> None:
    """Signature, its transcript and the date (with the seal's place «М.П.» on its line), kept on one page."""
    paragraph(doc, who, align=LEFT, space_before=6, keep_with_next=True)
    paragraph(doc, "__________________ / ______________________________ /", align=LEFT, space_before=6,
              keep_with_next=True)
    paragraph(doc, "(подпись)" + NBSP * 22 + "(расшифровка подписи)", align=LEFT, size=12, keep_with_next=True)
    paragraph(doc, "«____» ________________ " + date_year + NBSP + "г." + ("\tМ.П." if seal else ""), align=LEFT,
              space_before=6, tab_right=seal)


def _cell_paragraphs(cell, texts: list[str]) -> None:
    """Extra paragraphs in a table cell (docxtpl paragraph tags work inside cells)."""
    for text in texts:
        p = cell.add_paragraph()
        p.alignment = LEFT
        run = p.add_run(typeset_template(text))
        run.font.size = Pt(TABLE_PT)


def body(doc) -> None:
    heading(doc, "1. Общие положения")
    item(doc, f"1.1. Настоящее Положение определяет цели, задачи, порядок организации и проведения {COMPETITION_GENT}"
              " (далее — конкурс) среди общеобразовательных организаций {{ municipality }}, требования к "
              "конкурсным материалам, критерии их оценки, порядок работы жюри, подведения итогов и награждения "
              "участников.")
    # The municipal level's own anchor (domain.md §1.1): Рособрнадзор's letter on monitoring the
    # municipal quality-management systems; п. 13 ч. 3 ст. 28 273-ФЗ is a school's competence, not cited.
    item(doc, f"1.2. Положение разработано в соответствии с {LAW_273_INS}, {LAW_152}"
              "{% if basis %}, {{ basis }}{% endif %}, с учётом письма Федеральной службы по надзору в сфере "
              f"образования и науки от 20.04.2021 №{NBSP}08-70.")
    item(doc, "1.3. Организатор конкурса — {{ organization.full_name }} (далее — организатор).")
    item(doc, "1.4. Организатор утверждает состав жюри, принимает и регистрирует заявки, обеспечивает "
              "информационное и организационно-методическое сопровождение конкурса, утверждает его итоги."
              "{% if organization.website %} Информация о конкурсе, ходе его проведения и итогах размещается на "
              "официальном сайте организатора {{ organization.website }}.{% endif %}")
    item(doc, "1.5. Участие в конкурсе добровольное и бесплатное.")

    heading(doc, "2. Цели и задачи конкурса")
    item(doc, "2.1. Цель конкурса — {{ goal }}.")
    item(doc, "2.2. Задачи конкурса:", keep_with_next=True)
    listing(doc, "t in tasks", "{{ t }}")

    heading(doc, "3. Участники и номинации конкурса")
    item(doc, "3.1. Участниками конкурса являются {% if participants %}{{ participants }}{% else %}"
              "общеобразовательные организации {{ municipality }}{% endif %}.")
    item(doc, "3.2. Общеобразовательную организацию на конкурсе представляет команда: руководитель, его "
              "заместители и педагогические работники, участвующие в функционировании внутренней системы оценки "
              "качества образования{% if team_max %} (не более {{ team_max|words('gent') }} человек){% endif %}.")
    item(doc, "3.3. Конкурс проводится в {% if nominations|length == 1 %}номинации{% else %}номинациях{% endif %}:",
         keep_with_next=True)
    listing(doc, "n in nominations",
            "«{{ n.title }}»{% if n.description %} — {{ n.description }}{% endif %}")
    item(doc, "3.4. Общеобразовательная организация представляет на конкурс одну модель и участвует в одной "
              "номинации.")

    heading(doc, "4. Сроки и этапы проведения конкурса")
    item(doc, "4.1. Конкурс проводится с {{ start|date('numeric') }} по {{ end|date('numeric') }} "
              "в {{ stages|length|counted('этап', 'accs') }}.")
    paragraph(doc, "{%p for s in stages %}", indent=True)
    # A one-day stage has one date.
    item(doc, "4.{{ loop.index + 1 }}. {{ s.title|capfirst }} — {% if s.start == s.end %}{{ s.end|date('numeric') }}"
              "{% else %}с {{ s.start|date('numeric') }} по {{ s.end|date('numeric') }}{% endif %}."
              "{% if s.content %} {{ s.content }}{% endif %}")
    paragraph(doc, "{%p endfor %}", indent=True)
    item(doc, "4.{{ stages|length + 2 }}. Сроки этапов могут быть изменены приказом организатора; участники "
              "извещаются об этом не позднее чем за три рабочих дня до начала соответствующего этапа.")

    heading(doc, "5. Требования к конкурсным материалам")
    item(doc, "5.1. Для участия в конкурсе общеобразовательная организация не позднее {{ applications_due|date }} "
              "направляет организатору по адресу: {{ address }}{% if email %}, или на адрес электронной почты "
              "{{ email }}{% endif %}:", keep_with_next=True)
    item(doc, f"–{NBSP}заявку на участие в конкурсе по форме (приложение {ANNEX['application']});")
    item(doc, f"–{NBSP}согласия членов команды на обработку персональных данных по форме (приложение "
              f"{ANNEX['consent']});")
    item(doc, f"–{NBSP}согласия членов команды на {DISSEMINATION}, по форме (приложение {ANNEX['dissemination']});")
    item(doc, f"–{NBSP}конкурсные материалы.")
    item(doc, "5.2. В состав конкурсных материалов входят:", keep_with_next=True)
    listing(doc, "m in materials", "{{ m }}")
    item(doc, "5.3. Конкурсные материалы должны соответствовать заявленной номинации и описывать действующую "
              "модель внутренней системы оценки качества образования общеобразовательной организации."
              "{% if format %} {{ format|capfirst }}.{% endif %}")
    item(doc, "5.4. Материалы, представленные после установленного срока или не соответствующие требованиям "
              "настоящего раздела, к участию в конкурсе не допускаются. Конкурсные материалы не возвращаются.")
    item(doc, "5.5. Направляя материалы, участник подтверждает, что они разработаны общеобразовательной "
              "организацией, и соглашается на их безвозмездное размещение на официальном сайте организатора и "
              "в сборнике методических материалов по итогам конкурса.")
    item(doc, f"5.6. Персональные данные членов команды обрабатываются в соответствии с {LAW_152} на основании "
              f"их письменного согласия на обработку персональных данных (приложение {ANNEX['consent']}). Фамилия, "
              "имя, отчество, место работы, должность, фото- и видеоизображение члена команды размещаются на "
              "официальном сайте организатора и в сборнике методических материалов только при наличии его "
              f"отдельного согласия на {DISSEMINATION}, предусмотренного статьёй 10.1 указанного Федерального "
              f"закона (приложение {ANNEX['dissemination']}), и в пределах установленных им условий и запретов.")
    # The name in the middle: a name known by initials ends in «.», and the sentence's own period follows.
    item(doc, "5.7. Консультации по вопросам участия в конкурсе даёт {{ contact.person|fio }}, "
              "{{ contact.person.position }} {{ organization.short_name }}{% if contact.phone %}, тел. "
              "{{ contact.phone }}{% endif %}.")

    heading(doc, "6. Порядок проведения конкурса")
    item(doc, "6.1. Организатор регистрирует заявки, проверяет комплектность конкурсных материалов и их "
              "соответствие требованиям раздела 5 настоящего Положения и не позднее трёх рабочих дней после "
              "окончания приёма заявок передаёт материалы {% if expert_group %}экспертной группе{% else %}жюри{% endif %}.")
    item(doc, "6.2. На заочном этапе конкурсные материалы каждого участника независимо друг от друга оценивают "
              "не менее {{ reviewers|words('gent') }} {% if expert_group %}экспертов экспертной группы; они же "
              "оценивают защиту модели на очном этапе. Эксперт{% else %}членов жюри. Член жюри{% endif %} заполняет "
              f"на каждого оцениваемого им участника оценочный лист (приложение {ANNEX['sheet']}) по критериям "
              "раздела 7 настоящего Положения.")
    item(doc, "6.3. Очный этап проводится в форме публичной защиты модели: {{ defence }}. Место и время "
              "проведения очного этапа организатор сообщает участникам не позднее чем за три рабочих дня до его "
              "начала.")
    item(doc, "6.4. {% if expert_group %}По итогам очного этапа эксперты завершают заполнение оценочных листов, "
              "и экспертная группа представляет жюри протокол своего заседания с результатами экспертизы "
              "конкурсных материалов и защиты моделей и предлагаемыми местами участников. Жюри, присутствовавшее "
              "на защите, рассматривает протокол при определении победителей и призёров (раздел 9 настоящего "
              "Положения).{% else %}По итогам очного этапа члены жюри завершают заполнение оценочных листов и "
              "передают их {% if has_secretary %}секретарю{% else %}председателю{% endif %} жюри.{% endif %}")

    heading(doc, "7. Критерии оценки")
    item(doc, "7.1. Модели внутренних систем оценки качества образования оцениваются по следующим критериям:",
         keep_with_next=True)
    listing(doc, "c in criteria", "{{ c.title|list_item }} (максимальный балл — {{ c.max_score }})")
    item(doc, "7.2. Максимальное количество баллов по всем критериям — {{ max_total|plural('балл') }}.")
    item(doc, "7.3. Описания уровней по каждому критерию с соответствующими баллами приведены в оценочном листе "
              f"(приложение {ANNEX['sheet']}). "
              "{% if expert_group %}Эксперт{% else %}Член жюри{% endif %} выставляет по каждому критерию один из "
              "баллов, предусмотренных "
              "оценочным листом, и при необходимости комментирует его.")

    heading(doc, "8. Жюри конкурса")
    # With the competition's data file the jury and the expert group are formed by an order of
    # their own (competition-jury-order): the Положение then has no jury annex (approved once).
    item(doc, "8.1. Для {% if expert_group %}рассмотрения результатов экспертизы и определения победителей и призёров"
              "{% else %}экспертизы и оценки конкурсных материалов{% endif %} создаётся жюри. {% if jury_order %}Состав жюри "
              "и экспертной группы утверждается приказом организатора; изменения в их состав вносятся приказом "
              f"организатора. {{% else %}}Состав жюри приведён в приложении {ANNEX['jury']} к настоящему Положению "
              "и утверждается вместе с ним приказом организатора об утверждении настоящего Положения; "
              "изменения в состав жюри вносятся приказом организатора. {% endif %}"
              "В жюри входят председатель{% if has_deputy %}, заместитель "
              "председателя{% endif %}{% if has_secretary %}, секретарь{% endif %} и члены жюри — руководящие и "
              "педагогические работники, специалисты в области оценки качества образования. Руководители "
              "организаций, которые могут участвовать в конкурсе, в состав жюри не входят.")
    # The expert group's step (the jury order forms it, its protocol proposes the places): its own item.
    paragraph(doc, "{%p if expert_group %}", indent=True)
    item(doc, "8.2. Для экспертизы конкурсных материалов на заочном этапе и оценки защиты моделей на очном этапе "
              "создаётся экспертная группа. В неё входят "
              "руководитель экспертной группы, секретарь и эксперты — члены жюри и приглашённые специалисты в "
              "области оценки качества образования. Руководитель экспертной группы организует её работу и "
              "распределяет конкурсные материалы между экспертами. Экспертная группа оценивает конкурсные "
              "материалы и защиту моделей по критериям раздела 7 настоящего Положения, оформляет результаты экспертизы протоколом "
              "заседания, который подписывают руководитель и секретарь экспертной группы, и предлагает жюри места "
              "участников в каждой номинации.")
    paragraph(doc, "{%p endif %}", indent=True)
    item(doc, "8.{{ 2 + expert_group|int }}. Жюри {% if expert_group %}присутствует на защите моделей на очном "
              "этапе, рассматривает результаты экспертизы, представленные экспертной группой{% else %}проводит "
              "экспертизу конкурсных материалов, оценивает защиту моделей на очном этапе{% endif %}, определяет "
              "победителей и призёров конкурса, готовит предложения по распространению лучших практик.")
    item(doc, "8.{{ 3 + expert_group|int }}. Председатель жюри руководит его работой{% if not expert_group %} и "
              "распределяет конкурсные материалы между членами жюри{% endif %}{% if has_deputy %}; в отсутствие председателя его обязанности исполняет заместитель "
              "председателя{% endif %}.{% if has_secretary %} Секретарь жюри ведёт протокол заседания"
              "{% if not expert_group %} и сводные оценочные листы участников{% endif %}.{% endif %}")
    item(doc, "8.{{ 4 + expert_group|int }}. Член жюри{% if expert_group %} или эксперт{% endif %} не оценивает конкурсные материалы общеобразовательной организации, в которой он "
              "работает, и сообщает {% if expert_group %}руководителю экспертной группы или {% endif %}председателю жюри о "
              "любом ином конфликте интересов; в этом случае материалы участника передаются другому "
              "{% if expert_group %}эксперту{% else %}члену жюри{% endif %}.")
    item(doc, "8.{{ 5 + expert_group|int }}. Заседание жюри правомочно, если на нём присутствует не менее двух третей его состава. "
              "Решения жюри принимаются открытым голосованием простым большинством голосов присутствующих членов "
              "жюри.")

    heading(doc, "9. Подведение итогов конкурса")
    item(doc, "9.1. Итоговый балл участника — {% if mean %}среднее арифметическое баллов, выставленных ему "
              "{% if expert_group %}экспертами{% else %}членами жюри{% endif %}, с округлением до десятых по правилам "
              "математического округления{% else %}сумма баллов, выставленных ему {% if expert_group %}экспертами"
              "{% else %}членами жюри{% endif %}{% endif %}.{% if divergence %} Если {% if divergence_by_criterion %}оценки{% else %}баллы{% endif %}, выставленные "
              "участнику разными {% if expert_group %}экспертами{% else %}членами жюри{% endif %}"
              "{% if divergence_by_criterion %} по одному критерию{% endif %}, расходятся более чем на "
              "{{ divergence|plural('балл') }}, материалы "
              "участника дополнительно рассматриваются на заседании жюри по представлению его председателя."
              "{% endif %}")
    item(doc, "9.2. По итоговым баллам в каждой номинации составляется рейтинг участников. Победителем "
              "признаётся участник, набравший наибольший итоговый балл (I место), призёрами — участники, занявшие "
              "II и III места.")
    item(doc, "9.3. {% if shared_places %}Участники с равным итоговым баллом занимают одно место.{% else %}При "
              "равенстве итоговых баллов участников место определяет жюри открытым голосованием; при "
              "равенстве голосов решающим является голос председателя жюри.{% endif %}")
    item(doc, "9.4. Решение жюри оформляется протоколом, который подписывают председатель"
              "{% if has_secretary %} и секретарь{% endif %} жюри. Итоги конкурса утверждаются приказом "
              "организатора не позднее {{ results_due|date }}")

    heading(doc, "10. Награждение")
    item(doc, "10.1. Победители (I место) и призёры (II и III места) в каждой номинации награждаются дипломами "
              "организатора.")
    item(doc, "10.2. Участникам, не ставшим победителями и призёрами, вручаются сертификаты участника конкурса.")
    item(doc, "10.3. Итоги конкурса публикуются на официальном сайте организатора{% if organization.website %} "
              "{{ organization.website }}{% endif %} в течение пяти рабочих дней со дня их утверждения.")
    item(doc, "10.4. Материалы победителей и призёров включаются в сборник методических материалов и "
              "рекомендуются для распространения в общеобразовательных организациях {{ municipality }}.")

    heading(doc, "11. Заключительные положения")
    item(doc, "11.1. Настоящее Положение вступает в силу со дня его утверждения приказом организатора.")
    item(doc, "11.2. Изменения в настоящее Положение вносятся приказом организатора.")
    item(doc, "11.3. {% if funding %}{{ funding|capfirst }}{% else %}Расходы на организацию и проведение конкурса "
              "несёт организатор{% endif %}.")
    item(doc, "11.4. Вопросы, не урегулированные настоящим Положением, решает организатор.")


def application(doc) -> None:
    annex_mark(doc, ANNEX['application'])
    paragraph(doc, "Форма", align=LEFT, space_after=6)
    paragraph(doc, "ЗАЯВКА", align=CENTER, bold=True)
    paragraph(doc, f"на участие в {COMPETITION}", align=CENTER, bold=True, space_after=12)
    form = table(doc, [Column("№ п/п", 12, CENTER), Column("Сведения", 88), Column("Заполняет участник", 65)], [
        ["1", "Полное наименование общеобразовательной организации (по уставу)", ""],
        ["2", "Сокращённое наименование", ""],
        ["3", "Фамилия, имя, отчество руководителя", ""],
        ["4", "Номинация (одна из указанных в пункте 3.3 Положения)", ""],
        ["5", "Состав команды (фамилия, имя, отчество, должность)", ""],
        ["6", "Почтовый адрес, телефон, адрес электронной почты", ""],
        ["7", "Ответственный за участие в конкурсе (фамилия, имя, отчество, должность, телефон)", ""],
    ])
    for row in form.rows[1:]:
        row.height = Mm(8)
    paragraph(doc, "Перечень представляемых конкурсных материалов:", align=LEFT, space_before=6, space_after=6,
              keep_with_next=True)
    table(doc, [Column("№ п/п", 12, CENTER), Column("Материал", 118),
                Column("Форма (файл, ссылка), объём", 35)], [
        ["{%tr for m in materials %}", "", ""],
        ["{{ loop.index }}", "{{ m|capfirst }}", ""],
        ["{%tr endfor %}", "", ""],
    ])
    # Kept with the signature below it, so a signature never opens a page alone.
    paragraph(doc, f"Согласия членов команды (приложения {ANNEX['consent']} и {ANNEX['dissemination']} к "
                   "Положению) прилагаются.", indent=True,
              space_before=6, keep_with_next=True)
    signature_blank(doc, "Руководитель общеобразовательной организации", "{{ forms_year }}", seal=True)


def consent(doc) -> None:
    annex_mark(doc, ANNEX['consent'])
    paragraph(doc, "Форма", align=LEFT, space_after=6)
    paragraph(doc, "СОГЛАСИЕ", align=CENTER, bold=True)
    paragraph(doc, "на обработку персональных данных", align=CENTER, bold=True, space_after=12)
    fill_line(doc, "Я,", "фамилия, имя, отчество полностью")
    fill_line(doc, "документ, удостоверяющий личность:", "вид, серия, номер")
    fill_line(doc, "выдан", "кем и когда выдан")
    fill_line(doc, "зарегистрированный(ая) по адресу:")
    fill_line(doc, "", space_before=12)
    paragraph(doc, f"в соответствии со статьёй 9 Федерального закона от 27.07.2006 №{NBSP}152-ФЗ «О персональных "
                   "данных» даю согласие оператору — {{ organization.full_name|inflect('datv') }} (адрес: {{ address }}) — на "
                   "обработку моих персональных данных: фамилия, имя, отчество; место работы и должность; "
                   "контактный телефон; адрес электронной почты.",
              indent=True, space_before=12)
    # Dissemination needs its own consent (the next annex); this one does not cover it.
    paragraph(doc, f"Цель обработки: организация и проведение {COMPETITION_GENT}"
                   ", подведение его итогов и награждение участников. Распространение персональных данных "
                   "настоящим согласием не разрешается.", indent=True)
    paragraph(doc, "Даю согласие на следующие действия с персональными данными, совершаемые с использованием "
                   "средств автоматизации и без них: сбор, запись, систематизация, накопление, хранение, уточнение "
                   "(обновление, изменение), извлечение, использование, передача (предоставление, доступ), "
                   "обезличивание, блокирование, удаление, уничтожение.", indent=True)
    paragraph(doc, "Согласие действует со дня его подписания до достижения целей обработки. Согласие может быть "
                   "отозвано мною в любое время письменным заявлением, направленным оператору.", indent=True)
    paragraph(doc, "«____» ________________ {{ forms_year }}" + NBSP + "г.", align=LEFT, space_before=12,
              keep_with_next=True)
    paragraph(doc, "__________________ / ______________________________ /", align=LEFT, space_before=12,
              keep_with_next=True)
    paragraph(doc, "(подпись)" + NBSP * 22 + "(расшифровка подписи)", align=LEFT, size=12)


def dissemination(doc) -> None:
    """The consent to dissemination (ст. 10.1 152-ФЗ), separate from the processing consent: the
    operator and the site where the data are published, each category with the subject's yes or no,
    the conditions and prohibitions the subject sets, the term and how to revoke it."""
    annex_mark(doc, ANNEX["dissemination"])
    paragraph(doc, "Форма", align=LEFT, space_after=6)
    paragraph(doc, "СОГЛАСИЕ", align=CENTER, bold=True)
    paragraph(doc, f"на {DISSEMINATION}", align=CENTER, bold=True, space_after=12)
    fill_line(doc, "Я,", "фамилия, имя, отчество полностью")
    fill_line(doc, "контактная информация:", "номер телефона, адрес электронной почты или почтовый адрес")
    paragraph(doc, f"руководствуясь статьёй 10.1 {LAW_152_GENT}, даю согласие оператору — "
                   "{{ organization.full_name|inflect('datv') }} (адрес: {{ address }}) — на распространение моих персональных "
                   f"данных в целях информирования о ходе и итогах {COMPETITION_GENT}, его участниках, победителях "
                   "и призёрах.", indent=True, space_before=12)
    paragraph(doc, "Информационные ресурсы оператора, посредством которых предоставляется доступ к персональным "
                   "данным неограниченному кругу лиц: официальный сайт оператора{% if organization.website %} "
                   "{{ organization.website }}{% else %} в информационно-телекоммуникационной сети «Интернет»"
                   "{% endif %}; сборник методических материалов по итогам конкурса.", indent=True)
    table(doc, [Column("Категория персональных данных", 52), Column("Перечень персональных данных", 50),
                Column("Разрешаю (да / нет)", 25, CENTER), Column("Условия и запреты (при наличии)", 38)], [
        ["Персональные данные", "Фамилия, имя, отчество", "", ""],
        ["Персональные данные", "Место работы, должность", "", ""],
        ["Биометрические персональные данные", "Фото- и видеоизображение", "", ""],
    ])
    paragraph(doc, "Запреты и условия обработки персональных данных неограниченным кругом лиц указываются по "
                   "желанию; графа не заполнена — они не установлены.", indent=True, space_before=6)
    paragraph(doc, "Согласие действует со дня его подписания до дня получения оператором моего требования о "
                   "прекращении распространения персональных данных (отзыва согласия).", indent=True,
              keep_with_next=True)
    paragraph(doc, "«____» ________________ {{ forms_year }}" + NBSP + "г.", align=LEFT, space_before=6,
              keep_with_next=True)
    paragraph(doc, "__________________ / ______________________________ /", align=LEFT, space_before=6,
              keep_with_next=True)
    paragraph(doc, "(подпись)" + NBSP * 22 + "(расшифровка подписи)", align=LEFT, size=12)


def assessment_sheet(doc) -> None:
    new_section(doc, landscape=True)
    annex_mark(doc, ANNEX['sheet'], page_width_mm=297, page_break=False)
    paragraph(doc, "Форма", align=LEFT, space_after=6)
    paragraph(doc, "ОЦЕНОЧНЫЙ ЛИСТ", align=CENTER, bold=True)
    paragraph(doc, f"участника {COMPETITION_GENT}",
              align=CENTER, bold=True, space_after=6)
    width = 297 - MARGINS_MM["left"] - MARGINS_MM["right"]
    fill_line(doc, "Участник (общеобразовательная организация):", width_mm=width, space_before=0)
    fill_line(doc, "Номинация:", width_mm=width, space_before=0)
    fill_line(doc, "{% if expert_group %}Эксперт{% else %}Член жюри{% endif %} (фамилия, инициалы):", width_mm=width,
              space_before=0)
    paragraph(doc, "", space_after=6)
    # A one-page form: the levels' column takes the width (a level a line, not three), so nine
    # criteria with four levels each fit the landscape page with the signature under them.
    sheet = table(doc, [Column("№ п/п", 10, CENTER), Column("Критерий", 44), Column("Показатели (уровни, баллы)", 125),
                        Column("Макс. балл", 18, CENTER),
                        Column("{% if expert_group %}Балл эксперта{% else %}Балл члена жюри{% endif %}", 22, CENTER),
                        Column("Комментарий", 33)], [
        ["{%tr for c in criteria %}", "", "", "", "", ""],
        ["{{ loop.index }}", "{{ c.title }}", "{%p for l in c.levels %}", "{{ c.max_score }}", "", ""],
        ["{%tr endfor %}", "", "", "", "", ""],
        ["Итого", "", "", "{{ max_total }}", "", ""],
    ])
    _cell_paragraphs(sheet.rows[2].cells[2], ["{{ l.score|plural('балл') }} — {{ l.descriptor }}", "{%p endfor %}"])
    for cell in sheet.rows[2].cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    # The form runs over pages: the last three criteria, «Итого» and the signature share the last
    # page, so it never begins with one criterion's row or «Итого» alone.
    keep_with_next_when(sheet.rows[2], f"loop.revindex <= {TAIL_ROWS}")
    total = sheet.rows[4]
    keep_row_with_next(total)
    for run in total.cells[0].paragraphs[0].runs + total.cells[3].paragraphs[0].runs:
        run.bold = True
    total.cells[0].merge(total.cells[2])
    merged = total.cells[0]
    for p in merged.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    merged.paragraphs[0].alignment = LEFT
    paragraph(doc, "{% if expert_group %}Эксперт{% else %}Член жюри{% endif %} __________________ / "
                   "______________________________ /", align=LEFT, space_before=18,
              keep_with_next=True)
    paragraph(doc, NBSP * 24 + "(подпись)" + NBSP * 22 + "(расшифровка подписи)", align=LEFT, size=12,
              keep_with_next=True)
    paragraph(doc, "«____» ________________ {{ sheet_year }}" + NBSP + "г.", align=LEFT, space_before=6)


def jury(doc) -> None:
    """The jury's annex, in the portrait run of annexes before the landscape sheet."""
    paragraph(doc, "{%p if not jury_order %}")
    annex_mark(doc, ANNEX['jury'])
    paragraph(doc, "СОСТАВ ЖЮРИ", align=CENTER, bold=True)
    paragraph(doc, COMPETITION_GENT, align=CENTER,
              bold=True, space_after=12)
    # Someone known by initials only: the whole column is surnames and initials, and says so.
    members = table(doc, [Column("№ п/п", 12, CENTER),
                          Column("{% if jury_by_initials %}Фамилия, инициалы{% else %}Фамилия, имя, отчество"
                                 "{% endif %}", 48),
                          Column("Должность, место работы", 70), Column("Роль в жюри", 35)], [
        ["{%tr for m in jury %}", "", "", ""],
        ["{{ loop.index }}", "{% if jury_by_initials %}{{ m.person|surname_initials }}{% else %}{{ m.person|fio }}"
                             "{% endif %}", "{{ m.person.position|capfirst }},",
         "{% if m.role == 'член жюри' %}Член жюри{% else %}{{ m.role|capfirst }} жюри{% endif %}"],
        ["{%tr endfor %}", "", "", ""],
    ])
    # The workplace starts a line of its own: an organisation's form and name («ГАОУ ДПО
    # «Институт …»») begin the line instead of breaking after the position's last word.
    _cell_paragraphs(members.rows[2].cells[2], ["{{ m.workplace }}"])
    paragraph(doc, "{%p endif %}")


def build():
    doc = new_document()
    paragraph(doc, "{{ organization.full_name }}", align=CENTER, bold=True)
    paragraph(doc, "({{ organization.short_name }})", align=CENTER, space_after=18)
    approval_grif(doc, gender_word="УТВЕРЖДЕНО", by="приказом {{ organization.short_name }}",
                  date="approved.date", number="approved.number")
    paragraph(doc, "ПОЛОЖЕНИЕ", align=CENTER, bold=True, space_before=24)
    paragraph(doc, f"о {COMPETITION}", align=CENTER, bold=True, space_after=12)
    body(doc)
    application(doc)
    consent(doc)
    dissemination(doc)
    jury(doc)
    assessment_sheet(doc)
    return doc
