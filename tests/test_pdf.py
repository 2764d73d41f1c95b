"""PDF through LibreOffice: one process for all documents, text as in the .docx, and clear Russian
failures — LibreOffice missing, hanging, or producing nothing — that leave no PDF behind."""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import time
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from docgen.pdf import PdfError, convert
from helpers import SAMPLES, generate

INSTALL = "установите LibreOffice: apt install libreoffice-writer-nogui"
REAL_SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    not (REAL_SOFFICE and shutil.which("pdftotext")) and not os.environ.get("CI"),
    reason="LibreOffice or pdftotext is not installed (in CI they are, and these tests run)",
)


@pytest.fixture
def isolated(in_test_folder, monkeypatch):
    """The test's folder, where the journal and stray files stay; LibreOffice found as a clerk's
    machine finds it (no DOCGEN_SOFFICE of the developer's) unless the test names one."""
    monkeypatch.delenv("DOCGEN_SOFFICE", raising=False)
    return in_test_folder


def _script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(0o755)
    return path


def _docx_words(path: Path) -> tuple[list[list[str]], list[str]]:
    """Body paragraphs (each a list of words) and every word of every table cell, via python-docx."""
    import docx

    document = docx.Document(str(path))
    paragraphs = [words for p in document.paragraphs if (words := _words(p.text))]
    cells: list[str] = []
    seen = set()
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                # A merged cell is listed once per grid row and column it spans; keeping the lxml
                # element (not its id) keeps its proxy alive, so the same cell is the same object.
                if cell._tc in seen:
                    continue
                seen.add(cell._tc)
                cells += _words(cell.text)
    return paragraphs, cells


def _words(text: str) -> list[str]:
    # NFKC: NBSP → space, ligatures → letters (both sides alike); casefold: «caps» formatting
    # prints capitals that the .docx stores in lower case; soft hyphens vanish in print; a blank
    # to fill in («Я, ________») is drawn as underscores glued to the word before it; the
    # non-breaking hyphen of «273‑ФЗ» (NFKC: U+2010) prints as a hyphen-minus.
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "").replace("\u2010", "-").casefold()
    return re.sub(r"_+", " ", text).split()


