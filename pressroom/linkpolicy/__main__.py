"""Command line for the link detector: ``python -m pressroom.linkpolicy``.

Batch mode (the default) reads JSON Lines ``{"id": ..., "text": ...}`` on
stdin and writes one line per input, in the same order::

    {"id": ..., "links": [{"start": 0, "end": 11, "kind": "domain", "text": "example.com"}]}

A weak finding (one of the policy's ambiguous shapes, e.g. ``main.py``) also
carries ``"weak": true``.  ``--text "..."`` prints the findings for a person
instead, one line per link.
"""

from __future__ import annotations

import argparse
import json
import sys

from ._detect import Link, find_links


COLUMNS = (
    "one line per finding: kind (url, domain, email, ip, markup, obfuscated), "
    "span (start-end, code points, end exclusive), strength (strong: refused by default; "
    "weak: only an ambiguous shape such as main.py or left.Today, held for a moderator "
    "by default) and the text found"
)


def describe(text: str) -> str:
    """Human-readable findings for ``text``: one line per link (kind, span, strength, text).

    Used by the ``pressroom links "text"`` management command.

    >>> print(describe("see example.com and run main.py"))
    domain      4-15    strong  'example.com'
    domain      24-31   weak    'main.py'
    >>> describe("no links here, e.g. 10.30")
    'no links'
    """
    return describe_links(find_links(text))


def describe_links(links: list[Link]) -> str:
    """The lines of :func:`describe` for findings already made."""
    if not links:
        return "no links"
    return "\n".join(
        f"{l.kind:<11} {f'{l.start}-{l.end}':<7} {l.strength:<7} {l.text!r}" for l in links
    )


def _link_dict(link: Link) -> dict:
    out = {"start": link.start, "end": link.end, "kind": link.kind, "text": link.text}
    if link.weak:
        out["weak"] = True
    return out


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
            'order: {"id": ..., "links": [{"start", "end", "kind", "text"}]}; a weak '
            'finding (an ambiguous shape such as main.py) also has "weak": true. '
            "Offsets are code points into the text, end exclusive."
        ),
    )
    parser.add_argument(
        "--text", metavar="TEXT",
        help=f"check one text and print {COLUMNS}",
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
