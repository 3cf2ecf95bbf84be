"""The command line: python -m pressroom.linkpolicy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pressroom.linkpolicy.__main__ import describe

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "pressroom.linkpolicy", *args],
        input=stdin.encode("utf-8"), capture_output=True, cwd=ROOT, env=env, timeout=60,
    )


def test_jsonl_roundtrip_keeps_order_and_ids():
    rows = [
        {"id": "a1", "text": "Смотрите сайт-новостей.рф/статья сегодня"},
        {"id": 2, "text": "nothing here, e.g. 10.30"},
        {"id": "k", "text": "주소 example 닷 com 에서, 메일 kim@example.kr"},
    ]
    proc = _run(stdin="".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [o["id"] for o in out] == ["a1", 2, "k"]
    assert out[1]["links"] == []
    first = out[0]["links"][0]
    assert set(first) == {"start", "end", "kind", "text"}
    assert rows[0]["text"][first["start"] : first["end"]] == first["text"] == "сайт-новостей.рф/статья"
    assert [l["text"] for l in out[2]["links"]] == ["example 닷 com", "kim@example.kr"]
    assert out[2]["links"][0]["kind"] == "obfuscated"


def test_bad_lines_are_skipped_not_fatal():
    proc = _run(stdin='not json\n{"id": 1, "text": "x.com"}\n\n')
    assert proc.returncode == 0
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert out == [{"id": 1, "links": [{"start": 0, "end": 5, "kind": "domain", "text": "x.com"}]}]
    assert b"line 1" in proc.stderr


def test_help():
    proc = _run("--help")
    assert proc.returncode == 0
    assert b"JSON Lines" in proc.stdout and b"--text" in proc.stdout


def test_text_option_prints_one_line_per_link():
    proc = _run("--text", "see example.com, write a@b.io")
    assert proc.returncode == 0
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 2
    assert lines[0].split()[:2] == ["domain", "4-15"]
    assert lines[1].startswith("email")


def test_describe():
    assert describe("no links, e.g. 3.14") == "no links"
    assert "obfuscated" in describe("spam dot com")


def test_jsonl_marks_weak_findings():
    rows = [
        {"id": "w", "text": "Запусти setup.sh, потом зайди на example.org"},
        {"id": "k", "text": "연기 최고.한국영화 중에 제일"},
    ]
    proc = _run(stdin="".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    assert proc.returncode == 0, proc.stderr
    weak, korean = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [(l["text"], l.get("weak")) for l in weak["links"]] == [("setup.sh", True), ("example.org", None)]
    assert [l.get("weak") for l in korean["links"]] == [True]


def test_text_option_shows_the_strength():
    proc = _run("--text", "run main.py or see example.com")
    lines = proc.stdout.decode().splitlines()
    assert [line.split()[2] for line in lines] == ["weak", "strong"]
    assert b"strength" in _run("--help").stdout
