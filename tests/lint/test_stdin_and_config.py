"""`ingest check -` like ruff's stdin (IG001, `--fix -`, `--diff -`, a bounded read) and the
nearest settings file of each checked file (issue 15)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner, Result

from ingest.cli import main
from ingest.lint.config import CheckConfig, ConfigFinder
from tests.hostile.process import ingest
from tests.paths import PAGE_000, PAGE_002, ROOT

RIGHT = b"FLUX.1 Pro ranks higher at 58/100 vs rorshark-vit-base at 42/100."
WRONG = b"FLUX.1 Pro ranks higher at 60/100 vs rorshark-vit-base at 42/100."
NOT_A_PAGE = (
    "cannot parse the page: unexpected line 'not a page' (expected a title line '<A> vs <B>')"
)
IG102_LINE = (
    ":2:28: IG102 [error] the summary quotes 60/100 for FLUX.1 Pro, "
    "but the table's UnfragileRank is 58/100\n"
)


def _run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


def _broken() -> bytes:
    """Page 000 quoting 60/100 in its summary (IG102), with a BOM, CRLF and no final newline."""
    data = PAGE_000.read_bytes().replace(RIGHT, WRONG).replace(b"\n", b"\r\n")
    return b"\xef\xbb\xbf" + data.rstrip(b"\r\n") + b"  "


# -- stdin --------------------------------------------------------------------------------------


def test_stdin_that_is_not_a_page_is_ig001_at_its_stdin_filename() -> None:
    result = _run("check", "-", "--stdin-filename", "web/x.txt", stdin=b"not a page\n")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        f"web/x.txt:1:1: IG001 [error] {NOT_A_PAGE}\n"
        "Found 1 finding (1 error, 0 warnings) in 1 file.\n"
    )
    as_json = _run("check", "-", "--format", "json", stdin=b"not a page\n")
    assert [(f["path"], f["line"], f["column"], f["code"]) for f in json.loads(as_json.stdout)] == [
        ("-", 1, 1, "IG001")
    ]


def test_stdin_binary_is_ig001_not_a_usage_error() -> None:
    result = _run("check", "-", "-q", stdin=b"\x00\x01\x02")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout.startswith("-:1:1: IG001 [error] cannot parse the page: ")


def test_fix_on_stdin_prints_exactly_the_fixed_page_and_the_rest_on_stderr() -> None:
    broken = _broken()
    result = _run("check", "--fix", "-", "--select", "IG102", stdin=broken)
    assert result.exit_code == 0
    assert result.stdout_bytes == broken.replace(WRONG, RIGHT)  # BOM, CRLF, "  " kept
    assert result.stderr == "No findings in 1 file.\nFixed 1 finding in 1 file.\n"


def test_fix_on_stdin_reports_what_is_left_under_its_stdin_filename() -> None:
    result = _run(
        "check", "--fix", "-", "--stdin-filename", "web/p.txt", "--show-fixes", stdin=_broken()
    )
    assert result.exit_code == 0  # only a warning is left
    assert result.stdout_bytes == _broken().replace(WRONG, RIGHT)
    assert result.stderr == (
        "web/p.txt:2: IG102 score-mismatch: summary: "
        "'FLUX.1 Pro ranks higher at 58/100 vs rorshark-vit-base at 42/100.'\n"
        "web/p.txt:60:138: IG202 [warning] 'FLUX.1 Pro is stronger on adoption' is not "
        "confirmed: the table's Adoption is 1 for both, and displayed values are rounded\n"
        "Found 1 finding (0 errors, 1 warning) in 1 file.\n"
        "Fixed 1 finding in 1 file.\n"
    )


def test_fix_on_stdin_with_nothing_to_fix_prints_the_bytes_as_read() -> None:
    page = PAGE_002.read_bytes()
    result = _run("check", "--fix", "-", "--select", "IG102", stdin=page)
    assert (result.exit_code, result.stdout_bytes) == (0, page)
    assert result.stderr == "No findings in 1 file.\n"
    garbage = _run("check", "--fix", "-", stdin=b"not a page\n")
    assert (garbage.exit_code, garbage.stdout_bytes) == (1, b"not a page\n")
    assert garbage.stderr == (
        f"-:1:1: IG001 [error] {NOT_A_PAGE}\nFound 1 finding (1 error, 0 warnings) in 1 file.\n"
    )


def test_fix_on_stdin_exit_non_zero_on_fix() -> None:
    args = ("check", "--fix", "-", "--select", "IG102", "--exit-non-zero-on-fix", "-q")
    assert _run(*args, stdin=_broken()).exit_code == 1
    assert _run(*args, stdin=PAGE_002.read_bytes()).exit_code == 0


def test_diff_on_stdin_prints_the_diff_named_by_stdin_filename() -> None:
    result = _run("check", "--diff", "-", "--stdin-filename", "web/p.txt", stdin=_broken())
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:4] == [
        "--- a/web/p.txt",
        "+++ b/web/p.txt",
        "@@ -1,5 +1,5 @@",
        " \ufeffrorshark-vit-base vs FLUX.1 Pro",
    ]
    assert [line for line in result.stdout.splitlines() if line[:1] in "+-"][2:] == [
        "-" + WRONG.decode() + " Capability-level comparison backed by match graph evidence "
        "from real search data.",
        "+" + RIGHT.decode() + " Capability-level comparison backed by match graph evidence "
        "from real search data.",
    ]
    assert result.stderr == "Would fix 1 finding in 1 file.\n"
    clean = _run("check", "--diff", "-", "--select", "IG102", stdin=PAGE_002.read_bytes())
    assert (clean.exit_code, clean.stdout, clean.stderr) == (
        0,
        "",
        "Would fix 0 findings in 0 files.\n",
    )


def test_stdin_over_max_bytes_is_one_line_and_exit_2() -> None:
    result = _run("check", "-", "--max-bytes", "100", stdin=PAGE_002.read_bytes())
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "ingest: error: -: larger than --max-bytes (100 bytes)\n"


def test_an_endless_stdin_is_read_with_a_bound(tmp_path: Path) -> None:
    """`/dev/zero` never ends: only a bounded read lets the command finish."""
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "ingest"), "check", "-", "--max-bytes", "1000"],
            stdin=zero,
            capture_output=True,
            timeout=60,
            cwd=tmp_path,
        )
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr == b"ingest: error: -: larger than --max-bytes (1,000 bytes)\n"


# -- the nearest settings of each file --------------------------------------------------------


@pytest.fixture
def two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`a/` selects IG104 (ingest.toml), `b/` selects IG202 (pyproject.toml); page 002 in each,
    and in `a/sub/`. Page 002 has two IG104 and one IG202."""
    for folder in ("a/sub", "b"):
        (tmp_path / folder).mkdir(parents=True)
    for page in ("a/p.txt", "a/sub/p.txt", "b/p.txt"):
        shutil.copy(PAGE_002, tmp_path / page)
    (tmp_path / "a" / "ingest.toml").write_text('select = ["IG104"]\n', "utf-8")
    (tmp_path / "b" / "pyproject.toml").write_text(
        '[project]\nname = "b"\n[tool.ingest]\nselect = ["lead-on-tie"]\n', "utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _codes(*args: str, stdin: bytes | None = None) -> list[tuple[str, str]]:
    result = _run("check", *args, "--format", "json-lines", stdin=stdin)
    assert result.stderr == ""
    return sorted({(f["path"], f["code"]) for f in map(json.loads, result.stdout.splitlines())})


@pytest.mark.usefixtures("two")
def test_each_file_takes_its_nearest_settings() -> None:
    assert _codes("a", "b") == [
        ("a/p.txt", "IG104"),
        ("a/sub/p.txt", "IG104"),
        ("b/p.txt", "IG202"),
    ]
    assert _codes(".") == [
        ("./a/p.txt", "IG104"),
        ("./a/sub/p.txt", "IG104"),
        ("./b/p.txt", "IG202"),
    ]


@pytest.mark.usefixtures("two")
def test_command_line_config_and_isolated_override_every_file() -> None:
    assert _codes("a", "b", "--select", "IG202") == [
        ("a/p.txt", "IG202"),
        ("a/sub/p.txt", "IG202"),
        ("b/p.txt", "IG202"),
    ]
    assert _codes("a", "b", "--ignore", "IG104") == [("b/p.txt", "IG202")]
    assert _codes("a", "b", "--config", "b/pyproject.toml") == [
        ("a/p.txt", "IG202"),
        ("a/sub/p.txt", "IG202"),
        ("b/p.txt", "IG202"),
    ]
    assert _codes("a/p.txt", "b", "--isolated") == [
        ("a/p.txt", "IG104"),
        ("a/p.txt", "IG202"),
        ("b/p.txt", "IG104"),
        ("b/p.txt", "IG202"),
    ]


def test_severity_and_exit_code_follow_each_files_settings(two: Path) -> None:
    (two / "a" / "ingest.toml").write_text(
        'select = ["IG104"]\n[severity]\nIG104 = "warning"\n', "utf-8"
    )
    (two / "b" / "pyproject.toml").write_text(
        '[tool.ingest]\nselect = ["IG202"]\n[tool.ingest.severity]\nIG202 = "error"\n', "utf-8"
    )
    assert _run("check", "a", "-q").stdout.splitlines()[0] == (
        "a/p.txt:2:1: IG104 [warning] 'rorshark-vit-base ranks higher at 42/100 vs Stable "
        "Diffusion at 42/100.' names rorshark-vit-base the winner, but the table's "
        "UnfragileRank is 42/100 for both"
    )
    assert _run("check", "a", "-q").exit_code == 0
    result = _run("check", "a", "b", "-q")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1].startswith("b/p.txt:47:163: IG202 [error] ")


