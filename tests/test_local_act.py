"""The local-act type: a Положение written from its content file (acts/<id>.yaml along the template
path) with the grifs of its adoption, driven through the CLI as a secretary runs it, and read back
from the .docx: the heading, the grifs with protocol numbers and dates, the clause numbers, the
basis list, the terms, a table whose header repeats; a project without УТВЕРЖДЕНО; and the refusals
(a missing protocol, a content file that cites nothing, an unknown placeholder, a broken district
override) — each a Russian message, exit 2, nothing written."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from docgen.resources import data_dir
from helpers import NBSP, SAMPLES, assert_office_checker_clean, body_of, generate

TAYANDY = SAMPLES / "tayandinskaya"
ACTS = data_dir("templates") / "acts"
# The sample's plan: councils 02.12 and 03.12.2026 (weekdays), approval by order № 131-од of
# 11.12.2026 — the regulation's deadline (act-approval-order.yaml, plan-graph.yaml).
PROTOCOLS = {
    "pedagogical_council": {"date": "03.12.2026", "number": 3},
    "students_council": {"date": "02.12.2026", "number": 2},
    "parents_council": {"date": "02.12.2026", "number": 2},
    "approved": {"date": "11.12.2026", "number": 131},
}


def data_file(folder: Path, act: str = "vsoko-regulation", name: str = "act.yaml", **fields) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump({"organization": "organization.yaml", "act": act, **fields}, allow_unicode=True),
                    encoding="utf-8")
    return path


def grif_cells(path: Path) -> tuple[str, str]:
    """The grif table's outer cells: ПРИНЯТО and УЧТЕНО on the left, УТВЕРЖДЕНО or ПРОЕКТ on the right
    (the middle one is the gap between them: each grif is at most 7.5 cm wide)."""
    cells = docx.Document(str(path)).tables[0].rows[0].cells
    left, right = cells[0], cells[-1]
    return "\n".join(p.text for p in left.paragraphs), "\n".join(p.text for p in right.paragraphs)


def refused(result) -> str:
    assert result.result.exit_code == 2, result.result.output
    assert not [f for f in result.files if f.suffix == ".docx"], result.files
    return result.result.output


@pytest.fixture(scope="module")
def approved_act(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    (folder / "organization.yaml").write_text((TAYANDY / "organization.yaml").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    data = data_file(folder, **PROTOCOLS)
    return generate("local-act", data, tmp_path_factory.mktemp("out")).document


def test_heading_and_file_name(approved_act):
    text = body_of(approved_act)
    assert text[text.index("ПОЛОЖЕНИЕ") + 1] == "о внутренней системе оценки качества образования"
    assert approved_act.name == ("Положение о внутренней системе оценки качества образования (ВСОКО) "
                                 "(приказ № 131-од от 11.12.2026).docx")


def test_grifs_name_the_councils_protocols_and_the_order(approved_act):
    left, right = grif_cells(approved_act)
    assert left.split("\n")[:3] == ["ПРИНЯТО", "на заседании педагогического совета",
                                    f"(протокол от 03.12.2026 №{NBSP}3)"]
    assert f"УЧТЕНО\nмнение совета обучающихся\n(протокол от 02.12.2026 №{NBSP}2)" in left
    assert ("УЧТЕНО\nмнение совета родителей (законных представителей) несовершеннолетних обучающихся\n"
            f"(протокол от 02.12.2026 №{NBSP}2)") in left
    assert right.split("\n") == ["УТВЕРЖДЕНО", "приказом директора", f"МКОУ{NBSP}«Таяндинская{NBSP}СОШ»",
                                 f"от 11.12.2026 №{NBSP}131\u2011од"]
    table = docx.Document(str(approved_act)).tables[0]._tbl
    borders = table.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}  # as school sites show it: no lines


def test_clause_numbers_basis_and_terms(approved_act):
    text = body_of(approved_act)
    start = text.index("1. Общие положения")
    assert text[start + 1] == ("1.1. Настоящее Положение о внутренней системе оценки качества образования "
                               f"(далее{NBSP}— Положение) разработано в соответствии с:")
    basis = text[start + 2:text.index(next(t for t in text if t.startswith("1.2. ")))]
    assert basis[0].startswith(f"–{NBSP}Федеральным законом от 29.12.2012 №{NBSP}273\u2011ФЗ «Об образовании в "
                               "Российской Федерации» (п.")
    assert all(item.endswith(";") for item in basis[:-1])
    assert basis[-1] == f"–{NBSP}уставом МКОУ{NBSP}«Таяндинская{NBSP}СОШ»."
    # The organisation's names fill the placeholders; the engine introduces the abbreviation.
    first = text[text.index(basis[-1]) + 1].replace(NBSP, " ")
    assert "Муниципального казённого общеобразовательного учреждения «Таяндинская средняя общеобразовательная " \
           "школа» (далее — Школа)" in first
    terms = text.index("2. Термины, определения и сокращения")
    assert text[terms + 1] == "2.1. В настоящем Положении используются следующие термины, определения и сокращения:"
    assert any(t.startswith(f"ВСОКО{NBSP}— внутренняя система оценки качества образования") for t in text)
    assert "4.2. Директор Школы:" in text
    assert ("4.2.1. утверждает приказом план-график функционирования ВСОКО и инструментарий оценочных процедур в его "
            "составе, график оценочных процедур на учебный год (полугодие);") in text
    assert "5.1.3. оценку качества условий реализации ООП." in text
    assert "основных общеобразовательных программ начального общего, основного общего и среднего общего образования" \
        in "\n".join(text)
    sections = [t for t in text if t[:1].isdigit() and ". " in t and t.split(". ")[0].isdigit()]
    assert [int(s.split(".")[0]) for s in sections] == list(range(1, len(sections) + 1))


def test_tables_repeat_their_header_and_rows_do_not_split(approved_act):
    document = docx.Document(str(approved_act))
    tables = [t for t in document.tables[1:]]
    assert [t.rows[0].cells[0].text for t in tables] == ["Направление и объект оценки", "Процедура"]
    for t in tables:
        rows = t._tbl.findall(qn("w:tr"))
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(r.trPr is not None and r.trPr.find(qn("w:cantSplit")) is not None for r in rows)
        spans = [int(tc.tcPr.find(qn("w:gridSpan")).get(qn("w:val"))) for tc in rows[0].findall(qn("w:tc"))]
        assert sum(spans) == len(t._tbl.tblGrid.findall(qn("w:gridCol")))
    text = body_of(approved_act)
    assert "Таблица 1\u00a0— Направления и объекты оценки качества образования" in text
    # The profile's own procedures: positions, never a person's name, and no empty cell — a procedure
    # without its owner takes its direction's (acts/_common.yaml), one without instruments says how they come.
    procedures = [[tc.xpath("string(.)") for tc in row._tr.findall(qn("w:tc"))] for row in tables[1].rows]
    assert procedures[0] == ["Процедура", "Направление оценки", "Инструментарий", "Ответственные"]
    assert any(row[0] == "Мониторинг личностных результатов"
               and row[-1] == "Заместитель директора по ВР, педагог-психолог, классные руководители"
               and row[2].startswith("утверждается приказом директора") for row in procedures)
    assert any(row[0].startswith("Стартовая диагностика")
               and row[-1] == "Заместитель директора по УВР, педагог-психолог" for row in procedures)
    # a procedure whose owner the profile leaves out takes its direction's
    assert any(row[0].startswith("Анализ результатов ВПР") and row[-1] == "Заместитель директора по УВР"
               for row in procedures)
    cells = [cell for row in procedures for cell in row]
    assert "—" not in cells and not any("Белых" in cell or "разрабатывается" in cell for cell in cells)


def test_the_office_checker_finds_nothing(approved_act):
    assert_office_checker_clean(approved_act, "--level", "2")


@pytest.mark.parametrize("sample", ["local-act-vsoko.yaml", "local-act-self-evaluation.yaml",
                                    "local-act-working-group.yaml"])
def test_every_sample_act_passes_the_checker(sample, tmp_path):
    path = generate("local-act", TAYANDY / sample, tmp_path).document
    assert_office_checker_clean(path, "--level", "2")


def test_the_sample_story(tmp_path):
    """Order 111-од approved the working group's regulation, adopted by the council on 27.08.2026."""
    path = generate("local-act", TAYANDY / "local-act-working-group.yaml", tmp_path).document
    left, right = grif_cells(path)
    assert f"(протокол от 27.08.2026 №{NBSP}1)" in left and "УЧТЕНО" not in left  # pupils' rights untouched
    assert right.endswith(f"от 01.09.2026 №{NBSP}111\u2011од")
    assert "о рабочей группе по совершенствованию внутренней системы оценки качества образования" in body_of(path)
    # A clause a list follows keeps with it: «… имеют право:» never ends a page alone.
    paragraphs = {p.text: p for p in docx.Document(str(path)).paragraphs}
    assert paragraphs["5.1. Члены рабочей группы имеют право:"].paragraph_format.keep_with_next
    assert not paragraphs["6.1. Рабочая группа работает по плану-графику, который утверждается приказом директора."]\
        .paragraph_format.keep_with_next


