"""Output file names come from user text; they must stay one harmless name on every OS, and an
output folder that cannot be written gives a Russian message, exit 2 and no file."""
from __future__ import annotations

import os
import stat
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings, strategies as st

from docgen.errors import OutputError
from docgen.fileio import MAX_STEM_BYTES, atomic_write_bytes, safe_file_stem
from helpers import NBSP, edit_text

# Random examples on developers' machines find new cases; CI replays a fixed sequence, so
# a landing is never blocked by a draw nobody has seen before.
IN_CI = bool(os.environ.get("CI"))

WINDOWS_FORBIDDEN = set('<>:"/\\|?*')
RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
            *(f"{p}{d}" for p in ("COM", "LPT") for d in "0123456789¹²³")}

FRAGMENTS = [
    "../", "..\\", "..", ".", "/etc/passwd", "C:\\Windows\\", "\\\\server\\share", "~", "-rf",
    "<", ">", ":", '"', "|", "?", "*", "\x00", "\x01", "\x1f", "\x7f", "\t", "\n", "\r",
    "\u202e", "\u200b", "\u200d", "\ufeff", "\u00ad", "\u2028", " ", "\u00a0", "CON", "con", "Nul",
    "COM1", "lpt9", "COM¹", "CONIN$", ".txt", ".docx", "😀", "👩\u200d👩\u200d👧", "שלום", "مرحبا",
    "Приказ № 45-од", "Ёлка", "e\u0301", "Latin", "\U0010ffff", "\ue000",
]
hostile_text = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("".join),
    st.builds(lambda piece, n: piece * n, st.sampled_from(["Ж", "😀", "a", "é", "ё ", ". "]), st.integers(1, 3000)),
)


def _assert_safe(stem: str) -> None:
    assert stem, "empty name"
    assert stem == stem.strip(" ."), "leading/trailing dot or space"
    assert not (WINDOWS_FORBIDDEN & set(stem)), stem
    assert all(unicodedata.category(ch)[0] != "C" for ch in stem), ascii(stem)
    assert stem not in (".", "..") and "/" not in stem and "\\" not in stem
    base = stem.split(".", 1)[0].rstrip(" ").upper()
    assert base not in RESERVED, stem
    for extension in (".docx", ".pdf"):
        assert len((stem + extension).encode("utf-8")) <= 255
    assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    assert unicodedata.normalize("NFC", stem) == stem


@settings(max_examples=300, deadline=None, database=None, derandomize=IN_CI)
@given(hostile_text)
@example("../../etc/x")
@example("CON.txt")
@example("con")
@example(" nul .docx")
@example("COM¹")
@example("...")
@example("")
@example("\u202e\u200b")
@example("Ж" * 300)
@example("😀" * 300)
@example("e\u0301" * 200)
def test_safe_file_stem_is_one_harmless_name(text):
    stem = safe_file_stem(text)
    _assert_safe(stem)
    assert safe_file_stem(stem) == stem  # stable: naming a name again changes nothing


@settings(max_examples=100, deadline=None, database=None, derandomize=IN_CI)
@given(hostile_text)
def test_safe_file_stem_creates_a_file_inside_the_folder(text):
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / (safe_file_stem(text) + ".docx")
        atomic_write_bytes(target, b"x")
        assert [p.name for p in Path(folder).iterdir()] == [target.name]
        assert target.resolve().parent == Path(folder).resolve()


def test_readable_names_are_kept():
    assert safe_file_stem("Приказ № 112-од от 01.09.2026") == "Приказ № 112-од от 01.09.2026"
    assert safe_file_stem("Положение: «О ВСОКО»?") == "Положение «О ВСОКО»"
    assert safe_file_stem("CON") == "документ CON"
    assert safe_file_stem("con.txt") == "документ con.txt"
    assert safe_file_stem("CONSOLE") == "CONSOLE"
    assert safe_file_stem("  ../../etc/x. ") == "etc x"
    assert safe_file_stem("") == "документ"
    long_cyrillic = safe_file_stem("Ж" * 500)
    assert long_cyrillic == "Ж" * 98 + "…"  # 200 bytes: two bytes a letter, three the ellipsis that says it is cut
    assert safe_file_stem("e\u0301" * 150, limit=1000) == "\u00e9" * 98 + "…"  # NFC first, then 2 bytes each
    edition = "Положение о формах, периодичности и порядке текущего контроля успеваемости и промежуточной " \
              "аттестации обучающихся (приказ № 56-од от 30.08.2024)"
    assert safe_file_stem(edition) == "Положение о формах, периодичности и порядке текущего контроля успеваемости и… " \
                                      "(приказ № 56-од от 30.08.2024)"  # cut at a word, the edition kept


