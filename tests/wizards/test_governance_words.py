"""The governance answers have plain words where an answers file names them in a message."""

from __future__ import annotations

import itertools

import pytest

from wizards.field_names import describe


@pytest.mark.parametrize(
    ("path", "words"),
    [
        (
            "$.risk.authority[1].escalate_to",
            "the recipient of doubtful cases of the second approval rule",
        ),
        ("$.risk.intake.checks[0]", "the first intake check of the intake gate"),
        ("$.board.members[2].voting", "the vote of the third member"),
        ("$.board.indicators[0].measure", "the measure of the first indicator"),
        ("$.board.assurance.third_line", "the third line of the three lines"),
        ("$.meta.upkeep.breach_days", "the working days to report a breach"),
    ],
)
def test_a_governance_field_reads_as_words(path: str, words: str) -> None:
    assert describe(path).startswith(words)


def test_no_governance_field_doubles_a_word() -> None:
    paths = [
        "$.risk.authority[0].approve",
        "$.risk.authority[0].conditions",
        "$.risk.authority[0].block",
        "$.risk.intake.inventory",
        "$.board.chair",
        "$.board.quorum",
        "$.board.minutes_days",
        "$.board.decision_log",
        "$.board.indicators[0].evidence",
        "$.meta.upkeep.proposals_from",
        "$.meta.definitions[0].meaning",
    ]
    for path in paths:
        words = describe(path).split()
        assert all(a != b for a, b in itertools.pairwise(words)), path
        assert "who a" not in describe(path), path
