"""`docgen plugin new`: a district's installable plugin package in one command, and
`docgen plugin check`: the mistakes that make an installed plugin invisible.

The package is complete and green from the start — pyproject with the ``docgen`` entry point, a
document type with its input model, a ГОСТ template built with docgen's own blocks, sample data
with an organisation profile, a test — so a methodologist changes working code instead of
assembling it from the guide. It is built in a temporary folder and renamed into place, so a
failure leaves nothing half-written.
"""
from __future__ import annotations

import ast
import os
import re
import runpy
import shutil
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
DEFAULT_TITLE = "Приказ о подготовке к проведению мониторинга качества образования"


@dataclass(frozen=True)
class Names:
    slug: str
    distribution: str
    module: str
    title: str

    @classmethod
    def of(cls, name: str, title: str | None = None) -> "Names":
        if not SLUG.match(name or ""):
            raise InputError(
                f"имя плагина «{name}» не подходит: нужны строчные латинские буквы, цифры и дефисы, "
                "первая — буква, например «kazan-monitoring»"
            )
        title = " ".join((title or DEFAULT_TITLE).split())
        if not title:
            raise InputError("наименование документа (--title) не может быть пустым")
        return cls(name, f"docgen-{name}", "docgen_" + name.replace("-", "_"), title)


