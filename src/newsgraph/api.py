"""The REST API and the web dashboard over one store: a thin face over `newsgraph.store.browse`
(every answer is what the Python API returns, as JSON). Each request opens the store read-only for
itself, so the server shows a store's latest state after each `newsgraph analyze` and reading never
writes to it. Served with corrections allowed (`newsgraph serve --edits`), it also takes the
analyst's corrections of stories (join two stories, move an article), as `newsgraph join-stories`
and `newsgraph move-article` do: each opens the store for writing while no request reads it, and
requests wait for it (one process cannot hold both kinds of connection to one file at once).

    newsgraph serve --db news.duckdb        # then http://127.0.0.1:8000 (dashboard), /docs (API)
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import anyio
from fastapi import APIRouter, Body, Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from . import __version__
from .errors import NewsgraphError, NotFound, ReadOnly, StoreError, UsageError
from .store import Store, browse

WEB = Path(__file__).with_name("web")


def error_body(status: int, message: str) -> JSONResponse:
    """Every error of the API has this one shape."""
    return JSONResponse({"ok": False, "status": status, "error": message}, status_code=status)


def _status(exc: NewsgraphError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, ReadOnly):
        return 403
    if isinstance(exc, UsageError):
        return 400
    return 503 if isinstance(exc, StoreError) else 500


class Access:
    """Readers and one writer of the store in this process: any number of read-only connections at
    once, or one connection for writing with none of them open (DuckDB refuses a connection of the
    other kind to a file one is open to). A writer waiting keeps new readers out. Requests wait on
    the event loop, never in a worker thread: a writer needs a thread to answer, and readers holding
    every thread while they wait would keep it from ever finishing."""

    POLL = 0.01  # seconds between looks while waiting

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._readers = self._waiting = 0
        self._writing = False

    def _enter_read(self) -> bool:
        with self._lock:
            if self._writing or self._waiting:
                return False
            self._readers += 1
            return True

    def _leave_read(self) -> None:
        with self._lock:
            self._readers -= 1

    def _enter_write(self) -> bool:
        with self._lock:
            if self._writing or self._readers:
                return False
            self._writing = True
            return True

    @asynccontextmanager
    async def read(self) -> AsyncIterator[None]:
        while not self._enter_read():
            await anyio.sleep(self.POLL)
        try:
            yield
        finally:
            self._leave_read()

    @contextmanager
    def read_blocking(self) -> Iterator[None]:
        """`read` for a thread of its own (the server's warm-up), waiting in that thread."""
        while not self._enter_read():
            time.sleep(self.POLL)
        try:
            yield
        finally:
            self._leave_read()

    @asynccontextmanager
    async def write(self) -> AsyncIterator[None]:
        with self._lock:
            self._waiting += 1
        try:
            while not self._enter_write():
                await anyio.sleep(self.POLL)
        finally:
            with self._lock:
                self._waiting -= 1
        try:
            yield
        finally:
            with self._lock:
                self._writing = False


async def open_store(request: Request) -> AsyncIterator[Store]:
    """The request's own read-only connection to the app's store (after any correction under way)."""
    async with request.app.state.access.read():
        with Store(request.app.state.db, read_only=True) as store:
            yield store


async def editing(request: Request) -> AsyncIterator[Store]:
    """A connection for writing, for one correction, opened while no request reads the store. Refused
    (403) where the app takes no corrections, where the request comes from a page of another site
    (its Origin), and for a body that is not JSON (415): a page elsewhere cannot send one unasked."""
    if not request.app.state.edits:
        raise ReadOnly("this store is served read-only: start the server with `newsgraph serve --edits` "
                       "to correct its stories")
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise ReadOnly(f"corrections are taken from this server's own pages, not from {origin}")
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise HTTPException(415, "a correction's body is JSON (Content-Type: application/json)")
    async with request.app.state.access.write():
        with Store(request.app.state.db) as store:
            yield store


Db = Annotated[Store, Depends(open_store)]
Limit = Annotated[int, Query(ge=1, le=browse.MAX_LIMIT, description="Rows a page.")]
Offset = Annotated[int, Query(ge=0, le=2**62, description="Rows skipped.")]
Words = Annotated[str | None, Query(description="Only rows holding these words (any case).")]
router = APIRouter(prefix="/api")


@router.get("/stats")
def stats(store: Db) -> dict[str, Any]:
    """What the store holds: articles, stories, outlets, failures, flags, top actors and speakers."""
    return browse.stats(store)


@router.get("/stories")
def stories(store: Db, q: Words = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """The stories, most independent outlets first."""
    return browse.page(store, "stories", q=q, limit=limit, offset=offset)


@router.get("/stories/{story}")
def story(store: Db, story: str) -> dict[str, Any]:
    """One story (an id or its prefix): its articles, the links between them, its counts."""
    return browse.story(store, story)


@router.get("/stories/{story}/briefing", response_model=None)
def briefing(store: Db, story: str, format: Literal["json", "md", "html"] = "json") -> dict[str, Any] | Response:
    """The story's briefing: as data (json), Markdown (md) or a page (html)."""
    if format == "json":
        return browse.briefing(store, story)
    text = store.briefing(story, format)
    return HTMLResponse(text) if format == "html" else PlainTextResponse(text, media_type="text/markdown")


@router.get("/stories/{story}/summary")
def summary(store: Db, story: str, words: Annotated[int, Query(ge=1, le=2000)] = 60,
            sentences: Annotated[int, Query(ge=1, le=50)] = 3, language: str | None = None) -> dict[str, Any]:
    """A summary of the story at the length asked for, every sentence cited with its offsets."""
    return store.story_summary(story, words=words, sentences=sentences, language=language)


@router.get("/articles/{article:path}")
def article(store: Db, article: str) -> dict[str, Any]:
    """One article (id, id prefix, path or URL): text, story, entities, quotes, events, links."""
    return browse.article(store, article)


@router.get("/tables/{table}")
def table(store: Db, table: str, story: str | None = None, article: str | None = None, q: Words = None,
          limit: Limit = 50, offset: Offset = 0,
          full: Annotated[bool, Query(description="Articles with their text.")] = False) -> dict[str, Any]:
    """A page of an export table (`newsgraph export`), of one story or article, holding words."""
    return browse.page(store, table, story=story, article=article, q=q, limit=limit, offset=offset, full=full)


@router.get("/config")
def config(request: Request) -> dict[str, Any]:
    """What this server does: its version and whether it takes corrections (`serve --edits`)."""
    return {"version": __version__, "edits": request.app.state.edits}


def _curated(done) -> dict[str, Any]:
    return {"ok": True, "story": done.story, "aliases": done.aliases, "copies_left": done.copies_left,
            "stale": done.stale}


Editing = Annotated[Store, Depends(editing)]


@router.post("/stories/{story}/join")
def join_story(store: Editing, story: str,
               into: Annotated[str, Body(embed=True, min_length=1, description="The story it joins.")]
               ) -> dict[str, Any]:
    """Join a story to another (`newsgraph join-stories`): its articles move to `into`, its id
    leads there. Only where the server takes corrections (`serve --edits`)."""
    return _curated(store.join_stories(story, into))


@router.post("/articles/{article:path}/move")
def move_article(store: Editing, article: str,
                 to: Annotated[str | None, Body(embed=True, description="The story to move it to; "
                                                "null (given, not left out): a story of its own.")]
                 ) -> dict[str, Any]:
    """Move an article to another story, or to one of its own (`newsgraph move-article`); `copies_left`:
    its copies still in the story it left. Only where the server takes corrections (`serve --edits`)."""
    aid = store.find_article(article)["id"]
    return _curated(store.move_article(aid, to)) | {"article": aid}


@router.get("/sql")
async def sql(request: Request, q: Annotated[str, Query(description="A read-only SQL query.")]) -> dict[str, Any]:
    """The first 1,000 rows of a read-only SQL query over the store, run apart (`browse.sql_rows`);
    a reader like any other (no correction opens the store meanwhile)."""
    async with request.app.state.access.read():
        return await run_in_threadpool(browse.sql_rows, request.app.state.db, q)


def create_app(db: str, edits: bool = False) -> FastAPI:
    """The API and dashboard of the store at `db` (a store error when there is none); `edits`: it
    takes corrections of stories and opens the store for writing."""
    if not os.path.isfile(db):
        raise StoreError(f"no store at {db}: run `newsgraph analyze FILES --db {db}` first")
    app = FastAPI(title="newsgraph", version=__version__,
                  description="Stories, quotes, events and claims of a newsgraph store, every fact cited "
                              "to the article and the characters that state it.")
    app.state.db = db
    app.state.edits = edits
    app.state.access = Access()

    @app.exception_handler(NewsgraphError)
    async def _newsgraph_error(request: Request, exc: NewsgraphError) -> JSONResponse:
        return error_body(_status(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def _bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        said = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}" for e in exc.errors())
        return error_body(400, said)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return error_body(exc.status_code, str(exc.detail))

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=WEB), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(WEB / "index.html")

    return app
