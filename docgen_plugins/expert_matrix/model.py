"""Input of the expert matrix (seed 002: «Оценка результативности работы консалтингового центра и
учебно-методических центров активного локального сообщества (внутрисетевая оценочная матрица)»;
domain.md §3.4).

One data file serves three documents: the blank matrix (criteria only), the filled scoring sheets
and the summary protocol. Criteria are ``docgen.scoring.Criterion`` per kind of participant,
because the seed's two kinds (консалтинговый центр, учебно-методический центр) are judged by
parallel but differently worded criteria, some of which exist for one kind only.

Cross-references (a score's expert, participant and criterion ids) are checked in validators on
the field that holds them and raise ``docgen.FieldError`` with the path inside it, so the loader's
message names the very entry and mark («scores[3].marks.k2»).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from docgen import Approval, DocumentInput, FieldError, Person, RuDate, StaffMember, Strict, Text, read_shared
from docgen.russian import plural
from docgen.scoring import Criteria, Criterion, check_unique_ids, max_total

from .meeting import Protocol

OVERALL, BY_KIND = "общий", "по видам"
MAX_KINDS = 2  # the matrix prints kinds side by side on a landscape page


def _unique_ids(ids: list[str], message: str) -> None:
    """Refuse the second use of an id, naming its place in the list."""
    seen: set[str] = set()
    for n, value in enumerate(ids):
        if value in seen:
            raise FieldError((n, "id"), message.format(value))
        seen.add(value)


class Kind(Strict):
    """A kind of participant with its own criteria (seed 002: КЦ and УМЦ)."""

    id: Text = Field(title="код вида участника", description="например «kc»")
    title: Text = Field(title="вид участника", description="в именительном падеже, например «Консалтинговый центр»")
    nomination: Text | None = Field(
        default=None, title="номинация конкурса",
        description="название номинации без кавычек; берётся из файла конкурса: места и оценочные листы "
                    "конкурса озаглавлены номинацией, как в положении и приказах")
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
                                   description="для эксперта не из штатного списка организации; не указано — "
                                               "организация из профиля")
    participant: Text | None = Field(
        default=None, title="участник, в котором работает эксперт",
        description="код участника; не указан — определяется по месту работы (наименованию участника). "
                    "Эксперт не оценивает участника, в котором работает (конфликт интересов)")
    leader: bool = Field(default=False, title="руководитель экспертной группы",
                         description="так его называет приказ о составе экспертной группы; в конкурсе — из файла "
                                     "конкурса (role: руководитель)")


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


# The fields a competition's data file fills when the matrix names it (``competition``).
FROM_COMPETITION = ("kinds", "participants", "experts", "scores", "mean_digits", "divergence", "protocol",
                    "jury_protocol", "shared_places")


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
    agreed_on: RuDate | None = Field(default=None, title="дата согласования матрицы",
                                     description="ДД.ММ.ГГГГ; не указана — строка для даты от руки")
    experts: list[Expert] = Field(default_factory=list, title="эксперты")
    scored_on: RuDate | None = Field(default=None, title="дата заполнения оценочных листов",
                                     description="ДД.ММ.ГГГГ; не указана — дата заседания экспертной группы "
                                                 "(protocol.date), если протокол заполнен")
    mean_digits: int = Field(default=1, ge=0, le=2, title="знаков после запятой в среднем балле",
                             description="0 — до целых, 1 — до десятых, 2 — до сотых (математическое округление)")
    divergence: int = Field(default=1, ge=0, title="допустимое расхождение оценок экспертов, баллов",
                            description="если оценки экспертов по критерию расходятся больше, это отмечается")
    ranking: Literal[OVERALL, BY_KIND] = Field(
        default=BY_KIND, title="ранжирование",
        description="«по видам» — места внутри каждого вида участников; «общий» — все участники по доле от максимума")
    scores: list[ScoreEntry] = Field(default_factory=list, title="оценки экспертов")
    abbreviations: dict[Text, Text] = Field(
        default_factory=dict, title="сокращения",
        description="сокращение: полное наименование в именительном падеже, например «УМЦ: учебно-методический "
                    "центр»; документ расшифровывает те, что в нём встречаются")
    protocol: Protocol | None = Field(default=None, title="протокол заседания экспертной группы")
    # A competition's: the jury decides the places on the expert group's protocol (its protocol is
    # the one the results order cites), and equal totals share a place only if the competition says so.
    jury_protocol: Any = Field(default=None, title="протокол заседания жюри",
                               description="берётся из файла конкурса")
    shared_places: bool = Field(default=True, title="равные места",
                                description="участники с равным итоговым баллом делят место; в конкурсе — из его файла")
    competition: str | None = Field(
        default=None, title="конкурс",
        description="имя файла данных конкурса (competition.yaml): номинации с критериями (виды участников), "
                    "участники, эксперты, оценки и протокол берутся из него и в этом файле не указываются")

    @model_validator(mode="before")
    @classmethod
    def _from_competition(cls, data: Any, info: ValidationInfo) -> Any:
        """A competition's matrix is the competition's own data: its categories are the kinds (each
        with the competition's criteria), its participants, experts, marks and protocol are the
        ones the results order cites — entered once, in the competition's file."""
        c = read_shared(data, "competition", info.context, provides=FROM_COMPETITION, document="матрицы")
        if c is None:
            return data
        # Circulated to experts, a competition's matrix carries the order that approved its criteria
        # (the Положение's): a table without requisites is not a document a jury works by.
        if not data.get("approved"):
            raise FieldError("approved", "матрица конкурса без грифа: укажите приказ, которым утверждены критерии "
                                         "(положение о конкурсе), — approved: {date: ДД.ММ.ГГГГ, number: …}")
        # Kept: the competition's title, which the protocol names as its subject.
        return {**data, "competition": c.title,
                "kinds": [{"id": k.id, "title": k.kind or k.title, "nomination": k.title, "criteria": c.criteria}
                          for k in c.categories],
                "participants": [{"id": p.id, "kind": p.category, "name": p.name, "short_name": p.short_name}
                                 for p in c.participants],
                "experts": [{"id": e.id, "person": e.person, "workplace": e.workplace, "leader": e.role == "руководитель"}
                            for e in c.experts],
                "scores": c.scores, "mean_digits": c.mean_digits, "divergence": c.divergence,
                "jury_protocol": c.jury_protocol, "shared_places": c.shared_places,
                **({"protocol": c.protocol.model_dump()} if c.protocol is not None else {})}

    def uncharged_fields(self) -> tuple[str, ...]:
        """``docgen check``: the order approving a competition's criteria does not charge its experts
        or participants — the jury order forms the expert group and acquaints its own employees."""
        return ("experts", "participants", "protocol") if self.competition else ()

    @field_validator("kinds")
    @classmethod
    def _kind_ids(cls, kinds: list[Kind]) -> list[Kind]:
        _unique_ids([k.id for k in kinds], "код вида «{}» повторяется")
        return kinds

    @field_validator("sections")
    @classmethod
    def _sections(cls, sections: list[Section] | None, info: ValidationInfo) -> list[Section] | None:
        kinds: list[Kind] | None = info.data.get("kinds")
        if sections is None or kinds is None:
            return sections
        by_id = {k.id: {c.id for c in k.criteria} for k in kinds}
        placed: dict[tuple[str, str], int] = {}
        for s, section in enumerate(sections):
            for r, row in enumerate(section.rows):
                for kid, cid in row.items():
                    at = (s, "rows", r, kid)
                    if kid not in by_id:
                        raise FieldError(at, f"вида участника «{kid}» нет в kinds (есть: {', '.join(by_id)})")
                    if cid not in by_id[kid]:
                        raise FieldError(at, f"у вида «{kid}» нет критерия «{cid}»")
                    if (kid, cid) in placed:
                        raise FieldError(at, f"критерий «{cid}» вида «{kid}» уже стоит в матрице")
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
        _unique_ids([p.id for p in participants], "код участника «{}» повторяется")
        for n, p in enumerate(participants):
            if kinds is not None and p.kind not in {k.id for k in kinds}:
                raise FieldError((n, "kind"), f"вида «{p.kind}» нет в kinds (есть: {', '.join(k.id for k in kinds)})")
        return participants

    @field_validator("agreed_by")
    @classmethod
    def _agreed(cls, ids: list[str], info: ValidationInfo) -> list[str]:
        participants = {p.id: p for p in info.data.get("participants") or []}
        for n, pid in enumerate(ids):
            if pid not in participants:
                raise FieldError(n, f"участника «{pid}» нет в participants")
            if participants[pid].head is None:
                raise FieldError(n, f"у участника «{pid}» не указан руководитель (head), который согласует матрицу")
        return ids

    @field_validator("experts")
    @classmethod
    def _experts(cls, experts: list[Expert]) -> list[Expert]:
        _unique_ids([e.id for e in experts], "код эксперта «{}» повторяется")
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
        for n, entry in enumerate(scores):
            if entry.expert not in experts:
                raise FieldError((n, "expert"), f"эксперта «{entry.expert}» нет в experts "
                                                f"(есть: {', '.join(sorted(experts)) or '—'})")
            if entry.participant not in participants:
                raise FieldError((n, "participant"), f"участника «{entry.participant}» нет в participants "
                                                     f"(есть: {', '.join(participants) or '—'})")
            if (entry.expert, entry.participant) in seen:
                raise FieldError((n, "participant"), f"эксперт «{entry.expert}» уже оценил участника "
                                                     f"«{entry.participant}» в другой записи")
            seen.add((entry.expert, entry.participant))
            kind = kinds[participants[entry.participant].kind]
            criteria = {c.id: c for c in kind.criteria}
            for cid, mark in entry.marks.items():
                criterion = criteria.get(cid)
                if criterion is None:
                    raise FieldError((n, "marks", cid), f"у вида участника «{kind.title}» нет критерия «{cid}» "
                                                        f"(есть: {', '.join(criteria)})")
                score = mark if isinstance(mark, int) else mark.score
                try:
                    if score is not None:
                        criterion.check_score(score)
                    else:
                        criterion.score_for_percent(mark.percent)
                except ValueError as exc:
                    raise FieldError((n, "marks", cid), str(exc)) from None
            missing = [cid for cid in criteria if cid not in entry.marks]
            if missing:
                raise FieldError((n, "marks"), f"эксперт «{entry.expert}» не оценил участника «{entry.participant}» "
                                               f"по критериям: {', '.join(missing)}")
        return scores

    @field_validator("protocol")
    @classmethod
    def _protocol(cls, protocol: Protocol | None, info: ValidationInfo) -> Protocol | None:
        experts = {e.id for e in info.data.get("experts") or []}
        if protocol is None or "experts" not in info.data:
            return protocol
        for field, eid in (("chair", protocol.chair), ("secretary", protocol.secretary)):
            if eid is not None and eid not in experts:
                raise FieldError(field, f"эксперта «{eid}» нет в experts")
        if protocol.secretary is not None and protocol.secretary == protocol.chair:
            raise FieldError("secretary", "председатель и секретарь — один и тот же эксперт")
        return protocol


    @model_validator(mode="after")
    def _kinds_ranked_apart(self) -> "ExpertMatrixInput":
        kinds = {p.kind for p in self.participants}
        if self.ranking == OVERALL and len(kinds) > 1:
            maxima = [max_total(k.criteria) for k in self.kinds if k.id in kinds]
            listed = ", ".join(str(m) for m in maxima[:-1]) + " и " + plural(maxima[-1], "балл")
            raise FieldError("ranking", f"участники разных видов оцениваются по разным критериям (максимум {listed}) "
                                        f"и ранжируются отдельно: укажите «ranking: {BY_KIND}» или удалите поле")
        return self

    @model_validator(mode="after")
    def _expert_employers(self) -> "ExpertMatrixInput":
        participants = {p.id for p in self.participants}
        for n, expert in enumerate(self.experts):
            if expert.participant is not None and expert.participant not in participants:
                raise FieldError(("experts", n, "participant"), f"участника «{expert.participant}» нет в "
                                                                f"participants (есть: {', '.join(participants) or '—'})")
        return self

    def employer(self, expert: Expert) -> Participant | None:
        """The participant the expert works at: named in the data, else the one whose name is the
        expert's workplace (the profile's organisation for an expert without one)."""
        if expert.participant is not None:
            return next(p for p in self.participants if p.id == expert.participant)
        names = ({expert.workplace} if expert.workplace else
                 {self.organization.full_name, self.organization.short_name})
        wanted = {_plain(n) for n in names}
        return next((p for p in self.participants if {_plain(p.name), _plain(p.short_name)} & wanted), None)

    def person_of(self, ref: str) -> Person | None:
        """Who answers for a decision: an expert, a participant's head, or the profile's staff."""
        expert = next((e for e in self.experts if e.id == ref), None)
        if expert is not None:
            return expert.person
        participant = next((p for p in self.participants if p.id == ref), None)
        if participant is not None:
            return participant.head
        return self.organization.find_person(ref)


def _plain(name: str) -> str:
    """A name compared as a reader compares it: spaces of any kind, «ё» and case ignored."""
    return " ".join(name.replace("\u00a0", " ").split()).lower().replace("ё", "е")


class ScoredMatrixInput(ExpertMatrixInput):
    """The scoring sheets: every participant scored by at least one expert."""

    @model_validator(mode="after")
    def _all_scored(self) -> "ScoredMatrixInput":
        if not self.participants:
            raise FieldError("participants", "нет участников: оценивать некого")
        scored = {s.participant for s in self.scores}
        missing = [p.id for p in self.participants if p.id not in scored]
        if missing:
            raise FieldError("scores", f"нет ни одной оценки участников: {', '.join(missing)}")
        return self

    @model_validator(mode="after")
    def _no_conflict_of_interest(self) -> "ScoredMatrixInput":
        """An expert does not score the participant they work at: refused, not silently dropped,
        so the data never holds a mark that must not count (and the sheet never prints it)."""
        experts = {e.id: e for e in self.experts}
        for n, entry in enumerate(self.scores):
            expert = experts[entry.expert]
            employer = self.employer(expert)
            if employer is not None and employer.id == entry.participant:
                raise FieldError(("scores", n, "expert"),
                                 f"эксперт «{expert.person.full_name}» ({entry.expert}) работает в "
                                 f"{employer.short_name} и не может оценивать этого участника (конфликт "
                                 "интересов): поручите оценку экспертам из других организаций")
        return self


class ProtocolInput(ScoredMatrixInput):
    """The summary protocol: also the meeting's date, chair and secretary, who was present, the
    votes, the decisions with deadlines and responsible persons."""

    @model_validator(mode="after")
    def _has_protocol(self) -> "ProtocolInput":
        if self.protocol is None:
            raise FieldError("protocol", "не заполнено: укажите дату и председателя (date, chair)")
        return self

    @model_validator(mode="after")
    def _meeting(self) -> "ProtocolInput":
        protocol = self.protocol
        experts = {e.id for e in self.experts}
        for n, eid in enumerate(protocol.absent):
            if eid not in experts:
                raise FieldError(("protocol", "absent", n), f"эксперта «{eid}» нет в experts")
            if eid in (protocol.chair, protocol.secretary):
                raise FieldError(("protocol", "absent", n), f"эксперт «{eid}» ведёт заседание (председатель "
                                                            "или секретарь) и не может отсутствовать")
        present, members = len(experts - set(protocol.absent)), len(experts)
        if present * 100 <= members * protocol.quorum:
            raise FieldError(("protocol", "absent"), f"кворума нет: присутствуют {present} из {members} членов "
                                                     f"экспертной группы, нужно больше {protocol.quorum} %")
        ballots = [(("protocol", "votes"), protocol.votes)]
        ballots += [(("protocol", "review", "votes"), protocol.review.votes)] if protocol.review else []
        ballots += [(("protocol", "decisions", n, "votes"), d.votes) for n, d in enumerate(protocol.decisions)]
        for path, votes in ballots:
            if votes is not None and votes.total != present:
                raise FieldError(path, f"проголосовали {votes.total}, а присутствуют {present} членов "
                                       "экспертной группы: за + против + воздержались должно быть равно числу "
                                       "присутствующих")
        timed = [(("protocol", "approval_deadline"), protocol.approval_deadline, None)]
        if protocol.review:
            timed.append((("protocol", "review", "deadline"), protocol.review.deadline, protocol.review.responsible))
        timed += [(("protocol", "decisions", n, "deadline"), d.deadline, d.responsible)
                  for n, d in enumerate(protocol.decisions)]
        if protocol.review and protocol.review.responsible not in experts:
            raise FieldError(("protocol", "review", "responsible"),
                             f"«{protocol.review.responsible}» не член экспертной группы: дополнительную экспертизу "
                             "группа поручает своему члену — укажите код эксперта из experts")
        for path, deadline, responsible in timed:
            if deadline is not None and deadline < protocol.date:
                raise FieldError(path, f"срок {deadline:%d.%m.%Y} раньше даты заседания {protocol.date:%d.%m.%Y}")
            if responsible is not None and self.person_of(responsible) is None:
                raise FieldError((*path[:-1], "responsible"),
                                 f"«{responsible}» — не код эксперта, не код участника с руководителем и не "
                                 "сотрудник из профиля организации")
        return self

    @model_validator(mode="after")
    def _review_when_marks_diverge(self) -> "ProtocolInput":
        """Divergent marks call for additional expertise: the protocol orders it (deadline,
        responsible) instead of approving places the experts have not agreed on."""
        from .common import scored

        divergent = [p["short_name"] for p in scored(self) if p["divergent"]]
        if divergent and self.protocol.review is None:
            raise FieldError(("protocol", "review"), f"оценки экспертов расходятся больше чем на "
                                                     f"{plural(self.divergence, 'балл')} ({', '.join(divergent)}): укажите "
                                                     "срок и ответственного за дополнительную экспертизу "
                                                     "(review: {deadline, responsible})")
        return self
