"""One plan of activities that several documents print: a project's mechanisms table, the school's
plan-graph and the regulation order all list the same activities with the same terms and the same
responsible people, so the plan is written once, in a file of its own, and each document names it
(``plan: plan.yaml``, as ``organization: organization.yaml`` names a profile).

The plan knows no document: a row checks only itself (a term, an end not before its start, a
responsible person). Whether the responsible must be someone of the staff, how rows are grouped
and what a document adds to a row is the document's model's business; it turns the plan's rows
into its own activities with ``PlanFile.activities``, and every problem it finds is reported as
a field of the plan file, under the data file's field ``plan``.

Stages are the plan's too, so a stage renamed or moved is changed once: a stage may carry its
term and what is done at it (content, results, products), and a document that prints stages (a
project's «Этапы реализации») takes them with ``PlanFile.stages`` as it takes rows. A stage's
term not written is the span of its activities: from the earliest date of an activity of the
stage (its start, or the deadline of a row given only an end) to the latest end; rows of no
stage and rows with a term in words do not count. A term written is a promise the stage's dated
activities keep: a row of the stage outside it is refused, so the printed stage and its rows
never disagree.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Callable, TypeVar

from pydantic import (BaseModel, BeforeValidator, Field, ValidationError, ValidationInfo, field_validator,
                      model_validator)
from pydantic_core import PydanticCustomError

from .errors import FieldError
from .loading import load_reference
from .messages import describe
from .models import RuDate, Strict, Text
from .schedule import Term, check_end

M = TypeVar("M", bound=BaseModel)
WHAT = "файл плана"


class PlanStage(Strict):
    """A stage of the plan. Only ``id`` and ``title`` are needed to select rows (a plan-graph takes
    some stages); the term and the stage's content, results and products are what any plan may
    say of a stage, printed by a document that lists stages and ignored by one that does not."""

    id: Text = Field(title="код этапа", description="латиницей или цифрами, например «organizational» или «1»")
    title: Text = Field(title="этап", description="например «Организационно-деятельностный этап»")
    start: RuDate | None = Field(default=None, title="начало этапа",
                                 description="ДД.ММ.ГГГГ; не указано — самая ранняя дата мероприятий этапа")
    end: RuDate | None = Field(default=None, title="окончание этапа",
                               description="ДД.ММ.ГГГГ; не указано — самое позднее окончание мероприятий этапа")
    content: list[Text] = Field(default_factory=list, title="содержание этапа", description="что делается на этапе")
    results: list[Text] = Field(default_factory=list, title="результаты этапа",
                                description="прогнозируемые результаты этапа")
    products: list[Text] = Field(default_factory=list, title="продукты этапа")

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: dt.date | None, info: ValidationInfo) -> dt.date | None:
        check_end(info.data.get("start"), end)
        return end


class PlanActivity(Term):
    """A row of the plan: what is done, when, by whom, with what result. ``responsible`` and
    ``co_executors`` are references to the staff (code or full name) or, for a document that
    allows it (a project run by several organisations), a position or a group in words."""

    stage: Text | None = Field(default=None, title="этап", description="код этапа из stages")
    direction: Text | None = Field(
        default=None, title="направление",
        description="одинаковое у идущих подряд мероприятий одного направления; для плана-графика — название "
                    "его блока, например «Нормативно-правовое обеспечение»")
    action: Text = Field(title="мероприятие",
                         description="глагол в неопределённой форме: «провести внутренний аудит ВСОКО …»")
    responsible: Text | None = Field(
        default=None, title="ответственный исполнитель",
        description="код или ФИО из штатного списка профиля; для проекта можно должность или группу словами")
    co_executors: list[Text] = Field(default_factory=list, title="соисполнители",
                                     description="коды или ФИО из штатного списка")
    result: Text | None = Field(default=None, title="результат (продукт)",
                                description="документ, справка, приказ, протокол …")
    indicator: Text | None = Field(default=None, title="показатель выполнения",
                                   description="например «доля разработанных ЛНА — 100 %»")
    report_form: Text | None = Field(default=None, title="форма отчётности (контроля)",
                                     description="например «справка на совещании при директоре»")

    @model_validator(mode="after")
    def _has_responsible(self) -> "PlanActivity":
        if self.responsible is None:
            raise FieldError("responsible", f"у мероприятия «{self.action}» не указан ответственный исполнитель "
                                            "(responsible): код или ФИО сотрудника из штатного списка")
        return self


class Plan(Strict):
    """A plan file: its stages (optional) and its activities in the order documents print them."""

    stages: list[PlanStage] = Field(
        default_factory=list, title="этапы плана",
        description="{id, title} и, для документа, печатающего этапы, срок (start, end) и content, results, "
                    "products; документ может взять мероприятия одного этапа")
    activities: list[PlanActivity] = Field(min_length=1, title="мероприятия плана")

    @model_validator(mode="after")
    def _known_stages(self) -> "Plan":
        ids: set[str] = set()
        for n, stage in enumerate(self.stages):
            if stage.id in ids:
                raise FieldError(("stages", n, "id"), f"код этапа «{stage.id}» указан дважды")
            ids.add(stage.id)
        for n, row in enumerate(self.activities):
            if row.stage is not None and row.stage not in ids:
                raise FieldError(("activities", n, "stage"), f"этапа «{row.stage}» нет в stages плана; "
                                                             f"{_known(self)}")
        used = {row.stage for row in self.activities}
        for n, stage in enumerate(self.stages):
            if stage.id not in used:
                raise FieldError(("stages", n, "id"), f"этап «{stage.id}» ({stage.title}) не указан ни у одного "
                                                      "мероприятия (activities[].stage): отнесите к нему мероприятия "
                                                      "или уберите его из stages")
        return self

    @model_validator(mode="after")
    def _rows_within_their_stage(self) -> "Plan":
        stages = {s.id: s for s in self.stages}
        for n, row in enumerate(self.activities):
            stage = stages.get(row.stage) if row.stage is not None else None
            if stage is None or (stage.start is None and stage.end is None):
                continue
            for field, day in (("start", row.start), ("end", row.end)):
                early = stage.start is not None and day is not None and day < stage.start
                late = stage.end is not None and day is not None and day > stage.end
                if early or late:
                    what = "начало" if field == "start" else "окончание"
                    raise FieldError(("activities", n, field),
                                     f"мероприятие «{row.action}» выходит за срок этапа «{stage.title}»: {what} "
                                     f"{day:%d.%m.%Y}, а срок этапа: {_term_text(stage.start, stage.end)}")
        return self

    def term(self, stage: PlanStage) -> tuple[dt.date | None, dt.date | None]:
        """The stage's start and end: as written, or else the span of its dated activities (None
        when neither says)."""
        rows = [row for row in self.activities if row.stage == stage.id and row.end is not None]
        start = stage.start or min((row.start or row.end for row in rows), default=None)
        end = stage.end or max((row.end for row in rows), default=None)
        return start, end


def _term_text(start: dt.date | None, end: dt.date | None) -> str:
    if start is None:
        return f"до {end:%d.%m.%Y}"
    if end is None:
        return f"с {start:%d.%m.%Y}"
    return f"{start:%d.%m.%Y} – {end:%d.%m.%Y}"


def _known(plan: Plan) -> str:
    if not plan.stages:
        return "в плане этапы (stages) не указаны"
    return "этапы плана: " + ", ".join(f"{s.id} ({s.title})" for s in plan.stages)


class PlanFile(Strict):
    """The plan a document names: the file (as written, relative to the data file), the stages it
    takes (none: the whole plan) and the plan read from it. ``activities`` and ``stages`` turn
    the selected rows and stages into the document's own models."""

    file: Text = Field(title="файл плана", description="путь относительно файла данных, например plan.yaml")
    stage: list[Text] = Field(default_factory=list, title="этапы плана",
                              description="коды этапов из stages плана; не указаны — все мероприятия плана")
    plan: Plan

    @model_validator(mode="after")
    def _selected_stages(self) -> "PlanFile":
        known = {s.id for s in self.plan.stages}
        for n, stage in enumerate(self.stage):
            if stage not in known:
                raise FieldError(("stage", n), f"в файле плана «{self.file}» нет этапа «{stage}»; {_known(self.plan)}")
        if self.stage and not self.rows():
            raise FieldError("stage", f"в файле плана «{self.file}» нет мероприятий этапа {', '.join(self.stage)}")
        return self

    def rows(self) -> list[tuple[int, PlanActivity]]:
        """The selected rows with their places in the plan file (counted from 0); a row of no
        stage (a meeting held weekly all year) belongs to every stage."""
        return [(n, row) for n, row in enumerate(self.plan.activities)
                if not self.stage or row.stage is None or row.stage in self.stage]

    def blame(self, n: int, field: str | None, message: str) -> FieldError:
        """A document's check failing on the ``n``-th selected row, reported at the data file's
        field ``plan`` with the plan file's field: «файл плана «plan.yaml»: поле «activities[4].end»: …»."""
        return self._blame("activities", self.rows()[n][0], field, message)

    def blame_stage(self, stage_id: str, field: str | None, message: str) -> FieldError:
        """The same for a stage, named by its id: «… поле «stages[2].start»: …»."""
        index = next(n for n, s in enumerate(self.plan.stages) if s.id == stage_id)
        return self._blame("stages", index, field, message)

    def _blame(self, part: str, index: int, field: str | None, message: str) -> FieldError:
        where = f"{part}[{index + 1}]" + (f".{field}" if field else "")
        return FieldError("plan", f"{WHAT} «{self.file}»: поле «{where}»: {message}")

    def stages(self, model: type[M], context: dict[str, Any] | None, *, ids: list[str] | None = None,
               fields: Callable[[PlanStage], dict[str, Any]] | None = None) -> list[M]:
        """The stages ``ids`` (default: the selected ones, or all) in the plan's order, as the
        document's own stage ``model``: the plan's fields the model declares, with the term
        resolved (``Plan.term``: as written or the span of the stage's activities). ``fields(stage)``
        adds or replaces some and may raise FieldError naming the stage's field; any problem is
        a FieldError of ``plan`` naming the plan file's field («stages[2].content»)."""
        wanted = set(ids if ids is not None else (self.stage or [s.id for s in self.plan.stages]))
        out = []
        for index, stage in enumerate(self.plan.stages):
            if stage.id not in wanted:
                continue
            start, end = self.plan.term(stage)
            data = {name: getattr(stage, name) for name in PlanStage.model_fields
                    if name in model.model_fields and getattr(stage, name) not in (None, [])}
            data.update({name: day for name, day in (("start", start), ("end", end))
                         if name in model.model_fields and day is not None})
            try:
                if fields is not None:
                    data.update(fields(stage))
                out.append(model.model_validate(data, context=context))
            except FieldError as exc:
                raise self._blame("stages", index, ".".join(map(str, exc.path)), str(exc)) from None
            except ValidationError as exc:
                problems = []
                for error in exc.errors(include_url=False):
                    error = {**error, "loc": ("stages", index, *error.get("loc", ()))}
                    problems.append(describe(error, Plan))
                raise FieldError("plan", f"{WHAT} «{self.file}»: " + "; ".join(problems)) from None
        return out

    def activities(self, model: type[M], context: dict[str, Any] | None, *,
                   fields: Callable[[PlanActivity], dict[str, Any]] | None = None) -> list[M]:
        """The selected rows as the document's own activity ``model``, validated with the data
        file's context (its organisation, whose staff the references name). A row gives the
        model the plan's fields it declares; ``fields(row)`` adds or replaces some (a block from
        the direction, a name in words) and may raise FieldError naming the row's field. Any
        problem is a FieldError of ``plan`` naming the plan file's field."""
        out = []
        for n, (index, row) in enumerate(self.rows()):
            data = {name: getattr(row, name) for name in PlanActivity.model_fields
                    if name in model.model_fields and getattr(row, name) not in (None, [])}
            try:
                if fields is not None:
                    data.update(fields(row))
                out.append(model.model_validate(data, context=context))
            except FieldError as exc:
                raise self.blame(n, ".".join(map(str, exc.path)), str(exc)) from None
            except ValidationError as exc:
                problems = []
                for error in exc.errors(include_url=False):
                    error = {**error, "loc": ("activities", index, *error.get("loc", ()))}
                    problems.append(describe(error, Plan))
                raise FieldError("plan", f"{WHAT} «{self.file}»: " + "; ".join(problems)) from None
        return out


