"""The Kirov plugin's own tests: they run from this folder (`pytest`) with or without the package
installed, registering the module explicitly next to docgen's built-in plugins."""
from __future__ import annotations

import docx
import pytest

import docgen_kirov
from docgen import Engine
from docgen.plugins import load_plugins

NBSP = "\u00a0"


@pytest.fixture
def engine(monkeypatch):
    monkeypatch.delenv("DOCGEN_LOAD_PLUGINS", raising=False)
    monkeypatch.delenv("DOCGEN_TEMPLATES", raising=False)
    monkeypatch.setenv("DOCGEN_DISABLE_PLUGINS", "kirov")  # registered explicitly below
    return Engine(plugins=load_plugins(extra=[("kirov", docgen_kirov)]))


def test_monitoring_order_names_decisions_deadlines_responsible_and_participants(engine, tmp_path):
    result = engine.generate("kirov-monitoring-order", docgen_kirov.SAMPLE, tmp_path)
    document = docx.Document(str(result.path))
    text = [p.text for p in document.paragraphs if p.text.strip()]
    assert text[:6] == [
        "Управление образования администрации Оричевского района Кировской области",
        "(УО Оричевского района)",
        "ПРИКАЗ",
        f"1 октября 2026{NBSP}г.\t№{NBSP}214\u2011од",
        "пгт Оричи",
        "О проведении мониторинга муниципальных показателей системы работы по самоопределению и "
        "профессиональной ориентации обучающихся",
    ]
    assert ("3. Назначить Кротову Наталью Александровну, заместителя начальника управления образования, "
            "муниципальным координатором мониторинга.") in text
    assert any(t.startswith(f"4. Заместителю начальника управления образования Кротовой{NBSP}Н.А. направить")
               and t.endswith("в срок до 07.10.2026.") for t in text)
    assert any(t.startswith("7. Руководителям организаций\u00a0— участников мониторинга (приложение 2)")
               and t.endswith("в срок до 30.10.2026.") for t in text)
    assert any(t.startswith("9. По итогам мониторинга") and "о поощрении" in t for t in text)
    assert text[text.index("ПРИКАЗЫВАЮ:") + 1].startswith("1. Провести мониторинг")
    assert f"Начальник управления образования\tГ.Н.{NBSP}Шиляева" in text
    indicators, participants, acquainted = ([[c.text for c in r.cells] for r in t.rows] for t in document.tables)
    assert len(indicators) == 5 and indicators[1][1].startswith("Доля обучающихся 6–11 классов")
    assert participants[1] == ["1", f"МКОУ СОШ с.{NBSP}Истобенск",
                               f"Бушмакина{NBSP}С.Ю., заместитель директора по учебно-воспитательной работе"]
    assert [r[1] for r in acquainted[1:]] == [f"Кротова{NBSP}Н.А.", f"Чучкалова{NBSP}О.С.", f"Лазарев{NBSP}Д.В."]


def test_a_step_due_before_the_order_is_refused(engine, tmp_path):
    from docgen import InputError

    data = docgen_kirov.SAMPLE.read_text(encoding="utf-8").replace("deadline: 07.10.2026", "deadline: 07.09.2026")
    (tmp_path / "organization.yaml").write_text(
        (docgen_kirov.SAMPLES / "organization.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "order.yaml"
    bad.write_text(data, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        engine.generate("kirov-monitoring-order", bad, tmp_path / "out")
    # A check across fields (a step's deadline and the order's date) names the field it blames.
    assert caught.value.problems == ["поле «steps[1].deadline» (срок): срок 07.09.2026 раньше даты приказа"]
    assert not (tmp_path / "out").exists()


def test_catalogue_adds_the_districts_acts(engine):
    from docgen.registry.catalogue import default_catalogue

    catalogue = default_catalogue(engine.plugins)
    assert "kirov-career-guidance-plan" in catalogue.acts
    assert catalogue.sources["kirov-career-guidance-plan"] == docgen_kirov.CATALOGUE
    assert "vsoko-regulation" in catalogue.acts  # the built-in catalogue is still there


def test_override_of_the_builtin_working_group_template(engine):
    assert engine.template_path.find("working-group-order.docx") == docgen_kirov.TEMPLATES / "working-group-order.docx"


def test_templates_pass_the_checker(engine):
    from docgen.template_check import check_type

    for slug in ("kirov-monitoring-order", "working-group-order"):
        report = check_type(engine, engine.get_type(slug))
        assert not report.errors, [f.line() for f in report.errors]
