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
from functools import lru_cache

from wizards import catalogues
from wizards.catalogues import RegulatorEntry
from wizards.model import AiActRole, Charter, RegulatoryClock
from wizards.presets import sector_for
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


# --------------------------------------------------------------------------- authorities

_CLOCK_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("charity", re.compile(r"\bcharit")),
    ("data_protection", re.compile(r"\b(gdpr|data protection|personal data breach)")),
    ("financial", re.compile(r"\bdora\b")),
    (
        "market_surveillance",
        re.compile(r"\b(ai act|aia)\b[^;]*\b(26|73)\b|\bmarket surveillance\b"),
    ),
)

KIND_WORDS: dict[str, str] = {
    "data_protection": "personal-data breaches are notified to",
    "charity": "a charity's serious incidents are reported to",
    "financial": "major ICT-related incidents under DORA are reported to",
    "market_surveillance": "the AI Act's risk and serious-incident notices go to",
}
"""What goes to an authority of each kind, as the start of a clause ending in its name."""

_GENERIC = re.compile(
    r"\b(competent|supervisory authorit|market surveillance authorit|national|member state)"
)


def clock_kind(clock: RegulatoryClock) -> str | None:
    """The kind of authority a clock's notice goes to (see ``REGULATOR_KINDS``), if known."""
    normal = _text(clock.key, clock.regime, clock.notify)
    return next((kind for kind, pattern in _CLOCK_KINDS if pattern.search(normal)), None)


def _label(entry: RegulatorEntry) -> str:
    """The authority's name, with a short marker when the catalogue has not confirmed it."""
    name = entry.label
    if name.startswith("The "):
        name = "t" + name[1:]  # mid-sentence: 'reported to the data protection authority of'
    if not entry.unverified:
        return name
    if name.endswith(")"):  # one pair of brackets: 'Agency (Bundesnetzagentur; confirm ...)'
        return f"{name[:-1]}; confirm with counsel)"
    return f"{name} (confirm with counsel)"


def authorities(places: Iterable[Place], kind: str) -> list[RegulatorEntry]:
    """The catalogue's authorities of ``kind`` for the places, in catalogue order.

    A place without one of its own takes its state's (the ICO for England), and a state without
    one takes its parts' (the three charity regulators for the UK).
    """
    keys = {p.key for p in places}
    entries = catalogues.regulators(kind)

    def of(wanted: set[str]) -> list[RegulatorEntry]:
        return [e for e in entries if wanted & set(e.places)]

    found = of(keys)
    if not found:
        found = of({_BY_KEY[k].part_of for k in keys if k in _BY_KEY and _BY_KEY[k].part_of})
    if not found:
        found = of({part for k in keys for part in _PARTS.get(k, ())})
    return found


_NO_ARTICLE = ("Agencia", "Agenzia", "Autoriteit", "Autorité", "Banca", "Banco", "Banka",
               "Bank of", "Commission nationale", "Comissão", "Commissioner", "De Nederlandsche",
               "Garante", "Latvijas", "Magyar", "Národná")  # fmt: skip
"""Names that read without 'the' before them."""


def _with_article(name: str) -> str:
    return name if name[0].islower() or name.startswith(_NO_ARTICLE) else f"the {name}"


def authority_names(places: Iterable[Place], kind: str, *, articles: bool = False) -> str:
    """The names of the authorities of ``kind`` for the places, joined by 'or'; '' for none.

    Args:
        places: The places of one jurisdiction.
        kind: One of ``REGULATOR_KINDS``.
        articles: Put 'the' before each name that reads with it, for use inside a sentence.
    """
    names = [_label(e) for e in authorities(places, kind)]
    if articles:
        names = [_with_article(n) for n in names]
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " or " + names[-1]


def in_place(name: str) -> str:
    """'in Ireland', 'in the United Kingdom', 'in the Netherlands'."""
    bare = name.strip()
    the = re.match(r"(?i)(united |netherlands|czech republic|republic of )", bare)
    return f"in the {bare}" if the else f"in {bare}"