def test_a_project_has_no_approval(tmp_path):
    path = generate("local-act", TAYANDY / "local-act-vsoko.yaml", tmp_path).document
    left, right = grif_cells(path)
    assert right.strip() == "ПРОЕКТ" and left.strip() == ""
    text = "\n".join(body_of(path))
    assert "УТВЕРЖДЕНО" not in text and "ПРИНЯТО" not in text
    assert path.name.endswith("(проект).docx")


@pytest.mark.parametrize("missing, words", [
    ("pedagogical_council", "протокола педагогического совета"),
    ("students_council", "совета обучающихся"),
    ("parents_council", "совета родителей"),
])
def test_a_missing_protocol_is_named(sample_dir, tmp_path, missing, words):
    given = {k: v for k, v in PROTOCOLS.items() if k != missing}
    result = generate("local-act", data_file(sample_dir, **given), tmp_path / "out")
    output = refused(result)
    assert missing in output and words in output, output


def test_a_protocol_after_the_approval_is_refused(sample_dir, tmp_path):
    late = {**PROTOCOLS, "pedagogical_council": {"date": "29.12.2026", "number": 3}}
    output = refused(generate("local-act", data_file(sample_dir, **late), tmp_path / "out"))
    assert "pedagogical_council" in output and "позже приказа об утверждении" in output, output


