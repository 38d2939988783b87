"""``ingest show``: the readable view, --json, and one-line errors with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ingest.cli import main
from tests.parse.paths import PAGE_000, PAGE_002


def test_show_json_of_page_002() -> None:
    result = CliRunner().invoke(main, ["show", str(PAGE_002), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["subject_a"], data["subject_b"]) == ("rorshark-vit-base", "Stable Diffusion")
    ranks = next(r for r in data["table"]["rows"] if r["name"] == "UnfragileRank")
    assert (ranks["value_a"], ranks["value_b"]) == (42.0, 42.0)
    assert [len(s["capabilities"]) for s in data["sections"]] == [6, 4]
    assert data["verdict"]["claim"]["winner"] == "rorshark-vit-base"
    assert data["verdict"]["free_tier"]["subject"] == "rorshark-vit-base"


def test_show_view_names_subjects_counts_and_verdict() -> None:
    result = CliRunner().invoke(main, ["show", str(PAGE_000)])
    assert result.exit_code == 0
    assert "rorshark-vit-base vs FLUX.1 Pro" in result.output
    assert "8 listed, +5 more" in result.output
    assert "winner FLUX.1 Pro 58/100 vs rorshark-vit-base 42/100" in result.output


def test_show_binary_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = CliRunner().invoke(main, ["show", str(binary)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"ingest: error: {binary}:3:1: binary data: NUL byte (expected UTF-8 text)\n"
    )


def test_show_missing_file_is_exit_2_without_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["show", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.count("\n") == 1


def test_a_bad_option_is_one_line_and_exit_2() -> None:
    result = CliRunner().invoke(main, ["show", "--bad", str(PAGE_002)], prog_name="ingest")
    assert result.exit_code == 2
    assert result.stderr == "ingest: error: ingest show: No such option '--bad'.\n"


def test_an_unknown_command_is_one_line_and_exit_2() -> None:
    result = CliRunner().invoke(main, ["nope"], prog_name="ingest")
    assert (result.exit_code, result.stderr) == (
        2,
        "ingest: error: ingest: No such command 'nope'.\n",
    )
