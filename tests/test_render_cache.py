"""A template is prepared once per process and version of the file; errors read as before."""
from __future__ import annotations

import io
import os
import shutil

import docx
import pytest

from docgen import Picture, fastrender
from docgen.errors import TemplateError
from docgen.rendering import render_docx

from helpers import NBSP, ORDER_SAMPLE, png


def make_template(path, *lines: str):
    doc = docx.Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(path)
    return path


def text_of(content: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]


def delta(before: dict, key: str) -> int:
    return fastrender.cache_info()[key] - before[key]


def test_second_render_reuses_the_prepared_template(tmp_path):
    template = make_template(tmp_path / "t.docx", "Школа: {{ school }}")
    before = fastrender.cache_info()
    first = render_docx(template, {"school": "Таяндинская СОШ"}, {})
    second = render_docx(template, {"school": "Образцовая СОШ"}, {})
    assert delta(before, "prepared") == 1 and delta(before, "hits") == 1 and delta(before, "fast") == 2
    assert text_of(first) == ["Школа: Таяндинская СОШ"] and text_of(second) == ["Школа: Образцовая СОШ"]


def test_a_changed_template_file_is_prepared_again(tmp_path):
    template = make_template(tmp_path / "t.docx", "Было: {{ x }}")
    render_docx(template, {"x": 1}, {})
    size = len(fastrender.CACHE)
    make_template(template, "Стало: {{ x }}")
    stat = template.stat()
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))  # coarse clocks: move it on
    before = fastrender.cache_info()
    assert text_of(render_docx(template, {"x": 2}, {})) == ["Стало: 2"]
    assert delta(before, "prepared") == 1
    assert len(fastrender.CACHE) == size  # the old version was dropped, not kept beside the new one


def test_touching_the_file_alone_prepares_it_again(tmp_path):
    template = make_template(tmp_path / "t.docx", "{{ x }}")
    render_docx(template, {"x": 1}, {})
    stat = template.stat()
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    before = fastrender.cache_info()
    render_docx(template, {"x": 1}, {})
    assert delta(before, "prepared") == 1 and delta(before, "hits") == 0


def test_a_different_filter_set_gets_its_own_preparation(tmp_path):
    template = make_template(tmp_path / "t.docx", "{{ x|shout }}")
    before = fastrender.cache_info()
    a = render_docx(template, {"x": "да"}, {"shout": lambda s: s.upper()})
    b = render_docx(template, {"x": "да"}, {"shout": lambda s: s + "!"})
    assert text_of(a) == ["ДА"] and text_of(b) == ["да!"]
    assert delta(before, "prepared") == 2


def test_the_cache_is_bounded(tmp_path):
    source = make_template(tmp_path / "t0.docx", "{{ n }}")
    for n in range(fastrender.CACHE_SIZE + 3):
        copy = tmp_path / f"t{n + 1}.docx"
        shutil.copy(source, copy)
        assert text_of(render_docx(copy, {"n": n}, {})) == [str(n)]
        assert len(fastrender.CACHE) <= fastrender.CACHE_SIZE
    assert len(fastrender.CACHE) == fastrender.CACHE_SIZE  # full, and no fuller: the oldest were dropped


def test_many_documents_keep_one_entry_per_template(tmp_path):
    """Nothing per document stays behind in the cache."""
    template = make_template(tmp_path / "t.docx", "{{ n }}")
    render_docx(template, {"n": 0}, {})
    size = len(fastrender.CACHE)
    for n in range(30):
        render_docx(template, {"n": n}, {})
    assert len(fastrender.CACHE) == size


# -- errors read the same through the fast path -------------------------------------------------

def both_messages(template, context) -> tuple[str, str]:
    """The message of the fast path and of plain docxtpl (a picture in the context forces it)."""
    with pytest.raises(TemplateError) as fast:
        render_docx(template, context, {})
    with pytest.raises(TemplateError) as plain:
        render_docx(template, {**context, "_force_docxtpl": Picture(png(), 10)}, {})
    return str(fast.value), str(plain.value)


