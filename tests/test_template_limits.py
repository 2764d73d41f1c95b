"""Hostile templates: each class fed through the CLI, as `generate --templates DIR` and as
`templates check FILE`. Each must end in exit 2 with a Russian message naming the template and the
part, nothing in --out, no number in the journal — within a few seconds (a 2 s render limit here).

A hostile template is the built-in working-group order with one part changed, zipped by hand."""
from __future__ import annotations

import sqlite3
import time
import zipfile
from pathlib import Path

import pytest

from docgen.resources import data_dir
from helpers import ORDER_SAMPLE, SAMPLES, run_python

TEMPLATE = "working-group-order.docx"
SLUG = "working-group-order"
BODY = "word/document.xml"
HEADER = "word/header1.xml"
CORE = "docProps/core.xml"
APP = "docProps/app.xml"
LIMIT_SECONDS = 2

# Jinja text that never ends in practice (10^15 turns, no output): only the time limit stops it.
FOREVER = ("{% for i in range(100000) %}{% for j in range(100000) %}{% for k in range(100000) %}"
           "{% endfor %}{% endfor %}{% endfor %}")
BILLION_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
                            for n in range(1, 10)) + "]>")


def original(part: str) -> str:
    with zipfile.ZipFile(data_dir("templates") / TEMPLATE) as z:
        return z.read(part).decode("utf-8")


