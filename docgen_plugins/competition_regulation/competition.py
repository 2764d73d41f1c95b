"""The data of one municipal competition (seed 001), entered once: its categories (номинации),
stages, criteria, participants with their schools, jury, expert group, the experts' marks, the
expert group's protocol and the places. Every document of the cycle — the Положение, the order
approving it, the order forming the jury and the expert group, the order on the results — and
the expert matrix name this file (``competition: competition.yaml``) instead of repeating it, so
a school renamed or a juror replaced is changed in one place.

What is refused here is refused for every document at once: a juror or an expert working at a
competing school (the school judges itself), a place given to an unknown participant or in a
category the participant is not in, two equal places in a category unless the data allows ties.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from docgen import FieldError, RuDate, StaffMember, Strict, Text, load_reference
from docgen.russian import plural
from docgen.scoring import Criteria, Criterion, check_unique_ids, rank, total_of

from .model import CHAIR, DEPUTY, ROLES, SECRETARY, JuryMember, Stage, check_jury_roles, check_stage_order

LEADER, GROUP_SECRETARY, GROUP_MEMBER = "руководитель", "секретарь", "член экспертной группы"
GROUP_ROLES = (LEADER, GROUP_SECRETARY, GROUP_MEMBER)


def plain(name: str) -> str:
    """A name compared as a reader compares it: spaces of any kind, «ё» and case ignored."""
    return " ".join(name.replace("\u00a0", " ").split()).lower().replace("ё", "е")


def _number(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Category(Strict):
    id: Text = Field(title="код номинации", description="например «soh»; по нему участник отнесён к номинации")
    title: Text = Field(title="название номинации", description="без кавычек, например «Лучшая модель ВСОКО средней школы»")
    description: str = Field(default="", title="кто участвует в номинации",
                             description="например «для средних общеобразовательных школ»")
    kind: Text | None = Field(default=None, title="вид участника",
                              description="в экспертной матрице, в именительном падеже: «Средняя общеобразовательная "
                                          "школа»; не указан — название номинации")


class Participant(Strict):
    id: Text = Field(title="код участника", description="по нему участник указан в оценках и местах")
    name: Text = Field(title="полное наименование школы", description="по уставу")
    short_name: Text = Field(title="сокращённое наименование школы", description="например «МБОУ «СОШ № 1»»")
    category: Text = Field(title="номинация", description="код номинации из categories")


class GroupExpert(Strict):
    """A member of the expert group: scores the materials of the correspondence stage."""

    id: Text = Field(title="код эксперта", description="по нему эксперт указан в оценках и протоколе")
    person: StaffMember = Field(
        title="эксперт", description="код или ФИО из штатного списка организатора, либо {full_name, gender, position}")
    role: Literal[LEADER, GROUP_SECRETARY, GROUP_MEMBER] = Field(default=GROUP_MEMBER, title="роль в экспертной группе")
    workplace: Text | None = Field(default=None, title="место работы",
                                   description="для работника другой организации; не указано — организатор")


ProtocolNumber = Annotated[Text, BeforeValidator(_number)]


class ExpertProtocol(Strict):
    """The expert group's protocol the results order cites («протокол от … № …»). Its other fields
    (chair, secretary, absent, votes, review, decisions) are the expert protocol's — see the expert
    matrix — and are passed to it as written."""

    model_config = {**Strict.model_config, "extra": "allow"}

    date: RuDate = Field(title="дата протокола экспертной группы", description="ДД.ММ.ГГГГ")
    number: ProtocolNumber = Field(title="номер протокола", description="например 1")


class Votes(Strict):
    """How the jury voted on the places; not given — unanimously, every member present «за»."""

    model_config = {**Strict.model_config, "populate_by_name": True}

    for_: int | None = Field(default=None, alias="for", ge=0, title="за",
                             description="не указано — все присутствующие, кроме голосовавших против и воздержавшихся")
    against: int = Field(default=0, ge=0, title="против")
    abstained: int = Field(default=0, ge=0, title="воздержались")


class JuryProtocol(Strict):
    """The jury's protocol: the decision on the places that the results order rests on (the
    Положение: «Решение жюри оформляется протоколом … Итоги утверждаются приказом»). Who was
    present is a list of references to the jury (staff code or name), so the protocol's chair,
    secretary and quorum come from the jury's own roles, never typed twice."""

    date: RuDate = Field(title="дата протокола заседания жюри", description="ДД.ММ.ГГГГ, не раньше протокола "
                                                                             "экспертной группы")
    number: ProtocolNumber = Field(title="номер протокола жюри", description="например 1")
    place: Text | None = Field(default=None, title="место заседания",
                               description="например «с. Старое Дрожжаное»; не указано — место из профиля организатора")
    present: list[Text] | None = Field(
        default=None, title="присутствовали",
        description="члены жюри на заседании: код сотрудника или ФИО (полностью или «Фамилия И.О.»); не указано — "
                    "весь состав жюри")
    votes: Votes = Field(default_factory=Votes, title="голосование", description="{for, against, abstained}")


