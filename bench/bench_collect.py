"""Benchmark: 200 simulated respondents saving answers at once against a local collection server.

    python bench/bench_collect.py [--respondents 200] [--seconds 60] [--think 1.0]

It creates a temporary crm-full workspace, invites the respondents, starts
`crm-assess collect serve` on a free loopback port, and lets every respondent save answers one
after another (a random answer to the next question of their role, with `--think` seconds on
average between two saves, as a brisk person would) for `--seconds`. Then it checks the store:

- no lost answer: every acknowledged save is in the database, and each question holds the
  value its last acknowledged save sent;
- no duplicated answer: the number of saves the database applied (the sum of answer revisions)
  equals the number acknowledged.

It prints the save latency percentiles as a Markdown table row. Traffic goes to 127.0.0.1 only,
and the run stops by itself.

The simulated people share one process with one keep-alive connection each, and speak plain
HTTP/1.1 over asyncio streams: a full HTTP client library cost the generator so much CPU that,
on a slower machine, it queued its own requests during the opening burst (200 people opening
their page within a second) and the tail measured the generator, not the server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assessor.collect import Store, invite
from assessor.init import init_workspace
from assessor.loading import load_library
from tests.collect_server import Server

ROLES = ("executive", "sales", "marketing", "service", "it", "finance", "operations")


def _value(question: object, rnd: random.Random) -> list[tuple[str, str]]:
    kind = getattr(question, "type", "")
    qid = getattr(question, "id", "")
    if rnd.random() < 0.05 and kind != "text":
        return [(f"q-{qid}", "not_sure")]
    if kind == "maturity":
        return [(f"q-{qid}", str(rnd.randint(1, 4)))]
    if kind == "likert":
        return [(f"q-{qid}", str(rnd.randint(1, 5)))]
    if kind == "yes_no":
        return [(f"q-{qid}", rnd.choice(["yes", "no"]))]
    if kind in ("single_choice", "multi_choice"):
        return [(f"q-{qid}", rnd.choice(question.options).id)]
    if kind in ("number", "percent"):
        return [(f"q-{qid}", str(rnd.randint(0, 100)))]
    return [(f"q-{qid}", f"Ý kiến {rnd.randint(1, 10**6)}")]


class Connection:
    """One keep-alive HTTP/1.1 connection to the server: just what the benchmark sends."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str):
        self.reader, self.writer, self.host = reader, writer, host

    @classmethod
    async def open(cls, host: str, port: int) -> Connection:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer, f"{host}:{port}")

    async def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        body = urlencode(form).encode() if form is not None else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\n"
        if form is not None:
            head += "Content-Type: application/x-www-form-urlencoded\r\n"
        head += f"Content-Length: {len(body)}\r\n\r\n"
        self.writer.write(head.encode() + body)
        status_line = await self.reader.readline()
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "transfer-encoding":
                raise RuntimeError("chunked replies are not expected from the collection server")
        return int(status_line.split()[1]), await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


async def respondent(
    host: str, port: int, token: str, questions: list[object], until: float,
    think: float, seed: int, log: list[tuple[str, str, float, list[tuple[str, str]]]],
) -> None:  # fmt: skip
    rnd = random.Random(seed)
    conn = await Connection.open(host, port)
    try:
        _, page = await conn.request("GET", f"/r/{token}/s/1")
        csrf = re.search(rb'name="csrf" value="([0-9a-f]+)"', page).group(1).decode()  # type: ignore[union-attr]
        await asyncio.sleep(rnd.random() * think)  # people do not all start in the same millisecond
        i = 0
        while time.monotonic() < until:
            question = questions[i % len(questions)]
            i += 1
            fields = _value(question, rnd)
            data = {"csrf": csrf, "question": question.id, **dict(fields)}  # type: ignore[attr-defined]
            start = time.perf_counter()
            status, reply = await conn.request("POST", f"/r/{token}/save", data)
            elapsed = time.perf_counter() - start
            if status == 200 and json.loads(reply).get("saved"):
                log.append((token, question.id, elapsed, fields))
            await asyncio.sleep(rnd.expovariate(1 / think))
    finally:
        conn.close()


def _questions_for(role: str, questionnaire: object) -> list[object]:
    """Questions a respondent of this role sees without conditions (conditions need answers)."""
    return [q for q in questionnaire.questions()  # type: ignore[attr-defined]
            if (not q.audience or role in q.audience) and not q.relevant]  # fmt: skip


async def run(n: int, seconds: float, think: float) -> None:
    library = load_library()
    questionnaire = library.questionnaire("crm-full")
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        init_workspace(ws, client="Bench", questionnaire="crm-full", library=library)
        people = []
        for i in range(n):
            role = ROLES[i % len(ROLES)]
            token = invite(ws, name=f"Người thử {i:03d}", role=role).token
            people.append((token, role))
        server = Server(ws).start()
        log: list[tuple[str, str, float, list[tuple[str, str]]]] = []
        try:
            until = time.monotonic() + seconds
            await asyncio.gather(*(
                respondent("127.0.0.1", server.port, token, _questions_for(role, questionnaire),
                           until, think, seed, log)
                for seed, (token, role) in enumerate(people)
            ))  # fmt: skip
        finally:
            server.stop()
        _report(ws, people, log, n, seconds, think)


def _report(ws: Path, people: list[tuple[str, str]], log: list, n: int, seconds: float,
            think: float) -> None:  # fmt: skip
    store = Store.of(ws)
    by_token = {token: store.person_by_token(token) for token, _ in people}
    last: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for token, question, _elapsed, fields in log:
        last[(token, question)] = fields
    lost = applied = 0
    for token, _role in people:
        person = by_token[token]
        assert person is not None
        stored = store.answers(person.id)
        applied += sum(a.revision for a in stored.values())
        for (t, question), fields in last.items():
            if t != token:
                continue
            sent = fields[0][1]
            value = stored.get(question)
            if value is None or str(value.value).strip("[]'") != sent:
                lost += 1
    times = sorted(e for _, _, e, _ in log) or [0.0]
    p50 = statistics.median(times) * 1000
    p95 = times[int(0.95 * (len(times) - 1))] * 1000
    p99 = times[int(0.99 * (len(times) - 1))] * 1000
    print("| respondents | seconds | mean think (s) | saves acknowledged | saves/s | p50 (ms) "
          "| p95 (ms) | p99 (ms) | max (ms) | lost | duplicated |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {n} | {seconds:.0f} | {think:g} | {len(log):,} | {len(log) / seconds:.0f} "
          f"| {p50:.1f} | {p95:.1f} | {p99:.1f} | {times[-1] * 1000:.1f} | {lost} "
          f"| {applied - len(log)} |")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=1.0)
    args = parser.parse_args()
    asyncio.run(run(args.respondents, args.seconds, args.think))
