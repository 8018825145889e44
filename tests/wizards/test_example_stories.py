"""The readiness check tells each example's story: the charity gets advice, the lender its gaps."""

from __future__ import annotations

from tests.conftest import EXAMPLES
from wizards.answers import load
from wizards.readiness import Level, check, has_blockers


def rules(name: str) -> dict[str, Level]:
    return {f.rule: f.severity for f in check(load(EXAMPLES / name))}


def test_charity_gets_advice_only() -> None:
    found = rules("charity-generative-ai.charter.json")
    assert found, "a small charity's charter always has something to improve"
    # Beyond advice, only the gap issue #10 names: Ireland has no charity regulator to tell.
    assert {rule for rule, level in found.items() if level is not Level.ADVICE} <= {
        "jurisdiction-no-regulator"
    }
    assert Level.ADVICE in found.values()


def test_lender_gaps_are_named() -> None:
    charter = load(EXAMPLES / "eu-lender-credit-scoring.charter.json")
    findings = check(charter)
    found = {f.rule: f for f in findings}
    assert found["exec-cannot-halt"].severity is Level.BLOCKER
    assert "Katharina Brandt" in found["exec-cannot-halt"].message
    assert found["risk-rights-appetite-high"].severity is Level.WARNING
    combined = found["incident-roles-combined"]
    assert "Markus Lehmann" in combined.message and "commander" in combined.message.lower()
    assert has_blockers(findings)


def test_consultant_client_is_ready() -> None:
    assert not has_blockers(check(load(EXAMPLES / "consultant-client-multiscript.charter.json")))


def test_municipality_is_ready_and_assesses_fundamental_rights() -> None:
    from wizards.render import charter_context, render_charter

    charter = load(EXAMPLES / "municipality-benefits-triage.charter.json")
    assert check(charter) == []
    assert charter.organisation.public_service
    text = " ".join(render_charter(charter).split())
    assert "must assess the effect on people's fundamental rights" in text
    assert "Art. 27" in text and "confirm with counsel" in text
    context = charter_context(charter)
    applies = [
        ref
        for section in context["references"]
        for ref in section["refs"]
        if ref["id"] == "EU AI Act Art. 27"
    ]
    assert applies and "benefits eligibility triage" in applies[0]["why"]
    assert "EU AI Act Art. 27" not in {r["id"] for r in context["references_not_applicable"]}
