"""Command line for the link detector: ``python -m pressroom.linkpolicy``.

Batch mode (the default) reads JSON Lines ``{"id": ..., "text": ...}`` on
stdin and writes one line per input, in the same order::

    {"id": ..., "links": [{"start": 0, "end": 11, "kind": "domain", "text": "example.com"}]}

``--text "..."`` prints the findings for a person instead, one line per link.
"""

from __future__ import annotations

import argparse
import json
import sys

from ._detect import find_links


def describe(text: str) -> str:
    """Human-readable findings for ``text``: one line per link (kind, span, text).

    Used by the ``pressroom links "text"`` management command.

    >>> print(describe("see example.com and mail me: a@b.io"))
    domain      4-15    'example.com'
    email       29-35   'a@b.io'
    >>> describe("no links here, e.g. 10.30")
    'no links'
    """
    links = find_links(text)
    if not links:
        return "no links"
    return "\n".join(f"{l.kind:<11} {f'{l.start}-{l.end}':<7} {l.text!r}" for l in links)


def _link_dict(link) -> dict:
    return {"start": link.start, "end": link.end, "kind": link.kind, "text": link.text}


def run_jsonl(stdin, stdout) -> int:
    """Process JSONL from ``stdin`` to ``stdout``; return the number of bad lines."""
    bad = 0
    for lineno, line in enumerate(stdin, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = item.get("text") or ""
            if not isinstance(text, str):
                raise TypeError("'text' must be a string")
        except (ValueError, TypeError, AttributeError) as exc:
            print(f"line {lineno}: skipped ({exc})", file=sys.stderr)
            bad += 1
            continue
        out = {"id": item.get("id"), "links": [_link_dict(l) for l in find_links(text)]}
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pressroom.linkpolicy",
        description=(
            "Find links (URLs, bare domains, e-mails, IPs, markup links and "
            "obfuscated links) in comment texts. Without --text, read JSON Lines "
            '{"id": ..., "text": ...} on stdin and write one line per input, in '
            'order: {"id": ..., "links": [{"start", "end", "kind", "text"}]}. '
            "Offsets are code points into the text, end exclusive."
        ),
    )
    parser.add_argument(
        "--text", metavar="TEXT",
        help="check one text and print one line per link (kind, span, text)",
    )
    args = parser.parse_args(argv)
    if args.text is not None:
        print(describe(args.text))
        return 0
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    run_jsonl(sys.stdin, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
