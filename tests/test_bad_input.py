"""Bad input ends with a Russian message naming the file and field, exit code 2, nothing written."""
from __future__ import annotations

import errno
from pathlib import Path

import pytest

from helpers import edit_text, edited_template, generate, texts

TYPE = "working-group-order"
TEMPLATE = f"{TYPE}.docx"


def test_invalid_yaml(sample_dir, tmp_path):
    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "meetings: еженедельно", "meetings: [еженедельно")
    result, written = generate(TYPE, data, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "working-group-order.yaml" in result.output and "ошибка YAML в строке" in result.output


def test_impossible_date(sample_dir, tmp_path):
    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "date: 01.09.2026", "date: 31.02.2026")
    result, written = generate(TYPE, data, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «date» (дата приказа)" in result.output
    assert "31.02.2026" in result.output and "такой даты нет" in result.output


def test_missing_field(sample_dir, tmp_path):
    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "meetings: еженедельно по четвергам, 8-й урок\n", "")
    result, written = generate(TYPE, data, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «meetings» (периодичность заседаний): обязательное поле не заполнено" in result.output


def test_wrongly_typed_and_unknown_fields(sample_dir, tmp_path):
    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "members:", "colour: red\nmembers:")
    edit_text(data, "start: 01.09.2026", "start: [1, 2]")
    result, written = generate(TYPE, data, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «colour»: неизвестное поле" in result.output
    assert "поле «period.start» (начало работы группы)" in result.output


def test_person_not_in_staff(sample_dir, tmp_path):
    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "responsible: belykh", "responsible: Сидоров Пётр Петрович")
    result, written = generate(TYPE, data, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "поле «tasks[3].responsible»" in result.output
    assert "«Сидоров Пётр Петрович» нет в штатном списке" in result.output


def test_bad_gender_in_profile_names_the_profile(sample_dir, tmp_path):
    edit_text(sample_dir / "organization.yaml", "gender: м", "gender: x")
    result, written = generate(TYPE, sample_dir / "working-group-order.yaml", tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "organization.yaml" in result.output and "staff[2].gender" in result.output


def test_profile_not_found(sample_dir, tmp_path):
    (sample_dir / "organization.yaml").unlink()
    result, written = generate(TYPE, sample_dir / "working-group-order.yaml", tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "файл профиля организации «organization.yaml» не найден" in result.output


def test_data_file_not_found(tmp_path):
    result, written = generate(TYPE, tmp_path / "nope.yaml", tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "nope.yaml: файл не найден" in result.output


def test_data_path_that_is_a_folder_is_called_one(tmp_path):
    (tmp_path / "приказ.yaml").mkdir()
    result, written = generate(TYPE, tmp_path / "приказ.yaml", tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "приказ.yaml: это папка, а не файл" in result.output


def test_an_unreadable_data_file_is_reported_in_russian(sample_dir, tmp_path, monkeypatch):
    """The C library's English («Permission denied») never reaches the user: the reason is retold."""
    data = sample_dir / "working-group-order.yaml"
    real_read_text = Path.read_text

    def refused(self, *args, **kwargs):
        if self.name == data.name:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refused)
    result, written = generate(TYPE, data, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert "working-group-order.yaml: не удаётся прочитать файл: нет прав на чтение" in result.output
    assert "Permission denied" not in result.output


def test_unknown_document_type(sample_dir, tmp_path):
    result, written = generate("no-such-type", sample_dir / "working-group-order.yaml", tmp_path / "o")
    assert result.exit_code == 2 and written == []
    assert "неизвестный тип документа «no-such-type»" in result.output and "working-group-order" in result.output


def test_template_syntax_error(sample_dir, tmp_path):
    folder = edited_template(tmp_path / "templates", TEMPLATE, "ПРИКАЗЫВАЮ:", "ПРИКАЗЫВАЮ: {{ meetings ")
    result, written = generate(TYPE, sample_dir / "working-group-order.yaml", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 2 and written == []
    assert f"шаблон «{TYPE}.docx», основной текст (word/document.xml): ошибка в разметке Jinja" in result.output
    assert "ПРИКАЗЫВАЮ" in result.output  # the text around the error, to find it in Word


@pytest.mark.parametrize("hostile", [
    "{{ ''.__class__.__mro__ }}",
    "{{ organization.__class__.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ ().__class__.__base__.__subclasses__() }}",
])
def test_hostile_template_is_refused(sample_dir, tmp_path, hostile):
    folder = edited_template(tmp_path / "templates", TEMPLATE, "ПРИКАЗЫВАЮ:", hostile)
    result, written = generate(TYPE, sample_dir / "working-group-order.yaml", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 2 and written == []
    assert f"шаблон «{TYPE}.docx»" in result.output
    assert "uid=" not in result.output


def test_template_that_is_not_a_docx(sample_dir, tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / f"{TYPE}.docx").write_text("not a zip", encoding="utf-8")
    result, written = generate(TYPE, sample_dir / "working-group-order.yaml", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 2 and written == []
    assert "не документ .docx" in result.output


def test_user_template_overrides_builtin(sample_dir, tmp_path):
    folder = edited_template(tmp_path / "templates", TEMPLATE, "ПРИКАЗЫВАЮ:", "П Р И К А З Ы В А Ю:")
    run = generate(TYPE, sample_dir / "working-group-order.yaml", tmp_path / "out", "--templates", folder)
    assert "П Р И К А З Ы В А Ю:" in texts(run.document)


def test_xml_illegal_characters_are_removed(sample_dir, tmp_path):
    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "meetings: еженедельно по четвергам, 8-й урок", 'meetings: "еженедельно\\x01 по <четвергам> & \\x0b, 8-й урок"')
    run = generate(TYPE, data, tmp_path / "out")
    assert "5. Установить периодичность заседаний рабочей группы: еженедельно по <четвергам> & , 8-й урок." in texts(run.document)


def test_unwritable_output_folder(sample_dir, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result, written = generate(TYPE, sample_dir / "working-group-order.yaml", blocker / "sub")
    assert result.exit_code == 2 and written == []
    assert "не удаётся записать в папку" in result.output


def test_templates_folder_from_config_file(sample_dir, tmp_path, monkeypatch):
    folder = edited_template(tmp_path / "templates", TEMPLATE, "ПРИКАЗЫВАЮ:", "П Р И К А З Ы В А Ю:")
    config = tmp_path / "docgen.yaml"
    config.write_text("templates: templates\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = generate(TYPE, sample_dir / "working-group-order.yaml", tmp_path / "out")
    assert "П Р И К А З Ы В А Ю:" in texts(run.document)
    config.write_text("templates_dir: x\n", encoding="utf-8")
    result, _ = generate(TYPE, sample_dir / "working-group-order.yaml", tmp_path / "out2")
    assert result.exit_code == 2 and "docgen.yaml" in result.output and "templates_dir" in result.output
