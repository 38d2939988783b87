"""`python -m ingest.rules [--readme PATH]`: print the rule table, or refresh it in a README."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ingest.rules.registry import readme_table, update_readme


def main(argv: Sequence[str] | None = None) -> int:
    """Print the rule table, or rewrite it in the README at ``--readme PATH``."""
    parser = argparse.ArgumentParser(prog="python -m ingest.rules")
    parser.add_argument("--readme", metavar="PATH", help="rewrite the table in this README")
    args = parser.parse_args(argv)
    if args.readme is None:
        print(readme_table())
        return 0
    try:
        changed = update_readme(args.readme)
    except (OSError, ValueError) as error:
        print(f"ingest: error: {args.readme}: {error}", file=sys.stderr)
        return 2
    print(f"{args.readme}: rule table {'updated' if changed else 'already up to date'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
