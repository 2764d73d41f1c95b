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
PLACEHOLDERS = {"school", "school_full", "school_genitive", "levels", "head_position", "head_position_genitive",
                "council_pedagogical", "council_pedagogical_by", "council_students", "council_students_of",
                "council_parents", "council_parents_of"}
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

FILES = sorted(p for p in ACTS.glob("*.yaml") if not p.stem.startswith("_"))
SHARED = ACTS / "_common.yaml"
PROFILE = ROOT / "samples" / "tayandinskaya" / "organization.yaml"
ABBREVIATION = re.compile(r"(?<![А-Яа-яЁёA-Za-z-])[А-ЯЁ]{2,}(?![А-Яа-яЁё])")
# Capitals that are not abbreviations an act must expand: parts of names, numbers and dates.
NOT_ABBREVIATIONS = {"ФЗ", "СК", "МКОУ", "СОШ", "ПРОЕКТ"}
DEFINED_INLINE = re.compile(r"\(далее — ([^)]+)\)")
CLOSING = ("вступает в силу", "пересматривается", "под подпись", "официальном сайте")


def _catalogue_ids() -> set[str]:
    return {act["id"] for act in yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["acts"]}


def _catalogue_titles() -> list[str]:
    return [act["title"] for act in yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["acts"]]


def _shared() -> dict:
    return yaml.safe_load(SHARED.read_text(encoding="utf-8"))


def _resolved(path: Path) -> dict:
    """The act as the plugin reads it: every reference to acts/_common.yaml replaced."""
    from docgen_plugins.local_act.content import load_content

    content, _ = load_content(path.stem)
    data = content.model_dump(exclude_defaults=True)
    data.setdefault("students_rights", False)
    return data


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


def _rendered(act_id: str, tmp: Path) -> list[str]:
    """Every text of the act as docgen prints it for the sample school, in the order of the page —
    clause 1.1, section 1, the terms, the other sections with their tables (the profile's too)."""
    from docgen.loading import load_input
    from docgen_plugins.local_act.context import build_context
    from docgen_plugins.local_act.model import LocalActInput

    data = tmp / "act.yaml"
    data.write_text(f"organization: {PROFILE}\nact: {act_id}\n", encoding="utf-8")
    context = build_context(load_input(LocalActInput, data))
    out = [context["act"]["subject"]]
    for section in context["sections"]:
        out.append(section["title"])
        for clause in section["clauses"]:
            out += [clause["text"], *clause["dashes"], *clause["terms"], *(c["text"] for c in clause["clauses"])]
        table = section["table"]
        if table:
            out += [table["caption"], *(h["text"] for h in table["header"]),
                    *(c["text"] for row in table["rows"] for c in row)]
    return [t.replace("\u00a0", " ").replace("\u2011", "-") for t in out]


@pytest.fixture(params=FILES, ids=[p.stem for p in FILES])
def act(request):
    return request.param, _resolved(request.param)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, list[str]]:
    tmp = tmp_path_factory.mktemp("acts")
    return {p.stem: _rendered(p.stem, tmp) for p in FILES}


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
                assert all(s[0].islower() or s.startswith("{{") for s in subs), f"list items start lower-case: {text}"
            else:
                assert text.endswith("."), f"a clause without a list ends with «.»: {text}"
                assert text[0].isupper() or text.startswith("{{"), text


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


def test_students_rights_acts_say_the_councils_are_heard(act, rendered):
    """ст. 30 ч. 3 273-ФЗ: an act touching pupils' rights is adopted with the councils' opinion,
    and its closing section says so (with the councils as the profile names them)."""
    path, data = act
    text = rendered[path.stem]
    closing = " ".join(text[text.index("Заключительные положения"):])
    heard = "с учётом мнения совета обучающихся" in closing
    assert heard == data["students_rights"], path.name


def test_every_act_closes_the_same_way(act, rendered):
    """Entry into force, review, publication and signatures (ст. 22 ТК РФ) in every act: the closing
    section is the shared one, not typed in an act."""
    path, _ = act
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert raw["sections"][-1] == {"use": "closing"}, f"{path.name}: the last section is not «use: closing»"
    text = rendered[path.stem]
    closing = " ".join(text[text.index("Заключительные положения"):])
    for words in CLOSING:
        assert words in closing, f"{path.name}: the closing section does not say «{words}»"