@pytest.mark.usefixtures("two")
def test_stdin_takes_the_settings_of_its_stdin_filename() -> None:
    page = PAGE_002.read_bytes()
    assert _codes("-", "--stdin-filename", "b/new.txt", stdin=page) == [("b/new.txt", "IG202")]
    assert _codes("-", "--stdin-filename", "a/sub/new.txt", stdin=page) == [
        ("a/sub/new.txt", "IG104")
    ]


def test_fix_uses_each_files_settings(two: Path) -> None:
    broken = PAGE_000.read_bytes().replace(RIGHT, WRONG)
    (two / "a" / "broken.txt").write_bytes(broken)
    (two / "b" / "broken.txt").write_bytes(broken)
    (two / "a" / "ingest.toml").write_text('select = ["IG202"]\n', "utf-8")  # warnings only
    (two / "b" / "pyproject.toml").write_text('[tool.ingest]\nselect = ["IG102"]\n', "utf-8")
    result = _run("check", "a", "b", "--fix")
    assert (result.exit_code, result.stderr) == (0, "Fixed 1 finding in 1 file.\n")
    assert (two / "a" / "broken.txt").read_bytes() == broken  # a/ does not select IG102
    assert (two / "b" / "broken.txt").read_bytes() == broken.replace(WRONG, RIGHT)


