"""Error recovery: one bad line costs that line, not the page.

Each fixture under ``fixtures/recovery`` is the consistent rules page
(``tests/rules/fixtures/consistent.txt``) with one recoverable edit, and its
exact facts, page errors and findings in ``NAME.json`` next to it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import ingest
from ingest.cli import main
from ingest.parse.recovery import MAX_ERRORS
from tests.parse.paths import FIXTURES, PAGE_002

RECOVERY = FIXTURES / "recovery"
CASES = sorted(RECOVERY.glob("*.txt"))


def facts(page: ingest.Page) -> dict[str, Any]:
    """What a page says, compactly: every table row, every capability, the verdict."""
    verdict = page.verdict
    return {
        "title_line": page.title_line,
        "subjects": [page.subject_a, page.subject_b],
        "summary_line": page.summary.line if page.summary else None,
        "rows": [[r.line, r.name, r.raw_a, r.raw_b] for r in page.table.rows],
        "sections": [
            {
                "heading": s.heading,
                "line": s.line,
                "more": s.more,
                "capabilities": [
                    [
                        c.line,
                        c.description[:48],
                        c.unique is not None,
                        c.vs_alternatives is not None,
                    ]
                    for c in s.capabilities
                ],
            }
            for s in page.sections
        ],
        "verdict_line": verdict.line if verdict else None,
        "complete": page.complete,
        "errors": [[e.code, e.line, e.column, e.message] for e in page.errors],
        "findings": [[f.code, f.line, f.column] for f in ingest.check_page(page)],
    }


def _expected(case: Path) -> dict[str, Any]:
    expected: dict[str, Any] = json.loads(case.with_suffix(".json").read_text("utf-8"))
    return expected


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_recovered_page_has_exactly_its_expected_facts_and_findings(case: Path) -> None:
    page = ingest.parse_file(case, recover=True)
    assert facts(page) == _expected(case)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_without_recovery_the_first_unexpected_line_raises_there(case: Path) -> None:
    unexpected = [e for e in _expected(case)["errors"] if e[0] == "IG004"]
    if not unexpected:
        assert ingest.parse_file(case) == ingest.parse_file(case, recover=True)
        return
    with pytest.raises(ingest.ParseError) as caught:
        ingest.parse_file(case)
    _, line, column, message = unexpected[0]
    # The same line as today's error, and the same words but for the run it skipped.
    assert str(caught.value) == f"{case}:{line}:{column}: {message.split('; skipped')[0]}"


def test_a_file_that_is_not_a_page_still_raises_with_recovery() -> None:
    with pytest.raises(ingest.ParseError) as caught:
        ingest.parse_text("not a page\nnor this\n", source="x.txt", recover=True)
    assert str(caught.value) == (
        "x.txt:1:1: unexpected line 'not a page' (expected a title line '<A> vs <B>')"
    )


def test_a_page_without_its_table_still_raises_with_recovery() -> None:
    lines = PAGE_002.read_text("utf-8").splitlines(keepends=True)
    with pytest.raises(ingest.ParseError) as caught:
        ingest.parse_text("".join(lines[:2]), source="x.txt", recover=True)
    assert (caught.value.line, caught.value.message) == (2, "the page ends after line 2")


def test_errors_are_capped_then_counted_in_line_order() -> None:
    lines = PAGE_002.read_text("utf-8").splitlines(keepends=True)
    # 60 separate bad runs: a stray row after each of 60 inserted capabilities.
    extra = [f"Capability number {i} does something useful.\n| stray {i} |\n" for i in range(60)]
    at = lines.index("Stable Diffusion Capabilities\n")
    page = ingest.parse_text("".join(lines[:at] + extra + lines[at:]), recover=True)
    unexpected = [e for e in page.errors if e.code == "IG004"]
    assert len(unexpected) == MAX_ERRORS + 1
    assert [e.line for e in unexpected[:3]] == [at + 2, at + 4, at + 6]
    assert unexpected[-1].message == "... and 10 more unexpected lines"
    assert unexpected[-1].line == at + 2 * MAX_ERRORS + 2
    assert [e.line for e in page.errors] == sorted(e.line for e in page.errors)


def test_garbage_in_the_first_capability_section_of_a_corpus_page(tmp_path: Path) -> None:
    """The issue's must-show: partial, every table fact exact, one finding, exit 1."""
    lines = PAGE_002.read_text("utf-8").splitlines(keepends=True)
    clean = ingest.parse_file(PAGE_002)
    lines.insert(18, "|#@! garbage ~~ %%\n")  # line 19: inside capability 2 of 6
    broken = tmp_path / "broken.txt"
    broken.write_text("".join(lines), "utf-8")
    page = ingest.parse_file(broken, recover=True)
    assert page.table == clean.table  # every table fact exact (it is above the garbage)
    assert (page.summary, page.title) == (clean.summary, clean.title)
    first, second = page.sections
    assert [c.description for c in first.capabilities] == [
        c.description for c in clean.sections[0].capabilities
    ]
    broken_one = first.capabilities[1]
    assert (broken_one.unique, broken_one.vs_alternatives) == (None, None)
    kept = [c for i, c in enumerate(first.capabilities) if i != 1]
    assert [c.model_copy(update={"line": c.line - (c.line > 19)}) for c in kept] == [
        c for i, c in enumerate(clean.sections[0].capabilities) if i != 1
    ]
    assert [c.description for c in second.capabilities] == [
        c.description for c in clean.sections[1].capabilities
    ]
    assert page.verdict is not None and clean.verdict is not None
    assert page.verdict == clean.verdict.model_copy(
        update={
            "line": clean.verdict.line + 1,
            "heading_line": clean.verdict.heading_line + 1,
            "claim": clean.verdict.claim.model_copy(update={"line": clean.verdict.line + 1})
            if clean.verdict.claim
            else None,
            "leads": tuple(
                lead.model_copy(update={"line": clean.verdict.line + 1})
                for lead in clean.verdict.leads
            ),
            "free_tier": clean.verdict.free_tier.model_copy(update={"line": clean.verdict.line + 1})
            if clean.verdict.free_tier
            else None,
        }
    )
    assert [(e.code, e.line, e.column) for e in page.errors] == [("IG004", 19, 1)]
    assert page.errors[0].message == (
        "a table row outside the feature table (expected a '<name> Capabilities' heading,"
        " a capability description, '+<k> more capabilities' or 'Verdict');"
        " skipped through line 21"
    )
    clean_findings = [(f.code, f.line, f.column) for f in ingest.check_page(clean)]
    findings = [(f.code, f.line, f.column) for f in ingest.check_page(page)]
    assert ("IG004", 19, 1) in findings
    findings.remove(("IG004", 19, 1))
    assert [(code, line - (line > 19), column) for code, line, column in findings] == (
        clean_findings
    )
    result = CliRunner().invoke(main, ["show", str(broken)])
    assert result.exit_code == 1
    assert result.output.endswith(
        "errors (1, the page is partial)\n"
        "  19:1: IG004 a table row outside the feature table (expected a '<name> Capabilities'"
        " heading, a capability description, '+<k> more capabilities' or 'Verdict');"
        " skipped through line 21\n"
    )