def suggestion(name: str, kinds: Iterable[str]) -> str:
    """A sentence naming the catalogue's authority of each kind for a jurisdiction as typed.

    Args:
        name: One of the organisation's jurisdictions, e.g. "Ireland".
        kinds: Kinds of notice the organisation may have to send (``REGULATOR_KINDS``).

    Returns:
        E.g. "In Ireland, a charity's serious incidents are reported to the Charities
        Regulator and personal-data breaches are notified to the Data Protection
        Commission."; '' when the catalogue knows no authority there.
    """
    places = places_of(name)
    clauses = []
    for kind in kinds:
        names = authority_names(places, kind, articles=True)
        if names:
            clauses.append(f"{KIND_WORDS[kind]} {names}")
    if not clauses:
        return ""
    if len(clauses) <= 2:
        joined = " and ".join(clauses)
    else:
        joined = "; ".join(clauses[:-1]) + "; and " + clauses[-1]
    where = in_place(name)
    return f"{where[0].upper()}{where[1:]}, {joined}."


def generic(notify: str) -> bool:
    """True when an addressee names no authority: 'the competent supervisory authority'."""
    if not _matches(_GENERIC, notify) or "(" in notify:
        return False
    normal = _text(notify)
    if any(p.pattern.search(normal) for p in PLACES):
        return False
    return not any(name in normal for name in _known_names())


def _known_names() -> tuple[str, ...]:
    """The catalogue's authority names, without their abbreviations, as matched."""
    return _names_of(tuple(e.label for e in catalogues.regulators()))


@lru_cache(maxsize=4)
def _names_of(labels: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_text(label.split(" (")[0]) for label in labels)


def named_authorities(
    clock: RegulatoryClock, jurisdictions: Iterable[str]
) -> list[tuple[str, str]]:
    """For a clock whose addressee is generic, each jurisdiction ('In the Netherlands') and
    its authorities' names.

    Only the organisation's own jurisdictions are named, and only those the catalogue knows
    an authority of the clock's kind for: the charter carries no list of other countries.
    """
    kind = clock_kind(clock)
    if kind is None or not generic(clock.notify):
        return []
    out = []
    for name in jurisdictions:
        names = authority_names(places_of(name), kind)
        if name.strip() and names:
            where = in_place(name)
            out.append((where[0].upper() + where[1:], names[0].upper() + names[1:]))
    return out


def notice_kinds(charter: Charter) -> list[str]:
    """The kinds of authority the organisation may have to notify (``REGULATOR_KINDS``)."""
    org = charter.organisation
    kinds = []
    if org.processes_personal_data or any(s.personal_data for s in org.systems):
        kinds.append("data_protection")
    if sector_for(org) == "charity":
        kinds.append("charity")
    if org.dora_entity:
        kinds.append("financial")
    if org.ai_act_role is not AiActRole.NEITHER and charter.has_high_risk():
        kinds.append("market_surveillance")
    return kinds


KIND_NOUNS: dict[str, str] = {
    "data_protection": "data-protection supervisory authority",
    "charity": "charity regulator",
    "financial": "financial supervisor",
    "market_surveillance": "market surveillance authority",
}
"""What the authority of each kind is called in a sentence."""


def clock_authorities(
    clocks: Iterable[RegulatoryClock], jurisdictions: Iterable[str]
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The authorities behind the clocks' generic addressees, once per kind of authority.

    Returns:
        For each kind of authority that a clock leaves unnamed, in catalogue order, its noun
        ('market surveillance authority') and :func:`named_authorities` for the organisation's
        jurisdictions; kinds with no authority known for any of them are left out.
    """
    places = list(jurisdictions)
    first: dict[str, RegulatoryClock] = {}
    for clock in clocks:
        kind = clock_kind(clock)
        if kind is not None and kind not in first and generic(clock.notify):
            first[kind] = clock
    out = []
    for kind in catalogues.REGULATOR_KINDS:
        if kind in first:
            rows = named_authorities(first[kind], places)
            if rows:
                out.append((KIND_NOUNS[kind], rows))
    return out