def _files(n: Names) -> dict[str, str]:
    """Relative path → text of every file of the package (the template is built afterwards)."""
    cls = "".join(part.capitalize() for part in n.slug.split("-")) + "Input"
    test_module = f"test_{n.module}"
    return {
        "pyproject.toml": f'''[build-system]
requires = ["hatchling>=1.24"]
build-backend = "hatchling.build"

[project]
name = "{n.distribution}"
version = "0.1.0"
description = "Плагин docgen: {n.title}"
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["docgen>=0.1"]

[project.optional-dependencies]
test = ["pytest>=8"]

# This table is how docgen finds the plugin after `pip install`: name = module with the hooks.
[project.entry-points.docgen]
{n.slug} = "{n.module}"

[tool.hatch.build.targets.wheel]
packages = ["src/{n.module}"]

[tool.pytest.ini_options]
pythonpath = ["src"]
testpaths = ["tests"]
''',
        "README.md": f'''# {n.distribution}

Плагин docgen: «{n.title}» (тип документа `{n.slug}`).

```bash
pip install .                                   # установить плагин рядом с docgen
docgen types                                    # в списке появится тип {n.slug}
docgen generate {n.slug} --data src/{n.module}/sample/{n.slug}.yaml --out out
docgen templates check {n.slug}                 # проверить шаблон после правки в Word
pip install ".[test]" && pytest                 # тесты плагина
```

Что где лежит:

- `src/{n.module}/__init__.py` — хуки: тип документа и папка шаблонов;
- `src/{n.module}/model.py` — входные данные документа (модель pydantic) и переменные шаблона;
- `src/{n.module}/templates/{n.slug}.docx` — шаблон; его можно править в Word
  (переменные — `docgen templates vars {n.slug}`) или пересобрать из кода: `python build_template.py`;
- `src/{n.module}/sample/` — профиль организации и пример данных;
- `tests/` — тест: документ формируется из примера, шаблон проходит проверку.

Руководство: docs/plugins.md в репозитории docgen.
''',
        f"src/{n.module}/__init__.py": f'''"""docgen plugin «{n.slug}»: {n.title}."""
from __future__ import annotations

from pathlib import Path

from docgen import DocumentType, hookimpl

from .model import {cls}, build_context

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "sample" / "{n.slug}.yaml"

DOCUMENT_TYPE = DocumentType(
    slug="{n.slug}",
    title="{n.title}",
    template="{n.slug}.docx",
    input_model={cls},
    build_context=build_context,
    is_order=True,
    sample=SAMPLE,
    description="Поручения с ответственными и сроками, контроль исполнения, лист ознакомления.",
)


@hookimpl
def docgen_register_document_types(register):
    register(DOCUMENT_TYPE)


@hookimpl
def docgen_register_template_dirs(register):
    register(HERE / "templates")
''',
        f"src/{n.module}/model.py": f'''"""Input of the document and the variables its template receives."""
from __future__ import annotations

from typing import Any

from pydantic import Field

from docgen import OrderInput, RuDate, StaffMember, Strict, Text


class Item(Strict):
    action: Text = Field(title="поручение", description="глагол в неопределённой форме со строчной буквы")
    responsible: StaffMember = Field(title="ответственный исполнитель", description="код или ФИО из штатного списка")
    deadline: RuDate = Field(title="срок исполнения", description="ДД.ММ.ГГГГ")


class {cls}(OrderInput):
    subject: Text = Field(title="о чём приказ", description="продолжает заголовок «О …», например «подготовке к …»")
    purpose: Text = Field(title="цель", description="продолжает фразу «В целях …»")
    items: list[Item] = Field(min_length=1, title="поручения")
    control: StaffMember | None = Field(
        default=None, title="контроль исполнения", description="не указан — контроль остаётся за руководителем"
    )


def build_context(data: {cls}) -> dict[str, Any]:
    items = [{{"number": n, "action": i.action.rstrip("."), "responsible": i.responsible, "deadline": i.deadline}}
             for n, i in enumerate(data.items, 1)]
    named = [i.responsible for i in data.items] + [data.control]
    return {{
        "subject": data.subject,
        "purpose": data.purpose,
        "items": items,
        "control": data.control,
        "control_item": len(items) + 1,
        "acquainted": data.organization.acquaintance_list(named),
    }}
''',
        "build_template.py": f'''"""Rebuild the template from code with docgen's ГОСТ blocks: `python build_template.py`.

You may as well edit src/{n.module}/templates/{n.slug}.docx in Word; then run
`docgen templates check {n.slug}` to see that every tag survived the editing.
"""
from __future__ import annotations

from pathlib import Path

from docgen.blocks import acquaintance_sheet, order_head, signature
from docgen.gost import LEFT, new_document, paragraph

TARGET = Path(__file__).resolve().parent / "src" / "{n.module}" / "templates" / "{n.slug}.docx"


def build():
    doc = new_document()
    order_head(doc, "О {{{{ subject }}}}")
    paragraph(doc, "В целях {{{{ purpose }}}}", indent=True)
    paragraph(doc, "ПРИКАЗЫВАЮ:", align=LEFT, space_before=6, space_after=6, keep_with_next=True)
    paragraph(doc, "{{%p for t in items %}}", indent=True)
    paragraph(doc, "{{{{ t.number }}}}. {{{{ t.responsible.position|inflect('datv')|capfirst }}}} "
                   "{{{{ t.responsible|surname_initials('datv') }}}} {{{{ t.action }}}} в срок до "
                   "{{{{ t.deadline|date('numeric') }}}}.", indent=True)
    paragraph(doc, "{{%p endfor %}}", indent=True)
    paragraph(doc, "{{{{ control_item }}}}. {{% if control %}}Контроль за исполнением приказа возложить на "
                   "{{{{ control.position|inflect('accs') }}}} {{{{ control|surname_initials('accs') }}}}"
                   "{{% else %}}Контроль за исполнением приказа оставляю за собой.{{% endif %}}", indent=True,
              keep_with_next=True)
    signature(doc)
    acquaintance_sheet(doc, "acquainted")
    return doc


if __name__ == "__main__":
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    build().save(TARGET)
    print(TARGET)
''',
        f"src/{n.module}/sample/organization.yaml": '''# Профиль организации: заполняется один раз, на него ссылаются файлы данных документов.
full_name: Муниципальное бюджетное общеобразовательное учреждение «Заречная средняя общеобразовательная школа»
short_name: МБОУ «Заречная СОШ»
place: с. Заречное
order_number_format: "{n}-од"
levels: [НОО, ООО, СОО]
director:
  full_name: Соловьёва Анна Петровна
  gender: ж
  position: директор
staff:
  - id: orlova
    full_name: Орлова Елена Викторовна
    gender: ж
    position: заместитель директора по учебно-воспитательной работе
  - id: gromov
    full_name: Громов Павел Сергеевич
    gender: м
    position: учитель информатики
''',
        f"src/{n.module}/sample/{n.slug}.yaml": '''# Пример данных документа. Сотрудников указывают кодом (id) или ФИО из профиля организации.
organization: organization.yaml
date: 02.09.2026
number: 118
subject: подготовке к проведению мониторинга качества образования
purpose: >-
  получения объективной информации о качестве образования и принятия управленческих решений
  по результатам мониторинга
items:
  - action: подготовить график проведения мониторинга и довести его до сведения педагогов
    responsible: orlova
    deadline: 10.09.2026
  - action: обеспечить техническое сопровождение мониторинга
    responsible: gromov
    deadline: 15.09.2026
control: orlova
''',
        f"tests/{test_module}.py": f'''"""The plugin's own tests: the sample becomes a signable order, the template is clean."""
from __future__ import annotations

import docx
import pytest

import {n.module}
from docgen import Engine
from docgen.plugins import load_plugins

NBSP = "\\u00a0"


@pytest.fixture
def engine(monkeypatch):
    # Register the module explicitly, whether or not the package is installed.
    monkeypatch.delenv("DOCGEN_LOAD_PLUGINS", raising=False)
    monkeypatch.setenv("DOCGEN_DISABLE_PLUGINS", "{n.slug}")
    return Engine(plugins=load_plugins(extra=[("{n.slug}", {n.module})]))


def test_sample_renders_as_an_order(engine, tmp_path):
    result = engine.generate("{n.slug}", {n.module}.SAMPLE, tmp_path)
    text = [p.text for p in docx.Document(str(result.path)).paragraphs if p.text.strip()]
    assert text[0] == "Муниципальное бюджетное общеобразовательное учреждение «Заречная средняя общеобразовательная школа»"
    assert "ПРИКАЗ" in text and "ПРИКАЗЫВАЮ:" in text
    assert "О подготовке к проведению мониторинга качества образования" in text
    assert f"2 сентября 2026{{NBSP}}г.\\t№{{NBSP}}118-од" in text
    assert (f"1. Заместителю директора по учебно-воспитательной работе Орловой{{NBSP}}Е.В. подготовить график проведения "
            "мониторинга и довести его до сведения педагогов в срок до 10.09.2026.") in text
    assert f"Директор\\tА.П.{{NBSP}}Соловьёва" in text


def test_template_passes_the_checker(engine):
    from docgen.template_check import check_type

    report = check_type(engine, engine.get_type("{n.slug}"))
    assert not report.errors, [f.line() for f in report.errors]
''',
    }