def hostile_template(folder: Path, part: str, xml: str) -> Path:
    """The built-in template with ``part`` replaced by ``xml``, as ``folder``/working-group-order.docx."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / TEMPLATE
    with zipfile.ZipFile(data_dir("templates") / TEMPLATE) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, xml.encode("utf-8") if info.filename == part else src.read(info))
    return target


def in_body(jinja: str) -> str:
    """document.xml with a first paragraph holding ``jinja``."""
    xml = original(BODY)
    start = xml.index(">", xml.index("<w:body")) + 1
    return xml[:start] + f"<w:p><w:r><w:t>{jinja}</w:t></w:r></w:p>" + xml[start:]


def in_header(jinja: str) -> str:
    xml = original(HEADER)
    return xml.replace("</w:hdr>", f"<w:p><w:r><w:t>{jinja}</w:t></w:r></w:p></w:hdr>")


def in_title(text: str) -> str:
    return original(CORE).replace("<dc:title></dc:title>", f"<dc:title>{text}</dc:title>")


def with_doctype(xml: str, doctype: str) -> str:
    head, rest = xml.split("?>", 1)
    return head + "?>" + doctype + rest


@pytest.fixture
def limited(monkeypatch):
    monkeypatch.setenv("DOCGEN_RENDER_SECONDS", str(LIMIT_SECONDS))


def journal_rows(store: Path) -> list:
    if not store.exists():
        return []
    with sqlite3.connect(store) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        return conn.execute("select number, status from order_journal").fetchall() if "order_journal" in tables else []


def refused_everywhere(cli, tmp_path, journal_db, part: str, xml: str, *expected: str) -> None:
    """`generate` and `templates check` both refuse the template: exit 2, the template and the
    ``expected`` words (the part, the reason) in the message; nothing written, no number taken."""
    template = hostile_template(tmp_path / "templates", part, xml)
    out = tmp_path / "out"
    started = time.monotonic()
    result = cli("generate", SLUG, "--data", ORDER_SAMPLE, "--out", out, "--templates", template.parent)
    assert time.monotonic() - started < LIMIT_SECONDS + 4
    message = " ".join(result.output.split())
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"шаблон «{TEMPLATE}»" in message
    for words in expected:
        assert words in message, message
    assert not out.exists() or list(out.rglob("*")) == []
    assert journal_rows(journal_db) == []

    started = time.monotonic()
    checked = cli("templates", "check", template)
    assert time.monotonic() - started < LIMIT_SECONDS + 4
    message = " ".join(checked.output.split())
    assert checked.exit_code == 2, checked.output
    assert f"шаблон «{TEMPLATE}»" in message
    for words in expected:
        assert words in message, message


# -- templates without limits ----------------------------------------------------------------------

def test_a_template_that_loops_for_ever_is_stopped_within_the_limit(cli, tmp_path, journal_db, limited):
    refused_everywhere(cli, tmp_path, journal_db, BODY, in_body(FOREVER),
                       "основной текст (word/document.xml)", f"не уложилось в {LIMIT_SECONDS} с")


def test_a_loop_in_the_document_properties_is_stopped_and_the_part_named(cli, tmp_path, journal_db, limited):
    refused_everywhere(cli, tmp_path, journal_db, CORE, in_title(FOREVER),
                       "свойства документа (docProps/core.xml)", "не уложилось")


def test_a_huge_range_is_refused(cli, tmp_path, journal_db, limited):
    refused_everywhere(cli, tmp_path, journal_db, BODY, in_body("{% for i in range(10**9) %}{{ i }}{% endfor %}"),
                       "основной текст (word/document.xml)", "range() больше 100000")


def test_string_multiplication_that_explodes_is_refused_before_it_runs(cli, tmp_path, journal_db, limited):
    refused_everywhere(cli, tmp_path, journal_db, HEADER, in_header("{{ 'x' * 10**9 }}"),
                       "верхний колонтитул (word/header1.xml)", "предел размера 200 МиБ")


def test_a_method_asked_for_a_huge_text_is_refused_before_it_runs(cli, tmp_path, journal_db, limited):
    refused_everywhere(cli, tmp_path, journal_db, BODY, in_body("{{ 'x'.ljust(10**9) }}"),
                       "основной текст (word/document.xml)", "предел размера 200 МиБ")


def test_a_power_that_explodes_is_refused(cli, tmp_path, journal_db, limited):
    refused_everywhere(cli, tmp_path, journal_db, BODY, in_body("{{ 9 ** (9 ** 9) }}"),
                       "основной текст (word/document.xml)", "возведение в степень")


def test_nested_loops_writing_without_end_hit_the_output_cap(cli, tmp_path, journal_db, limited, monkeypatch):
    monkeypatch.setenv("DOCGEN_RENDER_OUTPUT_MIB", "1")
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}строка {{ i }}.{{ j }} {% endfor %}{% endfor %}"
    refused_everywhere(cli, tmp_path, journal_db, BODY, in_body(loops),
                       "основной текст (word/document.xml)", "предел размера 1 МиБ")


def test_text_doubling_in_a_loop_hits_the_memory_limit(cli, tmp_path, journal_db, limited, monkeypatch):
    """`~` is not an operator the sandbox can intercept: the address-space limit of the render stops it."""
    monkeypatch.setenv("DOCGEN_RENDER_MEMORY_MIB", "64")
    doubling = ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"
                "{{ ns.s | length }}")
    refused_everywhere(cli, tmp_path, journal_db, BODY, in_body(doubling),
                       "основной текст (word/document.xml)", "не хватило памяти (предел 64 МиБ")


def test_a_macro_calling_itself_is_refused(cli, tmp_path, journal_db, limited):
    refused_everywhere(cli, tmp_path, journal_db, BODY, in_body("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"),
                       "основной текст (word/document.xml)", "рекурсия")


def test_limits_are_stopped_in_a_fresh_process_too(tmp_path):
    """As a clerk runs it: a separate process, the limit set in docgen.yaml."""
    template = hostile_template(tmp_path / "templates", BODY, in_body(FOREVER))
    (tmp_path / "docgen.yaml").write_text(f"render_seconds: {LIMIT_SECONDS}\n", encoding="utf-8")
    started = time.monotonic()
    process = run_python(["-m", "docgen", "generate", SLUG, "--data", ORDER_SAMPLE, "--out", tmp_path / "out",
                          "--templates", template.parent], cwd=tmp_path)
    assert time.monotonic() - started < LIMIT_SECONDS + 8
    assert process.returncode == 2, process.stderr
    assert "не уложилось в 2 с" in " ".join(process.stderr.split())
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_a_limit_that_is_not_a_number_is_named(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_RENDER_SECONDS", "быстро")
    result = cli("generate", SLUG, "--data", ORDER_SAMPLE, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "DOCGEN_RENDER_SECONDS" in result.output and "быстро" in result.output


# -- parse failures of any part -------------------------------------------------------------------

def test_a_header_with_an_unknown_variable_names_the_header(cli, tmp_path, journal_db, limited):
    template = hostile_template(tmp_path / "templates", HEADER, in_header("{{ no_such_thing }}"))
    out = tmp_path / "out"
    result = cli("generate", SLUG, "--data", ORDER_SAMPLE, "--out", out, "--templates", template.parent)
    assert result.exit_code == 2
    assert (f"шаблон «{TEMPLATE}», верхний колонтитул (word/header1.xml): неизвестная переменная «no_such_thing»"
            in " ".join(result.output.split()))
    assert not out.exists() and journal_rows(journal_db) == []


@pytest.mark.parametrize(("part", "xml", "words"), [
    (HEADER, original(HEADER).replace("</w:hdr>", ""), "верхний колонтитул (word/header1.xml) не является правильным XML"),
    (CORE, in_title("&undefined;"), "свойства документа (docProps/core.xml) не является правильным XML"),
    (APP, with_doctype(original(APP), BILLION_LAUGHS), "сведения о приложении (docProps/app.xml) содержит объявление DOCTYPE"),
    (BODY, with_doctype(in_body("&xxe;"), '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
     "основной текст (word/document.xml) содержит объявление DOCTYPE"),
    (CORE, with_doctype(in_title("&e;"), '<!DOCTYPE c [<!ENTITY e "внутренняя сущность">]>'),
     "свойства документа (docProps/core.xml) содержит объявление DOCTYPE"),
    ("word/_rels/document.xml.rels", original("word/_rels/document.xml.rels").replace("header1.xml", "header9.xml"),
     "не открывается как документ Word: KeyError: \"There is no item named 'word/header9.xml'"),
    ("[Content_Types].xml", original("[Content_Types].xml").replace("wordprocessingml.document.main+xml", "x"),
     "не открывается как документ Word: ValueError"),
], ids=["header-not-xml", "core-undefined-entity", "app-entity-bomb", "body-external-entity", "core-dtd",
        "relationship-to-a-missing-part", "wrong-content-type"])
def test_a_part_that_is_not_plain_xml_is_refused_and_named(cli, tmp_path, journal_db, limited, part, xml, words):
    refused_everywhere(cli, tmp_path, journal_db, part, xml, words)


# -- every written .docx verified -------------------------------------------------------------------

def test_a_rendered_header_that_is_not_xml_is_refused_and_named(cli, tmp_path, journal_db, limited):
    """Valid template, broken result: `|safe` lets raw markup into the header."""
    template = hostile_template(tmp_path / "templates", HEADER, in_header("{{ '&lt;w:p&gt;' | safe }}"))
    out = tmp_path / "out"
    result = cli("generate", SLUG, "--data", ORDER_SAMPLE, "--out", out, "--templates", template.parent)
    message = " ".join(result.output.split())
    assert result.exit_code == 2, result.output
    assert (f"шаблон «{TEMPLATE}», верхний колонтитул (word/header1.xml): заполненный текст не является "
            "правильным XML" in message)
    assert not out.exists() and journal_rows(journal_db) == []


def test_a_broken_document_is_never_written_nor_journaled(cli, tmp_path, journal_db, monkeypatch):
    """Whatever goes wrong in the renderer, verify_docx stands between it and the disk and the journal."""
    from docgen.fastrender import document

    monkeypatch.setattr(document, "_reserialize", lambda xml: xml.replace(b"</w:hdr>", b""))
    out = tmp_path / "out"
    result = cli("generate", SLUG, "--data", ORDER_SAMPLE, "--out", out)
    message = " ".join(result.output.split())
    assert result.exit_code == 2, result.output
    assert (f"шаблон «{TEMPLATE}»: заполненный документ повреждён: верхний колонтитул (word/header1.xml) "
            "не является правильным XML" in message)
    assert not out.exists() or list(out.iterdir()) == []
    assert journal_rows(journal_db) == []


def test_verify_docx_refuses_a_part_with_a_doctype_and_accepts_a_written_document(cli, tmp_path):
    from docgen.errors import TemplateError
    from docgen.verify import verify_docx

    written = cli("generate", SLUG, "--data", ORDER_SAMPLE, "--out", tmp_path / "out")
    assert written.exit_code == 0, written.output
    document = next((tmp_path / "out").glob("*.docx")).read_bytes()
    verify_docx(document, TEMPLATE)
    bad = hostile_template(tmp_path / "bad", APP, with_doctype(original(APP), BILLION_LAUGHS)).read_bytes()
    with pytest.raises(TemplateError, match=r"сведения о приложении \(docProps/app.xml\) содержит объявление DOCTYPE"):
        verify_docx(bad, TEMPLATE)


def test_a_limit_stops_a_render_off_the_main_thread(tmp_path, monkeypatch):
    """A web app renders from threads: the time limit holds there too (the watchdog, not SIGALRM)."""
    import threading

    from docgen.engine import Engine
    from docgen.errors import TemplateError

    monkeypatch.setenv("DOCGEN_RENDER_SECONDS", "1")
    template = hostile_template(tmp_path / "templates", BODY, in_body(FOREVER))
    engine = Engine(templates_dir=template.parent)
    dt = engine.get_type(SLUG)
    data = engine.load(dt, ORDER_SAMPLE)
    caught: list = []

    def render():
        try:
            engine.render(dt, data)
        except TemplateError as exc:
            caught.append(str(exc))

    worker = threading.Thread(target=render)
    started = time.monotonic()
    worker.start()
    worker.join(10)
    assert not worker.is_alive()
    assert time.monotonic() - started < 5
    assert caught and "не уложилось в 1 с" in caught[0]


def test_batch_workers_stop_a_runaway_template_and_write_nothing(cli, tmp_path, journal_db, monkeypatch):
    """`batch` renders in a pool of worker processes: each stops the template within the limit."""
    monkeypatch.setenv("DOCGEN_RENDER_SECONDS", "1")
    template = hostile_template(tmp_path / "templates", BODY, in_body(FOREVER))
    schools = SAMPLES / "district-drozhzhanovsky" / "batch" / "schools.yaml"
    out = tmp_path / "out"
    started = time.monotonic()
    result = cli("batch", SLUG, "--data", schools, "--out", out, "--jobs", "2", "--templates", template.parent)
    assert time.monotonic() - started < 12
    message = " ".join(result.output.split())
    assert result.exit_code == 1, result.output  # a report of what failed, as for any failed school
    assert message.count(f"шаблон «{TEMPLATE}», основной текст (word/document.xml): заполнение шаблона "
                         "не уложилось в 1 с") == 3
    assert not out.exists() or [p for p in out.rglob("*") if p.is_file()] == []
    assert journal_rows(journal_db) == []
