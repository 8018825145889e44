"""The Alt-letter allocator on its own."""

from __future__ import annotations

from desktop.mnemonics import allocate, preferred, strip


def test_a_free_preferred_letter_is_kept() -> None:
    assert allocate(["&Sector", "Si&ze"]) == ["&Sector", "Si&ze"]


def test_a_taken_letter_moves_to_a_word_start_then_to_any_letter() -> None:
    assert allocate(["Organisation &name"], taken={"n"}) == ["&Organisation name"]
    assert allocate(["&Owner", "&Other"]) == ["&Owner", "O&ther"]


def test_no_letter_rather_than_a_shared_one() -> None:
    assert allocate(["&ab", "&ab"]) == ["&ab", "a&b"]
    assert allocate(["a", "a"]) == ["&a", "a"]


def test_literal_ampersands_survive() -> None:
    out = allocate(["Terms && conditions"], taken={"t"})
    assert strip(out[0]) == "Terms & conditions"
    assert preferred(out[0]) == "c"
    assert preferred("Save &as") == "a"
    assert preferred("R&&D") is None
