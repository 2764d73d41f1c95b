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
    assert "о полноте локальных нормативных актов, обеспечивающих функционирование ВСОКО" in text
    assert f"1 октября 2026{NBSP}г.\tс. Таянды" in text
    assert any(f"1 из 8, что составляет 12,5{NBSP}% от необходимого общего числа" in t for t in text)
    assert f"Педагогические работники, вовлечённые в ВСОКО: 9 из 24 (37,5{NBSP}%)." in text
    assert (f"Процедуры ВСОКО, обеспеченные разработанным инструментарием: 6 из 8 (75{NBSP}%). Нет инструментария: "
            "мониторинг личностных результатов; анкетирование родителей об удовлетворённости качеством образования."
            ) in text
    assert len(doc.inline_shapes) == 1
    assert doc.inline_shapes[0].width > 0
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "№", "Акт", "Уровень требования", "Статус, приказ", "Ответственный"]
    assert len(table.rows) == 1 + 16  # every act applicable to НОО, ООО, СОО
    approved = next(r for r in table.rows[1:] if r.cells[1].text.startswith("Положение о внутренней системе оценки качества"))
    assert [c.text for c in approved.cells[2:]] == [
        "обязателен де-факто", f"утверждён; приказ от 01.09.2026 №{NBSP}45-од", f"Бондаренко{NBSP}О.Н."]
    missing = [t for t in text if t[:2] in {f"{n})" for n in range(1, 10)}]
    assert len(missing) == 7
    assert any(f"в разработке (проект); ответственный: Зайченко{NBSP}Н.И." in t for t in missing)
    assert text[-1] == f"Директор\tС.В.{NBSP}Ермакова"
    section = doc.sections[0]
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15


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
    assert f"Рекомендуемые локальные акты района утверждены и действуют: 0 из 8 (0{NBSP}%)." in text
    assert "СПРАВКА" in text and any("0 из 8, что составляет" in t for t in text)
    builtin = cli(*args, "--out", tmp_path / "встроенные")
    assert f"Рекомендуемые акты утверждены и действуют: 0 из 8 (0{NBSP}%)." in [
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
