"""Web load: simulated partners typing replies with live coaching, against a real server.

For each backend (SQLite, PostgreSQL) this starts the real ``heartline serve``
as a subprocess on 127.0.0.1 (a free port, a fresh temporary HEARTLINE_HOME,
``--workers`` as given, else serve's default), waits until it answers, runs the
load, and always stops it again (also on Ctrl-C). PostgreSQL gets a schema of
its own for the run (``search_path`` in the URL, as tests/conftest.py does),
dropped afterwards, so nothing is left behind.

Set-up (not timed): N partners (N/2 couples) sign up through the HTML form,
one after another, each with their own cookie jar (one httpx.AsyncClient
each), read their CSRF token from GET /api/session, pair up with an invite
code, and each shares a text from corpus/listener (visibility "shared") so
their partner has a share to reply to. Each sends one coaching request to
warm the model up. Half the partners are browsers (POST /coach/{share_id},
the HTMX fragment, and GET /today), the other half apps (POST /api/coach and
GET /api/today): one of each in every couple.

The simulated partner, for --seconds, all N concurrently (asyncio):
- opens Today (one GET), then writes a reply to their partner's share: a
  draft of 8-30 words from the corpus replies, seeded random;
- types each word key by key, 0.08-0.20 s a key (50-125 words a minute while
  typing), then pauses 0.3-1.2 s. Like the page's ``hx-trigger="input changed delay:500ms"``,
  a pause of 0.5 s or more sends one live-feedback request with the text so far
  (0.5 s into the pause), a shorter one sends nothing;
- like htmx's default queueing ("queue last"), at most one live-feedback
  request of a person is in flight: a debounce that fires meanwhile waits, and
  a later one replaces it (counted as "superseded");
- after the draft, thinks 1-3 s and starts over with Today. Nothing is sent:
  the load is live feedback and Today only.
That is about 0.5 live-feedback requests a second per person. --no-think drops
every pause (a closed loop: each partner sends its next request as soon as the
last one answered) to measure the most the server can do.

Measured per backend and endpoint, client side (send to body read, requests
started inside the window): requests, throughput, p50/p95/p99/max latency,
errors (non-2xx or exceptions, first few messages kept); also the client's
event-loop lag (a timer that should wake every 10 ms), CPU used by the server
processes, this client, PostgreSQL's processes and everything else on the
machine, and the server's CPU per request, so a slow server can be told apart
from a starved client or a machine busy with other work.

The server inherits this environment. ``heartline serve`` gives numpy one BLAS
thread unless told otherwise, so ``OPENBLAS_NUM_THREADS=2 python
benchmarks/web_load.py`` shows what a thread per core costs; the table names
the setting.

Run from the repository root (needs the model and heads, and PostgreSQL for
that backend):

    .venv/bin/python benchmarks/web_load.py [--seconds 60] [--partners 50]
        [--backend both|sqlite|postgres] [--workers N] [--no-think]

Targets: live feedback p99 < 100 ms; 0 errors. Writes
benchmarks/results/web_load.json. The client shares the machine's cores with
the server (2 on the reference machine): compare figures from one run.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _common import (
    REPO,
    Row,
    arg_parser,
    check_idle,
    console,
    ensure_heartline,
    fail,
    percentile,
    print_table,
    require_dir,
    require_heads,
    write_results,
)

TARGET_P99_MS = 100.0
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
PASSWORD = "a long enough passphrase"
SEED = 0
DEBOUNCE_S = 0.5  # templates/reply.html: hx-trigger="input changed delay:500ms"
KEY_S = (0.08, 0.20)
PAUSE_S = (0.3, 1.2)
DRAFT_WORDS = (8, 30)
BETWEEN_DRAFTS_S = (1.0, 3.0)
START_SPREAD_S = 2.0
REQUEST_TIMEOUT_S = 30.0
READY_TIMEOUT_S = 90.0
LAG_TICK_S = 0.01
TIMELINE_S = 10
KEEP_ERRORS = 5
SIGNUPS_AT_ONCE = 1  # sign_up hashes inside SQLite's write lock: more would time out

COACH_HTML = "POST /coach/{id}"
COACH_JSON = "POST /api/coach"
TODAY_HTML = "GET /today"
TODAY_JSON = "GET /api/today"
ENDPOINTS = (COACH_HTML, COACH_JSON, TODAY_HTML, TODAY_JSON)
LIVE = (COACH_HTML, COACH_JSON)
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
_ALERT = re.compile(r'role="alert">([^<]*)<')


def said(body: str) -> str:
    """The message of an error page (or the start of any other body)."""
    found = _ALERT.search(body)
    return found.group(1).strip() if found else body[:300]


# --- Measurements ------------------------------------------------------------

@dataclass
class Endpoint:
    latencies_ms: list[float] = field(default_factory=list)
    started_s: list[float] = field(default_factory=list)  # into the window, one per request
    errors: int = 0
    messages: list[str] = field(default_factory=list)

    def add(self, started: float, ms: float, error: str | None) -> None:
        self.started_s.append(started)
        self.latencies_ms.append(ms)
        if error is not None:
            self.errors += 1
            if len(self.messages) < KEEP_ERRORS:
                self.messages.append(error)


@dataclass
class Recorder:
    """Every request started inside the window; the window's end is ``deadline``."""

    start: float = 0.0
    deadline: float = float("inf")
    endpoints: dict[str, Endpoint] = field(
        default_factory=lambda: {name: Endpoint() for name in ENDPOINTS})
    superseded: int = 0
    queued: int = 0
    lags_ms: list[float] = field(default_factory=list)

    def open(self) -> bool:
        return time.perf_counter() < self.deadline

    async def timed(self, endpoint: str, send: Callable[[], Awaitable[Any]]) -> None:
        start = time.perf_counter()
        error: str | None = None
        try:
            response = await send()
            if not response.is_success:
                error = f"{response.status_code}: {said(response.text)[:160]!r}"
        except Exception as exc:  # every failure counts, whatever it is
            error = f"{type(exc).__name__}: {exc}"[:200]
        self.endpoints[endpoint].add(start - self.start, (time.perf_counter() - start) * 1000,
                                     error)


