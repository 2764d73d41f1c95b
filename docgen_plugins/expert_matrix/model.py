"""Input of the expert matrix (seed 002: «Оценка результативности работы консалтингового центра и
учебно-методических центров активного локального сообщества (внутрисетевая оценочная матрица)»;
domain.md §3.4).

One data file serves three documents: the blank matrix (criteria only), the filled scoring sheets
and the summary protocol. Criteria are ``docgen.scoring.Criterion`` per kind of participant,
because the seed's two kinds (консалтинговый центр, учебно-методический центр) are judged by
parallel but differently worded criteria, some of which exist for one kind only.

Cross-references (a score's expert, participant and criterion ids) are checked in validators on
the field that holds them, so the loader's message names that field; the entry is named inside
the message («запись 3»), since one entry may hold many marks.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from docgen import DocumentInput, Person, RuDate, StaffMember, Strict, Text
from docgen.scoring import Criteria, Criterion, check_unique_ids

OVERALL, BY_KIND = "общий", "по видам"
MAX_KINDS = 2  # the matrix prints kinds side by side on a landscape page


class Kind(Strict):
    """A kind of participant with its own criteria (seed 002: КЦ and УМЦ)."""

    id: Text = Field(title="код вида участника", description="например «kc»")
    title: Text = Field(title="вид участника", description="в именительном падеже, например «Консалтинговый центр»")
    criteria: Criteria = Field(min_length=1, title="критерии",
                               description="критерии (показатели) с уровнями, баллами и процедурой оценки, "
                                           "или имя файла с полем criteria (тот же, что у положения о конкурсе)")

    @field_validator("criteria")
    @classmethod
    def _unique(cls, criteria: list[Criterion]) -> list[Criterion]:
        check_unique_ids(criteria)
        return criteria


class Section(Strict):
    """A group of matrix rows under a common heading; a row pairs the criteria printed side by side."""

    title: str = Field(default="", title="заголовок раздела",
                       description="например «Формирование востребованной системы оценки качества образования…»")
    rows: list[dict[str, Text]] = Field(
        min_length=1, title="строки матрицы",
        description="строка — соответствие «код вида: код критерия»; вид без критерия в строке не указывается")


class Participant(Strict):
    id: Text = Field(title="код участника")
    kind: Text = Field(title="вид участника", description="код вида из kinds")
    name: Text = Field(title="полное наименование организации")
    short_name: Text = Field(title="сокращённое наименование организации")
    head: Person | None = Field(default=None, title="руководитель",
                                description="для грифа согласования: ФИО, пол, должность")


class Expert(Strict):
    id: Text = Field(title="код эксперта", description="по нему эксперт указан в оценках")
    person: StaffMember = Field(
        title="эксперт", description="код или ФИО из штатного списка, либо {full_name, gender, position}")
    workplace: Text | None = Field(default=None, title="место работы",
                                   description="для эксперта не из штатного списка организации")


class Mark(Strict):
    """A raw mark: the score itself, or the percentage a threshold table turns into a score."""

    score: int | None = Field(default=None, title="балл")
    percent: Decimal | None = Field(default=None, title="процент выполнения")

    @model_validator(mode="after")
    def _one(self) -> "Mark":
        if (self.score is None) == (self.percent is None):
            raise PydanticCustomError("ru_mark", "укажите либо балл (score), либо процент (percent)")
        return self


class ScoreEntry(Strict):
    """One expert's marks for one participant: criterion id → score, or {percent: N}."""

    expert: Text = Field(title="код эксперта")
    participant: Text = Field(title="код участника")
    marks: dict[str, int | Mark] = Field(
        min_length=1, title="оценки по критериям",
        description="код критерия: балл, например «k1: 3», или «k1: {percent: 85}»")


class Approval(Strict):
    """The order that approves the matrix (grif «УТВЕРЖДЕНА приказом … от … № …»)."""

    date: RuDate = Field(title="дата приказа об утверждении", description="ДД.ММ.ГГГГ")
    number: str = Field(title="номер приказа об утверждении")

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip():
            raise PydanticCustomError("ru_number", "ожидается номер приказа, например 45 или «45-од»")
        org = (info.context or {}).get("organization")
        return org.format_number(value) if org is not None else str(value).strip()


class Protocol(Strict):
    date: RuDate = Field(title="дата заседания экспертной группы", description="ДД.ММ.ГГГГ")
    number: str | None = Field(default=None, title="номер протокола")
    place: Text | None = Field(default=None, title="место заседания",
                               description="не указано — место издания документов из профиля")
    chair: Text = Field(title="председатель экспертной группы", description="код эксперта")
    secretary: Text | None = Field(default=None, title="секретарь экспертной группы", description="код эксперта")
    decisions: list[Text] = Field(default_factory=list, title="дополнительные решения",
                                  description="пункты «Решили» после утверждения результатов")

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        return None if value is None else str(value).strip() or None