def test_undefined_variable_message_is_docxtpls(tmp_path):
    template = make_template(tmp_path / "t.docx", "Приказ № {{ number }}", "Директор {{ director }}")
    before = fastrender.cache_info()
    fast, plain = both_messages(template, {"number": "5"})
    assert delta(before, "docxtpl") == 1  # only the forced one: the fast path raised its own error
    assert fast == plain == "шаблон «t.docx», основной текст (word/document.xml): неизвестная переменная «director»."


def test_syntax_error_message_is_docxtpls(tmp_path):
    template = make_template(tmp_path / "t.docx", "Вступление", "Приказ № {{ number | }}", "Конец")
    fast, plain = both_messages(template, {"number": "5"})
    assert fast == plain
    assert fast.startswith("шаблон «t.docx», основной текст (word/document.xml): ошибка в разметке Jinja: ")
    assert "Рядом с текстом: «Вступление / Приказ № {{ number | }} / Конец»" in fast


def test_sandbox_refusal_message_is_docxtpls(tmp_path):
    template = make_template(tmp_path / "t.docx", "{{ x.__class__.__mro__ }}")
    fast, plain = both_messages(template, {"x": "строка"})
    assert fast == plain and "запрещённое обращение к внутренним атрибутам" in fast


def test_a_broken_package_is_refused_before_preparation(tmp_path):
    template = tmp_path / "t.docx"
    template.write_bytes(b"not a zip at all")
    with pytest.raises(TemplateError, match="не документ .docx"):
        render_docx(template, {}, {})
    assert all(key[0] != str(template.resolve()) for key in fastrender.CACHE._entries)


# -- through the command line -------------------------------------------------------------------

def test_generate_twice_in_one_process_prepares_the_template_once(cli, sample_dir, tmp_path):
    second = sample_dir / "second.yaml"
    second.write_text(ORDER_SAMPLE.read_text(encoding="utf-8").replace("number: 112", "number: 113"), encoding="utf-8")
    result = cli("generate", "working-group-order", "--data", sample_dir / "working-group-order.yaml", "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    before = fastrender.cache_info()
    result = cli("generate", "working-group-order", "--data", second, "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert delta(before, "prepared") == 0 and delta(before, "fast") == 1
    [written] = [p for p in (tmp_path / "o").glob("*113*.docx")]
    assert f"1 сентября 2026{NBSP}г.\t№{NBSP}113\u2011од" in [p.text for p in docx.Document(str(written)).paragraphs]


# -- docgen's Russian filters remember answers; a plugin's filters are left alone ----------------

def test_russian_filters_remember_answers_and_give_the_same_ones():
    from docgen import rendering
    from docgen.models import Person
    from docgen.russian.filters import jinja_filters

    raw = jinja_filters()
    env = rendering.make_environment(raw)
    person = Person(full_name="Петрова-Водкина Мария Андреевна", gender="ж", position="учитель")
    before = rendering._remembered.cache_info()
    for _ in range(3):
        assert env.filters["fio"](person, "datv") == raw["fio"](person, "datv") == "Петровой-Водкиной Марии Андреевне"
        assert env.filters["inflect"]("заместитель директора", "accs") == raw["inflect"]("заместитель директора", "accs")
    after = rendering._remembered.cache_info()
    assert after.hits - before.hits >= 4
    assert after.maxsize == rendering.FILTER_MEMO_SIZE and after.currsize <= rendering.FILTER_MEMO_SIZE


def test_equal_but_different_arguments_do_not_share_an_answer():
    """1 == True and 0.0 == -0.0 in Python; a remembered answer must not cross between them."""
    from docgen import rendering

    shown = rendering._memoized(repr)
    assert [shown(1), shown(True), shown(1), shown(True)] == ["1", "True", "1", "True"]
    assert [shown(0.0), shown(-0.0)] == ["0.0", "-0.0"]


def test_a_plugin_filter_is_called_every_time(tmp_path):
    calls = []

    def tick(value):
        calls.append(value)
        return f"{value}:{len(calls)}"

    template = make_template(tmp_path / "t.docx", "{{ 'a'|tick }} {{ 'a'|tick }}")
    assert text_of(render_docx(template, {}, {"tick": tick})) == ["a:1 a:2"]