def test_number_with_path_traversal_writes_inside_the_out_folder(cli, sample_dir, tmp_path, in_test_folder):
    data = sample_dir / "working-group-order.yaml"
    edit_text(data, "number: 112", 'number: "../../etc/x"')
    out = tmp_path / "deep" / "out"
    result = cli("generate", "working-group-order", "--data", data, "--out", out)
    assert result.exit_code == 0, result.output
    written = [p for p in out.iterdir()]
    assert len(written) == 1 and written[0].suffix == ".docx"
    assert written[0].name == "Приказ о создании рабочей группы по совершенствованию ВСОКО № .. .. etc x от 01.09.2026.docx"
    assert not (tmp_path / "etc").exists() and not (tmp_path / "deep" / "etc").exists()
    assert written[0].name in result.output
    import docx

    text = "\n".join(p.text for p in docx.Document(str(written[0])).paragraphs)
    assert f"№{NBSP}../../etc/x" in text  # the document itself keeps the number as written


def test_out_is_a_file(cli, sample_dir, tmp_path, in_test_folder):
    blocker = tmp_path / "out.docx"
    blocker.write_bytes(b"keep me")
    result = cli("generate", "working-group-order", "--data", sample_dir / "working-group-order.yaml", "--out", blocker)
    assert result.exit_code == 2
    assert "не удаётся записать в папку" in result.output and "файл, а не папка" in result.output
    assert blocker.read_bytes() == b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".docx") == ["out.docx"]


def test_out_below_a_file(cli, sample_dir, tmp_path, in_test_folder):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("generate", "working-group-order", "--data", sample_dir / "working-group-order.yaml",
                 "--out", blocker / "sub")
    assert result.exit_code == 2
    assert "не удаётся записать в папку" in result.output
    assert "часть пути — файл, а не папка" in result.output
    assert blocker.read_text() == "x"


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write: chmod 0o500, or — root ignores modes — part of sysfs."""
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
        return folder
    folder = Path("/sys/kernel")
    try:
        tempfile.NamedTemporaryFile(dir=folder).close()
    except OSError:
        return folder
    pytest.skip("no folder here that root cannot write")


def test_read_only_out_folder(cli, sample_dir, tmp_path, in_test_folder):
    folder = _read_only_folder(tmp_path)
    before = sorted(os.listdir(folder))
    try:
        result = cli("generate", "working-group-order", "--data", sample_dir / "working-group-order.yaml",
                     "--out", folder)
    finally:
        if folder.is_relative_to(tmp_path):
            folder.chmod(stat.S_IRWXU)
    assert result.exit_code == 2
    assert f"не удаётся записать в папку {folder}" in result.output
    assert ("нет прав на запись" in result.output or "только для чтения" in result.output), result.output
    assert sorted(os.listdir(folder)) == before


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "doc.docx"
    target.write_bytes(b"old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError) as caught:
        atomic_write_bytes(target, b"new")
    assert "на диске нет свободного места" in caught.value.message
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.docx"]  # no temporary file left


def test_atomic_write_gives_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write_bytes(tmp_path / "new.docx", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.docx").stat().st_mode) == 0o644
    kept = tmp_path / "kept.docx"
    kept.write_bytes(b"x")
    kept.chmod(0o640)
    atomic_write_bytes(kept, b"y")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and kept.read_bytes() == b"y"


def test_folder_that_is_a_file_or_below_one(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError) as caught:
        atomic_write_bytes(blocker / "doc.docx", b"y")
    assert caught.value.message == f"не удаётся записать в папку {blocker}: это файл, а не папка"
    with pytest.raises(OutputError) as caught:
        atomic_write_bytes(blocker / "sub" / "doc.docx", b"y")
    assert caught.value.message == f"не удаётся записать в папку {blocker / 'sub'}: часть пути — файл, а не папка"
    assert blocker.read_text() == "x"


def test_a_folder_where_the_file_should_be(tmp_path):
    (tmp_path / "doc.docx").mkdir()
    with pytest.raises(OutputError) as caught:
        atomic_write_bytes(tmp_path / "doc.docx", b"x")
    assert "на этом месте уже есть папка" in caught.value.message
