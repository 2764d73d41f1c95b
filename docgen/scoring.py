"""Expert scoring as data: criteria, level descriptors, percentage thresholds, means and ranking.

One model serves every document that scores: the expert matrix prints and computes with it, a
competition regulation prints its assessment sheet from the same criteria, and a district plugin
can score its own competition without new code. Thresholds are data: bands given by their lower
bounds, included («from») or not («over»), so they cover 0–100 % by construction, and a percentage
is looked up as measured, never rounded first (seed 002: in full → 3, 70–99 % → 2, 51–69 % → 1,
50 % and less → 0 is «from 100», «from 70», «over 50», «from 0»: 99,9 % → 2, 50,5 % → 1). A
banded level's words are its band's («не менее 70 %, но менее 100 %») unless the data gives words
that name the band's bounds, so the printed scale and the rule that scores cannot disagree.

A participant's total is the mean of the experts' totals (each expert's matrix adds up as the
seed's does), rounded once at the end: ``total_of``; its share of the maximum comes from the
exact mean, not the rounded one: ``share``. Means per criterion are for the reader.

Arithmetic is Decimal and half-up throughout: a jury's 2,5 is 3, not Python's banker's 2.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Annotated, Any, Iterable, Sequence

from pydantic import BeforeValidator, Field, TypeAdapter, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .models import Strict, Text


class Level(Strict):
    """One rung of a criterion's scale: the descriptor an expert recognises and its score."""

    score: int = Field(ge=0, le=100, title="балл")
    descriptor: str = Field(default="", title="описание уровня",
                            description="например «в полном объёме»; у критерия с порогами не указано — "
                                        "составляется по полосе («не менее 70 %, но менее 100 %»)")


class Threshold(Strict):
    """A band of percentages by its lower bound: «from» (included) or «over» (excluded, «свыше»).

    A band ends where the next one begins, so bands sorted by their lower bounds cover 0–100 %
    without gaps by construction; what is left to check is that they start at 0 % and that none is
    empty. The value is looked up as measured, never rounded first: with the seed's «в полном
    объёме / 70–99 % / 51–69 % / 50 % и менее» written as ``from: 100``, ``from: 70``,
    ``over: 50``, ``from: 0``, 99,9 % earns 2 and 50,5 % earns 1."""

    score: int = Field(ge=0, le=100, title="балл")
    from_: Decimal | None = Field(default=None, alias="from", ge=0, le=100, title="от, % (включительно)",
                                  description="нижняя граница полосы, входит в полосу: «from: 70» — от 70 %")
    over: Decimal | None = Field(default=None, ge=0, lt=100, title="свыше, %",
                                 description="нижняя граница полосы, не входит в полосу: «over: 50» — свыше 50 %")

    model_config = {**Strict.model_config, "populate_by_name": True}

    @model_validator(mode="before")
    @classmethod
    def _whole_percent_ranges(cls, value: Any) -> Any:
        """«min/max» ranges of whole percentages left a gap between 99 and 100 (and rounded to
        close it): say how the band is written now instead of «unknown field»."""
        if isinstance(value, dict) and ({"min", "max"} & set(value)):
            raise PydanticCustomError(
                "ru_band", "полоса задаётся нижней границей, а не «min/max»: «from» — от (включительно), «over» — "
                           "свыше; например «в полном объёме / 70–99 % / 51–69 % / 50 % и менее» — это "
                           "from: 100, from: 70, over: 50, from: 0")
        return value

    @model_validator(mode="after")
    def _one_bound(self) -> "Threshold":
        if (self.from_ is None) == (self.over is None):
            raise PydanticCustomError("ru_band", "укажите нижнюю границу полосы: либо «from» (от, включительно), "
                                                 "либо «over» (свыше)")
        return self

    @property
    def bound(self) -> Decimal:
        return self.from_ if self.from_ is not None else self.over

    @property
    def key(self) -> tuple[Decimal, int]:
        """Sort key: «from 50» (50 itself) comes before «over 50» (above 50)."""
        return self.bound, 0 if self.from_ is not None else 1

    def holds(self, value: Decimal) -> bool:
        return value >= self.from_ if self.from_ is not None else value > self.over


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
        description="если эксперт указывает процент выполнения: полосы с нижними границами «from» (от, "
                    "включительно) или «over» (свыше); полоса кончается там, где начинается следующая, "
                    "первая начинается с «from: 0»")

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
        if not self.thresholds:
            raise PydanticCustomError("gap", f"пороги критерия «{self.id}»: нет ни одной полосы")
        bands = self.bands
        if bands[0].key != (0, 0):
            raise PydanticCustomError(
                "gap", f"пороги критерия «{self.id}»: первая полоса должна начинаться с «from: 0» (от 0 %), "
                       f"иначе проценты ниже {_number(bands[0].bound)} % не получат балла")
        for lower, upper in zip(bands, bands[1:]):
            if lower.key == upper.key:
                raise PydanticCustomError(
                    "overlap", f"пороги критерия «{self.id}»: две полосы начинаются с {_number(upper.bound)} %, "
                               f"одна из них пуста")
        known = set(self.scores)
        for band in bands:
            if band.score not in known:
                raise PydanticCustomError(
                    "band_score", f"пороги критерия «{self.id}»: балл {band.score} не входит в уровни {sorted(known)}")
        return self

    @model_validator(mode="after")
    def _descriptors(self) -> "Criterion":
        """A level's words and its band say the same: a level of a banded score without words
        takes its band's («не менее 70 %, но менее 100 %»); words that name percentages must name
        the band's bounds, so «на 70–99 %» cannot stand beside a band that holds 99,9 %."""
        words = self.band_words()
        levels = []
        for level in self.levels:
            band = words.get(level.score)
            if not level.descriptor:
                if band is None:
                    raise PydanticCustomError(
                        "no_descriptor", f"у уровня {level.score} критерия «{self.id}» нет описания (descriptor)")
                level = level.model_copy(update={"descriptor": band})
            elif band is not None and "%" in level.descriptor and _numbers(level.descriptor) != _numbers(band):
                raise PydanticCustomError(
                    "band_words", f"критерий «{self.id}», уровень {level.score}: описание «{level.descriptor}» "
                                  f"не совпадает с полосой порогов «{band}»; исправьте описание или не указывайте "
                                  "его — оно будет составлено по полосе")
            levels.append(level)
        object.__setattr__(self, "levels", levels)
        return self

    @property
    def bands(self) -> list[Threshold]:
        """The thresholds from the lowest: each band runs up to where the next begins."""
        return sorted(self.thresholds or [], key=lambda band: band.key)

    def band_words(self) -> dict[int, str]:
        """Each score's band of percentages in words: «100 %», «не менее 70 %, но менее 100 %»,
        «свыше 50 %, но менее 70 %», «не более 50 %» (bands of one score joined by «или»)."""
        out: dict[int, str] = {}
        for score, words in self._band_pairs():
            out[score] = f"{out[score]} или {words}" if score in out else words
        return out

    def _band_pairs(self) -> list[tuple[int, str]]:
        """(score, band in words) from the lowest band."""
        bands = self.bands
        out = []
        for band, upper in zip(bands, [*bands[1:], None]):
            low = "" if band.key == (0, 0) else (
                f"не менее {_number(band.from_)} %" if band.from_ is not None else f"свыше {_number(band.over)} %")
            high = "" if upper is None else (
                f"менее {_number(upper.from_)} %" if upper.from_ is not None else f"не более {_number(upper.over)} %")
            if band.from_ == 100:
                words = "100 %"
            elif low and high:
                words = f"{low}, но {high}"
            else:
                words = low or high or "от 0 до 100 %"
            out.append((band.score, words))
        return out

    def band_texts(self) -> list[str]:
        """Each band in words with its score, from the highest: «100 % — 3 балла», «не менее 70 %,
        но менее 100 % — 2 балла», … What a reader needs to see that 99,9 % is not «в полном объёме»."""
        from .russian import plural

        return [f"{words} — {plural(score, 'балл')}" for score, words in reversed(self._band_pairs())]

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
        """The score a percentage earns, looked up as measured (never rounded first): the highest
        band whose lower bound it reaches."""
        if self.thresholds is None:
            raise ValueError(f"у критерия «{self.id}» нет порогов: укажите балл, а не процент")
        value = Decimal(str(percent))
        if not 0 <= value <= 100:
            raise ValueError(f"процент {_number(value)} вне диапазона 0–100")
        return next(band.score for band in reversed(self.bands) if band.holds(value))


