"""Any text a user types reaches the Word file as typed, less the characters Word cannot hold."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.wizards.factories import complete_charter
from wizards.build import build
from wizards.docx_writer import sanitize_xml_text

# Every code point but surrogates (which cannot be encoded at all); controls, RTL, CJK, emoji,
# markup characters and template syntax included.
typed_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=80)


def as_word_shows(text: str) -> str:
    """What the document should hold: unusable characters gone, HTML white space collapsed."""
    clean, _ = sanitize_xml_text(text)
    return re.sub(r"[ \t\n\r\f]+", " ", clean).strip(" ")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=typed_text)
def test_organisation_name_reaches_the_title_page(name: str) -> None:
    charter = complete_charter()
    charter.organisation.name = name
    with tempfile.TemporaryDirectory() as folder:
        result = build(charter, Path(folder), ["docx"])
        document = docx.Document(str(result.files[0]))
    subtitle = document.paragraphs[1]
    assert subtitle.style.name == "Subtitle"
    assert subtitle.text == as_word_shows(name)
    removed = len(name) - len(sanitize_xml_text(name)[0])
    assert any("Word cannot hold" in w for w in result.warnings) == (removed > 0)
