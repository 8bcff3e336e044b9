"""``heartline serve``: the web app for two partners, each on their own device."""

from __future__ import annotations

import os
import threading
import webbrowser
from typing import Annotated

import typer
from rich.console import Console

from heartline.cli.context import state

HELP = """Serve the web app: each person signs up on their own phone or laptop.

Locally it listens on 127.0.0.1:8000 with SQLite in your heartline folder, and
opens your browser. For two devices at home or hosted use, see "Hosting" in
the README: PostgreSQL, several workers, and a TLS reverse proxy in front.

  heartline serve
  heartline serve --no-browser --port 8080
  heartline --db postgresql://heartline@db/heartline serve --host 0.0.0.0 \
      --workers 4 --secure-cookies
"""
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
BLAS_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Don't open a browser.")
                          ] = False,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes (hosted use).")
                       ] = 1,
    secure_cookies: Annotated[bool, typer.Option(
        "--secure-cookies", help="Mark cookies Secure: use behind an https proxy.")] = False,
) -> None:
    _one_blas_thread_per_request()
    import uvicorn

    from heartline.store import Store
    from heartline.store.settings import DATABASE_VARIABLE
    from heartline.web.main import SECURE_VARIABLE

    console = Console(stderr=True)
    if host not in LOOPBACK:
        console.print(f"[bold yellow]Warning:[/bold yellow] listening on {host} lets other "
                      "machines reach heartline. Put it behind a TLS reverse proxy and use "
                      "--secure-cookies; never expose it over plain http.")
    if state(ctx).db:
        os.environ[DATABASE_VARIABLE] = state(ctx).db or ""
    os.environ[SECURE_VARIABLE] = "1" if secure_cookies else "0"
    Store.open().close()  # migrate once, before any worker starts
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    console.print(f"heartline is at {url}  (Ctrl-C stops it)")
    if not no_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run("heartline.web.main:app_from_environment", factory=True, host=host, port=port,
                workers=workers, proxy_headers=True, log_level="warning")


def _one_blas_thread_per_request() -> None:
    """Let each encoding use one core: the server already runs requests side by side.

    With numpy's default of a thread per core, every small matrix product is
    split across cores that other requests are using, and the threads spend
    their time waiting for each other: 50 people typing replies at once got
    p99 30 s with 2 threads and 71 ms with 1 (benchmarks/web_load.py). Set
    before numpy is first imported; a value the person set themselves stays.
    """
    for name in BLAS_VARIABLES:
        os.environ.setdefault(name, "1")


serve.__doc__ = HELP