def summary(latencies: list[float], errors: int, seconds: float) -> dict[str, Any]:
    return {"requests": len(latencies), "per_s": len(latencies) / seconds,
            "p50_ms": percentile(latencies, 50), "p95_ms": percentile(latencies, 95),
            "p99_ms": percentile(latencies, 99),
            "max_ms": max(latencies) if latencies else float("nan"), "errors": errors}


# --- CPU accounting from /proc -----------------------------------------------

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> tuple[str, int, float] | None:
    """(command name, parent pid, CPU seconds) of a process, or None if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1:text.rindex(")")]
    rest = text[text.rindex(")") + 2:].split()
    return name, int(rest[1]), (int(rest[11]) + int(rest[12])) / TICK


def _processes() -> dict[int, tuple[str, int, float]]:
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            found[int(entry.name)] = stat
    return found


def cpu_snapshot(server_pid: int) -> dict[str, Any]:
    """CPU seconds so far: the server and its children, PostgreSQL, this client, the machine."""
    table = _processes()
    tree, changed = {server_pid}, True
    while changed:
        grown = tree | {pid for pid, (_, parent, _) in table.items() if parent in tree}
        changed, tree = grown != tree, grown
    busy = total = 0.0
    with contextlib.suppress(OSError):
        fields = [float(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        total = sum(fields[:8]) / TICK
        busy = total - (fields[3] + fields[4]) / TICK
    return {"server": {p: table[p][2] for p in tree if p in table},
            "postgres": {p: s for p, (name, _, s) in table.items() if name.startswith("postgres")},
            "client": time.process_time(), "machine_busy": busy, "machine_total": total}


def cpu_used(before: dict[str, Any], after: dict[str, Any], wall: float) -> dict[str, float]:
    """CPU used in between; per process, so one that started meanwhile counts from zero
    (one that ended meanwhile is missed: PostgreSQL's connections live as long as the pool)."""
    def spent(key: str) -> float:
        return sum(s - before[key].get(p, 0.0) for p, s in after[key].items())

    server, postgres = spent("server"), spent("postgres")
    client = after["client"] - before["client"]
    span = after["machine_total"] - before["machine_total"]
    busy = after["machine_busy"] - before["machine_busy"]
    cores = os.cpu_count() or 1
    busy_cores = busy / span * cores if span else float("nan")
    return {"server_s": server, "client_s": client, "postgres_s": postgres, "wall_s": wall,
            "server_cores": server / wall, "client_cores": client / wall,
            "postgres_cores": postgres / wall,
            "other_cores": max(0.0, busy_cores - (server + client + postgres) / wall),
            "machine_busy_pct": 100 * busy_cores / cores}


# --- The server ----------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def heartline_command() -> list[str]:
    beside = Path(sys.executable).parent / "heartline"
    script = str(beside) if beside.is_file() else shutil.which("heartline")
    if script:
        return [script]
    return [sys.executable, "-c", "from heartline.cli.app import main; main()"]


def serve_default_workers() -> int:
    import inspect

    from heartline.cli.serve import serve

    return int(inspect.signature(serve).parameters["workers"].default)


def server_env(home: Path) -> dict[str, str]:
    """This environment, a fresh home, one signing secret for every worker, heartline importable."""
    import heartline

    env = dict(os.environ)
    env.pop("HEARTLINE_DATABASE_URL", None)
    env["HEARTLINE_HOME"] = str(home)
    env["HEARTLINE_SECRET_KEY"] = secrets.token_urlsafe(32)
    root = str(Path(heartline.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


@contextlib.contextmanager
def running_server(database_url: str | None, workers: int, folder: Path) -> Iterator[
        tuple[str, subprocess.Popen[bytes]]]:
    """``heartline serve`` on a free loopback port until the block ends, however it ends."""
    port = free_port()
    command = heartline_command()
    if database_url:
        command += ["--db", database_url]
    command += ["serve", "--no-browser", "--host", "127.0.0.1", "--port", str(port),
                "--workers", str(workers)]
    log_path = folder / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, env=server_env(folder / "home"), stdout=log,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)  # Ctrl-C is ours to pass on
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(base, process, log_path)
        yield base, process
    finally:
        stop(process)


def wait_ready(base: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    import httpx

    until = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < until:
        if process.poll() is not None:
            fail(f"the server exited with {process.returncode}:\n{_tail(log_path)}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/login", timeout=2, trust_env=False).status_code == 200:
                return
        time.sleep(0.2)
    fail(f"the server did not answer within {READY_TIMEOUT_S:g} s:\n{_tail(log_path)}")


def _tail(path: Path, lines: int = 30) -> str:
    with contextlib.suppress(OSError):
        return "\n".join(path.read_text("utf-8", "replace").splitlines()[-lines:])
    return "(no server output)"


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGINT (uvicorn's graceful stop), then SIGTERM, then SIGKILL, to the server's group."""
    for sig, wait in ((signal.SIGINT, 15), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        if process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(wait)


@contextlib.contextmanager
def postgres_schema(base_url: str) -> Iterator[str]:
    """A fresh schema for the run, dropped afterwards (tests/conftest.py's isolation)."""
    import sqlalchemy as sa

    from heartline.store.settings import with_driver

    url = with_driver(base_url)
    schema = f"hl_load_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    except sa.exc.OperationalError as exc:
        engine.dispose()
        fail(f"PostgreSQL not reachable at {base_url}: {str(exc).splitlines()[0]} "
             "(use --backend sqlite, or --postgres URL)")
    joiner = "&" if "?" in url else "?"
    try:
        yield f"{url}{joiner}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


# --- The partners --------------------------------------------------------------

def corpus_texts() -> tuple[list[str], list[str]]:
    """Distinct shares (contexts) and replies of the couples' listener corpus."""
    folder = require_dir(REPO / "corpus" / "listener", "listener corpus")
    contexts: dict[str, None] = {}
    replies: dict[str, None] = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                contexts[item["context"]] = None
                replies[item["response"]] = None
    if len(contexts) < 10 or len(replies) < 10:
        fail(f"too few texts in {folder}")
    return list(contexts), list(replies)


@dataclass
class Partner:
    index: int
    browser: bool  # HTML pages and the HTMX fragment; else the JSON API
    client: Any  # httpx.AsyncClient, its own cookie jar
    csrf: str = ""
    relationship_id: str = ""
    invite_code: str = ""
    own_share: str = ""
    reply_to: str = ""

    @property
    def email(self) -> str:
        return f"partner{self.index}@example.com"

    async def sign_up(self) -> None:
        page = await self.client.get("/signup")
        found = _TOKEN.search(page.text)
        if found is None:
            fail(f"no CSRF token on /signup ({page.status_code})")
        done = await self.client.post("/signup", data={
            "name": f"Partner {self.index}", "email": self.email, "password": PASSWORD,
            "csrf_token": found.group(1)})
        if done.status_code != 303:
            fail(f"sign-up of {self.email} failed ({done.status_code}): {said(done.text)}")
        self.csrf = (await self.api("GET", "/session"))["csrf_token"]

    async def api(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = await self.client.request(method, f"/api{path}", json=body,
                                             headers={"X-CSRF-Token": self.csrf})
        if not response.is_success:
            fail(f"{method} /api{path} for {self.email} failed ({response.status_code}): "
                 f"{response.text[:300]}")
        return response.json()

    def coach(self, text: str) -> Awaitable[Any]:
        headers = {"X-CSRF-Token": self.csrf}
        if self.browser:
            return self.client.post(f"/coach/{self.reply_to}", data={"text": text},
                                    headers={**headers, "HX-Request": "true"})
        return self.client.post("/api/coach", json={"share_id": self.reply_to, "text": text},
                                headers=headers)

    def today(self) -> Awaitable[Any]:
        return self.client.get("/today" if self.browser else "/api/today")

    @property
    def coach_endpoint(self) -> str:
        return COACH_HTML if self.browser else COACH_JSON

    @property
    def today_endpoint(self) -> str:
        return TODAY_HTML if self.browser else TODAY_JSON


async def set_up(base: str, count: int, rng: random.Random) -> list[Partner]:
    """Sign up, pair up, share once each, warm up; nothing here is timed."""
    import httpx

    contexts, _ = corpus_texts()
    shares = rng.sample(contexts, min(len(contexts), count * 3))
    partners = [Partner(i, browser=i % 2 == 0, client=httpx.AsyncClient(
        base_url=base, timeout=REQUEST_TIMEOUT_S, trust_env=False)) for i in range(count)]
    gate = asyncio.Semaphore(SIGNUPS_AT_ONCE)

    async def sign_up(partner: Partner) -> None:
        async with gate:
            await partner.sign_up()

    await asyncio.gather(*(sign_up(p) for p in partners))
    for first, second in zip(partners[::2], partners[1::2], strict=True):
        made = await first.api("POST", "/relationships", {"kind": "couple"})
        joined = await second.api("POST", "/relationships/join", {"code": made["invite_code"]})
        first.relationship_id = second.relationship_id = joined["id"]
    for partner in partners:
        while not partner.own_share:
            if not shares:
                fail("ran out of corpus texts that can be shared")
            done = await partner.api("POST", "/shares", {
                "text": shares.pop(), "visibility": "shared",
                "relationship_id": partner.relationship_id})
            if not done["kept_private"]:  # a text read as danger stays private: take another
                partner.own_share = done["entry"]["id"]
    for first, second in zip(partners[::2], partners[1::2], strict=True):
        first.reply_to, second.reply_to = second.own_share, first.own_share
    for partner in partners:  # load the model in the worker(s), check both routes answer
        for send in (partner.coach("thank you for telling me"), partner.today()):
            response = await send
            if not response.is_success:
                fail(f"warm-up for {partner.email} failed ({response.status_code}): "
                     f"{response.text[:300]}")
    return partners


class LiveFeedback:
    """htmx's default for one element: one request in flight, the latest next ("queue last")."""

    def __init__(self, partner: Partner, recorder: Recorder):
        self.partner, self.recorder = partner, recorder
        self.task: asyncio.Task[None] | None = None
        self.waiting: str | None = None

    def fire(self, text: str) -> None:
        if self.task is not None and not self.task.done():
            self.recorder.queued += 1
            if self.waiting is not None:
                self.recorder.superseded += 1
            self.waiting = text
            return
        self.task = asyncio.create_task(self._send(text))

    async def _send(self, text: str | None) -> None:
        while text is not None and self.recorder.open():
            await self.recorder.timed(self.partner.coach_endpoint,
                                      lambda t=text: self.partner.coach(t))
            text, self.waiting = self.waiting, None

    async def finish(self) -> None:
        if self.task is not None:
            await self.task


async def nap(seconds: float, recorder: Recorder) -> None:
    """Sleep, but not past the end of the window."""
    await asyncio.sleep(max(0.0, min(seconds, recorder.deadline - time.perf_counter())))


def draft(rng: random.Random, replies: list[str]) -> list[str]:
    words: list[str] = []
    goal = rng.randint(*DRAFT_WORDS)
    while len(words) < goal:
        words += rng.choice(replies).split()
    return words[:goal]


async def typing_partner(partner: Partner, recorder: Recorder, rng: random.Random,
                         replies: list[str]) -> None:
    live = LiveFeedback(partner, recorder)
    await nap(rng.uniform(0, START_SPREAD_S), recorder)
    while recorder.open():
        await recorder.timed(partner.today_endpoint, partner.today)
        typed: list[str] = []
        for word in draft(rng, replies):
            await nap((len(word) + 1) * rng.uniform(*KEY_S), recorder)
            typed.append(word)
            pause = rng.uniform(*PAUSE_S)
            if pause >= DEBOUNCE_S:
                await nap(DEBOUNCE_S, recorder)
                if recorder.open():
                    live.fire(" ".join(typed))
                await nap(pause - DEBOUNCE_S, recorder)
            else:
                await nap(pause, recorder)
            if not recorder.open():
                break
        await nap(rng.uniform(*BETWEEN_DRAFTS_S), recorder)
    await live.finish()


async def closed_loop_partner(partner: Partner, recorder: Recorder, rng: random.Random,
                              replies: list[str]) -> None:
    while recorder.open():
        await recorder.timed(partner.today_endpoint, partner.today)
        words = draft(rng, replies)
        for n in range(1, len(words) + 1):
            if not recorder.open():
                break
            text = " ".join(words[:n])
            await recorder.timed(partner.coach_endpoint, lambda t=text: partner.coach(t))


async def watch_lag(recorder: Recorder) -> None:
    """How late a 10 ms timer wakes: the client's own event loop falling behind."""
    while recorder.open():
        start = time.perf_counter()
        await asyncio.sleep(LAG_TICK_S)
        recorder.lags_ms.append((time.perf_counter() - start - LAG_TICK_S) * 1000)


async def load(base: str, process: subprocess.Popen[bytes], args: Any) -> dict[str, Any]:
    rng = random.Random(args.seed)
    console.print(f"  set-up: {args.partners} partners sign up, pair, share …")
    started = time.perf_counter()
    partners = await set_up(base, args.partners, rng)
    setup_s = time.perf_counter() - started
    console.print(f"  set-up done in {setup_s:.1f} s; "
                  f"load for {args.seconds:g} s ({'closed loop' if args.no_think else 'typing'})")
    _, replies = corpus_texts()
    person = closed_loop_partner if args.no_think else typing_partner
    try:
        before = cpu_snapshot(process.pid)
        start = time.perf_counter()
        recorder = Recorder(start=start, deadline=start + args.seconds)
        await asyncio.gather(watch_lag(recorder), *(
            person(p, recorder, random.Random(f"{args.seed}-{p.index}"), replies)
            for p in partners))
        wall = time.perf_counter() - start
        cpu = cpu_used(before, cpu_snapshot(process.pid), wall)
    finally:
        await asyncio.gather(*(p.client.aclose() for p in partners), return_exceptions=True)
    seconds = float(args.seconds)
    endpoints = {name: {**summary(e.latencies_ms, e.errors, seconds), "first_errors": e.messages}
                 for name, e in recorder.endpoints.items()}
    live = [ms for name in LIVE for ms in recorder.endpoints[name].latencies_ms]
    all_ms = [ms for e in recorder.endpoints.values() for ms in e.latencies_ms]
    errors = sum(e.errors for e in recorder.endpoints.values())
    timeline = []  # live feedback by when it was sent: a backlog shows as a rising p99
    for low in range(0, math.ceil(seconds), TIMELINE_S):
        sent = [ms for name in LIVE
                for at, ms in zip(recorder.endpoints[name].started_s,
                                  recorder.endpoints[name].latencies_ms, strict=True)
                if low <= at < low + TIMELINE_S]
        timeline.append({"from_s": low, "requests": len(sent), "p50_ms": percentile(sent, 50),
                         "p99_ms": percentile(sent, 99)})
    live_errors = sum(recorder.endpoints[name].errors for name in LIVE)
    return {"endpoints": endpoints, "live_feedback": summary(live, live_errors, seconds),
            "all": summary(all_ms, errors, seconds), "live_feedback_timeline": timeline,
            "live_queued_behind_one_in_flight": recorder.queued,
            "live_superseded": recorder.superseded,
            "client_loop_lag_ms": {"p50": percentile(recorder.lags_ms, 50),
                                   "p99": percentile(recorder.lags_ms, 99),
                                   "max": max(recorder.lags_ms, default=float("nan"))},
            "cpu": cpu, "server_cpu_ms_per_request": 1000 * cpu["server_s"] / max(1, len(all_ms)),
            "setup_s": setup_s}


# --- Running and reporting -------------------------------------------------------

def run_backend(backend: str, args: Any) -> dict[str, Any]:
    console.print(f"[bold]{backend}[/bold]: starting heartline serve "
                  f"(--workers {args.workers}) …")
    with tempfile.TemporaryDirectory(prefix="heartline-web-load-") as scratch:
        folder = Path(scratch)
        with contextlib.ExitStack() as stack:
            url = stack.enter_context(postgres_schema(args.postgres)) \
                if backend == "postgres" else None
            base, process = stack.enter_context(running_server(url, args.workers, folder))
            result = asyncio.run(load(base, process, args))
    shown = "SQLite file in the temporary HEARTLINE_HOME" if backend == "sqlite" else \
        f"{args.postgres} (a schema of its own, dropped afterwards)"
    return {"database": shown, **result}


BLAS_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def blas_threads() -> str:
    """The BLAS thread settings the server inherits from this environment."""
    given = [f"{k}={os.environ[k]}" for k in BLAS_VARIABLES if k in os.environ]
    return ", ".join(given) or "serve's default (1 a request)"


def ms(value: float) -> str:
    return f"{value:.1f}"


def report(backend: str, result: dict[str, Any], args: Any) -> list[Row]:
    from rich.table import Table

    table = Table(title=f"web load, {backend}: {args.partners} partners, {args.seconds:g} s, "
                        f"{'closed loop (--no-think)' if args.no_think else 'typing with pauses'}"
                        f", {args.workers} worker(s), BLAS threads: {blas_threads()}",
                  title_justify="left")
    for column in ("endpoint", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms",
                   "errors"):
        table.add_column(column, justify="left" if column == "endpoint" else "right")

    def add(name: str, s: dict[str, Any], style: str = "") -> None:
        table.add_row(name, str(s["requests"]), f"{s['per_s']:.1f}", ms(s["p50_ms"]),
                      ms(s["p95_ms"]), ms(s["p99_ms"]), ms(s["max_ms"]), str(s["errors"]),
                      style=style)

    for name in ENDPOINTS:
        add(name, result["endpoints"][name])
    add("live feedback (both)", result["live_feedback"], "bold")
    add("all", result["all"], "bold")
    console.print(table)
    console.print(f"  live feedback p50 / p99 ms by {TIMELINE_S} s of sending: " + ", ".join(
        f"{b['p50_ms']:.0f}/{b['p99_ms']:.0f}" for b in result["live_feedback_timeline"]))
    for name, endpoint in result["endpoints"].items():
        for message in endpoint["first_errors"]:
            console.print(f"  [red]error[/red] {name}: {message}")
    live, cpu, lag = result["live_feedback"], result["cpu"], result["client_loop_lag_ms"]
    rows = [
        Row(f"{backend}: live feedback p99", f"{live['p99_ms']:.1f} ms",
            f"< {TARGET_P99_MS:g} ms", live["p99_ms"] < TARGET_P99_MS),
        Row(f"{backend}: errors, all endpoints", str(result["all"]["errors"]), "0",
            result["all"]["errors"] == 0),
        Row(f"{backend}: live feedback queued behind one in flight / superseded",
            f"{result['live_queued_behind_one_in_flight']} / {result['live_superseded']}"),
        Row(f"{backend}: client event-loop lag p50 / p99 / max",
            f"{lag['p50']:.1f} / {lag['p99']:.1f} / {lag['max']:.1f} ms"),
        Row(f"{backend}: CPU cores: server / client / postgres / others",
            f"{cpu['server_cores']:.2f} / {cpu['client_cores']:.2f} / "
            f"{cpu['postgres_cores']:.2f} / {cpu['other_cores']:.2f}"),
        Row(f"{backend}: server CPU per request", f"{result['server_cpu_ms_per_request']:.1f} ms"),
        Row(f"{backend}: machine busy ({os.cpu_count()} cores)",
            f"{cpu['machine_busy_pct']:.0f} %"),
    ]
    return rows


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    parser = arg_parser(__doc__)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both",
                        help="database(s) to serve from (default %(default)s)")
    parser.add_argument("--seconds", type=float, default=60.0,
                        help="length of the measured window (default %(default)s)")
    parser.add_argument("--partners", type=int, default=50,
                        help="simulated people, an even number: they pair up (default "
                             "%(default)s)")
    parser.add_argument("--workers", type=int, default=None,
                        help="heartline serve --workers (default: serve's own default)")
    parser.add_argument("--no-think", action="store_true",
                        help="closed loop without pauses: the most the server can do")
    parser.add_argument("--postgres", default=os.environ.get("HEARTLINE_TEST_POSTGRES",
                                                             DEFAULT_POSTGRES),
                        help="PostgreSQL database to make a scratch schema in (default "
                             "$HEARTLINE_TEST_POSTGRES or %(default)s)")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed (default 0)")
    args = parser.parse_args()
    if args.partners < 2 or args.partners % 2:
        fail("--partners must be an even number of at least 2")
    if args.seconds <= 0:
        fail("--seconds must be positive")

    ensure_heartline()
    require_heads()
    try:
        import httpx  # noqa: F401
    except ImportError:
        fail("the 'httpx' package is not installed (pip install httpx)")
    default_workers = serve_default_workers()
    if args.workers is None:
        args.workers = default_workers
    # A polite stop (kill, or the terminal closing) unwinds like Ctrl-C: servers stop,
    # the scratch schema is dropped.
    signal.signal(signal.SIGTERM, _interrupt)
    load_before = check_idle()
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    results: dict[str, Any] = {}
    rows: list[Row] = []
    try:
        for backend in backends:
            results[backend] = run_backend(backend, args)
            rows += report(backend, results[backend], args)
    except KeyboardInterrupt:
        fail("interrupted; the server was stopped and scratch data removed", 130)
    print_table("web load: targets", rows)
    write_results("web_load", {
        "mode": "closed loop (--no-think)" if args.no_think else "typing with pauses",
        "partners": args.partners, "seconds": args.seconds, "workers": args.workers,
        "serve_default_workers": default_workers, "seed": args.seed,
        "model": {"debounce_s": DEBOUNCE_S, "key_s": KEY_S, "pause_s": PAUSE_S,
                  "draft_words": DRAFT_WORDS, "between_drafts_s": BETWEEN_DRAFTS_S,
                  "queueing": "htmx default: one in flight, latest queued"},
        "server_blas_threads": blas_threads(),
        "backends": results,
        "load_average": {"before": load_before, "after": os.getloadavg()[0]},
        "targets": {"live_feedback_p99_ms": f"< {TARGET_P99_MS:g}", "errors": 0},
    })


if __name__ == "__main__":
    main()
