"""The content file of a local act: ``acts/<act-id>.yaml`` along the template search path.

The words of a Положение (Порядок, Правила) are data a school edits and a district overrides, not
code: its kind and subject, the legal basis its clause 1.1 cites, the terms, the sections with
their numbered clauses, sub-clauses, dash lists and tables. The file is found like a template —
the user's folder, then the plugins' folders, then docgen's ``templates/`` — and validated here
with Russian messages naming the file and the field. Placeholders in the texts (``{{ school }}`` …)
are rendered by ``render_text`` in a sandbox that knows only the names of ``PLACEHOLDERS``.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal, Union

from pydantic import Field, field_validator, model_validator

from docgen import FieldError, InputError, Strict, Text, load_data, template_file

ACTS_FOLDER = "acts"
KINDS = ("Положение", "Порядок", "Правила")
# The names a clause may use, and what each stands for (the context code fills them).
PLACEHOLDERS = {
    "school": "сокращённое наименование организации",
    "school_full": "полное наименование организации",
    "school_genitive": "полное наименование организации в родительном падеже",
    "levels": "уровни образования в родительном падеже («начального общего, … образования»)",
    "head_position": "должность руководителя («директор»)",
    "head_position_genitive": "должность руководителя в родительном падеже («директора»)",
    "council_pedagogical": "педагогический совет по уставу (профиль, councils.pedagogical)",
    "council_pedagogical_by": "педагогический совет в творительном падеже («педагогическим советом»)",
    "council_students": "совет обучающихся по уставу (профиль, councils.students)",
    "council_students_of": "совет обучающихся в родительном падеже («совета обучающихся»)",
    "council_parents": "совет родителей по уставу (профиль, councils.parents)",
    "council_parents_of": "совет родителей в родительном падеже («совета родителей …»)",
}
SHARED = "_common"  # acts/_common.yaml: the facts every act quotes (bases, terms, procedures, closing)
MAX_COLUMNS = 8  # a wider table does not fit the page's 165 mm at the table font
PROFILE_TABLES = ("procedures",)


class Term(Strict):
    term: Text = Field(title="термин или сокращение", description="например «ВСОКО»")
    definition: Text = Field(title="определение", description="продолжает «ВСОКО — …»")


class Clause(Strict):
    """A clause N.M with sub-clauses N.M.1 … or an unnumbered dash list under it."""

    text: Text = Field(title="текст пункта")
    clauses: list[Text] = Field(default_factory=list, title="подпункты", description="нумеруются N.M.1, N.M.2 …")
    items: list[Text] = Field(default_factory=list, title="перечень", description="пункты списка с тире, без номеров")

    @model_validator(mode="after")
    def _one_kind(self) -> "Clause":
        if self.clauses and self.items:
            raise FieldError("items", "у пункта и подпункты (clauses), и перечень (items): оставьте одно из двух")
        return self


class Table(Strict):
    caption: Text = Field(title="название таблицы")
    columns: list[Text] = Field(min_length=1, max_length=MAX_COLUMNS, title="заголовки столбцов")
    rows: list[Union[list[Text], ProcedureRow]] = Field(min_length=1, title="строки таблицы")

    @model_validator(mode="after")
    def _widths(self) -> "Table":
        for n, row in enumerate(self.rows):
            if isinstance(row, ProcedureRow):
                row = row.cells + ["", ""]
            if len(row) != len(self.columns):
                raise FieldError(("rows", n), f"в строке {n + 1} {len(row)} ячеек, а столбцов {len(self.columns)}")
        return self


class Use(Strict):
    """A reference to a shared fact of acts/_common.yaml: a basis (with the act's own articles
    in ``detail``), a term, or the closing section."""

    use: str = Field(title="ключ общего фрагмента", description="ключ из acts/_common.yaml")
    detail: Text | None = Field(default=None, title="уточнение", description="например «(п. 13 ч. 3 ст. 28)»")


class ProcedureRow(Strict):
    """A table row of a procedure several acts name: the act's own cells, then the procedure's
    periodicity and owners from acts/_common.yaml — one schedule and one owner in every act."""

    procedure: str = Field(title="процедура", description="ключ процедуры из acts/_common.yaml (procedures)")
    cells: list[Text] = Field(min_length=1, title="ячейки до столбцов «Периодичность» и «Ответственные»")


class Section(Strict):
    title: Text = Field(title="название раздела", description="например «Общие положения»")
    clauses: list[Union[Text, Clause]] = Field(default_factory=list, title="пункты раздела")
    table: Table | None = Field(default=None, title="таблица раздела", description="после пунктов раздела")
    profile_table: Literal["procedures"] | None = Field(
        default=None, title="таблица из профиля",
        description="procedures — процедуры ВСОКО из профиля организации (процедура, направление, "
                    "инструментарий, ответственный)")

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return value.rstrip(".")


class ActContent(Strict):
    act: str = Field(title="код акта", description="как в каталоге и в имени файла, например «vsoko-regulation»")
    kind: Literal[KINDS] = Field(title="вид акта", description="Положение, Порядок или Правила")
    subject: Text = Field(title="заголовок после вида акта", description="например «о внутренней системе оценки "
                                                                          "качества образования»")
    students_rights: bool = Field(
        default=False, title="затрагивает права обучающихся",
        description="true — в грифе учитывается мнение советов обучающихся и родителей (ст. 30 ч. 3 273-ФЗ)")
    basis: list[Union[Text, Use]] = Field(default_factory=list, title="правовые основания",
                              description="в творительном падеже: «Федеральным законом от … № …»")
    terms: list[Union[Term, Use]] = Field(default_factory=list, title="термины, определения и сокращения")
    sections: list[Union[Section, Use]] = Field(default_factory=list, title="разделы")

    @model_validator(mode="after")
    def _cites_and_says(self) -> "ActContent":
        if not self.basis:
            raise FieldError("basis", "акт ни на что не ссылается: укажите в basis хотя бы одно правовое основание "
                                      "(в творительном падеже, например «Федеральным законом от 29.12.2012 "
                                      "№ 273-ФЗ «Об образовании в Российской Федерации»»)")
        if not self.sections:
            raise FieldError("sections", "в акте нет ни одного раздела: укажите sections (первый — «Общие положения»)")
        return self


def content_name(act_id: str) -> str:
    return f"{ACTS_FOLDER}/{act_id}.yaml"


def find_content(act_id: str):
    """The content file of ``act_id`` along the template path (docgen.template_file), or an
    InputError saying where it was looked for."""
    found = template_file(content_name(act_id))
    if found is None:
        raise InputError(f"нет файла содержания акта «{act_id}»: ожидается {content_name(act_id)} в папке шаблонов "
                         "(пользователя, плагина или встроенной)")
    return found


def load_content(act_id: str) -> tuple[ActContent, Path]:
    """The validated content of ``act_id`` and the file it came from."""
    path = find_content(act_id).path
    stat = path.stat()
    shared = template_file(content_name(SHARED))
    shared_stat = shared.path.stat() if shared is not None else None
    # The act as resolved depends on the shared file found too (a school's own _common.yaml).
    shared_key = (str(shared.path), shared_stat.st_mtime_ns, shared_stat.st_size) if shared is not None else None
    return _load(str(path), stat.st_mtime_ns, stat.st_size, shared_key), path


@lru_cache(maxsize=32)
def _load(path: str, _mtime: int, _size: int, _shared: tuple | None = None) -> ActContent:
    content = load_data(ActContent, Path(path))
    stem = Path(path).stem
    if content.act != stem:
        raise InputError(f"поле «act»: «{content.act}», а файл назван «{stem}.yaml» — код акта и имя файла "
                         "должны совпадать", file=path)
    return resolve(content, Path(path))


# -- the shared facts (acts/_common.yaml) ------------------------------------------------------

class SharedProcedure(Strict):
    title: Text = Field(title="процедура", description="как её называют таблицы актов")
    period: Text = Field(title="периодичность")
    owner: Text = Field(title="ответственные", description="должности, не фамилии")


class ClosingClause(Strict):
    text: Text = Field(title="текст пункта")
    students_rights: bool | None = Field(
        default=None, title="только для актов, затрагивающих (true) или не затрагивающих (false) права обучающихся")


class Shared(Strict):
    """Facts several acts state: one wording of each legal basis and term, one periodicity and
    owner of each procedure, the owner of each direction of ВСОКО (for the profile's procedures
    table), and the standard closing section."""

    basis: dict[str, Text] = Field(default_factory=dict, title="правовые основания по ключам")
    terms: dict[str, Term] = Field(default_factory=dict, title="термины по ключам")
    procedures: dict[str, SharedProcedure] = Field(default_factory=dict, title="процедуры по ключам")
    direction_owners: dict[str, Text] = Field(
        default_factory=dict, title="ответственные по направлениям ВСОКО",
        description="для таблицы процедур из профиля, если у процедуры не указан owner; ключ «*» — прочие")
    missing_instruments: Text = Field(default="утверждается в составе плана-графика функционирования ВСОКО",
                                      title="текст ячейки «Инструментарий» процедуры без инструментария")
    spellings: dict[str, list[str]] = Field(
        default_factory=dict, title="одно написание понятия",
        description="как писать → регулярные выражения того, как не писать (проверка файлов актов)")
    opening_title: Text = Field(default="Общие положения", title="название первого раздела",
                                description="первый раздел каждого акта: основания, предмет, сфера действия")
    closing_title: Text = Field(default="Заключительные положения", title="название заключительного раздела")
    closing: list[ClosingClause] = Field(default_factory=list, title="пункты заключительного раздела")


def load_shared() -> tuple[Shared, Path | None]:
    found = template_file(content_name(SHARED))
    if found is None:
        return Shared(), None
    path = found.path
    stat = path.stat()
    return _load_shared(str(path), stat.st_mtime_ns, stat.st_size), path


@lru_cache(maxsize=4)
def _load_shared(path: str, _mtime: int, _size: int) -> Shared:
    return load_data(Shared, Path(path))


def resolve(content: ActContent, path: Path) -> ActContent:
    """``content`` with every reference to acts/_common.yaml replaced by the shared fact, or an
    InputError naming the act file and the unknown key."""
    shared, shared_path = load_shared()

    def known(table: dict, key: str, field: str, what: str):
        if key not in table:
            keys = ", ".join(sorted(table)) or "нет ни одного"
            raise InputError(f"{field}: {what} «{key}» нет в {content_name(SHARED)} (есть: {keys})", file=path)
        return table[key]

    basis = []
    for n, item in enumerate(content.basis, 1):
        if isinstance(item, Use):
            text = known(shared.basis, item.use, f"basis, {n}-е основание", "основания")
            item = f"{text} {item.detail}" if item.detail else text
        basis.append(item)
    terms = [known(shared.terms, t.use, f"terms, {n}-й термин", "термина") if isinstance(t, Use) else t
             for n, t in enumerate(content.terms, 1)]
    sections = []
    for n, section in enumerate(content.sections, 1):
        if isinstance(section, Use):
            if section.use != "closing":
                raise InputError(f"sections, {n}-й раздел: общий раздел «{section.use}» не известен (есть: closing)",
                                 file=path)
            clauses = [c.text for c in shared.closing
                       if c.students_rights is None or c.students_rights == content.students_rights]
            if not clauses:
                raise InputError(f"sections, {n}-й раздел: в {content_name(SHARED)} нет пунктов closing",
                                 file=shared_path or path)
            section = Section(title=shared.closing_title, clauses=clauses)
        elif section.table is not None and any(isinstance(r, ProcedureRow) for r in section.table.rows):
            rows = []
            for row in section.table.rows:
                if isinstance(row, ProcedureRow):
                    fact = known(shared.procedures, row.procedure, f"раздел {n}, таблица", "процедуры")
                    row = [*row.cells, fact.period, fact.owner]
                rows.append(row)
            section = section.model_copy(update={"table": section.table.model_copy(update={"rows": rows})})
        sections.append(section)
    _required_sections(sections, shared, path)
    return content.model_copy(update={"basis": basis, "terms": terms, "sections": sections})


def _required_sections(sections: list, shared: Shared, path: Path) -> None:
    """An act opens with its general provisions (what it rests on and whom it binds) and ends with
    the closing section (entry into force, review, acquaintance under signature): without either
    it cannot be adopted as is. The two titles are the shared file's, so a district renames them."""
    if sections[0].title != shared.opening_title:
        raise InputError(f"sections: первый раздел акта — «{shared.opening_title}» (основания, предмет, сфера "
                         f"действия), а в файле первый — «{sections[0].title}»", file=path)
    if sections[-1].title != shared.closing_title:
        raise InputError(f"sections: нет заключительного раздела «{shared.closing_title}» (вступление в силу, "
                         "пересмотр, ознакомление работников под подпись): последним разделом укажите "
                         "{use: closing}", file=path)


