"""Inflection of job titles and other noun phrases («заместитель директора по УВР»).

pymorphy3 has no phrase inflection, so the head is found here: the leading
adjectives/participles and the first noun they agree with are declined,
everything after the head noun (genitive complements, «по …», abbreviations,
text in quotes) is left alone. Unknown words are never an error: a phrase
we cannot analyse is returned unchanged rather than mangled.

The accusative of a masculine or plural noun naming a person is its genitive
(«назначить тьютора», «членов рабочей группы»), of a thing its nominative
(«утвердить план-график»). pymorphy3 knows the animacy of the words in its
dictionary; a word it does not know («тьютор») it guesses from a similar
ending, and the guess is inanimate as often as not. In a phrase's head an
unknown word that ends like a Russian or borrowed agent noun (‑тор, ‑ист,
‑лог, ‑ер, ‑ант, ‑ент, ‑ник, ‑чик, ‑щик) is taken as a person.
"""

from __future__ import annotations

import re
from typing import Any

from ._morph import analyzer, restore_case
from .cases import normalize_case

_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
_TOKEN = re.compile(r"^(.*?)([^\W\d_]+(?:-[^\W\d_]+)*)?([^\w]*)$", re.S)
_MODIFIER_POS = frozenset({"ADJF", "PRTF"})
# Proper-name readings are never the head of a job title.
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})


def _parses(word: str) -> list[Any]:
    """Hypotheses for a word, or none for abbreviations such as УВР or ВСОКО."""
    parses = analyzer().parse(word)
    if len(word) > 1 and word.isupper():
        # An all-capital word is an abbreviation unless the dictionary knows it.
        if not any(p.is_known and "Abbr" not in p.tag for p in parses):
            return []
    return parses


def _nominative(parses: list[Any], pos: frozenset[str]) -> list[Any]:
    found = [p for p in parses if p.tag.POS in pos and "nomn" in p.tag]
    common = [p for p in found if not (_PROPER & set(p.tag.grammemes))]
    return common or found


def _agree(modifier: Any, other: Any) -> bool:
    if modifier.tag.number != other.tag.number:
        return False
    return modifier.tag.number == "plur" or modifier.tag.gender == other.tag.gender


def _inflect(parse: Any, grammemes: set[str]) -> str | None:
    form = parse.inflect(grammemes)
    return form.word if form is not None else None


_AGENT = re.compile(r"(?:тор|ист|лог|ер|ант|ент|ник|чик|щик)ы?$")


def _animacy(parse: Any) -> str | None:
    """«anim» or «inan»: the dictionary's word for a known noun, the agent-noun ending for a guess."""
    if parse.tag.POS != "NOUN":
        return parse.tag.animacy
    if not parse.is_known and _AGENT.search(parse.word):
        return "anim"
    return parse.tag.animacy


def _noun_form(parse: Any, case: str) -> str | None:
    """The noun in ``case``; the animate accusative of a masculine or plural person is its genitive
    (pymorphy3 inflects a guessed word by the guess's animacy, not ours)."""
    number = parse.tag.number
    grammemes = {case, number} if number else {case}
    if case == "accs" and _animacy(parse) == "anim" and (number == "plur" or parse.tag.gender == "masc"):
        grammemes = (grammemes - {"accs"}) | {"gent"}
    return _inflect(parse, grammemes)


def _inflect_head(word: str, head: Any, case: str) -> str | None:
    """Decline the head noun; «педагог-психолог» declines on both sides of the hyphen."""
    parts = word.split("-")
    if len(parts) > 1:
        part_heads = [_nominative(analyzer().parse(part), frozenset({"NOUN"})) for part in parts]
        if all(hyps and hyps[0].is_known for hyps in part_heads):
            forms = [_noun_form(hyps[0], case) for hyps in part_heads]
            if all(forms):
                return "-".join(forms)  # type: ignore[arg-type]
    return _noun_form(head, case)


def _modifier_grammemes(head: Any, case: str) -> set[str]:
    """Agreement with the head: number, gender in the singular, animacy in the accusative."""
    grammemes = {case, head.tag.number or "sing"}
    if head.tag.number != "plur" and head.tag.gender:
        grammemes.add(head.tag.gender)
    masculine_or_plural = head.tag.number == "plur" or head.tag.gender == "masc"
    # A substantivised adjective heading a title («ответственный») names a person.
    animacy = _animacy(head) or ("anim" if head.tag.POS in _MODIFIER_POS else None)
    if case == "accs" and masculine_or_plural and animacy:
        grammemes.add(animacy)
    return grammemes