def _plan_file(value: Any, info: ValidationInfo) -> Any:
    if isinstance(value, PlanFile):
        return value
    if isinstance(value, str):
        value = {"file": value}
    if not isinstance(value, dict) or not isinstance(value.get("file"), str):
        raise PydanticCustomError("ru_plan", "ожидается имя файла плана (plan: plan.yaml) или {file: plan.yaml, "
                                             "stage: [код этапа]}")
    unknown = sorted(set(value) - {"file", "stage"})
    if unknown:
        raise PydanticCustomError("ru_plan", "лишнее поле «{key}»: указывают только file и stage",
                                  {"key": unknown[0]})
    stage = value.get("stage", [])
    plan = load_reference(Plan, value["file"], info.context, what=WHAT)
    return {"file": value["file"], "stage": [stage] if isinstance(stage, str) else stage, "plan": plan}


PlanRef = Annotated[PlanFile, BeforeValidator(_plan_file)]
"""A field naming a plan file: ``plan.yaml`` (relative to the data file) or ``{file: plan.yaml,
stage: [код этапа]}`` to take one stage's activities; read under the limits of every data file."""


def plan_field(**kwargs: Any) -> Any:
    """The optional ``plan`` field of a document whose activities may come from a plan file."""
    return Field(default=None, title=WHAT, json_schema_extra={"form": False},
                 description="имя файла плана (относительно файла данных), например plan.yaml, или {file: plan.yaml, "
                             "stage: [код этапа]}; вместо списка мероприятий в этом файле", **kwargs)


def read_plan(data: Any, info: ValidationInfo, *, inline: str = "activities") -> Any:
    """For a model's ``mode="before"`` validator: the ``plan`` a data file names, read, with the
    check that the file does not also list its activities in ``inline``. Returns the data with
    ``plan`` replaced by the PlanFile (the model then turns its rows into activities)."""
    if not isinstance(data, dict) or data.get("plan") is None:
        return data
    if data.get(inline):
        raise FieldError("plan", f"мероприятия указаны дважды: списком {inline} и файлом плана plan; "
                                 f"оставьте одно из двух")
    try:
        plan = PlanFile.model_validate(_plan_file(data["plan"], info), context=info.context)
    except PydanticCustomError as exc:
        raise FieldError("plan", exc.message()) from None
    except ValidationError as exc:
        raise FieldError("plan", "; ".join(describe(e, PlanFile) for e in exc.errors(include_url=False))) from None
    return {**data, "plan": plan}
