"""Places a charter may list as jurisdictions, and whether a regulatory clock covers them.

A clock covers a place when its regime, trigger or addressee names the place (or the state it is
part of, as the UK for Scotland), or when the place is in the EU and the clock is one of EU law
(the AI Act, the GDPR, NIS2, DORA), which applies in every member state. Places are recognised
by their names, adjectives and a few regulators' names; a place not in the table is recognised
by its own name only.
"""

from __future__ import annotations

import re
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

EU_LAW = re.compile(r"\b(ai act|aia|art(icle)?\.? ?73|(?<!uk )gdpr|nis ?2|dora|eu|european)\b")
"""A clock of EU law, which applies in every member state (the UK GDPR is not one)."""


def places_of(jurisdiction: str) -> list[Place]:
    """The places a jurisdiction as typed names; a place of its own when none is known.

    Args:
        jurisdiction: One entry of ``organisation.jurisdictions``, e.g. "Ireland" or "England
            and Wales".
    """
    found = [p for p in PLACES if _matches(p.pattern, jurisdiction)]
    if found:
        return found
    name = _text(jurisdiction)
    return [Place(name, re.compile(rf"\b{re.escape(name)}\b"))] if name else []


def names(text: str, place: Place) -> bool:
    """True when the text names the place, the state it is part of, or a part of it."""
    parent = _BY_KEY.get(place.part_of)
    return (
        _matches(place.pattern, text)
        or (parent is not None and _matches(parent.pattern, text))
        or any(p.part_of == place.key and _matches(p.pattern, text) for p in PLACES)
    )


def is_eu_law(clock: RegulatoryClock) -> bool:
    """True for a clock of EU law (the AI Act, the GDPR, NIS2, DORA)."""
    return _matches(EU_LAW, clock.key, clock.regime)


def covers(clock: RegulatoryClock, place: Place) -> bool:
    """True when the clock reaches a regulator for the place."""
    if names(_text(clock.regime, clock.notify, clock.trigger), place):
        return True
    return (place.eu or place.key == "eu") and is_eu_law(clock)
