"""A rule in one place: the families hold the rules, everything else is derived from them,
and only the checks of the enabled rules run."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import ingest
from ingest.errors import ParseError
from ingest.page.findings import Finding
from ingest.page.records import Page
from ingest.parse.api import parse_record
from ingest.rules import CATALOGUE, RULES, check_page, select_codes
from ingest.rules.catalogue import FAMILIES, PAGE_CHECKS
from ingest.rules.context import PageContext
from ingest.rules.family import PageCheck, RuleFamily
from ingest.rules.registry import readme_table
from ingest.synth import PAGE_RULES, iter_corpus
from tests.rules.paths import CORPUS, FIXTURES, README

SYNTHETIC_PAGES = 2000
check_module = importlib.import_module("ingest.rules.check")
inject_module = importlib.import_module("ingest.synth.inject")  # not the function `inject`


def _parsed(text: str, source: str) -> Page | None:
    try:
        return parse_record(text.encode("utf-8"), source, recover=True)
    except ParseError:
        return None


def _folder_pages(folder: Path) -> list[Page]:
    pages = [_parsed(p.read_text("utf-8"), str(p)) for p in sorted(folder.rglob("*.txt"))]
    return [page for page in pages if page is not None]


@pytest.fixture(scope="module")
def corpus_pages() -> list[Page]:
    """The corpus and the rule fixtures (which break every page rule and page error)."""
    return _folder_pages(CORPUS) + _folder_pages(FIXTURES)


@pytest.fixture(scope="module")
def synthetic_pages() -> list[Page]:
    """2,000 synthetic pages, each with one injected inconsistency."""
    pages = [
        _parsed(text, path)
        for path, text, _ in iter_corpus(SYNTHETIC_PAGES, seed=7, inconsistent_rate=1.0)
    ]
    return [page for page in pages if page is not None]


def _selections() -> list[frozenset[str]]:
    """Each code alone, each family, a few prefixes and mixes, none and all."""
    chosen = [frozenset({code}) for code in RULES]
    chosen += [frozenset(rule.code for rule in family.rules) for family in FAMILIES]
    chosen += [select_codes(spec) for spec in ("IG0", "IG1", "IG2", "IG3,IG4", "IG102,IG203")]
    chosen += [select_codes(ignore="IG2"), frozenset(), frozenset(RULES)]
    return chosen


def _filtered(findings: list[Finding], enabled: frozenset[str]) -> list[Finding]:
    return [finding for finding in findings if finding.code in enabled]


def test_the_catalogue_is_the_families_rules_in_code_order() -> None:
    from_families = [rule for family in FAMILIES for rule in family.rules]
    assert sorted(rule.code for rule in from_families) == [rule.code for rule in CATALOGUE]
    assert [rule.code for rule in CATALOGUE] == sorted(RULES)
    assert list(RULES.values()) == list(CATALOGUE)
    assert [row.split(" | ")[0] for row in readme_table().splitlines()[3:-1]] == [
        f"| {rule.code}" for rule in CATALOGUE
    ]
    assert readme_table() in README.read_text("utf-8")


def test_every_rule_but_a_batch_rule_is_reported_by_a_page_check() -> None:
    reported = {code for check in PAGE_CHECKS for code in check.codes}
    assert reported == {rule.code for rule in CATALOGUE if rule.scope != "batch"}
    assert {rule.code for rule in CATALOGUE if rule.scope == "batch"} == {"IG501"}


def test_every_page_scope_rule_has_a_breaker_and_the_injector_lists_exactly_those() -> None:
    page_scope = tuple(rule.code for rule in CATALOGUE if rule.scope == "page")
    assert page_scope == PAGE_RULES
    assert set(inject_module._EDITS) == set(page_scope)


def test_a_family_refuses_a_check_that_reports_another_familys_rule() -> None:
    def noop(ctx: PageContext) -> None:
        pass

    with pytest.raises(ValueError, match="IG301"):
        RuleFamily(rules=(RULES["IG401"],), checks=(PageCheck((RULES["IG301"],), noop),))


def test_with_only_ig301_enabled_no_other_check_runs(
    monkeypatch: pytest.MonkeyPatch, corpus_pages: list[Page]
) -> None:
    called: list[str] = []

    def spy(check: PageCheck) -> PageCheck:
        def run(ctx: PageContext) -> None:
            called.append(check.run.__name__)
            check.run(ctx)

        return PageCheck(check.rules, run)

    monkeypatch.setattr(check_module, "PAGE_CHECKS", tuple(map(spy, PAGE_CHECKS)))
    check_module.checks_for.cache_clear()
    try:
        only = frozenset({"IG301"})
        for page in corpus_pages:
            assert check_page(page, enabled=only) == _filtered(check_page(page), only)
            del called[:]
            check_page(page, enabled=only)
            assert called == ["check_free_tier"]
    finally:
        check_module.checks_for.cache_clear()


def test_a_check_reporting_several_rules_reports_only_the_enabled_ones(
    corpus_pages: list[Page],
) -> None:
    found = [f for page in corpus_pages for f in check_page(page, enabled=frozenset({"IG103"}))]
    assert found and {f.code for f in found} == {"IG103"}


@pytest.mark.parametrize("pages", ["corpus_pages", "synthetic_pages"])
def test_an_enabled_run_equals_the_filtered_full_run(
    pages: str, request: pytest.FixtureRequest
) -> None:
    parsed: list[Page] = request.getfixturevalue(pages)
    assert len(parsed) >= (SYNTHETIC_PAGES if pages == "synthetic_pages" else 5)
    selections = _selections()
    codes: set[str] = set()
    for page in parsed:
        full = check_page(page)
        codes |= {f.code for f in full}
        for enabled in selections:
            assert check_page(page, enabled=enabled) == _filtered(full, enabled)
    assert len(codes) > 8  # the pages break many rules, not one


@pytest.mark.parametrize("folder", [CORPUS, FIXTURES], ids=["corpus", "fixtures"])
@pytest.mark.parametrize("select", ["IG301", "IG1", "IG2,IG501", "IG001,IG004"])
def test_check_with_a_selection_equals_the_full_check_filtered(folder: Path, select: str) -> None:
    enabled = select_codes(select)
    full = ingest.check(folder, jobs=1)
    selected = ingest.check(folder, select=select, jobs=1)
    assert selected.findings == _filtered(full.findings, enabled)
    assert selected.files == full.files
