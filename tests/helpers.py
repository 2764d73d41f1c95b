"""What many test modules share: where the samples are, how to run docgen as a user does, and how
to read back what it wrote. One copy here, so that a change of how docgen is run or read is made
once. Test modules import from here (`from helpers import generate, rows_of, NBSP`); the fixtures
built on these helpers are in conftest.py."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import docgen
from docgen.plugins import builtin_plugin_names
from docgen.resources import data_dir

# A no-break space: docgen glues «№ 5», «5 %», initials and surnames with it, so the expected
# strings of a test spell it out.
NBSP = "\u00a0"
# A no-break hyphen: «273‑ФЗ» must not break at its hyphen either.
NB_HYPHEN = "\u2011"

SAMPLES = data_dir("samples")
ORDER_SAMPLE = SAMPLES / "tayandinskaya" / "working-group-order.yaml"
TAYANDY_PROFILE = SAMPLES / "tayandinskaya" / "organization.yaml"

# As DOCGEN_LOAD_PLUGINS: it names no third-party plugin, so none loads (built-in types always do).
BUILTIN_PLUGINS = ",".join(builtin_plugin_names())

# The folder whose docgen the tests import; a subprocess is given the same code, not whichever
# copy happens to be installed (in CI that is the installed wheel, not the checkout).
CODE_UNDER_TEST = Path(docgen.__file__).resolve().parents[1]
# The repository these tests belong to: its README, docs, builders and samples/kirov-plugin.
CHECKOUT = Path(__file__).resolve().parents[1]


# -- running docgen ---------------------------------------------------------------------------

def invoke(*args):
    """`docgen ARGS` in this process (the `cli` fixture); a bug raises with its traceback."""
    from typer.testing import CliRunner

    from docgen.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


class Generated(NamedTuple):
    """What `docgen generate` did: the CLI result and every file under --out afterwards."""

    result: object  # click's Result: exit_code, output, stdout, stderr
    files: list[Path]

    @property
    def document(self) -> Path:
        """The document the command printed last; fails the test when there is none."""
        assert self.result.exit_code == 0, self.result.output
        path = Path(self.result.output.strip().splitlines()[-1])
        assert path.is_file() and path in self.files, f"{path} is not among the written files {self.files}"
        return path


def generate(slug: str, data: Path, out: Path, *extra) -> Generated:
    """`docgen generate SLUG --data DATA --out OUT EXTRA…` through the CLI, as a user runs it.

    Refused input must leave nothing behind, so the files are listed whatever the exit code."""
    result = invoke("generate", slug, "--data", data, "--out", out, *extra)
    return Generated(result, sorted(out.rglob("*")) if out.exists() else [])


def builtin_engine():
    """An Engine with the built-in plugins only, for a module that lists the types when it is
    imported: collection runs before conftest's fixtures set DOCGEN_LOAD_PLUGINS."""
    from docgen.engine import Engine

    previous = os.environ.get("DOCGEN_LOAD_PLUGINS")
    os.environ["DOCGEN_LOAD_PLUGINS"] = BUILTIN_PLUGINS
    try:
        engine = Engine()
        engine.document_types  # load now, under the built-in-only setting
        return engine
    finally:
        if previous is None:
            os.environ.pop("DOCGEN_LOAD_PLUGINS", None)
        else:
            os.environ["DOCGEN_LOAD_PLUGINS"] = previous