def _pdf_words(pdf: Path, mode: str = "-layout") -> list[str]:
    out = subprocess.run(["pdftotext", mode, "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, check=True, timeout=60)
    return _words(out.stdout.decode("utf-8"))


def _match(pdf: list[str], i: int, words: list[str], k: int) -> tuple[int, int] | None:
    """Positions after ``words[k]`` matched at ``pdf[i]``: the word itself; a word split at a
    line end after a hyphen; or words that -layout glued together where the space is narrow
    («№ 2» printed as «№2» next to a right tab)."""
    word = words[k]
    if pdf[i] == word:
        return i + 1, k + 1
    if pdf[i].endswith("-") and i + 1 < len(pdf) and word in (pdf[i] + pdf[i + 1], pdf[i][:-1] + pdf[i + 1]):
        return i + 2, k + 1
    glued = word
    for n in range(k + 1, min(k + 4, len(words))):
        glued += words[n]
        if pdf[i] == glued:
            return i + 1, n + 1
    return None


def _in_order(words: list[str], pdf: list[str], gap: int = 6) -> bool:
    """``words`` appear in ``pdf`` in this order, with at most ``gap`` foreign words between two
    of them (a page number or a running head where a page breaks the paragraph)."""
    for start in range(len(pdf)):
        found = _match(pdf, start, words, 0)
        while found is not None and found[1] < len(words):
            i, k = found
            found = next((m for j in range(i, min(i + gap + 1, len(pdf))) if (m := _match(pdf, j, words, k))), None)
        if found is not None:
            return True
    return False


def _parts(words: list[str]) -> Counter:
    return Counter(part for word in words for part in re.split(r"-+", word) if part)


def _generate_all(out: Path) -> list[Path]:
    """The sample document of every built-in type that has a sample."""
    from docgen.engine import Engine

    samples = sorted((slug, t.sample) for slug, t in Engine().document_types.items() if t.sample is not None)
    assert {"working-group-order", "regulation-order"} <= {slug for slug, _ in samples}
    return [generate(slug, sample, out).document for slug, sample in samples]


@needs_libreoffice
def test_pdf_of_every_builtin_type_has_the_text_of_its_docx(isolated, monkeypatch):
    # Skipped on a developer's machine without them; with CI set the test runs and says what is missing.
    assert REAL_SOFFICE and shutil.which("pdftotext"), "CI: LibreOffice (soffice) and pdftotext must be installed"
    docs = _generate_all(isolated / "a")
    # The same name in another folder: both PDFs must come out, each next to its own document.
    twin = isolated / "b" / docs[0].name
    twin.parent.mkdir()
    shutil.copyfile(docs[0], twin)
    inputs = [*docs, twin]
    log = isolated / "soffice.log"
    monkeypatch.setenv("DOCGEN_SOFFICE", str(_script(
        isolated / "soffice-logged", f'echo "$@" >> "{log}"\nexec "{REAL_SOFFICE}" "$@"\n')))
    monkeypatch.setenv("HOME", str(isolated / "no-such-home"))  # CI users may have none

    pdfs = convert(inputs, timeout=300)

    assert pdfs == [p.with_suffix(".pdf") for p in inputs]
    runs = log.read_text(encoding="utf-8").splitlines()
    assert len(runs) == 1, "one LibreOffice process for all documents"
    assert runs[0].count(".docx") == len(inputs)
    profile = re.search(r"-env:UserInstallation=file://(\S+)", runs[0]).group(1)
    assert not Path(profile).exists(), "the private LibreOffice profile is removed afterwards"
    assert not (isolated / "no-such-home").exists()
    for folder in (isolated / "a", isolated / "b"):
        assert not [p for p in folder.iterdir() if p.suffix not in (".docx", ".pdf")], "no temporary files left"
    problems = []  # every document is checked before failing, so one run names every defect
    for docx_path, pdf in zip(inputs, pdfs):
        assert pdf.read_bytes().startswith(b"%PDF-")
        paragraphs, cells = _docx_words(docx_path)
        printed = _pdf_words(pdf)
        missing = [" ".join(words) for words in paragraphs if not _in_order(words, printed)]
        if missing:
            problems.append(f"{pdf.name}: paragraphs not found in the PDF in order: {missing[:3]}")
        # -layout may glue words where a space is narrow («№2»); reading order (-raw) keeps them
        # apart. A word broken inside («Бал» / «л» in a narrow column) is lost in both.
        lost = _parts([w for words in paragraphs for w in words] + cells) - (
            _parts(printed) | _parts(_pdf_words(pdf, "-raw")))
        if lost:
            problems.append(f"{pdf.name}: words of the .docx missing from the PDF "
                            f"(broken inside a narrow column?): {sorted(lost)[:20]}")
    assert not problems, "\n".join(problems)
    assert pdfs[0].read_bytes() != b"" and pdfs[-1].stat().st_size > 1000


def test_missing_libreoffice_named_by_the_variable(isolated, monkeypatch):
    doc = isolated / "a.docx"
    doc.write_bytes(b"PK")
    monkeypatch.setenv("DOCGEN_SOFFICE", str(isolated / "no" / "soffice"))
    with pytest.raises(PdfError) as caught:
        convert([doc])
    error = caught.value
    assert error.exit_code == 2
    assert "для PDF нужен LibreOffice" in error.message and "DOCGEN_SOFFICE" in error.message
    assert INSTALL in error.message
    assert [p.name for p in isolated.iterdir()] == ["a.docx"]


def test_missing_libreoffice_not_on_path(isolated, monkeypatch):
    doc = isolated / "a.docx"
    doc.write_bytes(b"PK")
    empty = isolated / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    with pytest.raises(PdfError) as caught:
        convert([doc])
    assert caught.value.exit_code == 2
    assert "программа soffice не найдена" in caught.value.message and INSTALL in caught.value.message
    assert not doc.with_suffix(".pdf").exists()


def test_generate_pdf_without_libreoffice_through_the_cli(cli, isolated, monkeypatch):
    from docgen.engine import Engine

    monkeypatch.setenv("DOCGEN_SOFFICE", str(isolated / "no-soffice"))
    sample = Engine().document_types["working-group-order"].sample
    result = cli("generate", "working-group-order", "--data", sample, "--out", isolated / "out", "--pdf")
    assert result.exit_code == 2
    assert "Ошибка:" in result.output and INSTALL in result.output
    assert not list(isolated.rglob("*.pdf"))


def test_timeout_kills_libreoffice_and_leaves_no_pdf(isolated, monkeypatch):
    docs = [isolated / "one.docx", isolated / "two.docx"]
    for doc in docs:
        doc.write_bytes(b"PK")
    pid_file = isolated / "child.pid"
    # A LibreOffice that writes half a PDF, starts a child of its own and hangs.
    fake = _script(isolated / "soffice-hangs", f"""
while [ $# -gt 0 ]; do [ "$1" = --outdir ] && out="$2"; shift; done
printf '%%PDF-1.7 half' > "$out/0000.pdf"
sleep 120 &
echo $! > "{pid_file}"
wait
""")
    monkeypatch.setenv("DOCGEN_SOFFICE", str(fake))
    started = time.monotonic()
    with pytest.raises(PdfError) as caught:
        convert(docs, timeout=1)
    assert time.monotonic() - started < 15
    assert caught.value.exit_code == 2
    assert "LibreOffice не успел преобразовать документы в PDF за 1 с" in caught.value.message
    assert sorted(p.name for p in isolated.iterdir() if p.suffix == ".pdf") == []
    child = int(pid_file.read_text())
    assert _gone(child), "the whole process group is killed, children included"


def _gone(pid: int) -> bool:
    for _ in range(50):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state == "Z":
            return True
        time.sleep(0.1)
    return False


def test_libreoffice_that_writes_no_pdf(isolated, monkeypatch):
    doc = isolated / "broken.docx"
    doc.write_bytes(b"not a document")
    fake = _script(isolated / "soffice-fails", 'echo "Error: source file could not be loaded"\nexit 0\n')
    monkeypatch.setenv("DOCGEN_SOFFICE", str(fake))
    with pytest.raises(PdfError) as caught:
        convert([doc])
    message = caught.value.message
    assert f"LibreOffice не создал PDF для «{doc}»" in message
    assert "Сообщение LibreOffice: Error: source file could not be loaded" in message
    assert not doc.with_suffix(".pdf").exists()


def test_only_docx_and_existing_files(isolated, monkeypatch):
    monkeypatch.setenv("DOCGEN_SOFFICE", str(isolated / "never-started"))
    assert convert([]) == []
    text = isolated / "notes.txt"
    text.write_text("x")
    with pytest.raises(PdfError, match="только документы .docx"):
        convert([text])
    with pytest.raises(PdfError, match="документа для преобразования в PDF нет"):
        convert([isolated / "absent.docx"])


def test_pdf_failure_after_the_document_is_written_keeps_it_and_exits_1(cli, isolated, monkeypatch, sample_dir):
    """LibreOffice fails after the .docx was written and journaled: not exit 2 («nothing
    written») but 1 — the document is kept and «сформирован», only the PDF is missing."""
    from helpers import numberless_order

    store = isolated / "journal.sqlite"
    monkeypatch.setenv("DOCGEN_DB", str(store))
    fake = _script(isolated / "soffice-fails", 'echo "Error: a crash"\nexit 1\n')
    monkeypatch.setenv("DOCGEN_SOFFICE", str(fake))
    data = numberless_order(sample_dir, sample_dir / "a.yaml")
    result = cli("generate", "working-group-order", "--data", data, "--out", isolated / "out", "--pdf")
    assert result.exit_code == 1
    assert "Ошибка: документ сформирован, PDF не создан: LibreOffice не создал PDF для" in result.stderr
    assert "Сообщение LibreOffice: Error: a crash" in result.stderr
    written = Path(result.stdout.strip().splitlines()[-1])
    assert written.suffix == ".docx" and written.is_file() and "№ 1-од" in written.name
    assert not list(isolated.rglob("*.pdf"))
    with sqlite3.connect(store) as conn:
        assert conn.execute("select number, status, file from order_journal").fetchall() == \
            [("1-од", "complete", str(written))]


def test_batch_pdf_failure_keeps_every_document_and_exits_1(cli, isolated, monkeypatch):
    """The same rule for a district run: the schools' documents stay written and recorded, no PDF and
    no archive are made, exit 1 — as the README's table of exit codes says."""
    store = isolated / "journal.sqlite"
    monkeypatch.setenv("DOCGEN_DB", str(store))
    monkeypatch.setenv("DOCGEN_SOFFICE", str(_script(isolated / "soffice-fails", 'echo "Error: a crash"\nexit 1\n')))
    schools = SAMPLES / "district-drozhzhanovsky" / "batch" / "schools.yaml"
    result = cli("batch", "working-group-order", "--data", schools, "--out", isolated / "out", "--pdf",
                 "--zip", isolated / "all.zip")
    assert result.exit_code == 1, result.output
    assert "документы сформированы (3), PDF не созданы" in " ".join(result.stderr.split())
    documents = sorted((isolated / "out").rglob("*.docx"))
    assert len(documents) == 3 and not list(isolated.rglob("*.pdf")) and not (isolated / "all.zip").exists()
    with sqlite3.connect(store) as conn:
        rows = conn.execute("select status, file from order_journal").fetchall()
    assert sorted(file for _, file in rows) == [str(d) for d in documents]
    assert {status for status, _ in rows} == {"complete"}