def create_plugin(name: str, target: Path | None = None, title: str | None = None) -> Path:
    """Write the package for plugin ``name`` into ``target`` (default ``./docgen-NAME``)."""
    n = Names.of(name, title)
    target = Path(target) if target is not None else Path.cwd() / n.distribution
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError(f"папка «{target}» уже существует и не пуста; укажите другую (--dir) или удалите её")
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=parent))
    except OSError as exc:
        raise InputError(f"не удаётся создать папку в «{parent}»: {exc.strerror or exc}") from None
    try:
        for rel, text in _files(n).items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        builder = runpy.run_path(str(staging / "build_template.py"))
        template = staging / "src" / n.module / "templates" / f"{n.slug}.docx"
        template.parent.mkdir(parents=True, exist_ok=True)
        builder["build"]().save(str(template))
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; a package folder is not
        if target.exists():
            target.rmdir()  # empty, checked above; os.rename needs the name free on every system
        os.rename(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise InputError(f"не удаётся записать плагин в «{target}»: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


# -- docgen plugin check ------------------------------------------------------------------------

@dataclass(frozen=True)
class PluginSummary:
    distribution: str
    entry_points: dict[str, str]
    hooks: dict[str, list[str]]


def _module_file(root: Path, dotted: str) -> Path | None:
    rel = Path(*dotted.split("."))
    for base in (root / "src", root):
        for candidate in (base / rel / "__init__.py", base.joinpath(*rel.parts[:-1], rel.parts[-1] + ".py")):
            if candidate.is_file():
                return candidate
    return None


def check_plugin(folder: Path) -> PluginSummary:
    """Everything that makes an installed plugin invisible or broken, found before `pip install`."""
    from . import hookspecs

    folder = Path(folder)
    pyproject = folder / "pyproject.toml"
    if not folder.is_dir():
        raise InputError("папка плагина не найдена", file=folder)
    if not pyproject.is_file():
        raise InputError("нет файла pyproject.toml: это не пакет Python, pip не сможет его установить", file=folder)
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"ошибка в разметке TOML: {exc}", file=pyproject) from None
    project = data.get("project") or {}
    problems: list[str] = []
    if not project.get("name"):
        problems.append("в разделе [project] нет имени пакета (name)")
    if "build-system" not in data:
        problems.append("нет раздела [build-system] (например, requires = [\"hatchling\"], "
                        "build-backend = \"hatchling.build\")")
    entry_points = (project.get("entry-points") or {}).get("docgen") or {}
    if not entry_points:
        raise InputError(
            "нет точки входа docgen: добавьте раздел\n"
            "  [project.entry-points.docgen]\n"
            "  имя-плагина = \"модуль_плагина\"\n"
            "без него docgen не найдёт плагин после установки", file=pyproject,
        )
    known = {name for name in dir(hookspecs) if name.startswith("docgen_")}
    hooks: dict[str, list[str]] = {}
    for ep_name, value in entry_points.items():
        dotted = str(value).split(":")[0].strip()
        if not SLUG.match(ep_name):
            problems.append(f"имя точки входа «{ep_name}»: нужны строчные латинские буквы, цифры и дефисы")
        module = _module_file(folder, dotted)
        if module is None:
            problems.append(f"точка входа «{ep_name}» указывает на модуль «{dotted}», а его нет ни в src/, ни в корне")
            continue
        try:
            tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
        except SyntaxError as exc:
            problems.append(f"{module}: синтаксическая ошибка Python в строке {exc.lineno}: {exc.msg}")
            continue
        found = [node.name for node in tree.body
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("docgen_")]
        for name in found:
            if name not in known:
                problems.append(f"{module.name}: функция «{name}» не соответствует ни одному хуку docgen "
                                f"(есть: {', '.join(sorted(known))})")
        if not found:
            problems.append(f"в модуле {module} нет ни одной функции-хука docgen_… с декоратором @hookimpl")
        hooks[ep_name] = [h for h in found if h in known]
    if problems:
        raise InputError("плагин не готов к установке", file=folder, problems=problems)
    return PluginSummary(project["name"], {k: str(v) for k, v in entry_points.items()}, hooks)
