"""The content files of local acts (templates/acts/*.yaml, issue 17): each one keeps the contract
the `local-act` document type renders from — its shape, its id in the catalogue, its placeholders,
its punctuation and spelling, and legal references limited to those the domain reference gives."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTS = ROOT / "templates" / "acts"
CATALOGUE = ROOT / "registries" / "vsoko.yaml"

KINDS = {"Положение", "Порядок", "Правила"}
PLACEHOLDERS = {"school", "school_full", "school_genitive", "levels", "head_position", "head_position_genitive"}
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
MARKUP = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
LATIN_IN_CYRILLIC = re.compile(r"\b(?=\w*[А-Яа-яЁё])(?=\w*[A-Za-z])\w+\b")
FILLERS = re.compile(r"…|\.\.\.|__|\bTODO\b|\bXXX\b")
# Words that official Russian texts of this kind write with «ё» and a writer often types with «е».
WITHOUT_YO = re.compile(r"(?<![А-Яа-яЁё])(учет|отчет|объем|утвержденн|проведенн|определенн|учтенн|включенн|"
                        r"приведенн|ее(?![А-Яа-яЁё])|еще)", re.I)

# The legal acts domain.md (§1.1) gives, by date and number; a content file cites nothing else.
KNOWN_ACTS = {
    ("29.12.2012", "273-ФЗ"),  # Федеральный закон «Об образовании в Российской Федерации»
    ("22.03.2021", "115"),      # приказ Минпросвещения, Порядок организации … образовательной деятельности
    ("30.04.2024", "556"),      # ПП РФ, мероприятия по оценке качества образования
    ("14.06.2013", "462"),      # приказ Минобрнауки, Порядок проведения самообследования
    ("14.12.2017", "1218"),     # the amendment of № 462 domain.md names beside it
    ("10.12.2013", "1324"),     # приказ Минобрнауки, показатели деятельности
    ("21.07.2022", "582"),      # приказ Минпросвещения, документация педагогических работников
    ("31.05.2021", "286"),      # ФГОС НОО
    ("31.05.2021", "287"),      # ФГОС ООО
    ("17.05.2012", "413"),      # ФГОС СОО
    ("18.05.2023", "370"), ("18.05.2023", "371"), ("18.05.2023", "372"),  # ФОП ООО, СОО, НОО
}
CITATION = re.compile(r"от (\d{2}\.\d{2}\.\d{4}) № ([\dА-Я-]+)")

FILES = sorted(ACTS.glob("*.yaml"))


def _catalogue_ids() -> set[str]:
    return {act["id"] for act in yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["acts"]}


def _clauses(section):
    """Every numbered clause of a section: (text, its sub-clauses or items, or [])."""
    for clause in section["clauses"]:
        if isinstance(clause, str):
            yield clause, []
        else:
            yield clause["text"], clause.get("clauses") or clause.get("items") or []


def _texts(data) -> list[str]:
    """All the text a file puts into the act, in order."""
    out = [data["subject"], *data["basis"]]
    for term in data.get("terms") or []:
        out += [term["term"], term["definition"]]
    for section in data["sections"]:
        out.append(section["title"])
        for text, subs in _clauses(section):
            out += [text, *subs]
        table = section.get("table")
        if table:
            out += [table["caption"], *table["columns"], *(cell for row in table["rows"] for cell in row)]
    return out


@pytest.fixture(params=FILES, ids=[p.stem for p in FILES])
def act(request):
    path = request.param
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_three_acts_of_issue_17_are_there():
    names = {p.stem for p in FILES}
    assert {"assessment-and-attestation", "internal-monitoring", "internal-control"} <= names


def test_shape(act):
    path, data = act
    assert isinstance(data, dict), path
    for key in ("act", "kind", "subject", "students_rights", "basis", "sections"):
        assert key in data, f"{path.name}: no «{key}»"
    assert data["act"] == path.stem
    assert data["act"] in _catalogue_ids()
    assert data["kind"] in KINDS
    assert isinstance(data["students_rights"], bool)
    assert data["basis"] and all(isinstance(b, str) and b.strip() for b in data["basis"])
    for term in data.get("terms") or []:
        assert set(term) == {"term", "definition"}, term
    sections = data["sections"]
    assert 5 <= len(sections) + bool(data.get("terms")) <= 9, f"{path.name}: {len(sections)} sections"
    total = 0
    for section in sections:
        assert section["title"] and section["clauses"], section.get("title")
        for clause in section["clauses"]:
            if not isinstance(clause, str):
                assert "text" in clause and set(clause) <= {"text", "clauses", "items"}, clause
                assert not ("clauses" in clause and "items" in clause), clause["text"]
            total += 1 + (len(clause.get("clauses") or []) if isinstance(clause, dict) else 0)  # 1.2.1 is a clause too
        table = section.get("table")
        if table:
            assert table["caption"] and table["columns"] and table["rows"]
            assert all(len(row) == len(table["columns"]) for row in table["rows"]), table["caption"]
            assert all(isinstance(cell, str) and cell.strip() for row in table["rows"] for cell in row)
    assert 25 <= total <= 90, f"{path.name}: {total} clauses"


def test_punctuation(act):
    path, data = act
    for term in data.get("terms") or []:  # the engine sets «;» between definitions and «.» after the last
        assert not term["definition"].endswith((",", ":")), term["term"]
    for section in data["sections"]:
        assert not section["title"].endswith((".", ";", ":")), section["title"]
        for text, subs in _clauses(section):
            assert text.endswith((".", ";", ":")), text
            if subs:
                assert text.endswith(":"), f"a clause with a list ends with «:»: {text}"
                # the engine ends list items «;» and the last «.» (a file may leave them out, not contradict them)
                assert all(s.endswith(";") or not s.endswith((".", ",", ":")) for s in subs[:-1]), \
                    f"list items end with «;»: {text}"
                assert not subs[-1].endswith((";", ",", ":")), f"the last item ends with «.»: {text}"
                assert all(s[0].islower() for s in subs), f"list items start lower-case: {text}"
            else:
                assert text.endswith("."), f"a clause without a list ends with «.»: {text}"
                assert text[0].isupper(), text


def test_placeholders_are_the_contracts_only(act):
    path, data = act
    for text in _texts(data):
        stripped = text
        for match in PLACEHOLDER.finditer(text):
            assert match.group(1) in PLACEHOLDERS, f"{path.name}: unknown placeholder {match.group(0)}"
            stripped = stripped.replace(match.group(0), "")
        assert not MARKUP.search(stripped), f"{path.name}: template markup other than the contract's: {text}"


def test_spelling_and_fillers(act):
    path, data = act
    for text in _texts(data):
        plain = PLACEHOLDER.sub("", text)
        assert not (m := LATIN_IN_CYRILLIC.search(plain)), f"{path.name}: Latin letters in {m.group(0)!r}"
        assert not (m := FILLERS.search(plain)), f"{path.name}: a filler {m.group(0)!r} in {text}"
        assert not (m := WITHOUT_YO.search(plain)), f"{path.name}: «ё» missing in {m.group(0)!r}: {text}"
        assert '"' not in plain and "“" not in plain, f"{path.name}: straight or English quotes: {text}"
        assert plain.count("«") == plain.count("»"), f"{path.name}: unbalanced «»: {text}"


def test_legal_references_are_the_domain_references(act):
    path, data = act
    cited = set()
    for text in _texts(data):
        cited |= set(CITATION.findall(text))
    assert cited, f"{path.name}: cites nothing"
    assert cited <= KNOWN_ACTS, f"{path.name}: cites what domain.md does not give: {sorted(cited - KNOWN_ACTS)}"
    assert any("№ 273-ФЗ" in b for b in data["basis"]), f"{path.name}: the basis does not name 273-ФЗ"


def test_students_rights_acts_say_the_councils_are_heard(act):
    """ст. 30 ч. 3 273-ФЗ: an act touching pupils' rights is adopted with the councils' opinion,
    and its closing section says so."""
    path, data = act
    closing = " ".join(text for text, _ in _clauses(data["sections"][-1]))
    heard = "с учётом мнения совета обучающихся" in closing
    assert heard == data["students_rights"], path.name
