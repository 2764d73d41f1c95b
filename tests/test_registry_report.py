"""`docgen coverage --format docx`: the справка о полноте ЛНА with its chart and table, read back
with python-docx and checked by the shared ГОСТ checker."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import NBSP, TAYANDY_PROFILE as PROFILE, approve_act, assert_office_checker_clean, edited_template

TODAY = "01.10.2026"

# Every test here works in its own folder: a command given no --db keeps its store there.
pytestmark = pytest.mark.usefixtures("in_test_folder")


@pytest.fixture
def report(cli, tmp_path, registry_db):
    """The справка of a school with one act approved and one in drafting."""
    approve_act(registry_db, "vsoko-regulation", responsible="Бондаренко О.Н.")
    result = cli("acts", "set", "self-evaluation", "в разработке", "--responsible", "Зайченко Н.И.",
                 "--org", PROFILE, "--db", registry_db, "--today", TODAY)
    assert result.exit_code == 0
    out = tmp_path / "справки"
    result = cli("coverage", "--org", PROFILE, "--db", registry_db, "--today", TODAY, "--format", "docx", "--out", out)
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    assert path.parent == out and path.suffix == ".docx" and path.is_file()
    assert [p.name for p in out.iterdir()] == [path.name]  # no temporary file left behind
    return path


def test_report_text_table_and_chart(report):
    import docx

    doc = docx.Document(str(report))
    text = [p.text for p in doc.paragraphs]
    assert text[0].startswith("Муниципальное казённое общеобразовательное учреждение")
    assert "СПРАВКА" in text
    assert ("о полноте локальных нормативных актов, обеспечивающих функционирование внутренней системы оценки "
            "качества образования") in text
    assert any("(далее\u00a0— ВСОКО)" in t for t in text)  # the abbreviation expanded at first use
    assert f"1 октября 2026{NBSP}г.\tс.{NBSP}Таянды" in text
    assert any(f"что составляет 12,5{NBSP}% от необходимого общего числа" in t for t in text)
    assert f"Педагогические работники, вовлечённые в ВСОКО: 9\u00a0из\u00a024 (37,5{NBSP}%)." in text
    assert (f"Процедуры ВСОКО, обеспеченные разработанным инструментарием: 6\u00a0из\u00a08 (75{NBSP}%). Нет инструментария: "
            "мониторинг личностных результатов; анкетирование родителей об удовлетворённости качеством образования."
            ) in text
    assert len(doc.inline_shapes) == 2  # the statuses, and the indicators' dynamics
    assert doc.inline_shapes[0].width > 0 and doc.inline_shapes[1].width > 0
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "№", "Акт", "Уровень требования", "Статус, приказ", "Ответственный"]
    assert len(table.rows) == 1 + 16  # every act applicable to НОО, ООО, СОО
    approved = next(r for r in table.rows[1:] if r.cells[1].text.startswith("Положение о внутренней системе оценки качества"))
    assert [c.text for c in approved.cells[2:]] == [
        "необходимо для ВСОКО", f"утверждено; приказ от 01.09.2026 №{NBSP}45\u2011од", f"Бондаренко{NBSP}О.Н."]
    numbered = [t for t in text if t[:3] in {f"{n}. " for n in range(1, 10)}]
    # each missing act in the conclusions, then in the proposals; the instruments two procedures lack; and the
    # approved act with no mark of its publication on the site 10 working days after the order, flagged and
    # proposed to be placed there
    assert len(numbered) == 2 * 7 + 1 + 2
    assert (f"9. Разместить на официальном сайте акт: Положение о внутренней системе оценки качества образования "
            f"(ВСОКО), срок{NBSP}— до 15.10.2026, ответственный{NBSP}— Бондаренко{NBSP}О.Н.") in text
    assert text[1] == f"(МКОУ{NBSP}«Таяндинская{NBSP}СОШ»)"  # the short name under the full one, as in the orders
    assert text[text.index("СПРАВКА") + 2].startswith(f"1 октября 2026")
    assert any(t.startswith("По состоянию на 1 октября 2026 г. утверждён и действует 1\u00a0из\u00a08 обязательных".replace(
        " г.", f"{NBSP}г.")) for t in text)
    assert (f"8. Разработать инструментарий для процедур ВСОКО: мониторинг личностных результатов; анкетирование "
            f"родителей об удовлетворённости качеством образования, срок{NBSP}— до 31.10.2026, "
            f"ответственный{NBSP}— Белых{NBSP}И.С.") in text  # the profile's procedures[].responsible
    assert f"Процедуры ВСОКО без разработанного инструментария: 2{NBSP}из{NBSP}8." in text
    assert f"Рекомендуемые акты утверждены и действуют не в полном объёме: 0{NBSP}из{NBSP}8 (0{NBSP}%)." in text
    # acts' titles keep their capitals: a list numbered «1.», each item a sentence
    assert any(t.endswith(f"в разработке (проект).") and t.startswith("Положение о порядке проведения самообследования", 3)
               for t in numbered)
    assert text[-3] == f"Директор\tС.В.{NBSP}Ермакова"
    section = doc.sections[0]
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15


def test_report_requisites_addressee_conclusions_proposals_author(report):
    """ГОСТ Р 7.0.97 requisites: the addressee (default: the pedagogical council), conclusions,
    proposals with deadlines (lifecycle.PROPOSAL_DAYS from the справка's date) and responsible
    persons (the registry's, else the справка's author), the «исполнитель» with the phone."""
    import docx

    text = [p.text for p in docx.Document(str(report)).paragraphs]
    assert text[2] == f"Педагогическому совету МКОУ{NBSP}«Таяндинская{NBSP}СОШ»"
    conclusions = text[text.index("Выводы") + 1]
    assert conclusions.startswith("Обязательные локальные нормативные акты ВСОКО утверждены не в полном объёме: "
                                  "действуют 1\u00a0из\u00a08")
    assert conclusions.endswith("Не хватает 7\u00a0из\u00a08 обязательных актов:")
    numbered = text[text.index("Предложения") + 1:text.index("Предложения") + 8]
    assert [t.split(". ", 1)[0] for t in numbered] == [str(n) for n in range(1, 8)]  # «1.»: each item a sentence
    proposals = [t.split(". ", 1)[1] for t in numbered]
    # In drafting: 45 days from 01.10.2026; not started, nobody responsible: 60 days, the author.
    assert (f"Положение о порядке проведения самообследования: завершить разработку проекта, обсудить и утвердить "
            f"приказом, срок{NBSP}— до 15.11.2026, ответственный{NBSP}— Зайченко{NBSP}Н.И.") in proposals
    assert (f"Положение о формах, периодичности и порядке текущего контроля успеваемости и промежуточной аттестации "
            f"обучающихся: разработать проект, обсудить и утвердить приказом, срок{NBSP}— до 30.11.2026, "
            f"ответственный{NBSP}— Бондаренко{NBSP}О.Н.") in proposals  # no «..» after initials
    assert text[-2:] == ["Бондаренко Ольга Николаевна", "8 (39563) 2-41-17"]


def test_addressee_from_the_profile_and_no_author_without_one(cli, tmp_path):
    import docx

    profile = tmp_path / "profile.yaml"
    lines = [line for line in PROFILE.read_text(encoding="utf-8").splitlines() if not line.startswith("report_")]
    profile.write_text("\n".join([*lines, "report_addressee: Начальнику отдела образования администрации района"]),
                       encoding="utf-8")
    result = cli("coverage", "--org", profile, "--db", tmp_path / "db.sqlite", "--today", TODAY, "--format", "docx",
                 "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    text = [p.text for p in docx.Document(result.stdout.strip()).paragraphs]
    assert text[2] == "Начальнику отдела образования администрации района"
    assert text[-1] == f"Директор\tС.В.{NBSP}Ермакова"  # no «исполнитель» in the profile: none printed
    # Nobody responsible in the registry and no author: the director answers for the proposal.
    assert any(t.endswith(f"ответственный{NBSP}— Ермакова{NBSP}С.В.") for t in text)


EXTRA_ACTS = """title: Акты района
acts:
  - {id: internal-rules, title: Правила внутреннего распорядка обучающихся, level: law, basis: ст. 30 273-ФЗ,
     levels: [НОО], doc_class: procedural, review_years: 5}
  - {id: admission-order, title: Порядок приёма на обучение, level: customary, basis: ст. 55 273-ФЗ,
     levels: [НОО], doc_class: procedural, review_years: 5}
  - {id: upbringing-programme, title: Программа воспитания, level: customary, basis: ст. 12.1 273-ФЗ,
     levels: [НОО], doc_class: conceptual, review_years: 5}
  - {id: plan-schedule, title: План-график мероприятий по ВСОКО, level: law, basis: приказ руководителя,
     levels: [НОО], doc_class: managerial, review_years: 5}
"""
# Act id → (status set in the registry, the row's «Уровень требования», its «Статус, приказ» start).
AGREEMENT = {
    "approved": {
        "internal-rules": ("обязательны по закону", "утверждены; приказ"),
        "admission-order": ("необходим для ВСОКО", "утверждён; приказ"),
        "upbringing-programme": ("необходима для ВСОКО", "утверждена; приказ"),
        "plan-schedule": ("обязателен по закону", "утверждён; приказ"),
        "vsoko-regulation": ("необходимо для ВСОКО", "утверждено; приказ"),
    },
    "adopted": {
        "internal-rules": ("обязательны по закону", "приняты педагогическим советом, не утверждены приказом"),
        "admission-order": ("необходим для ВСОКО", "принят педагогическим советом, не утверждён приказом"),
        "upbringing-programme": ("необходима для ВСОКО", "принята педагогическим советом, не утверждена приказом"),
        "vsoko-regulation": ("необходимо для ВСОКО", "принято педагогическим советом, не утверждено приказом"),
    },
    "not_started": {
        "internal-rules": ("обязательны по закону", "не разработаны"),
        "upbringing-programme": ("необходима для ВСОКО", "не разработана"),
        "vsoko-regulation": ("необходимо для ВСОКО", "не разработано"),
        "plan-schedule": ("обязателен по закону", "не разработан"),
    },
}


@pytest.mark.parametrize("status", list(AGREEMENT))
def test_status_and_level_agree_with_the_head_noun(cli, tmp_path, monkeypatch, registry_db, status):
    """Masculine, feminine, neuter and plural titles, each row of the справка read back."""
    import docx

    from docgen.registry import catalogue

    extra = tmp_path / "district.yaml"
    extra.write_text(EXTRA_ACTS, encoding="utf-8")
    builtin = catalogue.builtin_files
    monkeypatch.setattr(catalogue, "builtin_files", lambda: [*builtin(), extra])
    for act in AGREEMENT[status]:
        if status == "approved":
            approve_act(registry_db, act)
        elif status == "adopted":
            for step in ("в разработке", "принят"):
                assert cli("acts", "set", act, step, "--org", PROFILE, "--db", registry_db,
                           "--today", TODAY).exit_code == 0
    result = cli("coverage", "--org", PROFILE, "--db", registry_db, "--today", TODAY, "--format", "docx",
                 "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    doc = docx.Document(result.stdout.strip())
    rows = {r.cells[1].text: [c.text for c in r.cells[2:4]] for r in doc.tables[0].rows[1:]}
    for act, (level, shown) in AGREEMENT[status].items():
        title = catalogue.default_catalogue().get(act).title
        assert rows[title][0] == level and rows[title][1].startswith(shown), (title, rows[title])
        if status != "approved":
            assert any(p.text.endswith(f"{title}{NBSP}— {shown}.")
                       for p in doc.paragraphs), title


def test_outdated_act_reason_without_nested_brackets(cli, tmp_path, registry_db):
    """Approved 01.09.2024 for five years, read on 02.09.2029: its review date has passed."""
    import docx

    approve_act(registry_db, "vsoko-regulation", date="01.09.2024", today="01.09.2024")
    result = cli("coverage", "--org", PROFILE, "--db", registry_db, "--today", "02.09.2029", "--format", "docx",
                 "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    doc = docx.Document(result.stdout.strip())
    text = "\n".join([p.text for p in doc.paragraphs] + [c.text for r in doc.tables[0].rows for c in r.cells])
    assert f"(ВСОКО){NBSP}— требует актуализации (срок пересмотра истёк 01.09.2029)." in text
    assert "срок пересмотра истёк 01.09.2029)" in text and "((" not in text and "))" not in text
    assert "обязательных актов (из них 1 требует актуализации):" in text
    assert (f"(ВСОКО): актуализировать и утвердить новую редакцию приказом, срок{NBSP}— до 02.10.2029") in text
    assert "де-факто" not in text and "де-" not in text


def test_chart_is_a_png_of_the_statuses():
    import datetime as dt

    from docgen.registry.catalogue import default_catalogue
    from docgen.registry.coverage import compute
    from docgen.registry.charts import chart_png, status_counts
    from docgen.registry.service import load_org

    org = load_org(PROFILE)
    result = compute(default_catalogue(), org, {}, [], dt.date(2026, 10, 1))
    assert status_counts(result)["not_started"] == 16
    assert chart_png(result)[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_passes_the_gost_checker(report):
    assert_office_checker_clean(report)


def test_table_and_json_do_not_import_matplotlib_or_openpyxl(tmp_path):
    code = (
        "import sys; from typer.testing import CliRunner; from docgen.cli import app\n"
        f"r = CliRunner().invoke(app, ['coverage', '--org', {str(PROFILE)!r}, '--db', {str(tmp_path / 'db.sqlite')!r},"
        " '--format', 'json'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted(m for m in ('matplotlib', 'openpyxl') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_districts_template_overrides_the_report(cli, tmp_path):
    import docx

    mine = edited_template(tmp_path / "шаблоны", "coverage-report.docx", "Рекомендуемые акты утверждены",
                           "Рекомендуемые локальные акты района утверждены")
    args = ("coverage", "--org", PROFILE, "--db", tmp_path / "db.sqlite", "--today", TODAY, "--format", "docx")
    result = cli(*args, "--out", tmp_path / "свои", "--templates", mine)
    assert result.exit_code == 0, result.output
    text = [p.text for p in docx.Document(result.stdout.strip()).paragraphs]
    assert f"Рекомендуемые локальные акты района утверждены и действуют: 0\u00a0из\u00a08 (0{NBSP}%)." in text
    assert "СПРАВКА" in text and any("0\u00a0из\u00a08 обязательных" in t and "что составляет" in t for t in text)
    builtin = cli(*args, "--out", tmp_path / "встроенные")
    assert f"Рекомендуемые акты утверждены и действуют: 0\u00a0из\u00a08 (0{NBSP}%)." in [
        p.text for p in docx.Document(builtin.stdout.strip()).paragraphs]


def test_a_broken_override_is_refused_and_nothing_written(cli, tmp_path):
    mine = edited_template(tmp_path / "шаблоны", "coverage-report.docx", "{{ required.done }}", "{{ requird.done }}")
    out = tmp_path / "справки"
    result = cli("coverage", "--org", PROFILE, "--db", tmp_path / "db.sqlite", "--today", TODAY, "--format", "docx",
                 "--out", out, "--templates", mine)
    assert result.exit_code == 2
    assert "шаблон «coverage-report.docx»" in result.stderr and "requird" in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize("name", ["coverage-report.docx", "district-coverage-report.docx"])
def test_report_templates_pass_the_template_checker(cli, name):
    from docgen.resources import data_dir

    result = cli("templates", "check", data_dir("templates") / name)
    assert result.exit_code == 0, result.output
    assert "ошибок нет" in result.stdout


@pytest.mark.parametrize("deadline, today, expected", [
    # ahead: no proposal goes past it (60 days for an act not started would be 30.11.2026)
    ("20.10.2026", "01.10.2026", {"deadlines": {"20.10.2026"}, "overdue": False}),
    # passed with acts missing: said in the conclusions; the proposals get their own days again
    ("15.09.2026", "01.10.2026", {"deadlines": {"31.10.2026", "30.11.2026"}, "overdue": True}),
])
def test_proposals_keep_to_the_organisations_own_deadline(cli, tmp_path, deadline, today, expected):
    """A справка the director signs must not propose later dates than the director's own
    regulation or plan-graph (the profile's acts_deadline) while that date is ahead."""
    import docx

    profile = tmp_path / "profile.yaml"
    profile.write_text(PROFILE.read_text(encoding="utf-8") + f"\nacts_deadline: {deadline}\n", encoding="utf-8")
    result = cli("coverage", "--org", profile, "--db", tmp_path / "db.sqlite", "--today", today, "--format", "docx",
                 "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    text = [p.text for p in docx.Document(result.stdout.strip()).paragraphs]
    proposals = text[text.index("Предложения") + 1:]
    deadlines = {t.split(f"срок{NBSP}— до ")[1][:10] for t in proposals if f"срок{NBSP}— до " in t}
    assert deadlines == expected["deadlines"]
    said = f"Установленный организацией срок утверждения обязательных актов ({deadline}) истёк."
    assert (said in text) is expected["overdue"]


def test_a_bad_acts_deadline_names_the_field(cli, tmp_path):
    profile = tmp_path / "profile.yaml"
    profile.write_text(PROFILE.read_text(encoding="utf-8") + "\nacts_deadline: 31.02.2026\n", encoding="utf-8")
    result = cli("coverage", "--org", profile, "--db", tmp_path / "db.sqlite", "--format", "docx",
                 "--out", tmp_path / "out")
    assert result.exit_code == 2 and "acts_deadline" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("who, message", [("nobody", "нет в штатном списке")])
def test_a_procedures_responsible_must_be_on_the_staff(cli, tmp_path, who, message):
    profile = tmp_path / "profile.yaml"
    profile.write_text(PROFILE.read_text(encoding="utf-8").replace("responsible: belykh", f"responsible: {who}", 1),
                       encoding="utf-8")
    result = cli("coverage", "--org", profile, "--db", tmp_path / "db.sqlite", "--format", "docx", "--out", tmp_path / "o")
    assert result.exit_code == 2
    assert "procedures[" in result.stderr and "responsible" in result.stderr and message in result.stderr