def test_an_act_without_pupils_rights_needs_only_the_council(sample_dir, tmp_path):
    data = data_file(sample_dir, act="self-evaluation", pedagogical_council=PROTOCOLS["pedagogical_council"],
                     approved=PROTOCOLS["approved"])
    left, _ = grif_cells(generate("local-act", data, tmp_path).document)
    assert "ПРИНЯТО" in left and "УЧТЕНО" not in left


def test_an_unknown_act_is_refused(sample_dir, tmp_path):
    output = refused(generate("local-act", data_file(sample_dir, act="no-such-act"), tmp_path / "out"))
    assert "no-such-act" in output and "нет в каталоге" in output


# -- content files: the user's folder and a district's override ---------------------------------

def content(act: str = "vsoko-regulation") -> dict:
    return yaml.safe_load((ACTS / f"{act}.yaml").read_text(encoding="utf-8"))


def user_content(folder: Path, data: dict, act: str = "vsoko-regulation") -> Path:
    (folder / "acts").mkdir(parents=True, exist_ok=True)
    path = folder / "acts" / f"{act}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_content_file_without_basis_is_refused(sample_dir, tmp_path):
    broken = content()
    del broken["basis"]
    path = user_content(tmp_path / "шаблоны", broken)
    result = generate("local-act", data_file(sample_dir), tmp_path / "out", "--templates", tmp_path / "шаблоны")
    output = refused(result)
    assert str(path) in output and "basis" in output and "ни на что не ссылается" in output, output


def test_a_content_file_without_sections_is_refused(sample_dir, tmp_path):
    broken = {**content(), "sections": []}
    user_content(tmp_path / "шаблоны", broken)
    output = refused(generate("local-act", data_file(sample_dir), tmp_path / "out", "--templates",
                              tmp_path / "шаблоны"))
    assert "sections" in output and "нет ни одного раздела" in output, output