def _find_head(tokens: list[tuple[str, str, str]]) -> tuple[list[tuple[int, Any]], tuple[int, Any] | None]:
    """Pick the leading modifiers and the head noun.

    A word with both an adjective and a noun reading («старший») is taken
    as a modifier when the next word agrees with it, so «старший методист»
    gives «старшему методисту». An adjective that agrees with nothing
    («исполняющий обязанности …», «ответственный») is itself the head.
    """
    modifiers: list[tuple[int, Any]] = []
    for index, (prefix, word, suffix) in enumerate(tokens):
        if prefix or not word or not _WORD.fullmatch(word):
            break
        parses = _parses(word)
        adjectives = _nominative(parses, _MODIFIER_POS)
        nouns = _nominative(parses, frozenset({"NOUN"}))
        if adjectives and not suffix and index + 1 < len(tokens):
            _prefix, next_word, _suffix = tokens[index + 1]
            next_parses = _parses(next_word) if next_word and not _prefix else []
            candidates = _nominative(next_parses, _MODIFIER_POS | {"NOUN"})
            agreeing = [
                (adj, other) for adj in adjectives for other in candidates if _agree(adj, other)
            ]
            if agreeing:
                modifiers.append((index, agreeing[0][0]))
                continue
        if nouns:
            return modifiers, (index, nouns[0])
        if adjectives:
            return modifiers, (index, adjectives[0])
        break
    return [], None


def inflect_phrase(phrase: str, case: str) -> str:
    """Decline the head of a noun phrase, e.g. «заместителю директора по УВР»."""
    tag = normalize_case(case)
    core = phrase.strip()
    if tag == "nomn" or not core:
        return phrase
    lead, trail = phrase[: len(phrase) - len(phrase.lstrip())], phrase[len(phrase.rstrip()) :]
    return lead + _inflect_core(core, tag) + trail


def _tokens(phrase: str) -> tuple[list[str], list[str], list[tuple[str, str, str]]]:
    """The phrase split at whitespace (kept, to join it back), its words, and each word as
    (leading punctuation, the word, trailing punctuation)."""
    pieces = re.split(r"(\s+)", phrase)
    words = pieces[0::2]
    tokens = []
    for piece in words:
        match = _TOKEN.match(piece)
        tokens.append((match.group(1), match.group(2) or "", match.group(3)) if match else (piece, "", ""))
    return pieces, words, tokens


def _inflect_core(phrase: str, tag: str) -> str:
    pieces, words, tokens = _tokens(phrase)
    modifiers, head = _find_head(tokens)
    if head is None:
        return phrase

    head_index, head_parse = head
    agreement = _modifier_grammemes(head_parse, tag)
    if head_parse.tag.POS == "NOUN":
        head_form = _inflect_head(tokens[head_index][1], head_parse, tag)
    else:
        head_form = _inflect(head_parse, agreement)
    replacements = {head_index: head_form}
    for index, parse in modifiers:
        replacements[index] = _inflect(parse, agreement)
    if None in replacements.values():
        # A half-declined phrase («старшему методист») is worse than none.
        return phrase

    for index, form in replacements.items():
        assert form is not None
        prefix, word, suffix = tokens[index]
        words[index] = prefix + restore_case(word, form) + suffix
    pieces[0::2] = words
    return "".join(pieces)


_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def phrase_forms(phrase: str) -> tuple[str, ...]:
    """Every case of a noun phrase in both numbers, as its head and leading modifiers decline
    («внутренняя система оценки качества образования» → «…внутренних систем оценки…», …); the
    phrase itself first. What a plural-free noun lacks is left out; an unknown phrase gives itself."""
    core = phrase.strip()
    pieces, words, tokens = _tokens(core)
    modifiers, head = _find_head(tokens)
    forms = [core]
    if head is None:
        return tuple(forms)
    head_index, head_parse = head
    for number in ("sing", "plur"):
        for case in _CASES:
            grammemes = {case, number}
            if number == "sing" and head_parse.tag.gender:
                grammemes.add(head_parse.tag.gender)
            if case == "accs" and (number == "plur" or head_parse.tag.gender == "masc") and _animacy(head_parse):
                grammemes.add(_animacy(head_parse))  # type: ignore[arg-type]
            replacements = {head_index: _inflect(head_parse, {case, number})}
            for index, parse in modifiers:
                replacements[index] = _inflect(parse, grammemes)
            if None in replacements.values():
                continue
            variant = list(words)
            for index, form in replacements.items():
                prefix, word, suffix = tokens[index]
                variant[index] = prefix + restore_case(word, form) + suffix  # type: ignore[arg-type]
            out = list(pieces)
            out[0::2] = variant
            text = "".join(out)
            if text not in forms:
                forms.append(text)
    return tuple(forms)