def test_a_bad_settings_file_of_one_folder_is_one_line_and_exit_2(two: Path) -> None:
    (two / "b" / "pyproject.toml").write_text('[tool.ingest]\nselect = ["IG9"]\n', "utf-8")
    result = _run("check", "a", "b")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"ingest: error: {two}/b/pyproject.toml: [tool.ingest]: "
        "unknown rule code or prefix 'IG9' (expected one of IG001, IG002, IG003, IG004, IG005, "
        "IG006, IG101, IG102, IG103, IG104, IG201, IG202, IG203, IG301, IG401, IG501, a prefix "
        "such as IG2, a rule name such as winner-on-tie, or ALL)\n"
    )


def test_a_fifo_settings_file_of_one_folder_is_refused_not_waited_on(two: Path) -> None:
    os.unlink(two / "a" / "ingest.toml")
    os.mkfifo(two / "a" / "ingest.toml")
    run = ingest("check", "a", "b", cwd=two, timeout=20)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == (
        f"ingest: error: {two}/a/ingest.toml: cannot read: not a regular file "
        "(expected a regular file)\n"
    )


def test_the_finder_looks_at_each_folder_once_and_stops_at_the_root(two: Path) -> None:
    finder = ConfigFinder()
    first = finder.for_file("a/sub/p.txt")
    assert (first.select, first.source) == (["IG104"], str(two / "a" / "ingest.toml"))
    (two / "a" / "sub" / "ingest.toml").write_text('select = ["IG202"]\n', "utf-8")
    assert finder.for_file("a/sub/q.txt") is first  # a/sub was looked at: cached
    assert ConfigFinder().for_file("a/sub/q.txt").select == ["IG202"]
    assert ConfigFinder().for_file(two.anchor + "no-such-folder/p.txt") == CheckConfig()


def test_junit_lists_every_rule_some_file_was_checked_with(two: Path) -> None:
    (two / "c").mkdir()
    shutil.copy(PAGE_002, two / "c" / "p.txt")
    (two / "c" / "ingest.toml").write_text('select = ["IG301"]\n', "utf-8")  # clean there
    result = _run("check", "a/p.txt", "c", "--format", "junit")
    suites = ElementTree.fromstring(result.stdout).findall("testsuite")
    assert [
        (suite.get("name"), [case.get("name") for case in suite.findall("testcase")])
        for suite in suites
    ] == [
        ("a/p.txt", ["IG104 winner-on-tie", "IG301 free-tier"]),
        ("c/p.txt", ["IG104 winner-on-tie", "IG301 free-tier"]),
    ]
