"""Russian all the way: help pages, usage errors, YAML/JSON/Jinja messages; key columns of tables
whole at 80 columns and in a real pipe."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import CODE_UNDER_TEST, ORDER_SAMPLE, SAMPLES, edited_template, generate

ENGLISH = ("Usage", "Error", "Missing", "No such", "Invalid", "Try ", "does not exist", "Options", "Arguments",
           "Commands", "required", "default:", "Did you mean", "Possible options", "Got unexpected",
           "requires an argument", "is not", "not one of", "valid", "Show this message", "Aborted")
DEVELOPER_NOTATION = re.compile(r"<[a-z][^>]*>|\blist\[|\b(TEXT|INTEGER|PATH|FILE|DIRECTORY|FLOAT|BOOLEAN|STR)\b|\{[А-ЯA-Z]")


def _english(text: str) -> list[str]:
    return [w for w in ENGLISH if w in text]


def _command_paths():
    from typer.main import get_command

    from docgen.cli import app

    def walk(cmd, path):
        yield path
        for name, sub in sorted(getattr(cmd, "commands", {}).items()):
            yield from walk(sub, [*path, name])

    return list(walk(get_command(app), []))


@pytest.mark.parametrize("path", _command_paths(), ids=lambda p: " ".join(p) or "docgen")
def test_every_help_page_is_russian(cli, path):
    result = cli(*path, "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Использование: docgen")
    assert "Параметры:" in result.output and "Показать эту справку и выйти." in result.output
    assert _english(result.output) == []
    assert not DEVELOPER_NOTATION.search(result.output), DEVELOPER_NOTATION.search(result.output).group(0)


def test_root_help_lists_commands_in_russian(cli):
    result = cli("--help")
    assert "Команды:" in result.output and "КОМАНДА [АРГУМЕНТЫ]..." in result.output
    assert "ПАРАМЕТРЫ" in result.output


USAGE_ERRORS = [
    (["generate", "working-group-order"], "не указан обязательный параметр --data (-d)"),
    (["generate"], "не указан обязательный аргумент ТИП"),
    (["generat"], "нет команды «generat»; может быть, generate?"),
    (["frobnicate"], "нет команды «frobnicate»; команды: acts, batch"),
    (["generate", "working-group-order", "--dta", "x"], "нет параметра --dta; может быть, --data"),
    (["generate", "working-group-order", "--data"], "после параметра --data нужно указать значение"),
    (["journal", "--year", "двадцать"], "неверное значение --year: ожидается целое число; указано: «двадцать»"),
    (["coverage", "--format", "pdf"], "неверное значение --format: ожидается одно из значений: table, json, docx"),
    (["types", "лишнее"], "лишние аргументы: лишнее"),
    (["batch", "working-group-order", "--data", "x", "--jobs", "много"], "ожидается целое число"),
    (["acts", "lst"], "нет команды «lst»; может быть, list"),
]


# An option left without its value is refused by click's parser before the command's usage line is
# known: the message alone is shown.
WITHOUT_USAGE_LINE = [["generate", "working-group-order", "--data"]]


@pytest.mark.parametrize("args,message", USAGE_ERRORS, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_usage_errors_are_russian(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 2
    assert "Ошибка: " in result.stderr and message in result.stderr.replace("\n", " ")
    assert _english(result.stderr) == [], result.stderr
    shows_usage = args not in WITHOUT_USAGE_LINE
    assert ("Использование: docgen" in result.stderr) == shows_usage, result.stderr
    assert ("Подробнее: docgen" in result.stderr and "--help" in result.stderr) == shows_usage, result.stderr


def test_no_arguments_shows_the_russian_help(cli):
    result = cli()
    assert "Использование: docgen" in result.output and _english(result.output) == []


YAML_CASES = [
    ("title: a: b\n", "строке 4, позиция 9: двоеточие в неожиданном месте"),
    ("members: *people\n", "строке 4, позиция 10: ссылка *people указывает на метку &people, которой нет"),
    ("members:\n\t- x\n", "символ табуляции"),
    ('title: "не закрыта\n', "кавычка"),
    ("title: x\n  meetings: y\n", "двоеточие в неожиданном месте"),
    ("members: [a, b\nmeetings: c\n", "в списке в квадратных скобках ожидается запятая или «]»"),
    ("x: !!python/object:os.system x\n", "тег tag:yaml.org,2002:python/object:os.system в файле данных не допускается"),
    ("title: \x07\n", "недопустимый символ U+0007"),
    ("a: 1\n---\nb: 2\n", "в файле несколько документов"),
    ("title: @x\n", "значение не может начинаться с символа «@»"),
]


@pytest.mark.parametrize("tail,message", YAML_CASES)
def test_yaml_errors_name_file_line_and_column_in_russian(cli, sample_dir, tmp_path, tail, message):
    data = sample_dir / "bad.yaml"
    data.write_text("organization: organization.yaml\ndate: 01.09.2026\nnumber: 1\n" + tail, encoding="utf-8")
    result = cli("generate", "working-group-order", "--data", data, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert f"{data}: ошибка YAML в строке" in result.stderr and message in result.stderr.replace("\n", " ")
    assert not re.search(r"[A-Za-z]{5,} [a-z]{3,} [a-z]{3,}", result.stderr.replace(str(data), "")), result.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_yaml_message_gets_a_general_russian_sentence():
    import yaml

    from docgen.parser_messages import yaml_problem

    class Mark:
        line, column = 4, 2

    error = yaml.MarkedYAMLError(problem="something new in PyYAML 9", problem_mark=Mark())
    assert yaml_problem(error) == ("ошибка YAML в строке 5, позиция 3: файл не удаётся разобрать — "
                                   "проверьте отступы, двоеточия и кавычки")


@pytest.mark.parametrize("text,message", [
    ('{"date": "01.09.2026",}', "строке 1, позиция 23: ожидается ключ в двойных кавычках"),
    ('{"date": "01.09.2026" "number": 1}', "пропущена запятая"),
    ('{"date": "01.09', "не закрыта кавычка"),
])
def test_json_errors_are_russian(tmp_path, text, message):
    data = tmp_path / "bad.json"
    data.write_text(text, encoding="utf-8")
    result, written = generate("working-group-order", data, tmp_path / "out")
    assert result.exit_code == 2 and written == []
    assert f"{data}: ошибка JSON в " in result.stderr and message in result.stderr


@pytest.mark.parametrize("tag,message", [
    ("{% include 'шапка.docx' %}", "теги {% include %}, {% extends %} и {% import %} не поддерживаются"),
    ("{% extends 'основа.docx' %}", "не поддерживаются"),
    ("{% import 'макросы' as m %}", "не поддерживаются"),
    ("{{ organization.full_nme }}", "нет поля «full_nme»"),
    ("{{ директор }}", "неизвестная переменная «директор»"),
    ("{{ date|дата }}", "неизвестный фильтр «дата»"),
    ("{{ number }", "ошибка в разметке Jinja: лишнее «}»"),
    ("{{ ''.__class__ }}", "запрещённое обращение к внутренним атрибутам («__class__»)"),
])
def test_template_errors_are_russian_and_name_the_template(tmp_path, tag, message):
    folder = edited_template(tmp_path / "mine", "working-group-order.docx", "{{ organization.full_name }}", tag)
    result, written = generate("working-group-order", ORDER_SAMPLE, tmp_path / "out", "--templates", folder)
    assert result.exit_code == 2 and written == []
    stderr = " ".join(result.stderr.split())
    assert "шаблон «working-group-order.docx»" in stderr and message in stderr, stderr
    for english in ("no loader", "is undefined", "has no attribute", "No filter", "unexpected", "unsafe"):
        assert english not in stderr


def test_an_os_error_is_a_russian_message(capsys):
    import errno

    from docgen.cli.failures import report

    code = report(PermissionError(errno.EACCES, "Permission denied", "/школа/реестр.xlsx"))
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("Ошибка: «/школа/реестр.xlsx»: ") and "Permission" not in err
    with pytest.raises(ZeroDivisionError):  # a bug keeps its traceback
        report(ZeroDivisionError("division by zero"))


# -- tables at 80 columns, in a real pipe --------------------------------------------------------

def _pipe(*args: str, cwd: Path, columns: str = "80") -> str:
    """`COLUMNS=80 docgen … | cat`: a real pipe, not CliRunner's buffer."""
    env = {**os.environ, "COLUMNS": columns, "PYTHONPATH": str(CODE_UNDER_TEST)}
    docgen = subprocess.Popen([sys.executable, "-m", "docgen", *args], cwd=cwd, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    cat = subprocess.run(["cat"], stdin=docgen.stdout, capture_output=True, text=True, timeout=120)
    docgen.stdout.close()
    assert docgen.wait(timeout=120) == 0, docgen.stderr.read().decode()
    return cat.stdout


def _whole(values, output: str) -> list[str]:
    """The values that are not on one line of the output (cut, wrapped or ellipsised)."""
    lines = output.splitlines()
    return [v for v in values if not any(re.search(rf"(^|[\s│]){re.escape(v)}([\s│]|$)", line) for line in lines)]


def test_acts_list_keeps_every_act_id_whole_at_80_columns(tmp_path):
    from docgen.registry.catalogue import default_catalogue

    ids = list(default_catalogue().acts)
    output = _pipe("acts", "list", "--org", str(SAMPLES / "tayandinskaya" / "organization.yaml"),
                   "--db", str(tmp_path / "r.sqlite"), cwd=tmp_path)
    assert max(len(line) for line in output.splitlines()) <= 80
    assert "…" not in output
    listed = [i for i in ids if i in output]
    assert len(listed) >= 10 and _whole(listed, output) == []


def test_types_keeps_every_slug_whole_in_a_pipe(tmp_path):
    from docgen import Engine

    slugs = list(Engine().document_types)
    output = _pipe("types", cwd=tmp_path)
    assert max(len(line) for line in output.splitlines()) <= 80
    assert _whole(slugs, output) == []


def test_acts_list_shows_every_column_on_a_wide_screen(cli):
    result = cli("acts", "list", "--org", SAMPLES / "tayandinskaya" / "organization.yaml")  # COLUMNS=200
    header = next(line for line in result.output.splitlines() if "Код" in line)
    for column in ("№", "Акт", "Требование", "Статус", "Приказ", "Ответственный"):
        assert column in header
