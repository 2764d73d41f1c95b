"""The staff list prepared for look-ups: a reference in a data file is found in one step.

An order names its people by id, by full name or by «Фамилия И.О.»; scanning the whole list for
each reference made an order of 10,000 members cost 10,000 × 10,000 comparisons. The index is
built once per profile (``Organization.staff_index``) and answers each reference from three
dictionaries — ids first, then full names, then initials — so the cost grows with the list.

Names are compared as people read them: case, «ё»/«е» and spacing do not matter. Two staff
members may share a full name (namesakes happen); a reference by that name is then ambiguous,
and ``matches`` returns both, so the caller can ask for the id instead of picking one silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field


def name_key(text: str) -> str:
    """«ИВАНОВА  Алёна Петровна» and «Иванова Алена Петровна» are one key."""
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").split()).casefold()


def initials_keys(full_name: str) -> list[str]:
    """The keys of «Иванова Е.А.» and «Е.А. Иванова» (dots and spaces ignored)."""
    words = full_name.split()
    if len(words) < 2:
        return []
    initials = "".join(word[:1] for word in words[1:3])
    surname = words[0]
    return [_squeeze(surname + initials), _squeeze(initials + surname)]


_DOTS_AND_SPACES = re.compile(r"[\s.]")


def _squeeze(text: str) -> str:
    return _DOTS_AND_SPACES.sub("", name_key(text))


@dataclass
class StaffIndex:
    """The look-up tables hold positions in ``people`` (tuples of ints), not lists of people: a
    thousand-strong staff made four thousand lists, which outlived the load and brought on a
    full pass of the garbage collector over the whole process in the middle of one order."""

    people: list  # the director and the staff, in profile order
    source: tuple = ()  # (director, staff list) it was built from: a copy with others needs its own
    where: dict[int, int] = field(default_factory=dict)  # id(person) → its position in ``people``
    by_id: dict[str, tuple[int, ...]] = field(default_factory=dict)
    by_name: dict[str, tuple[int, ...]] = field(default_factory=dict)
    by_initials: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, director, staff: list) -> "StaffIndex":
        index = cls([director, *staff], (director, staff))
        for n, person in enumerate(index.people):
            index.where[id(person)] = n
            if person.id:
                _add(index.by_id, person.id.casefold(), n)
            _add(index.by_name, name_key(person.full_name), n)
            for key in dict.fromkeys(initials_keys(person.full_name)):
                _add(index.by_initials, key, n)
        return index

    def shared_ids(self) -> list[list]:
        """Ids given to different people (not one person listed twice), for the profile's check."""
        found = (self._distinct(ns) for ns in self.by_id.values() if len(ns) > 1)
        return [people for people in found if len(people) > 1]

    def matches(self, ref: str) -> list:
        """Everyone ``ref`` could mean, at the first level that knows it: id, full name, initials."""
        key = name_key(ref)
        found = self.by_id.get(key) or self.by_name.get(key)
        if not found and ("." in ref or len(ref.split()) == 2):
            found = self.by_initials.get(_squeeze(ref))
        return self._distinct(found or ())

    def built_from(self, director, staff: list) -> bool:
        return len(self.source) == 2 and self.source[0] is director and self.source[1] is staff

    def path(self, person) -> tuple:
        """The person's place as a field path, ("staff", 2), for a FieldError."""
        n = self.where.get(id(person))
        return () if n is None else ("director",) if n == 0 else ("staff", n - 1)

    def place(self, person) -> str:
        """The same place as a message shows it: «director», «staff[3]» (counted from 1)."""
        return "".join(f"[{part + 1}]" if isinstance(part, int) else part for part in self.path(person))

    def _distinct(self, positions: tuple[int, ...]) -> list:
        people = [self.people[n] for n in positions]
        return people if len(people) < 2 else _distinct(people)


def _add(table: dict[str, tuple[int, ...]], key: str, n: int) -> None:
    table[key] = table.get(key, ()) + (n,)


def _distinct(people: list) -> list:
    """The director listed again in the staff (with a teaching post, say) under the same name and
    id is one person, not two: the first entry, the director's, is the one a reference means.
    Namesakes with different ids are two people."""
    out, seen = [], set()
    for person in people:
        key = (name_key(person.full_name), (person.id or "").casefold())
        if key not in seen:
            seen.add(key)
            out.append(person)
    return out