def test_show_exits_0_clean_and_2_when_nothing_could_be_read(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["show", str(PAGE_002)]).exit_code == 0
    junk = tmp_path / "junk.txt"
    junk.write_text("not a page\n", "utf-8")
    result = CliRunner().invoke(main, ["show", str(junk)])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()  # one line, whatever the prefix of `ingest show` errors
    assert f"{junk}:1:1: " in line
    assert line.endswith("unexpected line 'not a page' (expected a title line '<A> vs <B>')")


def test_show_json_of_a_recovered_page_lists_its_errors_and_exits_1() -> None:
    case = RECOVERY / "table_row_in_capability.txt"
    result = CliRunner().invoke(main, ["show", str(case), "--json"])
    assert result.exit_code == 1
    errors = json.loads(result.stdout)["errors"]
    assert [(e["code"], e["line"]) for e in errors] == [("IG004", 19)]


def test_the_readme_shows_the_finding_check_gives_for_the_garbage_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = PAGE_002.read_text("utf-8").splitlines(keepends=True)
    lines.insert(18, "|#@! garbage ~~ %%\n")
    (tmp_path / "broken.txt").write_text("".join(lines), "utf-8")
    readme = (PAGE_002.parents[1] / "README.md").read_text("utf-8")
    shown = readme.split("$ ingest check broken.txt\n", 1)[1].split("\n", 1)[0]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "broken.txt"])
    assert result.exit_code == 1
    assert shown in result.stdout.splitlines()


if __name__ == "__main__":  # regenerate the expectations after a reviewed change
    for case in CASES:
        found = facts(ingest.parse_file(case, recover=True))
        case.with_suffix(".json").write_text(
            json.dumps(found, indent=1, ensure_ascii=False) + "\n", "utf-8"
        )
    sys.exit(0)