@pytest.mark.parametrize("text, reason", [
    ("Положение действует в {{ schol }}.", "неизвестная подстановка «{{ schol }}»"),
    ("Положение действует в {{ school.__class__ }}.", "только подстановки"),
    ("Положение действует в {{ school }.", "ошибка в подстановке"),
    ("{% for x in range(10) %}x{% endfor %}", "без команд"),
])
def test_a_bad_placeholder_names_the_file_and_the_clause(sample_dir, tmp_path, text, reason):
    broken = content()
    broken["sections"][0]["clauses"][0] = text
    path = user_content(tmp_path / "шаблоны", broken)
    output = refused(generate("local-act", data_file(sample_dir), tmp_path / "out", "--templates",
                              tmp_path / "шаблоны"))
    assert str(path) in output and "раздел 1 «Общие положения», пункт 1.2." in output and reason in output, output


def test_a_content_file_named_for_another_act_is_refused(sample_dir, tmp_path):
    user_content(tmp_path / "шаблоны", content("self-evaluation"), act="vsoko-regulation")
    output = refused(generate("local-act", data_file(sample_dir), tmp_path / "out", "--templates",
                              tmp_path / "шаблоны"))
    assert "self-evaluation" in output and "должны совпадать" in output, output


def test_a_school_overrides_the_wording(sample_dir, tmp_path):
    mine = content("working-group-regulation")
    mine["sections"][5]["clauses"][1] = "Заседания рабочей группы проводятся еженедельно по четвергам."
    user_content(tmp_path / "шаблоны", mine, act="working-group-regulation")
    data = data_file(sample_dir, act="working-group-regulation", pedagogical_council=PROTOCOLS["pedagogical_council"],
                     approved=PROTOCOLS["approved"])
    path = generate("local-act", data, tmp_path / "out", "--templates", tmp_path / "шаблоны").document
    assert "6.2. Заседания рабочей группы проводятся еженедельно по четвергам." in body_of(path)


def test_a_shared_fact_changed_once_changes_every_act(sample_dir, tmp_path):
    """acts/_common.yaml in the school's templates folder: one owner of a procedure, edited once,
    is what the ВСОКО act and the monitoring act both print."""
    shared = yaml.safe_load((ACTS / "_common.yaml").read_text(encoding="utf-8"))
    shared["procedures"]["personal-results"]["owner"] = "Заместитель директора по ВР, педагог-психолог"
    (tmp_path / "шаблоны" / "acts").mkdir(parents=True)
    (tmp_path / "шаблоны" / "acts" / "_common.yaml").write_text(yaml.safe_dump(shared, allow_unicode=True),
                                                                 encoding="utf-8")
    for act in ("vsoko-regulation", "internal-monitoring"):
        data = data_file(sample_dir, act=act, name=f"{act}.yaml")
        path = generate("local-act", data, tmp_path / act, "--templates", tmp_path / "шаблоны").document
        rows = [[tc.xpath("string(.)") for tc in tr.findall(qn("w:tc"))]
                for t in docx.Document(str(path)).tables[1:2] for tr in t._tbl.findall(qn("w:tr"))]
        personal = next(r for r in rows if "ичностные результаты" in r[0])
        assert personal[-2:] == ["Два раза в год (октябрь, апрель)", "Заместитель директора по ВР, педагог-психолог"]


def test_an_unknown_shared_key_is_refused(sample_dir, tmp_path):
    broken = content()
    broken["basis"][1] = {"use": "no-such-basis"}
    path = user_content(tmp_path / "шаблоны", broken)
    output = refused(generate("local-act", data_file(sample_dir), tmp_path / "out", "--templates",
                              tmp_path / "шаблоны"))
    assert str(path) in output and "«no-such-basis»" in output and "_common.yaml" in output, output


def test_the_texts_name_the_councils_as_the_profile_does(sample_dir, tmp_path):
    """A school whose charter says «Совет родителей» gets it in the grifs and in the text alike."""
    profile = yaml.safe_load((sample_dir / "organization.yaml").read_text(encoding="utf-8"))
    profile["councils"] = {"parents": "Совет родителей", "students": "Совет старшеклассников"}
    (sample_dir / "organization.yaml").write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    path = generate("local-act", data_file(sample_dir, **PROTOCOLS), tmp_path / "out").document
    text = "\n".join(body_of(path)).replace(NBSP, " ")
    assert "с учётом мнения Совета старшеклассников и Совета родителей" in text
    assert "Совет старшеклассников и Совет родителей участвуют в анкетировании" in text
    assert "совет обучающихся" not in text.lower()


