"""`docgen acts step` and `docgen acts adopt` end to end, through the CLI, over the Таяндинская sample
registry (acts.csv imported into a fresh store): the act and its approving order written and read
back, the journal's number in the act's grif, the registry moved, the history and the steps; a
package in one order; a new edition; and every refusal leaving nothing behind."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import docx
import pytest

from test_store_engines import db  # noqa: F401 — db is a fixture
from helpers import (NBSP, SAMPLES, plain_numbers, TAYANDY_PROFILE as PROFILE, assert_office_checker_clean, document_text,
                     journal_entries, registry_rows)

pytestmark = pytest.mark.usefixtures("in_test_folder")

ACTS_CSV = SAMPLES / "tayandinskaya" / "acts.csv"
TODAY = "12.12.2026"
PROTOCOLS = ("--council-protocol", "03.12.2026:3", "--students-protocol", "02.12.2026:2",
             "--parents-protocol", "02.12.2026:2")


@pytest.fixture
def registry(cli, registry_db):
    """The sample registry: acts.csv imported, as a school that starts using docgen."""
    result = cli("acts", "import", ACTS_CSV, "--org", PROFILE, "--db", registry_db, "--today", "01.12.2026")
    assert result.exit_code == 0, result.output
    return registry_db


def adopt(cli, db, out, *args, today=TODAY):
    return cli("acts", "adopt", *args, "--org", PROFILE, "--db", db, "--out", out, "--today", today)


def grif_cells(path: Path) -> tuple[str, str]:
    cells = docx.Document(path).tables[0].rows[0].cells
    # the grifs' outer columns (a gap between them); «№ 1‑од» read as typed
    return plain_numbers(cells[0].text), plain_numbers(cells[-1].text)


def coverage(cli, db):
    result = cli("coverage", "--org", PROFILE, "--db", db, "--format", "json", "--today", TODAY)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def status_of(db, act):
    with sqlite3.connect(db) as conn:
        return conn.execute("select status, order_number, order_date from act_status where act_id = ?",
                            (act,)).fetchone()


def steps_of(db, act):
    with sqlite3.connect(db) as conn:
        return conn.execute("select step, held_on, number, place, edition from act_steps where act_id = ? "
                            "order by held_on, id", (act,)).fetchall()


def written(result, sheets: bool = False) -> list[Path]:
    """The order and the acts the adoption printed (``sheets``: the acquaintance sheets instead)."""
    assert result.exit_code == 0, result.output
    paths = [Path(line) for line in result.stdout.strip().splitlines()[1:]]
    assert all(p.is_file() for p in paths), paths
    return [p for p in paths if p.name.startswith("Лист ознакомления") == sheets]


def test_adopt_writes_the_act_and_its_order_and_moves_the_registry(cli, registry, tmp_path):
    before = coverage(cli, registry)
    out = tmp_path / "out"
    result = adopt(cli, registry, out, "vsoko-regulation", "--order-date", "11.12.2026", *PROTOCOLS)
    order, act = written(result)
    assert f"приказ №{NBSP}1-од от 11.12.2026" in result.stdout
    # the acquaintance sheet comes with the act: the .docx to sign, the .xlsx for the dates
    sheet, table = written(result, sheets=True)
    assert (sheet.suffix, table.suffix) == (".docx", ".xlsx")
    assert sorted(out.iterdir()) == sorted([order, act, sheet, table])
    sheet_text = document_text(sheet).replace(NBSP, " ")
    assert "Положением о внутренней системе оценки качества образования" in sheet_text
    assert "от 11.12.2026 № 1-од" in sheet_text
    assert_office_checker_clean(sheet)
    left, right = grif_cells(act)
    assert left.split("\n")[:3] == ["ПРИНЯТО", "на заседании педагогического совета", f"(протокол от 03.12.2026 №{NBSP}3)"]
    assert "УЧТЕНО\nмнение совета обучающихся\n(протокол от 02.12.2026 №\xa02)" in left
    assert "УЧТЕНО\nмнение совета родителей (законных представителей) несовершеннолетних обучающихся\n" \
           f"(протокол от 02.12.2026 №{NBSP}2)" in left
    assert right.split("\n") == ["УТВЕРЖДЕНО", "приказом директора", f"МКОУ{NBSP}«Таяндинская{NBSP}СОШ»",
                                 f"от 11.12.2026 №{NBSP}1-од"]
    text = document_text(order)
    assert "Об утверждении Положения о внутренней системе оценки качества образования (ВСОКО)" in text
    assert "решения педагогического совета (протокол от 03.12.2026 № 3)" in text.replace(NBSP, " ")
    assert "с учётом мнения совета обучающихся (протокол от 02.12.2026 № 2)" in text.replace(NBSP, " ")
    assert "№ 1-од" in text.replace(NBSP, " ")
    for path in (order, act):
        assert_office_checker_clean(path)
    assert journal_entries(registry) == [(1, "1-од", "complete", str(order))]
    assert status_of(registry, "vsoko-regulation") == ("approved", "1-од", "2026-12-11")
    after = coverage(cli, registry)
    assert after["required"] == before["required"]
    assert after["approved"] == before["approved"] + 1
    history = cli("acts", "history", "vsoko-regulation", "--org", PROFILE, "--db", registry)
    flat = " ".join(history.stdout.split())
    assert "на обсуждении → принят" in flat and "принят → утверждён" in flat
    assert steps_of(registry, "vsoko-regulation") == [
        ("students_council", "2026-12-02", "2", None, "2026-12-11 1-од"),
        ("parents_council", "2026-12-02", "2", None, "2026-12-11 1-од"),
        ("pedagogical_council", "2026-12-03", "3", None, "2026-12-11 1-од"),
        ("approved", "2026-12-11", "1-од", None, "2026-12-11 1-од")]


def test_recorded_steps_give_the_protocols(cli, registry, tmp_path):
    def step(*args):
        result = cli("acts", "step", "vsoko-regulation", *args, "--org", PROFILE, "--db", registry, "--today", TODAY)
        assert result.exit_code == 0, result.output
        return " ".join(result.stdout.split())

    assert "статус: «на обсуждении»" in step("обсуждение", "--date", "23.11.2026", "--where", "сайт школы")
    step("совет-обучающихся", "--date", "01.12.2026", "--number", "2")
    step("parents_council", "--date", "02.12.2026", "--number", "5")
    assert "«на обсуждении» → «принят»" in step("педсовет", "--date", "03.12.2026", "--number", "3")
    assert status_of(registry, "vsoko-regulation")[0] == "adopted"
    out = tmp_path / "out"
    order, act = written(adopt(cli, registry, out, "vsoko-regulation", "--order-date", "10.12.2026"))
    left, right = grif_cells(act)
    assert f"(протокол от 01.12.2026 №{NBSP}2)" in left and f"(протокол от 02.12.2026 №{NBSP}5)" in left
    assert right.endswith(f"от 10.12.2026 №{NBSP}1-од")
    text = document_text(order).replace(NBSP, " ")
    assert "совета родителей (законных представителей) несовершеннолетних обучающихся (протокол от 02.12.2026 № 5)" in text
    assert [s[0] for s in steps_of(registry, "vsoko-regulation")] == [
        "discussion", "students_council", "parents_council", "pedagogical_council", "approved"]
    assert {s[4] for s in steps_of(registry, "vsoko-regulation")} == {"2026-12-10 1-од"}
    history = " ".join(cli("acts", "history", "vsoko-regulation", "--org", PROFILE, "--db", registry).stdout.split())
    assert "учтено мнение совета обучающихся" in history


def test_a_step_out_of_order_is_refused(cli, registry):
    ok = cli("acts", "step", "vsoko-regulation", "педсовет", "--date", "03.12.2026", "--number", "3",
             "--org", PROFILE, "--db", registry, "--today", TODAY)
    assert ok.exit_code == 0, ok.output
    before = registry_rows(registry), steps_of(registry, "vsoko-regulation")
    for args, words in ((("совет-родителей", "--date", "05.12.2026", "--number", "1"), "не может быть позже"),
                        (("обсуждение", "--date", "01.01.2027", "--where", "сайт"), "ещё не наступила"),
                        (("педсовет", "--date", "03.12.2026"), "--number"),
                        (("заседание", "--date", "03.12.2026"), "неизвестный шаг")):
        result = cli("acts", "step", "vsoko-regulation", *args, "--org", PROFILE, "--db", registry, "--today", TODAY)
        assert result.exit_code == 2 and words in result.output, result.output
        assert (registry_rows(registry), steps_of(registry, "vsoko-regulation")) == before


def test_a_package_of_three_acts_in_one_order(cli, registry, tmp_path):
    out = tmp_path / "out"
    before = coverage(cli, registry)
    result = adopt(cli, registry, out, "vsoko-regulation", "internal-monitoring", "internal-control",
                   "--order-date", "11.12.2026", *PROTOCOLS)
    order, *acts = written(result)
    assert len(acts) == 3 and len(journal_entries(registry)) == 1
    text = document_text(order).replace(NBSP, " ")
    assert "Об утверждении локальных нормативных актов" in text
    for title in ("Положение о внутренней системе оценки качества образования",
                  "Положение о внутреннем мониторинге качества образования", "Положение о внутришкольном контроле"):
        assert title in text
    for act in acts:
        assert grif_cells(act)[1].endswith(f"от 11.12.2026 №{NBSP}1-од")
        assert_office_checker_clean(act)
    assert_office_checker_clean(order)
    for act in ("vsoko-regulation", "internal-monitoring", "internal-control"):
        assert status_of(registry, act) == ("approved", "1-од", "2026-12-11")
    assert coverage(cli, registry)["approved"] >= before["approved"] + 1


def test_a_new_edition_repeals_the_old_one(cli, registry, tmp_path):
    out = tmp_path / "out"
    refused = adopt(cli, registry, out, "self-evaluation", "--order-date", "11.12.2026", *PROTOCOLS)
    assert refused.exit_code == 2
    assert "уже утверждён приказом" in refused.output and "--new-edition" in refused.output
    assert not out.exists()
    order, act = written(adopt(cli, registry, out, "self-evaluation", "--order-date", "11.12.2026",
                               "--council-protocol", "03.12.2026:3", "--new-edition"))
    text = document_text(order).replace(NBSP, " ")
    assert "28.03.2019 № 41-од" in text and "утратившим силу" in text
    assert grif_cells(act)[1].endswith(f"от 11.12.2026 №{NBSP}1-од")
    assert status_of(registry, "self-evaluation") == ("approved", "1-од", "2026-12-11")
    history = " ".join(cli("acts", "history", "self-evaluation", "--org", PROFILE, "--db", registry).stdout.split())
    assert "требует актуализации → утратил силу" in history and "утратил силу → утверждён" in history
    assert "41-од" in history


@pytest.fixture
def primary_profile(tmp_path):
    folder = tmp_path / "primary"
    shutil.copytree(SAMPLES / "tayandinskaya", folder)
    path = folder / "organization.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("levels: [НОО, ООО, СОО]", "levels: [НОО]"), encoding="utf-8")
    return path


@pytest.mark.parametrize("args, words", [
    (("no-such-act", "--order-date", "11.12.2026", *PROTOCOLS), "нет в каталоге"),
    (("vsoko-regulation", "--order-date", "11.12.2026", "--council-protocol", "03.12.2026:3"), "students_council"),
    (("vsoko-regulation", "--order-date", "11.12.2026"), "нет протокола педагогического совета"),
    (("vsoko-regulation", "--order-date", "11.12.2026", "--council-protocol", "12.12.2026:3",
      "--students-protocol", "02.12.2026:2", "--parents-protocol", "02.12.2026:2"), "позже приказа"),
    (("vsoko-regulation", "--order-date", "11.12.2026", "--council-protocol", "01.12.2026:3",
      "--students-protocol", "02.12.2026:2", "--parents-protocol", "02.12.2026:2"), "не может быть"),
    (("vsoko-regulation", "--order-date", "20.12.2026", *PROTOCOLS), "ещё не наступила"),
    (("vsoko-regulation", "--order-date", "11.12.2026", "--council-protocol", "03.12.2026"), "ДАТА:НОМЕР"),
    (("working-group-regulation", "--order-date", "11.12.2026", *PROTOCOLS), "уже утверждён"),
    (("electronic-journal", "--new-edition", "--order-date", "11.12.2026", *PROTOCOLS), "не формирует его текст"),
])
def test_bad_input_writes_nothing(cli, registry, tmp_path, args, words):
    out = tmp_path / "out"
    before = registry_rows(registry)
    result = adopt(cli, registry, out, *args)
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert not out.exists() or not any(out.iterdir())
    assert journal_entries(registry) == []
    assert registry_rows(registry) == before


def test_an_act_outside_the_schools_levels_is_refused(cli, registry_db, primary_profile, tmp_path):
    out = tmp_path / "out"
    result = cli("acts", "adopt", "individual-project", "--org", primary_profile, "--db", registry_db, "--out", out,
                 "--order-date", "11.12.2026", "--council-protocol", "03.12.2026:3", "--today", TODAY)
    assert result.exit_code == 2 and "относится к уровням" in result.output
    assert not out.exists()


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")) and not os.environ.get("CI"),
                    reason="LibreOffice or pdftotext is not installed")
def test_the_act_and_the_order_pass_the_pdf_layout_check(cli, registry, tmp_path):
    from docgen.pdf import convert
    from docgen.pdf_layout import layout_defects

    out = tmp_path / "out"
    paths = written(adopt(cli, registry, out, "vsoko-regulation", "--order-date", "11.12.2026", *PROTOCOLS))
    for path, pdf in zip(paths, convert(paths)):
        assert layout_defects(path, pdf) == [], path.name


def test_another_file_of_the_acts_name_is_never_replaced(cli, registry, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    clerks = out / "Положение о внутренней системе оценки качества образования (ВСОКО) (приказ № 1-од от 11.12.2026).docx"
    clerks.write_bytes(b"a clerk's own copy")
    order, act = written(adopt(cli, registry, out, "vsoko-regulation", "--order-date", "11.12.2026", *PROTOCOLS))
    assert clerks.read_bytes() == b"a clerk's own copy"
    assert act.name.endswith("(2).docx") and grif_cells(act)[1].endswith(f"№{NBSP}1-од")


def test_a_failure_after_the_number_was_taken_leaves_nothing(cli, registry, tmp_path, monkeypatch):
    """The registry refuses at the last moment (another user changed the act): the files written
    are removed, the number is given back, the registry unchanged — and the next run gets 1-од."""
    from docgen.errors import InputError
    from docgen.registry import adoption

    def changed_meanwhile(*args, **kwargs):
        raise InputError("акт «vsoko-regulation»: запись реестра изменена другим пользователем, повторите утверждение")

    out = tmp_path / "out"
    before = registry_rows(registry)
    with monkeypatch.context() as m:
        m.setattr(adoption, "_write_registry", changed_meanwhile)
        result = adopt(cli, registry, out, "vsoko-regulation", "--order-date", "11.12.2026", *PROTOCOLS)
    assert result.exit_code == 2 and "изменена другим пользователем" in result.output
    assert list(out.iterdir()) == [] and journal_entries(registry) == [] and registry_rows(registry) == before
    order, _ = written(adopt(cli, registry, out, "vsoko-regulation", "--order-date", "11.12.2026", *PROTOCOLS))
    assert "№ 1-од" in order.name


def test_without_a_type_approving_acts_the_adoption_is_refused(cli, registry, tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_DISABLE_PLUGINS", "act-approval-order")
    out = tmp_path / "out"
    before = registry_rows(registry)
    result = adopt(cli, registry, out, "vsoko-regulation", "--order-date", "11.12.2026", *PROTOCOLS)
    assert result.exit_code == 2 and "нет типа документа для приказа об утверждении актов" in result.output
    assert not out.exists() and journal_entries(registry) == [] and registry_rows(registry) == before


def test_a_step_of_an_act_outside_the_schools_levels_is_refused(cli, registry_db, primary_profile):
    result = cli("acts", "step", "individual-project", "педсовет", "--date", "03.12.2026", "--number", "3",
                 "--org", primary_profile, "--db", registry_db, "--today", TODAY)
    assert result.exit_code == 2 and "относится к уровням" in result.output


def test_publication_is_recorded_for_the_approved_edition(cli, registry, tmp_path):
    def step(act, *args):
        return cli("acts", "step", act, *args, "--org", PROFILE, "--db", registry, "--today", TODAY)

    refused = step("vsoko-regulation", "публикация", "--date", "12.12.2026", "--where", "https://школа/документы")
    assert refused.exit_code == 2 and "ещё не утверждён" in refused.output
    written(adopt(cli, registry, tmp_path / "out", "vsoko-regulation", "--order-date", "11.12.2026", *PROTOCOLS))
    early = step("vsoko-regulation", "публикация", "--date", "10.12.2026", "--where", "https://школа/документы")
    assert early.exit_code == 2 and "раньше приказа" in early.output
    done = step("vsoko-regulation", "published", "--date", "12.12.2026", "--where", "https://школа/документы")
    assert done.exit_code == 0, done.output
    assert steps_of(registry, "vsoko-regulation")[-1] == (
        "published", "2026-12-12", None, "https://школа/документы", "2026-12-11 1-од")
    with sqlite3.connect(registry) as conn:
        assert conn.execute("select status, published_at from act_status where act_id = 'vsoko-regulation'"
                            ).fetchone() == ("approved", "https://школа/документы")


def test_adoption_on_both_engines(cli, db, tmp_path):
    """The same adoption on SQLite and on PostgreSQL (DOCGEN_TEST_POSTGRES): the journal's and the
    registry's locks of a server store, the same rows."""
    assert cli("acts", "import", ACTS_CSV, "--org", PROFILE, "--today", "01.12.2026").exit_code == 0
    out = tmp_path / "out"
    result = cli("acts", "adopt", "vsoko-regulation", "internal-monitoring", "--org", PROFILE, "--out", out,
                 "--order-date", "11.12.2026", "--today", TODAY, *PROTOCOLS)
    order, *acts = written(result)
    assert len(acts) == 2 and "№ 1-од" in order.name
    assert db.rows("SELECT act_id, status, order_number FROM act_status WHERE act_id IN "
                   "('vsoko-regulation', 'internal-monitoring') ORDER BY act_id") == [
        ("internal-monitoring", "approved", "1-од"), ("vsoko-regulation", "approved", "1-од")]
    assert db.rows("SELECT count(*) FROM act_steps WHERE edition = '2026-12-11 1-од'") == [(8,)]
    again = cli("acts", "adopt", "vsoko-regulation", "--org", PROFILE, "--out", out, "--order-date", "11.12.2026",
                "--today", TODAY, *PROTOCOLS)
    assert again.exit_code == 2 and db.rows("SELECT count(*) FROM order_journal") == [(1,)]


def test_a_killed_run_leaves_its_number_to_the_rerun(cli, registry, tmp_path, monkeypatch):
    """Killed between the reservation and the registry (simulated: nothing given back): the journal
    holds 1-од «не сформирован»; the same adoption again takes that number over and completes it."""
    from docgen.journal import Journal
    from docgen.registry import adoption

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    out = tmp_path / "out"
    with monkeypatch.context() as m:
        m.setattr(adoption, "_write_registry", killed)
        m.setattr(Journal, "release_all", lambda self, reservations: None)
        stopped = adopt(cli, registry, out, "vsoko-regulation", "--order-date", "11.12.2026", *PROTOCOLS)
    assert stopped.exit_code != 0
    assert [row[:3] for row in journal_entries(registry)] == [(1, "1-од", "reserved")]
    order, act = written(adopt(cli, registry, out, "vsoko-regulation", "--order-date", "11.12.2026", *PROTOCOLS))
    assert journal_entries(registry) == [(1, "1-од", "complete", str(order))]
    assert grif_cells(act)[1].endswith(f"№{NBSP}1-од")