class Place(Strict):
    participant: Text = Field(title="участник", description="код участника из participants")
    place: int = Field(ge=1, le=3, title="место", description="1 — победитель, 2 и 3 — призёры")


class CategoryResult(Strict):
    category: Text = Field(title="номинация", description="код номинации из categories")
    places: list[Place] = Field(min_length=1, title="места в номинации")


class Competition(Strict):
    title: Text = Field(
        default="муниципальный конкурс моделей внутренних систем оценки качества образования",
        title="название конкурса", description="в именительном падеже со строчной буквы")
    categories: list[Category] = Field(min_length=1, max_length=2, title="номинации",
                                       description="одна или две; в экспертной матрице — виды участников")
    stages: list[Stage] = Field(
        min_length=2, title="этапы",
        description="по порядку, не меньше трёх: первый — приём заявок, второй — экспертиза (заочный этап), "
                    "последний — подведение итогов; между ними может быть очный этап")
    criteria: Criteria = Field(
        min_length=1, title="критерии оценки",
        description="список критериев или имя файла с полем criteria")
    participants: list[Participant] = Field(min_length=1, title="участники",
                                            description="школы с кодом, наименованиями и номинацией")
    jury: list[JuryMember] = Field(min_length=1, title="состав жюри")
    experts: list[GroupExpert] = Field(default_factory=list, title="экспертная группа")
    scores: list[dict[str, Any]] = Field(
        default_factory=list, title="оценки экспертов",
        description="как в экспертной матрице: {expert, participant, marks: {k1: 3, …}}")
    mean_digits: int = Field(default=1, ge=0, le=2, title="знаков после запятой в среднем балле")
    divergence: int = Field(default=1, ge=0, title="допустимое расхождение оценок экспертов, баллов")
    protocol: ExpertProtocol | None = Field(default=None, title="протокол заседания экспертной группы")
    jury_protocol: JuryProtocol | None = Field(
        default=None, title="протокол заседания жюри",
        description="{date, number}: жюри определяет места по протоколу экспертной группы; на него ссылается "
                    "приказ об итогах")
    results: list[CategoryResult] = Field(default_factory=list, title="итоги: места по номинациям")
    shared_places: bool = Field(
        default=False, title="равные места",
        description="true — участники с равным итоговым баллом делят место; иначе место в номинации одно")

    @field_validator("criteria")
    @classmethod
    def _unique_criteria(cls, criteria: list[Criterion]) -> list[Criterion]:
        check_unique_ids(criteria)
        return criteria

    @field_validator("categories")
    @classmethod
    def _categories(cls, categories: list[Category]) -> list[Category]:
        _unique([c.id for c in categories], "код номинации «{}» повторяется")
        return categories

    @field_validator("stages")
    @classmethod
    def _stages(cls, stages: list[Stage]) -> list[Stage]:
        # The documents of the cycle read the stages by place: the expertise is the second, the
        # summing-up the last (and an очный этап between them): with two, they would be one stage.
        if len(stages) < 3:
            raise FieldError((), f"этапов {len(stages)}: нужны не меньше трёх — приём заявок, экспертиза (заочный "
                                 "этап) и подведение итогов, при необходимости между ними очный этап")
        check_stage_order(stages)
        return stages

    @field_validator("participants")
    @classmethod
    def _participants(cls, participants: list[Participant], info: ValidationInfo) -> list[Participant]:
        _unique([p.id for p in participants], "код участника «{}» повторяется")
        categories = [c.id for c in info.data.get("categories") or []]
        for n, p in enumerate(participants):
            if categories and p.category not in categories:
                raise FieldError((n, "category"), f"номинации «{p.category}» нет в categories "
                                                  f"(есть: {', '.join(categories)})")
        return participants

    @field_validator("jury")
    @classmethod
    def _jury(cls, jury: list[JuryMember], info: ValidationInfo) -> list[JuryMember]:
        check_jury_roles(jury)
        _unique_people([m.person.full_name for m in jury], "в составе жюри дважды указан(а) {}")
        _no_competitor(jury, info, "жюри")
        return jury

    @field_validator("experts")
    @classmethod
    def _experts(cls, experts: list[GroupExpert], info: ValidationInfo) -> list[GroupExpert]:
        _unique([e.id for e in experts], "код эксперта «{}» повторяется")
        _unique_people([e.person.full_name for e in experts], "в экспертной группе дважды указан(а) {}")
        roles = [e.role for e in experts]
        for role in (LEADER, GROUP_SECRETARY):
            if roles.count(role) > 1:
                second = [n for n, r in enumerate(roles) if r == role][1]
                raise FieldError((second, "role"), f"в экспертной группе {roles.count(role)} с ролью «{role}», "
                                                   "а может быть один")
        if experts and LEADER not in roles:
            raise PydanticCustomError("ru_experts", "у экспертной группы нет руководителя: укажите у одного из "
                                      "экспертов role: руководитель")
        _no_competitor(experts, info, "экспертную группу")
        return experts

    @field_validator("scores")
    @classmethod
    def _scores(cls, scores: list[dict[str, Any]], info: ValidationInfo) -> list[dict[str, Any]]:
        """Whose marks: a known participant, a member of the expert group (the marks themselves
        are the expert matrix's to check)."""
        participants = [p.id for p in info.data.get("participants") or []]
        experts = [e.id for e in info.data.get("experts") or []]
        for n, entry in enumerate(scores):
            if participants and entry.get("participant") not in participants:
                raise FieldError((n, "participant"), f"участника «{entry.get('participant')}» нет в participants "
                                                     f"(есть: {', '.join(participants)})")
            if entry.get("expert") not in experts:
                raise FieldError((n, "expert"), f"эксперта «{entry.get('expert')}» нет в экспертной группе (experts"
                                                f"{': ' + ', '.join(experts) if experts else ' не указаны'})")
        return scores

    @model_validator(mode="after")
    def _results(self) -> "Competition":
        participants = {p.id: p for p in self.participants}
        categories = {c.id: c for c in self.categories}
        placed: dict[str, tuple[int, int]] = {}
        for r, result in enumerate(self.results):
            at = ("results", r)
            category = categories.get(result.category)
            if category is None:
                raise FieldError((*at, "category"), f"номинации «{result.category}» нет в categories "
                                                    f"(есть: {', '.join(categories)})")
            if any(other.category == result.category for other in self.results[:r]):
                raise FieldError((*at, "category"), f"итоги номинации «{category.title}» уже указаны выше: "
                                                    "места одной номинации — в одном списке")
            members = [p for p in self.participants if p.category == result.category]
            taken: dict[int, str] = {}
            for m, item in enumerate(result.places):
                where = (*at, "places", m)
                participant = participants.get(item.participant)
                if participant is None:
                    raise FieldError((*where, "participant"), f"участника «{item.participant}» нет в participants "
                                                              f"(есть: {', '.join(participants)})")
                if participant.category != result.category:
                    raise FieldError((*where, "participant"),
                                     f"{participant.short_name} участвует в номинации «{categories[participant.category].title}», "
                                     f"а место указано в номинации «{category.title}»: места присуждаются внутри "
                                     "номинации участника")
                if item.participant in placed:
                    raise FieldError((*where, "participant"), f"{participant.short_name}: место уже указано выше")
                placed[item.participant] = (r, m)
                if item.place > len(members):
                    raise FieldError((*where, "place"), f"в номинации «{category.title}» участников {len(members)}, "
                                                        f"а указано {item.place} место")
                if item.place in taken and not self.shared_places:
                    raise FieldError((*where, "place"), f"{item.place} место в номинации «{category.title}» уже "
                                                        f"присуждено участнику {taken[item.place]}: укажите разные "
                                                        "места или разрешите равные места (shared_places: true)")
                taken.setdefault(item.place, participant.short_name)
        self._places_follow_marks()
        if self.results and self.protocol is None:
            raise FieldError("protocol", "места указаны, а протокола экспертной группы нет: итоги подводятся "
                                         "по протоколу — укажите его дату и номер (date, number)")
        if self.results and self.jury_protocol is None:
            raise FieldError("jury_protocol", "места указаны, а протокола заседания жюри нет: места определяет жюри "
                                              "— укажите дату и номер его протокола (jury_protocol: date, number)")
        if self.protocol is not None and not self.experts:
            raise FieldError("protocol", "указан протокол экспертной группы, а экспертной группы (experts) в файле "
                                         "конкурса нет: укажите её состав или удалите протокол")
        scored = self.scored_stage
        if self.protocol is not None and self.protocol.date <= scored.end:
            raise FieldError(("protocol", "date"),
                             f"протокол экспертной группы от {self.protocol.date:%d.%m.%Y} — не позже окончания этапа "
                             f"«{scored.title}» ({scored.end:%d.%m.%Y}): эксперты оценивают и защиту моделей, итоги "
                             "экспертизы подводятся после неё")
        last = self.stages[-1]
        for name, protocol in (("protocol", self.protocol), ("jury_protocol", self.jury_protocol)):
            if protocol is not None and protocol.date > last.end:
                raise FieldError((name, "date"), f"протокол от {protocol.date:%d.%m.%Y} — после окончания этапа "
                                                 f"«{last.title}» ({last.end:%d.%m.%Y}): итоги подводятся в сроки "
                                                 "конкурса")
        if self.jury_protocol is not None and self.protocol is not None \
                and self.jury_protocol.date < self.protocol.date:
            raise FieldError(("jury_protocol", "date"),
                             f"протокол жюри от {self.jury_protocol.date:%d.%m.%Y} раньше протокола экспертной группы "
                             f"от {self.protocol.date:%d.%m.%Y}: жюри определяет места по итогам экспертизы")
        self._jury_meeting()
        return self

    @property
    def scored_stage(self) -> Stage:
        """The last stage the experts score — the one before the summing-up (the очный этап's
        defence, when the competition has one; else the expertise itself): their protocol follows it."""
        return self.stages[-2]

    def _jury_meeting(self) -> None:
        """The jury's meeting as its protocol records it: only jurors present, each once; a
        quorum of two thirds (the Положение, 8.5); the chair or the deputy to lead it and the
        secretary to sign; a vote that adds up to those present and carries the decision."""
        p = self.jury_protocol
        if p is None:
            return
        at = "jury_protocol"
        seen: set[int] = set()
        for n, ref in enumerate(p.present or []):
            found = [i for i, m in enumerate(self.jury) if _names(ref, m)]
            if not found:
                raise FieldError((at, "present", n), f"«{ref}» нет в составе жюри (jury): на заседании жюри голосуют "
                                                     "только его члены — укажите код сотрудника или ФИО члена жюри")
            if len(found) > 1:
                raise FieldError((at, "present", n), f"«{ref}» подходит нескольким членам жюри — укажите ФИО полностью")
            if found[0] in seen:
                raise FieldError((at, "present", n), f"{self.jury[found[0]].person.full_name} уже указан(а) среди "
                                                     "присутствующих")
            seen.add(found[0])
        members = self.present_members()
        need = jury_quorum(len(self.jury))
        if len(members) < need:
            raise FieldError((at, "present"), f"на заседании {len(members)} из {len(self.jury)} членов жюри, а "
                                              f"заседание правомочно, если присутствует не менее двух третей состава "
                                              f"({need}): кворума нет — места жюри не определяет")
        roles = {m.role for m in members}
        if CHAIR not in roles and DEPUTY not in roles:
            raise FieldError((at, "present"), "на заседании нет ни председателя жюри, ни его заместителя: заседание "
                                              "ведёт председатель (в его отсутствие — заместитель председателя)")
        if any(m.role == SECRETARY for m in self.jury) and SECRETARY not in roles:
            raise FieldError((at, "present"), "секретаря жюри нет среди присутствующих: протокол подписывают "
                                              "председатель и секретарь жюри")
        votes = self.jury_votes()
        cast = votes["for"] + votes["against"] + votes["abstained"]
        present = plural(len(members), "член").replace("\u00a0", " ")
        if votes["for"] < 0:
            raise FieldError((at, "votes"), f"против {votes['against']} и воздержались {votes['abstained']} — больше, "
                                            f"чем присутствует ({present} жюри)")
        if cast != len(members):
            raise FieldError((at, "votes"), f"голосов {cast}, а на заседании {present} жюри: за, против и "
                                            "воздержались в сумме — число присутствующих")
        if votes["for"] * 2 <= len(members):
            raise FieldError((at, "votes"), f"«за» {votes['for']} из {len(members)}: решение принимается простым "
                                            "большинством голосов присутствующих, места не определены")

    def present_members(self) -> list[JuryMember]:
        """The jurors at the meeting, the chair first (the jury's roles' order)."""
        p = self.jury_protocol
        if p is None:
            return []
        if p.present is None:
            members = list(self.jury)
        else:
            members = [m for m in self.jury if any(_names(ref, m) for ref in p.present)]
        return sorted(members, key=lambda m: ROLES.index(m.role))

    def jury_votes(self) -> dict[str, int]:
        v = self.jury_protocol.votes
        present = len(self.present_members())
        votes_for = v.for_ if v.for_ is not None else present - v.against - v.abstained
        return {"for": votes_for, "against": v.against, "abstained": v.abstained}

    def totals(self) -> dict[str, Any]:
        """Each scored participant's total as the expert protocol counts it (the mean of the
        experts' totals, rounded once); marks the matrix would refuse are left to it."""
        criteria = {c.id: c for c in self.criteria}
        sheets: dict[str, list[list[int]]] = {}
        for entry in self.scores:
            marks = entry.get("marks") if isinstance(entry, dict) else None
            if not isinstance(marks, dict) or not isinstance(entry.get("participant"), str):
                continue
            sheet = []
            for cid, mark in marks.items():
                criterion = criteria.get(cid)
                try:
                    if isinstance(mark, int):
                        sheet.append(criterion.check_score(mark))
                    elif isinstance(mark, dict) and "score" in mark:
                        sheet.append(criterion.check_score(mark["score"]))
                    elif isinstance(mark, dict) and "percent" in mark:
                        sheet.append(criterion.score_for_percent(mark["percent"]))
                except (AttributeError, TypeError, ValueError):
                    continue
            sheets.setdefault(entry["participant"], []).append(sheet)
        return {pid: total_of(s, self.mean_digits) for pid, s in sheets.items()}

    def _places_follow_marks(self) -> None:
        """With the experts' marks in the file, a place is the one their totals give within the
        category (equal totals share it): the order on the results cannot contradict the protocol."""
        totals = self.totals()
        for r, result in enumerate(self.results):
            members = [p.id for p in self.participants if p.category == result.category]
            if not all(pid in totals for pid in members):
                continue  # not every participant scored: the places are the jury's alone
            places = dict(zip(members, rank([totals[pid] for pid in members])))
            for m, item in enumerate(result.places):
                tied = sum(totals[pid] == totals[item.participant] for pid in members)
                first = places[item.participant]
                # Equal totals: shared places share one; otherwise the jury votes among the places the tie spans.
                allowed = {first} if self.shared_places else set(range(first, first + tied))
                if item.place not in allowed:
                    raise FieldError(("results", r, "places", m, "place"),
                                     f"{self.participant(item.participant).short_name}: указано {item.place} место, а "
                                     f"по оценкам экспертов (итоговый балл {str(totals[item.participant]).replace('.', ',')}) "
                                     f"— {places[item.participant]} место в номинации")

    def participant(self, pid: str) -> Participant:
        return next(p for p in self.participants if p.id == pid)

    def category(self, cid: str) -> Category:
        return next(c for c in self.categories if c.id == cid)