def test_a_district_plugin_overrides_and_breaks_a_content_file(sample_dir, tmp_path, monkeypatch):
    """A district's plugin ships acts/<id>.yaml in its template folder: it wins over the built-in
    file; a broken one is refused with the district's file named."""
    from docgen import Engine, InputError, hookimpl
    from docgen.plugins import load_plugins

    folder = tmp_path / "district"
    district = content("self-evaluation")
    district["sections"][-2]["clauses"].append("Положение согласовывается с управлением образования района.")
    user_content(folder, district, act="self-evaluation")

    class Plugin:
        @staticmethod
        @hookimpl
        def docgen_register_template_dirs(register):
            register(folder)

    engine = Engine(plugins=load_plugins(extra=[("district", Plugin)]))
    data = data_file(sample_dir, act="self-evaluation", pedagogical_council=PROTOCOLS["pedagogical_council"],
                     approved=PROTOCOLS["approved"])
    result = engine.generate("local-act", data, tmp_path / "out")
    assert any(t.endswith("согласовывается с управлением образования района.") for t in body_of(result.path))

    del district["basis"]
    path = user_content(folder, district, act="self-evaluation")
    engine = Engine(plugins=load_plugins(extra=[("district", Plugin)]))
    with pytest.raises(InputError) as caught:
        engine.generate("local-act", data, tmp_path / "out2")
    assert str(path) in caught.value.message and "basis" in caught.value.message
    assert not (tmp_path / "out2").exists() or not list((tmp_path / "out2").iterdir())


# -- the catalogue and the profile ------------------------------------------------------------

def test_the_catalogue_names_the_type_of_every_act_with_content():
    """An act whose document_type is local-act has a valid content file, and every act with a
    content file says so — the catalogue tells the truth about what docgen writes."""
    from docgen.acts import act_title
    from docgen.engine import Engine
    from docgen.registry.catalogue import default_catalogue
    from docgen_plugins.local_act.content import load_content

    catalogue = default_catalogue()
    types = Engine().document_types
    with_content = {p.stem for p in ACTS.glob("*.yaml") if not p.stem.startswith("_")}  # _common: shared facts
    assert {"vsoko-regulation", "self-evaluation", "working-group-regulation"} <= with_content
    for act in catalogue.acts.values():
        assert act.document_type is None or act.document_type in types, act.id
        assert (act.document_type == "local-act") == (act.id in with_content), act.id
    for act_id in with_content:
        assert act_title(act_id) is not None
        loaded, _ = load_content(act_id)
        assert loaded.basis and loaded.sections


def test_profiles_without_councils_stay_valid_and_name_them_by_default():
    from docgen import Organization

    org = Organization.model_validate(yaml.safe_load((TAYANDY / "organization.yaml").read_text(encoding="utf-8")))
    assert org.councils.pedagogical == "педагогический совет"
    assert org.councils.students == "совет обучающихся"
    assert org.councils.parents.startswith("совет родителей (законных представителей)")


def test_a_council_named_by_the_charter(sample_dir, tmp_path):
    profile = yaml.safe_load((sample_dir / "organization.yaml").read_text(encoding="utf-8"))
    profile["councils"] = {"students": "Совет старшеклассников", "parents": None}
    (sample_dir / "organization.yaml").write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    given = {k: v for k, v in PROTOCOLS.items() if k != "parents_council"}  # the school has no council of parents
    left, _ = grif_cells(generate("local-act", data_file(sample_dir, **given), tmp_path).document)
    assert "мнение Совета старшеклассников" in left and "родителей" not in left


@pytest.mark.parametrize("change, words", [
    (lambda sections: sections[:-1], "нет заключительного раздела «Заключительные положения»"),
    (lambda sections: sections[1:], "первый раздел акта — «Общие положения»"),
])
def test_a_content_file_missing_a_required_section_is_refused(sample_dir, tmp_path, change, words):
    """The general provisions open every act and the closing section (entry into force, review,
    acquaintance) ends it: a district's file without either is refused, naming the file."""
    broken = content()
    broken["sections"] = change(broken["sections"])
    path = user_content(tmp_path / "шаблоны", broken)
    output = refused(generate("local-act", data_file(sample_dir), tmp_path / "out", "--templates",
                              tmp_path / "шаблоны"))
    assert str(path) in output and "sections" in output and words in output, output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
