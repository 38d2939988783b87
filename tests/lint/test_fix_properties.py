"""Properties of ``ingest.fix`` on generated pages (issue 15): a safe fix repairs its rule."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import check_page, fix, parse_text, render
from ingest.page.models import Page
from ingest.rules import RULES
from ingest.testing import broken_pages

SAFE = [code for code, rule in RULES.items() if rule.fix == "safe"]
UNSAFE = [code for code, rule in RULES.items() if rule.fix == "unsafe"]
per_rule = settings(max_examples=max(10, settings().max_examples // 4))


def _claim_lines(page: Page) -> set[int]:
    lines = {page.verdict.line} if page.verdict is not None else set()
    return lines | ({page.summary.line} if page.summary is not None else set())


def test_the_safe_rules_are_those_the_table_decides() -> None:
    assert SAFE == ["IG102", "IG103", "IG301"]
    assert UNSAFE == ["IG104", "IG201", "IG202", "IG203"]


@pytest.mark.parametrize("code", SAFE)
@per_rule
@given(data=st.data())
def test_a_safe_fix_repairs_its_rule_and_only_the_claim_lines(
    code: str, data: st.DataObject
) -> None:
    _, broken = data.draw(broken_pages(code))
    text = render(broken)
    result = fix(text)
    assert [f.code for f in check_page(parse_text(text))] == [code]
    assert code not in {f.code for f in check_page(parse_text(result.text))}
    assert [f.codes for f in result.fixes] == [(code,)]
    before, after = text.split("\n"), result.text.split("\n")
    assert len(before) == len(after)
    changed = {n for n, (old, new) in enumerate(zip(before, after, strict=True), 1) if old != new}
    assert changed and changed <= _claim_lines(broken)
    assert fix(result.text).text == result.text


@pytest.mark.parametrize("code", UNSAFE)
@per_rule
@given(data=st.data())
def test_an_unsafe_fix_waits_for_unsafe_fixes(code: str, data: st.DataObject) -> None:
    _, broken = data.draw(broken_pages(code))
    text = render(broken)
    assert fix(text).text == text
    result = fix(text, unsafe=True)
    assert code not in {f.code for f in check_page(parse_text(result.text))}
    assert fix(result.text, unsafe=True).text == result.text