def jury_quorum(members: int) -> int:
    """Two thirds of the jury, rounded up (the Положение, 8.5: «не менее двух третей его состава»)."""
    return -(-2 * members // 3)


def _squash(text: str) -> str:
    return plain(text).replace(" ", "")


def _names(ref: str, member: JuryMember) -> bool:
    """Whether a reference names the juror: the staff code, the full name, or «Фамилия И.О.»
    (spaces, «ё» and case ignored)."""
    person = member.person
    words = person.full_name.replace("\u00a0", " ").split()
    short = words[0] + "".join(w[0] + "." for w in words[1:])
    return plain(ref) in {plain(person.full_name), plain(person.id or "")} or _squash(ref) == _squash(short)


def _unique(ids: list[str], message: str) -> None:
    seen: set[str] = set()
    for n, value in enumerate(ids):
        if value in seen:
            raise FieldError((n, "id"), message.format(value))
        seen.add(value)


def _unique_people(names: list[str], message: str) -> None:
    seen: set[str] = set()
    for n, name in enumerate(names):
        if name in seen:
            raise FieldError((n, "person"), message.format(name))
        seen.add(name)


def works_at(workplace: str | None, participant: Participant) -> bool:
    """Whether a workplace is the participant's school: its full or short name, or the short name
    inside a longer workplace («МБОУ «СОШ № 1» Дрожжановского района»)."""
    if not workplace:
        return False
    place = plain(workplace)
    return place in (plain(participant.name), plain(participant.short_name)) or plain(participant.short_name) in place


def _no_competitor(members: list, info: ValidationInfo, body: str) -> None:
    """A juror or an expert from a competing school would judge their own school: refused, with
    the school named, before any document of the competition is signed."""
    for n, member in enumerate(members):
        for participant in info.data.get("participants") or []:
            if works_at(member.workplace, participant):
                raise FieldError((n, "workplace"), f"{member.person.full_name} работает в {participant.short_name}, "
                                                   f"которая участвует в конкурсе: работник школы-участницы не "
                                                   f"входит в {body} (конфликт интересов) — включите работника "
                                                   "организации, не участвующей в конкурсе")


def _competition_file(value: Any, info: ValidationInfo) -> Any:
    return load_reference(Competition, value, info.context, what="файл конкурса")


CompetitionRef = Annotated[Competition, BeforeValidator(_competition_file)]
"""A field holding the competition: the name of its data file (relative to the naming file), or
the data inline."""


def competition_field():
    return Field(title="конкурс", description="имя файла данных конкурса, например competition.yaml: номинации, "
                                              "этапы, участники, жюри, эксперты, протокол, места")
