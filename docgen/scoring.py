"""Expert scoring as data: criteria, level descriptors, percentage thresholds, means and ranking.

One model serves every document that scores: the expert matrix prints and computes with it, a
competition regulation prints its assessment sheet from the same criteria, and a district plugin
can score its own competition without new code. Thresholds are data (seed 002: in full → 3,
70–99 % → 2, 51–69 % → 1, 50 % and less → 0), validated to cover 0–100 % without gaps or overlaps.

Arithmetic is Decimal and half-up throughout: a jury's 2,5 is 3, not Python's banker's 2.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Annotated, Any, Iterable, Sequence

from pydantic import BeforeValidator, Field, TypeAdapter, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .models import Strict, Text


class Level(Strict):
    """One rung of a criterion's scale: the descriptor an expert recognises and its score."""

    score: int = Field(ge=0, le=100, title="балл")
    descriptor: Text = Field(title="описание уровня", description="например «в полном объёме»")


class Threshold(Strict):
    """A band of whole percentages, both ends included, that earns ``score``."""

    score: int = Field(ge=0, le=100, title="балл")
    min: int = Field(ge=0, le=100, title="от, %")
    max: int = Field(ge=0, le=100, title="до, %")

    @model_validator(mode="after")
    def _ordered(self) -> "Threshold":
        if self.min > self.max:
            raise PydanticCustomError("band", f"нижняя граница {self.min} % больше верхней {self.max} %")
        return self


