"""Bad input ends with a Russian message naming the file and field, exit code 2, nothing written."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docgen.resources import data_dir

TYPE = "working-group-order"


def _generate(cli, data: Path, out: Path, *extra):
    result = cli("generate", TYPE, "--data", data, "--out", out, *extra)
    return result, (list(out.rglob("*")) if out.exists() else [])


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_invalid_yaml(cli, sample_dir, tmp_path):
    data = sample_dir / "working-group-order.yaml"
    _edit(data, "meetings: еженедельно", "meetings: [еженедельно")
    result, written = _generate(cli, data, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "working-group-order.yaml" in result.output and "ошибка YAML в строке" in result.output


def test_impossible_date(cli, sample_dir, tmp_path):
    data = sample_dir / "working-group-order.yaml"
    _edit(data, "date: 01.09.2026", "date: 31.02.2026")
    result, written = _generate(cli, data, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «date» (дата приказа)" in result.output
    assert "31.02.2026" in result.output and "такой даты нет" in result.output


def test_missing_field(cli, sample_dir, tmp_path):
    data = sample_dir / "working-group-order.yaml"
    _edit(data, "meetings: еженедельно по четвергам, 8-й урок\n", "")
    result, written = _generate(cli, data, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «meetings» (периодичность заседаний): обязательное поле не заполнено" in result.output


def test_wrongly_typed_and_unknown_fields(cli, sample_dir, tmp_path):
    data = sample_dir / "working-group-order.yaml"
    _edit(data, "members:", "colour: red\nmembers:")
    _edit(data, "start: 01.09.2026", "start: [1, 2]")
    result, written = _generate(cli, data, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «colour»: неизвестное поле" in result.output
    assert "поле «period.start» (начало работы группы)" in result.output


def test_person_not_in_staff(cli, sample_dir, tmp_path):
    data = sample_dir / "working-group-order.yaml"
    _edit(data, "responsible: belykh", "responsible: Сидоров Пётр Петрович")
    result, written = _generate(cli, data, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «tasks[3].responsible»" in result.output
    assert "«Сидоров Пётр Петрович» нет в штатном списке" in result.output


def test_bad_gender_in_profile_names_the_profile(cli, sample_dir, tmp_path):
    _edit(sample_dir / "organization.yaml", "gender: м", "gender: x")
    result, written = _generate(cli, sample_dir / "working-group-order.yaml", tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "organization.yaml" in result.output and "staff[2].gender" in result.output


def test_profile_not_found(cli, sample_dir, tmp_path):
    (sample_dir / "organization.yaml").unlink()
    result, written = _generate(cli, sample_dir / "working-group-order.yaml", tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "файл профиля организации «organization.yaml» не найден" in result.output


def test_data_file_not_found(cli, tmp_path):
    result, written = _generate(cli, tmp_path / "nope.yaml", tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "nope.yaml: файл не найден" in result.output


def test_unknown_document_type(cli, sample_dir, tmp_path):
    result = cli("generate", "no-such-type", "--data", sample_dir / "working-group-order.yaml", "--out", tmp_path / "o")
    assert result.exit_code == 2 and not (tmp_path / "o").exists()
    assert "неизвестный тип документа «no-such-type»" in result.output and "working-group-order" in result.output


def _template_dir(tmp_path: Path, replace: tuple[str, str]) -> Path:
    """A user template folder overriding the built-in template with one edited paragraph."""
    import docx

    folder = tmp_path / "templates"
    folder.mkdir()
    src = data_dir("templates") / f"{TYPE}.docx"
    document = docx.Document(str(src))
    target = next(p for p in document.paragraphs if replace[0] in p.text)
    for run in target.runs[1:]:
        run.text = ""
    target.runs[0].text = replace[1]
    document.save(str(folder / f"{TYPE}.docx"))
    return folder


def test_template_syntax_error(cli, sample_dir, tmp_path):
    folder = _template_dir(tmp_path, ("ПРИКАЗЫВАЮ", "ПРИКАЗЫВАЮ: {{ meetings "))
    result, written = _generate(cli, sample_dir / "working-group-order.yaml", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 2 and written == []
    assert f"шаблон «{TYPE}.docx»: ошибка в разметке Jinja" in result.output
    assert "ПРИКАЗЫВАЮ" in result.output  # the text around the error, to find it in Word


@pytest.mark.parametrize("hostile", [
    "{{ ''.__class__.__mro__ }}",
    "{{ organization.__class__.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ ().__class__.__base__.__subclasses__() }}",
])
def test_hostile_template_is_refused(cli, sample_dir, tmp_path, hostile):
    folder = _template_dir(tmp_path, ("ПРИКАЗЫВАЮ", hostile))
    result, written = _generate(cli, sample_dir / "working-group-order.yaml", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 2 and written == []
    assert f"шаблон «{TYPE}.docx»" in result.output
    assert "uid=" not in result.output


def test_template_that_is_not_a_docx(cli, sample_dir, tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / f"{TYPE}.docx").write_text("not a zip", encoding="utf-8")
    result, written = _generate(cli, sample_dir / "working-group-order.yaml", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 2 and written == []
    assert "не документ .docx" in result.output


def test_user_template_overrides_builtin(cli, sample_dir, tmp_path):
    folder = _template_dir(tmp_path, ("ПРИКАЗЫВАЮ", "П Р И К А З Ы В А Ю:"))
    result, written = _generate(cli, sample_dir / "working-group-order.yaml", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 0, result.output
    from conftest import texts

    assert "П Р И К А З Ы В А Ю:" in texts(written[0])


def test_xml_illegal_characters_are_removed(cli, sample_dir, tmp_path):
    data = sample_dir / "working-group-order.yaml"
    _edit(data, "meetings: еженедельно по четвергам, 8-й урок", 'meetings: "еженедельно\\x01 по <четвергам> & \\x0b, 8-й урок"')
    result, written = _generate(cli, data, tmp_path / "out")
    assert result.exit_code == 0, result.output
    from conftest import texts

    assert "5. Установить периодичность заседаний рабочей группы: еженедельно по <четвергам> & , 8-й урок." in texts(written[0])


def test_unwritable_output_folder(cli, sample_dir, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("generate", TYPE, "--data", sample_dir / "working-group-order.yaml", "--out", blocker / "sub")
    assert result.exit_code == 2
    assert "не удаётся записать в папку" in result.output


def test_templates_folder_from_config_file(cli, sample_dir, tmp_path, monkeypatch):
    folder = _template_dir(tmp_path, ("ПРИКАЗЫВАЮ", "П Р И К А З Ы В А Ю:"))
    config = tmp_path / "docgen.yaml"
    config.write_text("templates: templates\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result, written = _generate(cli, sample_dir / "working-group-order.yaml", tmp_path / "out")
    assert result.exit_code == 0, result.output
    from conftest import texts

    assert "П Р И К А З Ы В А Ю:" in texts(written[0])
    config.write_text("templates_dir: x\n", encoding="utf-8")
    result, _ = _generate(cli, sample_dir / "working-group-order.yaml", tmp_path / "out2")
    assert result.exit_code == 2 and "docgen.yaml" in result.output and "templates_dir" in result.output
