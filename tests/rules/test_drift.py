"""IG501 artifact-drift: the same artifact showing different figures on different pages."""

from __future__ import annotations

import ingest
from ingest.rules import ArtifactFacts, drift_findings
from tests.rules.paths import PAGE_000, PAGE_002


def _facts(path: str, subject: str = "FLUX.1 Pro", **changes: object) -> ArtifactFacts:
    base = ArtifactFacts(
        page_id=f"id-{path}",
        path=path,
        subject=subject,
        type="Model",
        rank=58.0,
        pricing="Free",
        capabilities=13,
        rank_line=6,
        pricing_line=11,
        capabilities_line=12,
    )
    return base._replace(**changes)


def test_facts_of_a_page_come_from_its_table_rows() -> None:
    page = ingest.parse_file(PAGE_002)
    assert ArtifactFacts.from_page(page, "p.txt") == [
        ArtifactFacts(
            page.page_id, "p.txt", "rorshark-vit-base", "Model", 42.0, "Free", 6, 6, 11, 12
        ),
        ArtifactFacts(
            page.page_id, "p.txt", "Stable Diffusion", "Model", 42.0, "Paid", 4, 6, 11, 12
        ),
    ]


def test_same_artifact_on_corpus_pages_does_not_drift() -> None:
    pages = [ingest.parse_file(PAGE_000), ingest.parse_file(PAGE_002)]
    facts = [fact for page in pages for fact in ArtifactFacts.from_page(page)]
    assert drift_findings(facts) == []


def test_rank_drift_gives_one_finding_per_page_naming_the_other() -> None:
    findings = drift_findings([_facts("a.txt"), _facts("b.txt", rank=60.0)])
    assert [(f.path, f.line, f.column, f.subject, f.feature) for f in findings] == [
        ("a.txt", 6, 1, "FLUX.1 Pro", "UnfragileRank"),
        ("b.txt", 6, 1, "FLUX.1 Pro", "UnfragileRank"),
    ]
    assert findings[0].message == (
        "FLUX.1 Pro (Model) differs across pages: UnfragileRank 58/100 here, but 60/100 on b.txt"
    )
    assert findings[0].page_id == "id-a.txt"
    assert findings[0].severity == "warning"


def test_several_differing_facts_are_listed_in_one_finding_at_the_first_row() -> None:
    findings = drift_findings(
        [_facts("a.txt"), _facts("b.txt", pricing="Paid", capabilities=12, capabilities_line=13)]
    )
    assert [(f.path, f.line, f.feature) for f in findings] == [
        ("a.txt", 11, "Pricing"),
        ("b.txt", 11, "Pricing"),
    ]
    assert findings[1].message == (
        "FLUX.1 Pro (Model) differs across pages: Pricing Paid here, but Free on a.txt; "
        "Capabilities 12 decomposed here, but 13 decomposed on a.txt"
    )


def test_message_names_three_other_pages_then_counts_the_rest() -> None:
    facts = [_facts("a.txt")] + [_facts(f"{n}.txt", rank=float(n)) for n in range(50, 55)]
    facts.append(_facts("z.txt", rank=50.0))
    first = next(f for f in drift_findings(facts) if f.path == "a.txt")
    assert first.message == (
        "FLUX.1 Pro (Model) differs across pages: UnfragileRank 58/100 here, but 50/100 on "
        "50.txt, 51/100 on 51.txt, 52/100 on 52.txt (+3 more pages)"
    )


def test_only_pages_that_disagree_are_reported() -> None:
    findings = drift_findings([_facts("a.txt"), _facts("b.txt"), _facts("c.txt", rank=57.0)])
    assert [f.path for f in findings] == ["a.txt", "b.txt", "c.txt"]
    assert findings[2].message.endswith("57/100 here, but 58/100 on a.txt (+1 more page)")


def test_a_missing_value_does_not_disagree() -> None:
    findings = drift_findings([_facts("a.txt"), _facts("b.txt", rank=None, rank_line=None)])
    assert findings == []


def test_different_types_are_different_artifacts() -> None:
    assert drift_findings([_facts("a.txt"), _facts("b.txt", type="Product", rank=1.0)]) == []


def test_a_page_listed_twice_counts_once() -> None:
    assert drift_findings([_facts("a.txt"), _facts("a.txt")]) == []


def test_drift_without_a_type_row_says_so() -> None:
    findings = drift_findings([_facts("a.txt", type=None), _facts("b.txt", type=None, rank=1.0)])
    assert findings[0].message.startswith("FLUX.1 Pro (no Type) differs across pages: ")


def test_check_reports_drift_across_the_checked_pages_only() -> None:
    page = ingest.parse_file(PAGE_000)
    moved = page.model_copy(update={"source": "copy.txt", "page_id": "other"})
    changed_rows = tuple(
        row.model_copy(update={"raw_b": "Paid"}) if row.name == "Pricing" else row
        for row in page.table.rows
    )
    changed = moved.model_copy(
        update={"table": page.table.model_copy(update={"rows": changed_rows})}
    )
    report = ingest.check([page, changed], select="IG501")
    assert report.flatten(["path", "line", "subject", "feature"]) == [
        [str(PAGE_000), 11, "FLUX.1 Pro", "Pricing"],
        ["copy.txt", 11, "FLUX.1 Pro", "Pricing"],
    ]
