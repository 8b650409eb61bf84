"""``python -m timeline COMMAND ...``: the command-line entry point.

Each command lives in its own module under ``timeline.commands`` with ``register(subparsers)``,
which adds its parser and sets ``func``; this file only wires them together and sets up logging.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys

COMMANDS = ("extract", "timex", "evaluate", "ingest", "keydates", "export", "bench")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m timeline",
                                     description="conflict timeline: news articles in, dated and sourced events out.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"timeline.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Names and titles from the user's files go to the terminal: a byte the terminal cannot show is
    # written as an escape rather than ending the run with a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