class ExpertMatrixInput(DocumentInput):
    """The blank matrix needs only the criteria; scores and protocol are read but not required."""

    title: Text = Field(title="наименование матрицы",
                        description="например «Оценка результативности работы консалтингового центра …»")
    subtitle: str = Field(default="", title="подзаголовок", description="например «(внутрисетевая оценочная матрица)»")
    period: str = Field(default="", title="оцениваемый период", description="например «сентябрь 2017 г. – декабрь 2018 г.»")
    approved: Approval | None = Field(default=None, title="приказ об утверждении матрицы")
    kinds: list[Kind] = Field(min_length=1, max_length=MAX_KINDS, title="виды участников",
                              description="один или два вида; их критерии печатаются рядом")
    sections: list[Section] | None = Field(
        default=None, title="разделы матрицы",
        description="не указаны — критерии видов ставятся рядом по порядку, без заголовков")
    participants: list[Participant] = Field(default_factory=list, title="участники")
    agreed_by: list[Text] = Field(default_factory=list, title="согласовано",
                                  description="коды участников, чьи руководители согласуют матрицу")
    experts: list[Expert] = Field(default_factory=list, title="эксперты")
    mean_digits: int = Field(default=1, ge=0, le=2, title="знаков после запятой в среднем балле",
                             description="0 — до целых, 1 — до десятых, 2 — до сотых (математическое округление)")
    divergence: int = Field(default=1, ge=0, title="допустимое расхождение оценок экспертов, баллов",
                            description="если оценки экспертов по критерию расходятся больше, это отмечается")
    ranking: Literal[OVERALL, BY_KIND] = Field(
        default=BY_KIND, title="ранжирование",
        description="«по видам» — места внутри каждого вида участников; «общий» — все участники по доле от максимума")
    scores: list[ScoreEntry] = Field(default_factory=list, title="оценки экспертов")
    protocol: Protocol | None = Field(default=None, title="протокол заседания экспертной группы")

    @field_validator("kinds")
    @classmethod
    def _kind_ids(cls, kinds: list[Kind]) -> list[Kind]:
        ids = [k.id for k in kinds]
        for kid in ids:
            if ids.count(kid) > 1:
                raise PydanticCustomError("ru_kinds", "код вида «{id}» повторяется", {"id": kid})
        return kinds

    @field_validator("sections")
    @classmethod
    def _sections(cls, sections: list[Section] | None, info: ValidationInfo) -> list[Section] | None:
        kinds: list[Kind] | None = info.data.get("kinds")
        if sections is None or kinds is None:
            return sections
        by_id = {k.id: {c.id for c in k.criteria} for k in kinds}
        placed: dict[tuple[str, str], int] = {}
        for s, section in enumerate(sections, 1):
            for r, row in enumerate(section.rows, 1):
                where = f"раздел {s}, строка {r}"
                for kid, cid in row.items():
                    if kid not in by_id:
                        raise PydanticCustomError(
                            "ru_sections", "{where}: вида участника «{kind}» нет в kinds (есть: {known})",
                            {"where": where, "kind": kid, "known": ", ".join(by_id)})
                    if cid not in by_id[kid]:
                        raise PydanticCustomError(
                            "ru_sections", "{where}: у вида «{kind}» нет критерия «{crit}»",
                            {"where": where, "kind": kid, "crit": cid})
                    if (kid, cid) in placed:
                        raise PydanticCustomError(
                            "ru_sections", "{where}: критерий «{crit}» вида «{kind}» уже стоит в матрице",
                            {"where": where, "kind": kid, "crit": cid})
                    placed[(kid, cid)] = 1
        for kind in kinds:
            missing = [c.id for c in kind.criteria if (kind.id, c.id) not in placed]
            if missing:
                raise PydanticCustomError(
                    "ru_sections", "критерии вида «{kind}» не поставлены ни в одну строку матрицы: {ids}",
                    {"kind": kind.id, "ids": ", ".join(missing)})
        return sections

    @field_validator("participants")
    @classmethod
    def _participants(cls, participants: list[Participant], info: ValidationInfo) -> list[Participant]:
        kinds: list[Kind] | None = info.data.get("kinds")
        seen: set[str] = set()
        for n, p in enumerate(participants, 1):
            if p.id in seen:
                raise PydanticCustomError("ru_participants", "код участника «{id}» повторяется", {"id": p.id})
            seen.add(p.id)
            if kinds is not None and p.kind not in {k.id for k in kinds}:
                raise PydanticCustomError(
                    "ru_participants", "участник {n} («{id}»): вида «{kind}» нет в kinds (есть: {known})",
                    {"n": n, "id": p.id, "kind": p.kind, "known": ", ".join(k.id for k in kinds)})
        return participants

    @field_validator("agreed_by")
    @classmethod
    def _agreed(cls, ids: list[str], info: ValidationInfo) -> list[str]:
        participants = {p.id: p for p in info.data.get("participants") or []}
        for pid in ids:
            if pid not in participants:
                raise PydanticCustomError("ru_agreed", "участника «{id}» нет в participants", {"id": pid})
            if participants[pid].head is None:
                raise PydanticCustomError(
                    "ru_agreed", "у участника «{id}» не указан руководитель (head), который согласует матрицу",
                    {"id": pid})
        return ids

    @field_validator("experts")
    @classmethod
    def _experts(cls, experts: list[Expert]) -> list[Expert]:
        ids = [e.id for e in experts]
        for eid in ids:
            if ids.count(eid) > 1:
                raise PydanticCustomError("ru_experts", "код эксперта «{id}» повторяется", {"id": eid})
        return experts

    @field_validator("scores")
    @classmethod
    def _scores(cls, scores: list[ScoreEntry], info: ValidationInfo) -> list[ScoreEntry]:
        kinds = {k.id: k for k in info.data.get("kinds") or []}
        participants = {p.id: p for p in info.data.get("participants") or []}
        experts = {e.id for e in info.data.get("experts") or []}
        if not kinds or "participants" not in info.data or "experts" not in info.data:
            return scores  # the fields they refer to are already reported
        seen: set[tuple[str, str]] = set()
        for n, entry in enumerate(scores, 1):
            def fail(text: str, **values) -> PydanticCustomError:
                return PydanticCustomError("ru_scores", "запись {n}: " + text, {"n": n, **values})

            if entry.expert not in experts:
                raise fail("эксперта «{id}» нет в experts (есть: {known})", id=entry.expert,
                           known=", ".join(sorted(experts)) or "—")
            if entry.participant not in participants:
                raise fail("участника «{id}» нет в participants (есть: {known})", id=entry.participant,
                           known=", ".join(participants) or "—")
            if (entry.expert, entry.participant) in seen:
                raise fail("эксперт «{e}» уже оценил участника «{p}» в другой записи",
                           e=entry.expert, p=entry.participant)
            seen.add((entry.expert, entry.participant))
            kind = kinds[participants[entry.participant].kind]
            criteria = {c.id: c for c in kind.criteria}
            for cid, mark in entry.marks.items():
                criterion = criteria.get(cid)
                if criterion is None:
                    raise fail("у вида участника «{kind}» нет критерия «{id}» (есть: {known})",
                               kind=kind.title, id=cid, known=", ".join(criteria))
                score = mark if isinstance(mark, int) else mark.score
                try:
                    if score is not None:
                        criterion.check_score(score)
                    else:
                        criterion.score_for_percent(mark.percent)
                except ValueError as exc:
                    raise fail("{problem}", problem=str(exc)) from None
            missing = [cid for cid in criteria if cid not in entry.marks]
            if missing:
                raise fail("эксперт «{e}» не оценил участника «{p}» по критериям: {ids}",
                           e=entry.expert, p=entry.participant, ids=", ".join(missing))
        return scores

    @field_validator("protocol")
    @classmethod
    def _protocol(cls, protocol: Protocol | None, info: ValidationInfo) -> Protocol | None:
        experts = {e.id for e in info.data.get("experts") or []}
        if protocol is None or "experts" not in info.data:
            return protocol
        for role, eid in (("председатель", protocol.chair), ("секретарь", protocol.secretary)):
            if eid is not None and eid not in experts:
                raise PydanticCustomError("ru_protocol", "{role}: эксперта «{id}» нет в experts",
                                          {"role": role, "id": eid})
        if protocol.secretary is not None and protocol.secretary == protocol.chair:
            raise PydanticCustomError("ru_protocol", "председатель и секретарь — один и тот же эксперт")
        return protocol


class ScoredMatrixInput(ExpertMatrixInput):
    """The scoring sheets: every participant scored by at least one expert."""

    @model_validator(mode="after")
    def _all_scored(self) -> "ScoredMatrixInput":
        if not self.participants:
            raise PydanticCustomError("ru_scores", "нет участников (participants): оценивать некого")
        scored = {s.participant for s in self.scores}
        missing = [p.id for p in self.participants if p.id not in scored]
        if missing:
            raise PydanticCustomError("ru_scores", "поле «scores»: нет ни одной оценки участников: {ids}",
                                      {"ids": ", ".join(missing)})
        return self


class ProtocolInput(ScoredMatrixInput):
    """The summary protocol: also the meeting's date, chair and secretary."""

    @model_validator(mode="after")
    def _has_protocol(self) -> "ProtocolInput":
        if self.protocol is None:
            raise PydanticCustomError(
                "ru_protocol", "поле «protocol» (протокол заседания экспертной группы) не заполнено: укажите дату "
                               "и председателя (date, chair)")
        return self