def test_every_abbreviation_is_expanded_before_use(act, rendered):
    """An abbreviation (ООП, ВПР, УВР …) is defined in the terms or by «(далее — X)» — in any
    text of the act, tables and the profile's table included — and not used before an inline
    definition."""
    path, _ = act
    text = rendered[path.stem]
    in_terms = {t.split(" — ")[0] for t in text if " — " in t and t.split(" — ")[0].isupper()}
    defined_at = {}
    for n, t in enumerate(text):
        for match in DEFINED_INLINE.finditer(t):
            for abbr in ABBREVIATION.findall(match.group(1)):
                defined_at.setdefault(abbr, (n, match.start()))
    for n, t in enumerate(text):
        for match in ABBREVIATION.finditer(t):
            abbr = match.group(0)
            if abbr in NOT_ABBREVIATIONS or abbr in in_terms:
                continue
            assert abbr in defined_at, f"{path.name}: «{abbr}» is never expanded: {t}"
            assert (n, match.start()) >= defined_at[abbr] or (n, match.start()) > defined_at[abbr], \
                f"{path.name}: «{abbr}» is used before «(далее — {abbr})»: {t}"


def test_one_spelling_of_each_notion(act):
    """acts/_common.yaml, spellings: «(далее — Школа)», «карта наблюдения урока», the parents'
    council's full name — the forms it bans appear in no act, tables included."""
    path, data = act
    texts = [PLACEHOLDER.sub("", t) for t in _texts(data)]
    for preferred, banned in _shared()["spellings"].items():
        for pattern in banned:
            for t in texts:
                assert not re.search(pattern, t), f"{path.name}: write «{preferred}», not: {t}"


def test_the_school_is_defined_once_the_same_way(act, rendered):
    path, _ = act
    text = rendered[path.stem]
    definitions = [t for t in text if "(далее — Школа)" in t]
    assert definitions, f"{path.name}: no «(далее — Школа)»"
    assert "Муниципального казённого общеобразовательного учреждения" in definitions[0], \
        f"{path.name}: «(далее — Школа)» follows the full name in the genitive ({{{{ school_genitive }}}})"


def test_a_shared_term_is_quoted_not_retyped(act):
    """A term acts/_common.yaml defines has that one definition in every act."""
    path, _ = act
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    shared = {t["term"].lower() for t in _shared()["terms"].values()}
    for term in raw.get("terms") or []:
        if "use" not in term:
            assert term["term"].lower() not in shared, \
                f"{path.name}: «{term['term']}» is defined in _common.yaml — write «- {{use: …}}»"


def test_a_shared_procedure_has_one_periodicity_and_owner(act):
    """A procedure acts/_common.yaml lists keeps its periodicity and owners in every act's table:
    a row naming it is a «procedure:» reference, not typed in."""
    path, _ = act
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    titles = {p["title"].lower() for p in _shared()["procedures"].values()}
    for section in raw["sections"]:
        for row in (section.get("table") or {}).get("rows", []):
            if isinstance(row, list):
                first = row[0].lower()
                assert not any(first == t or first.endswith(": " + t) for t in titles), \
                    f"{path.name}: the row «{row[0]}» is a shared procedure — write «procedure: …»"


def test_the_sample_profiles_procedure_owners_are_the_shared_owners():
    """Table 2 of the ВСОКО act prints the profile's owners: the sample names them as the acts do."""
    shared = _shared()
    owners = {p["owner"].lower() for p in shared["procedures"].values()} | \
        {o.lower() for o in shared["direction_owners"].values()}
    profile = yaml.safe_load(PROFILE.read_text(encoding="utf-8"))
    for procedure in profile["procedures"]:
        if procedure.get("owner"):
            assert procedure["owner"].lower() in owners, procedure["title"]


def test_positions_are_the_profiles(act, rendered):
    """A deputy's position an act names is one the sample school's staff list has: no «заместитель
    директора по административно-хозяйственной работе» an inspector cannot find."""
    path, _ = act
    profile = yaml.safe_load(PROFILE.read_text(encoding="utf-8"))
    positions = " ".join(p["position"].lower() for p in profile["staff"])
    for t in rendered[path.stem]:
        for match in re.finditer(r"заместител\w* директора по ([а-яё-]+(?: [а-яё-]+)*? работе)", t.lower()):
            assert match.group(1) in positions, f"{path.name}: no such position in the profile: {t}"
        assert "библиотекарь" not in t.lower(), f"{path.name}: the profile has no librarian: {t}"


def test_cross_references_name_acts_of_the_catalogue(act, rendered):
    """«в соответствии с положением о …» names an act the catalogue has, by its full title."""
    path, _ = act
    tails = [re.sub(r" \([А-ЯЁ]+\)$", "", t.split(" ", 1)[1]) for t in _catalogue_titles() if t.startswith("Положение ")]
    for t in rendered[path.stem]:
        for match in re.finditer(r"(?<![А-Яа-яЁё])положени(?:ем|и|я|е|ю) (?=об? )", t):
            rest = t[match.end():]
            assert any(rest.startswith(tail) for tail in tails), \
                f"{path.name}: «{rest[:60]}…» is not the title of an act of the catalogue"