class Criterion(Strict):
    """A criterion (indicator) with its level descriptors and the procedure that checks it."""

    id: Text = Field(title="код критерия", description="короткий код, например «k1»; по нему эксперты ставят баллы")
    title: Text = Field(title="критерий (показатель)")
    levels: list[Level] = Field(title="уровни", description="описания уровней с баллами, от высшего к низшему")
    procedure: str = Field(default="", title="процедура, инструмент",
                           description="например «экспертиза документов», «анкетирование»")
    evidence: str = Field(default="", title="источник, подтверждающие материалы")
    thresholds: list[Threshold] | None = Field(
        default=None, title="пороги в процентах",
        description="если эксперт указывает процент выполнения: полосы от 0 до 100 % без пропусков и наложений")

    @field_validator("levels")
    @classmethod
    def _levels(cls, levels: list[Level]) -> list[Level]:
        if not levels:
            raise PydanticCustomError("no_levels", "у критерия нет уровней: укажите хотя бы один уровень с баллом")
        scores = [level.score for level in levels]
        if len(set(scores)) != len(scores):
            raise PydanticCustomError("dup_levels", f"баллы уровней повторяются: {scores}")
        return sorted(levels, key=lambda level: -level.score)

    @model_validator(mode="after")
    def _bands(self) -> "Criterion":
        if self.thresholds is None:
            return self
        bands = sorted(self.thresholds, key=lambda t: t.min)
        expected = 0
        for band in bands:
            if band.min > expected:
                missing = f"{expected}" if band.min - 1 == expected else f"{expected}–{band.min - 1}"
                raise PydanticCustomError(
                    "gap", f"пороги критерия «{self.id}»: {missing} % не входит ни в одну полосу")
            if band.min < expected:
                raise PydanticCustomError(
                    "overlap", f"пороги критерия «{self.id}»: полосы накладываются на {band.min} %")
            expected = band.max + 1
        if expected != 101:
            raise PydanticCustomError(
                "gap", f"пороги критерия «{self.id}»: не покрыт интервал {expected}–100 %")
        known = set(self.scores)
        for band in bands:
            if band.score not in known:
                raise PydanticCustomError(
                    "band_score", f"пороги критерия «{self.id}»: балл {band.score} не входит в уровни {sorted(known)}")
        return self

    @property
    def scores(self) -> list[int]:
        return [level.score for level in self.levels]

    @property
    def max_score(self) -> int:
        return self.levels[0].score

    def check_score(self, score: int) -> int:
        """The score itself if the scale has it; otherwise ValueError with the allowed ones."""
        if score not in self.scores:
            allowed = ", ".join(str(s) for s in sorted(self.scores))
            raise ValueError(f"балл {score} не предусмотрен критерием «{self.id}»: допустимы {allowed}")
        return score

    def score_for_percent(self, percent: Decimal | int | float | str) -> int:
        """The score a raw percentage earns: rounded half-up to a whole percent, then banded."""
        if self.thresholds is None:
            raise ValueError(f"у критерия «{self.id}» нет порогов: укажите балл, а не процент")
        value = Decimal(str(percent)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        if not 0 <= value <= 100:
            raise ValueError(f"процент {percent} вне диапазона 0–100")
        for band in self.thresholds:
            if band.min <= value <= band.max:
                return band.score
        raise AssertionError("bands are validated to cover 0–100")  # pragma: no cover


def check_unique_ids(criteria: Sequence[Criterion]) -> None:
    """Raise a pydantic error naming the first repeated criterion id."""
    seen: set[str] = set()
    for criterion in criteria:
        if criterion.id in seen:
            raise PydanticCustomError("dup_id", f"код критерия «{criterion.id}» повторяется")
        seen.add(criterion.id)


class _CriteriaFile(Strict):
    criteria: list[Criterion] = Field(title="критерии")


_CRITERIA = TypeAdapter(list[Criterion])


def _criteria_or_file(value: Any, info: ValidationInfo) -> Any:
    """A list of criteria, or the name of a YAML/JSON file holding only ``criteria:`` (relative to
    the data file). One criteria file then serves the competition's assessment sheet and the
    expert matrix that scores it; its problems are reported with its own name and field."""
    if not isinstance(value, str):
        return value
    from .errors import InputError
    from .loading import read_mapping
    from .messages import describe

    base = (info.context or {}).get("data_dir")
    path = Path(value).expanduser()
    if not path.is_absolute() and base is not None:
        path = Path(base) / path
    try:
        raw = read_mapping(path)
    except InputError as exc:
        raise PydanticCustomError("ru_criteria_file", "файл критериев {file}: {problem}",
                                  {"file": value, "problem": str(exc)}) from None
    if set(raw) != {"criteria"}:
        raise PydanticCustomError("ru_criteria_file", "файл критериев {file}: ожидается одно поле «criteria» "
                                  "со списком критериев", {"file": value})
    try:
        return _CRITERIA.validate_python(raw["criteria"])
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        first = {**first, "loc": ("criteria", *first["loc"])}
        raise PydanticCustomError("ru_criteria_file", "файл критериев {file}: {problem}",
                                  {"file": value, "problem": describe(first, _CriteriaFile)}) from None


Criteria = Annotated[list[Criterion], BeforeValidator(_criteria_or_file)]
"""A field of criteria: given in the data file, or as the name of a shared criteria file."""


def max_total(criteria: Iterable[Criterion]) -> int:
    return sum(c.max_score for c in criteria)


def half_up(value: Decimal | int | str, digits: int = 0) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def mean(values: Sequence[Decimal | int], digits: int = 0) -> Decimal:
    """The arithmetic mean, rounded half-up to ``digits`` places (several experts' scores)."""
    if not values:
        raise ValueError("нет ни одной оценки")
    return half_up(sum(Decimal(v) for v in values) / len(values), digits)


def diverges(values: Sequence[Decimal | int], limit: Decimal | int) -> bool:
    """True when the experts' scores spread by more than ``limit`` points: a third expert reviews."""
    return bool(values) and max(values) - min(values) > limit


def rank(totals: Sequence[Decimal | int]) -> list[int]:
    """Competition places: equal totals share a place and the next place is skipped (1, 1, 3)."""
    order = sorted(totals, reverse=True)
    return [order.index(total) + 1 for total in totals]


__all__ = ["Criteria", "Criterion", "Level", "Threshold", "check_unique_ids", "diverges", "half_up", "max_total", "mean", "rank"]
