"""The built-in plugins and the Kirov sample use only docgen's public API, the one the plugin guide
describes: names exported from ``docgen`` and from the public sub-packages in
``docgen.PUBLIC_MODULES``. Anything else under ``docgen`` is internal and may change under a
district's plugin, so importing it from a plugin is a failure here."""
from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

import docgen
from docgen import PUBLIC_MODULES
from helpers import CHECKOUT

PLUGIN_SOURCES = [CHECKOUT / "docgen_plugins", CHECKOUT / "samples" / "kirov-plugin" / "src",
                  CHECKOUT / "samples" / "kirov-plugin" / "build_templates.py"]
GUIDE = CHECKOUT / "docs" / "plugins.md"


def _is_docgen(module: str) -> bool:
    return module == "docgen" or module.startswith("docgen.")


def _public_names(module: str) -> set[str]:
    return set(importlib.import_module(module).__all__)


def private_imports(path: Path) -> list[str]:
    """Every import in ``path`` that reaches past the public API, as «file:line: what»."""
    problems = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _is_docgen(alias.name) and alias.name not in PUBLIC_MODULES:
                    problems.append(f"{path}:{node.lineno}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and _is_docgen(node.module or ""):
            if node.module not in PUBLIC_MODULES:
                problems.append(f"{path}:{node.lineno}: from {node.module} import …")
                continue
            public = _public_names(node.module)
            for alias in node.names:
                if alias.name not in public and f"{node.module}.{alias.name}" not in PUBLIC_MODULES:
                    problems.append(f"{path}:{node.lineno}: from {node.module} import {alias.name}")
    return problems


def plugin_files() -> list[Path]:
    files = [path for source in PLUGIN_SOURCES for path in (sorted(source.rglob("*.py")) if source.is_dir() else [source])]
    assert len(files) > 10  # the folders moved: this test would pass on nothing
    return files


def test_plugins_import_only_the_public_api():
    problems = [problem for path in plugin_files() for problem in private_imports(path)]
    assert problems == [], "импорт внутренних модулей docgen:\n" + "\n".join(problems)


def test_the_checker_reports_a_private_import(tmp_path):
    bad = tmp_path / "plugin.py"
    bad.write_text(
        "import docgen\n"
        "import docgen_plugins.regulation_order\n"  # a plugin, not docgen: allowed
        "from docgen import OrderInput, russian\n"
        "from docgen.russian import percent\n"
        "from . import model\n"
        "import docgen.registry.store\n"
        "def later():\n"
        "    from docgen.russian.numbers import plural\n"
        "    from docgen import NotExported\n",
        encoding="utf-8")
    assert private_imports(bad) == [
        f"{bad}:6: import docgen.registry.store",
        f"{bad}:8: from docgen.russian.numbers import …",
        f"{bad}:9: from docgen import NotExported",
    ]


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_every_public_name_exists(module):
    imported = importlib.import_module(module)
    for name in imported.__all__:
        assert getattr(imported, name) is not None, f"{module}.{name}"


def test_the_guide_lists_every_public_name():
    assert {"docgen", "docgen.russian", "docgen.acts"} <= set(PUBLIC_MODULES)
    section = GUIDE.read_text(encoding="utf-8").split("## The public API", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"`([A-Za-z_][A-Za-z0-9_.]*)`", section))
    for module in PUBLIC_MODULES:
        assert module in listed, module
        missing = sorted(_public_names(module) - listed - {"__version__"})
        assert missing == [], f"{module}: {missing}"


def test_shared_input_pieces_exist_once():
    """The grif, the period and the activity are the public ones, not copies."""
    from docgen_plugins.competition_regulation import model as competition
    from docgen_plugins.expert_matrix import model as matrix
    from docgen_plugins.plan_graph import model as plan
    from docgen_plugins.regulation_order import model as regulation

    for module in (competition, matrix, plan):
        assert module.Approval is docgen.Approval
    assert regulation.Activity is docgen.Activity and issubclass(plan.Activity, docgen.Activity)
    assert issubclass(plan.Period, docgen.Period) and issubclass(competition.Stage, docgen.Period)


def test_the_registry_facade_reads_statuses_without_the_store(tmp_path, monkeypatch):
    """What the regulation order reads from the registry: every applicable act with its status."""
    import datetime as dt

    import yaml

    from docgen import Organization
    from docgen.acts import NOT_STARTED, act_statuses, registry_file, registry_url

    profile = yaml.safe_load((CHECKOUT / "samples" / "tayandinskaya" / "organization.yaml").read_text(encoding="utf-8"))
    org = Organization.model_validate(profile)
    url = registry_url("registry.sqlite", relative_to=tmp_path)
    assert url == f"sqlite:///{tmp_path.resolve() / 'registry.sqlite'}"
    assert registry_file(url) == tmp_path.resolve() / "registry.sqlite"
    assert registry_file("postgresql://host/db") is None
    monkeypatch.setenv("DOCGEN_DB", str(tmp_path / "env.sqlite"))
    assert registry_url(None) == f"sqlite:///{(tmp_path / 'env.sqlite').resolve()}"

    acts = act_statuses(org, dt.date(2026, 9, 1), url)
    by_id = {a.id: a for a in acts}
    assert by_id["vsoko-regulation"].required and not by_id["electronic-journal"].required
    assert {a.status for a in acts} == {NOT_STARTED}
    assert by_id["vsoko-regulation"].status_label == "не разработан"
    assert by_id["vsoko-regulation"].title.startswith("Положение о внутренней системе оценки качества")