# -- placeholders ------------------------------------------------------------------------------

def _environment():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


_ENV = None


def check_text(text: str) -> str | None:
    """Why ``text`` cannot be rendered (a Russian reason), or None. Only ``{{ name }}`` of
    PLACEHOLDERS is allowed: no filters, attributes, calls or statements."""
    global _ENV
    from jinja2 import TemplateSyntaxError, nodes

    if "{" not in text and "}" not in text:
        return None
    _ENV = _ENV or _environment()
    try:
        tree = _ENV.parse(text)
    except TemplateSyntaxError as exc:
        return f"ошибка в подстановке: {exc.message}"
    known = ", ".join("{{ " + n + " }}" for n in PLACEHOLDERS)
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            return f"допускаются только подстановки {known}, без команд {{% … %}}"
        for part in node.nodes:
            if isinstance(part, nodes.TemplateData):
                continue
            if isinstance(part, nodes.Name) and part.ctx == "load":
                if part.name not in PLACEHOLDERS:
                    return f"неизвестная подстановка «{{{{ {part.name} }}}}»; допускаются {known}"
                continue
            return f"допускаются только подстановки {known}, без фильтров, атрибутов и выражений"
    return None


def render_text(text: str, values: dict[str, str]) -> str:
    """``text`` with its placeholders filled (``check_text`` passed), in the sandbox."""
    if "{" not in text:
        return text
    global _ENV
    _ENV = _ENV or _environment()
    return _ENV.from_string(text).render(**{k: values[k] for k in PLACEHOLDERS})
