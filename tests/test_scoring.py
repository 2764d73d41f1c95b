"""docgen.scoring: criteria, level scales, percentage thresholds, means and ranking as data."""
from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from docgen.scoring import Criterion, check_unique_ids, diverges, half_up, max_total, mean, rank

LEVELS = [{"score": 0, "descriptor": "50 % и менее"}, {"score": 3, "descriptor": "в полном объёме"},
          {"score": 2, "descriptor": "на 70–99 %"}, {"score": 1, "descriptor": "на 51–69 %"}]
BANDS = [{"score": 3, "min": 100, "max": 100}, {"score": 2, "min": 70, "max": 99},
         {"score": 1, "min": 51, "max": 69}, {"score": 0, "min": 0, "max": 50}]


def plan(**extra) -> Criterion:
    return Criterion.model_validate({"id": "k1", "title": "Выполнение плана", "levels": LEVELS,
                                     "thresholds": BANDS, **extra})


def test_levels_sorted_from_the_highest_and_max():
    c = plan()
    assert c.scores == [3, 2, 1, 0] and c.max_score == 3


@pytest.mark.parametrize("percent, score", [
    (0, 0), (50, 0), (51, 1), (69, 1), (70, 2), (99, 2), (100, 3),
    ("50.49", 0), ("50.5", 1), ("69.5", 2), ("99.4", 2), ("99.5", 3), (Decimal("68.5"), 1), (Decimal("68.51"), 1),
])
def test_score_for_percent_boundaries_half_up(percent, score):
    assert plan().score_for_percent(percent) == score


def test_percent_outside_range_and_without_thresholds():
    with pytest.raises(ValueError, match="вне диапазона"):
        plan().score_for_percent(101)
    bare = Criterion.model_validate({"id": "k2", "title": "Продукт", "levels": LEVELS})
    with pytest.raises(ValueError, match="нет порогов"):
        bare.score_for_percent(80)


def test_check_score():
    assert plan().check_score(2) == 2
    with pytest.raises(ValueError, match="допустимы 0, 1, 2, 3"):
        plan().check_score(4)


@pytest.mark.parametrize("bands, message", [
    (BANDS[1:], "не покрыт интервал 100–100 %"),
    ([BANDS[0], {"score": 2, "min": 70, "max": 98}, *BANDS[2:]], "99 % не входит ни в одну полосу"),
    ([BANDS[0], BANDS[1], {"score": 1, "min": 50, "max": 69}, BANDS[3]], "полосы накладываются на 50 %"),
    ([BANDS[0], BANDS[1], BANDS[2], {"score": 0, "min": 1, "max": 50}], "0 % не входит ни в одну полосу"),
    ([{"score": 5, "min": 100, "max": 100}, *BANDS[1:]], "балл 5 не входит в уровни"),
    ([{"score": 3, "min": 100, "max": 90}, *BANDS[1:]], "нижняя граница 100 % больше верхней 90 %"),
])
def test_bad_threshold_tables(bands, message):
    with pytest.raises(ValidationError, match=message):
        plan(thresholds=bands)


def test_levels_required_and_unique():
    with pytest.raises(ValidationError, match="нет уровней"):
        Criterion.model_validate({"id": "k", "title": "т", "levels": []})
    with pytest.raises(ValidationError, match="баллы уровней повторяются"):
        Criterion.model_validate({"id": "k", "title": "т", "levels": [LEVELS[0], LEVELS[0]]})


def test_unique_ids_and_max_total():
    a, b = plan(), Criterion.model_validate({"id": "k2", "title": "т", "levels": LEVELS[:3]})
    assert max_total([a, b]) == 6
    with pytest.raises(PydanticCustomError, match="«k1» повторяется"):
        check_unique_ids([a, a])


def test_mean_half_up_not_bankers():
    assert mean([2, 3]) == Decimal("3")          # 2,5 → 3 (Python's round would give 2)
    assert mean([2, 3], 1) == Decimal("2.5")
    assert mean([2, 2, 3], 1) == Decimal("2.3")  # 2,333…
    assert mean([3, 3, 2], 1) == Decimal("2.7")  # 2,666…
    assert half_up("0.125", 2) == Decimal("0.13")
    with pytest.raises(ValueError):
        mean([])


def test_diverges_strictly_more_than_the_limit():
    assert diverges([3, 1, 2], 1) and not diverges([3, 2], 1) and not diverges([], 1)


def test_rank_competition_style():
    assert rank([5, 5, 3]) == [1, 1, 3]
    assert rank([Decimal("18.3"), Decimal("26.1"), Decimal("18.3")]) == [2, 1, 2]
    assert rank([1, 2, 3, 3, 4]) == [5, 4, 2, 2, 1]
