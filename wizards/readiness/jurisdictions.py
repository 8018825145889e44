"""Places a charter may list as jurisdictions, and whether a regulatory clock covers them.

A clock covers a place when its regime, trigger or addressee names the place (or the state it
is part of, as the UK for Scotland, or a part of it), or when the place is in the EU and the
clock is one of EU law (the AI Act, the GDPR, NIS2, DORA), which applies in every member state.
Places are recognised by their names, adjectives and a few regulators' names; a place not in the
table is recognised by its own name only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from wizards.model import RegulatoryClock
from wizards.readiness.helpers import _matches, _text


@dataclass(frozen=True)
class Place:
    """A jurisdiction the readiness check recognises."""

    key: str
    pattern: re.Pattern[str]
    """Matched against ``_text()`` of a clock or a jurisdiction."""
    part_of: str = ""
    """Key of the state the place belongs to (the UK for Scotland), if any."""
    eu: bool = False


def _place(key: str, words: str, part_of: str = "", eu: bool = False) -> Place:
    return Place(key, re.compile(rf"\b({words})\b"), part_of, eu)


_EU_STATES = (
    ("austria", "austria|austrian"),
    ("belgium", "belgium|belgian"),
    ("bulgaria", "bulgaria|bulgarian"),
    ("croatia", "croatia|croatian"),
    ("cyprus", "cyprus|cypriot"),
    ("czechia", "czechia|czech republic|czech"),
    ("denmark", "denmark|danish"),
    ("estonia", "estonia|estonian"),
    ("finland", "finland|finnish"),
    ("france", "france|french|cnil"),
    ("germany", "germany|german|deutschland|bafin"),
    ("greece", "greece|greek"),
    ("hungary", "hungary|hungarian"),
    ("italy", "italy|italian"),
    ("latvia", "latvia|latvian"),
    ("lithuania", "lithuania|lithuanian"),
    ("luxembourg", "luxembourg|luxembourgish"),
    ("malta", "malta|maltese"),
    ("netherlands", "netherlands|dutch|holland|autoriteit persoonsgegevens"),
    ("poland", "poland|polish"),
    ("portugal", "portugal|portuguese"),
    ("romania", "romania|romanian"),
    ("slovakia", "slovakia|slovak"),
    ("slovenia", "slovenia|slovenian"),
    ("spain", "spain|spanish"),
    ("sweden", "sweden|swedish"),
)

PLACES: tuple[Place, ...] = (
    _place("northern-ireland", "northern ireland|northern irish", part_of="uk"),
    _place("england", "england|english", part_of="uk"),
    _place("scotland", "scotland|scottish|oscr", part_of="uk"),
    _place("wales", "wales|welsh", part_of="uk"),
    _place("uk", "united kingdom|uk|great britain|britain|british|ico"),
    # Not the "Ireland" of "Northern Ireland".
    Place("ireland", re.compile(r"(?<!northern )\b(ireland|irish|eire)\b"), eu=True),
    *(_place(key, words, eu=True) for key, words in _EU_STATES),
    _place("eu", "european union|eu|eea|european economic area"),
    _place("norway", "norway|norwegian"),
    _place("iceland", "iceland|icelandic"),
    _place("liechtenstein", "liechtenstein"),
    _place("switzerland", "switzerland|swiss"),
    _place("japan", "japan|japanese"),
    _place("uae", "united arab emirates|uae|emirates|emirati|dubai|abu dhabi"),
    _place("us", "united states|usa|u ?s a"),
    _place("canada", "canada|canadian"),
    _place("australia", "australia|australian"),
    _place("singapore", "singapore|singaporean"),
)
_BY_KEY = {p.key: p for p in PLACES}
_PARTS: dict[str, list[str]] = {}
for _p in PLACES:
    if _p.part_of:
        _PARTS.setdefault(_p.part_of, []).append(_p.key)

EU_LAW = re.compile(r"\b(ai act|aia|art(icle)?\.? ?73|(?<!uk )gdpr|nis ?2|dora|eu|european)\b")
"""A clock of EU law, which applies in every member state (the UK GDPR is not one)."""


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", _text(text)))


def places_of(jurisdiction: str) -> list[Place]:
    """The places a jurisdiction as typed names; a place of its own when none is known.

    Args:
        jurisdiction: One entry of ``organisation.jurisdictions``, e.g. "Ireland" or "England
            and Wales".
    """
    found = [p for p in PLACES if _matches(p.pattern, jurisdiction)]
    if found:
        return found
    name = _words(jurisdiction)
    return [Place(name, re.compile(rf"\b{re.escape(name)}\b"))] if name else []


def is_eu_law(clock: RegulatoryClock) -> bool:
    """True for a clock of EU law (the AI Act, the GDPR, NIS2, DORA)."""
    return _matches(EU_LAW, clock.key, clock.regime)


class Gazetteer:
    """Finds the places a text names: those of the table, and the unknown ones listed.

    Unknown places are looked up by their words, so the cost of a text does not grow with the
    number of places listed.
    """

    def __init__(self, listed: Iterable[Place]) -> None:
        self._unknown = {p.key for p in listed if p.key not in _BY_KEY}
        # Longer names than this are not looked for: a jurisdiction is a name, not a sentence.
        self._longest = min(max((len(k.split()) for k in self._unknown), default=0), 8)

    def keys(self, *parts: str) -> set[str]:
        """Keys of the places the text names, with the states they are part of and their parts.

        Naming Scotland names the UK too, and naming the UK names Scotland, so that a clock for
        the UK covers a Scottish jurisdiction and the reverse.
        """
        normal = _text(*parts)
        found = {p.key for p in PLACES if p.pattern.search(normal)}
        if self._unknown:
            words = re.findall(r"\w+", normal)
            for n in range(1, self._longest + 1):
                for i in range(len(words) - n + 1):
                    gram = " ".join(words[i : i + n])
                    if gram in self._unknown:
                        found.add(gram)
        found |= {_BY_KEY[k].part_of for k in found if k in _BY_KEY and _BY_KEY[k].part_of}
        found |= {child for k in list(found) for child in _PARTS.get(k, ())}
        return found