def _numbers(text: str) -> set[Decimal]:
    """The numbers a text names («на 70–99 %» → 70, 99), compared as values."""
    return {Decimal(n.replace(",", ".")) for n in re.findall(r"\d+(?:[.,]\d+)?", text)}


def _number(value: Decimal | int) -> str:
    """«70», «50,5»: a bound or a percentage as the data gives it, with a decimal comma."""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


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


def total_of(sheets: Sequence[Sequence[Decimal | int]], digits: int = 0) -> Decimal:
    """A participant's total: the mean of the experts' totals (each expert's scores over all the
    criteria, summed), rounded half-up once, at the end. Rounded means per criterion are not
    added up: three experts' 27, 24 and 27 make 26,0, not the 26,1 of eleven rounded means."""
    return mean([sum(Decimal(score) for score in sheet) for sheet in sheets], digits)


def share(sheets: Sequence[Sequence[Decimal | int]], maximum: int) -> Decimal:
    """The share of the maximum, in percent, from the exact mean of the experts' totals, not from
    the rounded total: 56/3 of 23 is 81,16 %, while the printed 18,7 would make it 81,30 %."""
    totals = [sum(Decimal(score) for score in sheet) for sheet in sheets]
    return sum(totals) / len(totals) / maximum * 100


def diverges(values: Sequence[Decimal | int], limit: Decimal | int) -> bool:
    """True when the experts' scores spread by more than ``limit`` points: a third expert reviews."""
    return bool(values) and max(values) - min(values) > limit


def rank(totals: Sequence[Decimal | int]) -> list[int]:
    """Competition places: equal totals share a place and the next place is skipped (1, 1, 3)."""
    order = sorted(totals, reverse=True)
    return [order.index(total) + 1 for total in totals]


__all__ = ["Criteria", "Criterion", "Level", "Threshold", "check_unique_ids", "diverges", "half_up", "max_total", "mean", "rank",
           "share", "total_of"]