def python_env(cwd: Path, *, site: Path | None = None, plugins: str | None = None, columns: str = "200") -> dict:
    """The environment of a fresh `python`, as after `pip install`: the code under test and the
    packages in ``site`` importable, none of the developer's DOCGEN_ settings, the store
    ``cwd``/docgen-test.sqlite, and DOCGEN_LOAD_PLUGINS = ``plugins`` when given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCGEN_")}
    env["PYTHONPATH"] = os.pathsep.join([*([str(site)] if site else []), str(CODE_UNDER_TEST)])
    env["DOCGEN_DB"] = str(cwd / "docgen-test.sqlite")
    env["COLUMNS"] = columns
    if plugins is not None:
        env["DOCGEN_LOAD_PLUGINS"] = plugins
    return env


def run_python(args: list, *, cwd: Path, site: Path | None = None, plugins: str | None = None,
               columns: str = "200") -> subprocess.CompletedProcess:
    """`python ARGS` in a fresh process (see ``python_env``), waited for."""
    return subprocess.run([sys.executable, *map(str, args)], cwd=cwd, env=python_env(cwd, site=site, plugins=plugins,
                          columns=columns), capture_output=True, text=True, timeout=300)


def start_python(args: list, *, cwd: Path) -> subprocess.Popen:
    """`python ARGS` in a fresh process (see ``python_env``) and a process group of its own, not
    waited for: a test signals it (or the group, as a terminal does) while it works."""
    return subprocess.Popen([sys.executable, *map(str, args)], cwd=cwd, env=python_env(cwd), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def printed_document(process: subprocess.CompletedProcess) -> Path:
    """The document a `docgen generate` run in a subprocess printed last; fails the test when the
    run failed or the file is not there."""
    assert process.returncode == 0, process.stderr
    path = Path(process.stdout.strip().splitlines()[-1])
    assert path.is_file(), path
    return path


def pip_install(package: Path, site: Path) -> Path:
    """`pip install --target SITE PACKAGE`, as a district installs a plugin (without its dependencies,
    which are docgen's); returns ``site``."""
    pip = run_python(["-m", "pip", "install", "--no-deps", "--quiet", "--target", site, package], cwd=site.parent)
    assert pip.returncode == 0, pip.stdout + pip.stderr
    return site


def sample_document(tmp_path_factory, slug: str, data: Path) -> Path:
    """`generate` into a fresh folder, for a module-scoped fixture whose document many read-only
    tests read back."""
    out = tmp_path_factory.mktemp("out")
    path = generate(slug, data, out).document
    assert path.parent == out and path.suffix == ".docx"
    return path


def help_and_imports(*candidates: str) -> tuple[str, list[str]]:
    """`docgen --help` in a fresh process: what it printed, and which of the ``candidates``
    modules it imported (a command line that starts slowly imports what help does not need)."""
    import json
    import textwrap

    code = textwrap.dedent(f"""
        import json, sys
        sys.argv = ["docgen", "--help"]
        from docgen.cli import main
        try:
            main()
        except SystemExit:
            pass
        print("IMPORTED", json.dumps([m for m in {list(candidates)!r} if m in sys.modules]))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    help_text, _, imported = out.rpartition("IMPORTED ")
    return help_text, json.loads(imported)


def generate_and_imports(cwd: Path, out: Path, *candidates: str, env: dict | None = None) -> tuple[Path, list[str]]:
    """`docgen generate` of the sample order in a fresh process (see ``python_env``, with ``env``
    added): the document it wrote, and which of the ``candidates`` modules it imported (what a
    command does not need it should not pay for at start-up)."""
    import json
    import textwrap

    code = textwrap.dedent(f"""
        import json, sys
        from docgen.cli import main
        try:
            main()
        except SystemExit as exc:
            code = exc.code
        print("IMPORTED", json.dumps([m for m in {list(candidates)!r} if m in sys.modules]), file=sys.stderr)
        sys.exit(code)
    """)
    process = subprocess.run(
        [sys.executable, "-c", code, "generate", "working-group-order", "--data", str(ORDER_SAMPLE), "--out", str(out)],
        cwd=cwd, env={**python_env(cwd), **(env or {})}, capture_output=True, text=True, timeout=120)
    _, _, imported = process.stderr.rpartition("IMPORTED ")
    return printed_document(process), json.loads(imported)


# -- reading what docgen wrote ----------------------------------------------------------------

# A registration number's hyphens are non-breaking (U+2011) in a document; tests compare numbers
# as they are typed («№ 45-од»). Only a «№ …» number is read back: «152‑ФЗ» stays as written, and
# tests/test_typography_numbers.py checks the no-break hyphen itself.
_NUMBER = re.compile("№[ \u00a0]*[^\\s,;:()«»]*\u2011[^\\s,;:()«»]*")


_LAW_HYPHEN = re.compile("\u2011(?!(?:ФКЗ|ФЗ|КЗ|ЗРТ|ОЗ|РЗ)(?!\\w))")  # «273‑ФЗ» keeps its own


def squeeze(text: str) -> str:
    """Text as a reader compares it: no-break spaces and hyphens as plain ones."""
    return text.replace(NBSP, " ").replace("\u2011", "-")


def plain_numbers(text: str) -> str:
    """«№ 45‑од» (no-break hyphen) read as «№ 45-од»."""
    return _NUMBER.sub(lambda m: _LAW_HYPHEN.sub("-", m.group(0)), text)


def texts(path: Path) -> list[str]:
    """The text of every body paragraph of a .docx, empty ones included (positions matter)."""
    import docx

    return [plain_numbers(p.text) for p in docx.Document(str(path)).paragraphs]


def body_of(path: Path) -> list[str]:
    """The body paragraphs that hold text: what a reader sees, line by line."""
    return [t for t in texts(path) if t.strip()]


def document_text(path: Path) -> str:
    """Every paragraph of the body and of its tables, in order, as one text."""
    import docx
    from docx.oxml.ns import qn

    body = docx.Document(str(path)).element.body
    return plain_numbers("\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))))


def rows_of(table) -> list[list[str]]:
    """A python-docx table as rows of cell texts (a merged cell repeats in every column it spans)."""
    return [[plain_numbers(cell.text) for cell in row.cells] for row in table.rows]


# -- writing input ----------------------------------------------------------------------------

def read_yaml(path: Path):
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_yaml(path: Path, data) -> Path:
    """A data file as a user writes it: YAML in UTF-8, keys in the order given."""
    import yaml

    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def edit_text(path: Path, old: str, new: str) -> None:
    """Replace ``old`` in a text file; fails when ``old`` is not there, so a sample that changed
    cannot turn the test into one that checks nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"«{old}» is not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def numberless_order(source: Path, path: Path, **changes) -> Path:
    """The working-group order of the folder ``source`` (a copy of the Таяндинская sample) without
    its number — the journal gives one — with ``changes`` applied (None removes a field)."""
    raw = read_yaml(source / "working-group-order.yaml")
    raw.pop("number", None)
    raw["organization"] = str(source / "organization.yaml")
    raw.update(changes)
    return write_yaml(path, {k: v for k, v in raw.items() if v is not None})


def numberless_orders(folder: Path, count: int) -> list[Path]:
    """``count`` different orders of the Таяндинская school without numbers, in a new ``folder``:
    a batch big enough to be interrupted, whose numbers the journal gives."""
    folder.mkdir(parents=True)
    return [numberless_order(ORDER_SAMPLE.parent, folder / f"order-{i:03d}.yaml",
                             meetings=f"еженедельно, заседание № {i + 1}") for i in range(count)]


def edited_template(folder: Path, name: str, old: str, new: str) -> Path:
    """``folder`` holding a copy of the built-in template ``name`` with ``old`` replaced by ``new``
    in the first paragraph that has it (body first, then table cells), as a clerk edits it in
    Word; returns ``folder``, to pass as --templates. Fails when ``old`` is not in the template."""
    import docx

    document = docx.Document(str(data_dir("templates") / name))
    in_cells = (p for t in document.tables for row in t.rows for cell in row.cells for p in cell.paragraphs)
    paragraph = next((p for p in (*document.paragraphs, *in_cells) if old in p.text), None)
    assert paragraph is not None, f"«{old}» is not in the template {name}"
    run = next((r for r in paragraph.runs if old in r.text), None)
    if run is not None:  # keep the paragraph's other runs (fields, formatting) as they are
        run.text = run.text.replace(old, new)
    else:  # Word split the phrase across runs: the paragraph becomes one run
        text = paragraph.text.replace(old, new)
        for other in paragraph.runs[1:]:
            other.text = ""
        paragraph.runs[0].text = text
    folder.mkdir(parents=True, exist_ok=True)
    document.save(str(folder / name))
    return folder


# -- the registry of acts ---------------------------------------------------------------------

def approve_act(db: Path, act: str, profile: Path = TAYANDY_PROFILE, *, order: str = "45-од",
                date: str = "01.09.2026", today: str = "01.10.2026", responsible: str | None = None) -> None:
    """Take an act through «в разработке» → «принят» → «утверждён» by an order, with `docgen acts set`."""
    drafting = ["в разработке", *(["--responsible", responsible] if responsible else [])]
    for step in (drafting, ["принят"], ["утверждён", "--order", order, "--date", date]):
        result = invoke("acts", "set", act, *step, "--org", profile, "--db", db, "--today", today)
        assert result.exit_code == 0, result.output


def registry_rows(db: Path) -> list[list[tuple]]:
    """Every row of the act statuses and of their history: equal before and after means unchanged."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        return [conn.execute(f"select * from {t} order by 1, 2").fetchall() for t in ("act_status", "act_history")]


# -- making files ----------------------------------------------------------------------------

def png(width: int = 2, height: int = 2) -> bytes:
    """A minimal valid grey PNG, so a test needs no plotting or imaging library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


# -- comparing and checking documents ---------------------------------------------------------

OFFICE_CHECKER = CHECKOUT.parent / "shared" / "tools" / "check_docx.py"


def assert_office_checker_clean(path: Path, *options: str) -> str:
    """Run the shared ГОСТ checker (../shared/tools/check_docx.py) on a document at its level 2
    (breakable units, placeholders, splitting rows too) and fail on any error; returns its report.
    ``options`` go to the checker besides.

    A bare clone on a developer's machine has no shared/ beside it: the test is skipped there. CI
    always has it, so with CI set a missing checker fails instead of hiding every check."""
    import pytest

    if not OFFICE_CHECKER.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"CI: the office checker {OFFICE_CHECKER} is missing (shared/ must be beside the clone)")
        pytest.skip("shared/tools/check_docx.py is not beside this checkout")
    if "--level" not in options:
        options = ("--level", "2", *options)
    result = subprocess.run([sys.executable, str(OFFICE_CHECKER), *options, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert " 0 error(s)" in result.stdout, result.stdout
    return result.stdout


# Parts of a .docx whose bytes change on every save without a change of content.
VOLATILE_CORE = ("created", "modified", "lastModifiedBy", "revision", "lastPrinted")


def _canonical_parts(path: Path) -> dict[str, bytes]:
    """Every member of the package: XML as canonical XML (c14n), anything else as its bytes;
    the timestamps and counters of docProps/core.xml left out."""
    import zipfile

    from lxml import etree

    parts = {}
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            data = package.read(name)
            if name.endswith((".xml", ".rels")):
                root = etree.fromstring(data)
                if name == "docProps/core.xml":
                    for element in list(root):
                        if etree.QName(element).localname in VOLATILE_CORE:
                            root.remove(element)
                data = etree.tostring(root, method="c14n")
            parts[name] = data
    return parts


def docx_differences(built: Path, committed: Path) -> list[str]:
    """The package members in which two .docx files differ (an empty list: the same document).

    Used to prove that a committed template is exactly what its builder writes."""
    a, b = _canonical_parts(built), _canonical_parts(committed)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


# -- batches that were interrupted ------------------------------------------------------------

def journal_entries(db: Path) -> list[tuple]:
    """(seq, number, status, file) of every order in the journal, in the order they were taken."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("select seq, number, status, file from order_journal order by id").fetchall()


def assert_batch_consistent(out: Path, db: Path) -> list[tuple]:
    """Every document under ``out`` opens and carries the number in its name; leftovers are only
    hidden temporary files; the journal has no duplicate and no complete entry without its file.
    Returns the journal's entries."""
    import docx

    for path in out.rglob("*"):
        if path.is_dir():
            continue
        if path.suffix == ".docx":
            number = path.name.split(" № ")[1].split(" от ")[0]
            paragraphs = [plain_numbers(p.text) for p in docx.Document(str(path)).paragraphs]
            assert paragraphs[3].endswith(f"№{NBSP}{number}"), path
        else:
            assert path.name.startswith(".~") and path.suffix == ".tmp", path
    rows = journal_entries(db)
    numbers = [r[1] for r in rows]
    assert len(numbers) == len(set(numbers))
    for _, number, status, file in rows:
        if status == "complete":
            assert Path(file).is_file() and f"№ {number} от" in Path(file).name
    return rows
