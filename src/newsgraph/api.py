"""The REST API and the web dashboard over one store: a thin face over `newsgraph.store.browse`
(every answer is what the Python API returns, as JSON). Each request opens the store read-only, so
the server shows a store's latest state after each `newsgraph analyze` and never writes to it.

    newsgraph serve --db news.duckdb        # then http://127.0.0.1:8000 (dashboard), /docs (API)
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from . import __version__
from .errors import NewsgraphError, NotFound, StoreError, UsageError
from .store import Store, browse

WEB = Path(__file__).with_name("web")


def error_body(status: int, message: str) -> JSONResponse:
    """Every error of the API has this one shape."""
    return JSONResponse({"ok": False, "status": status, "error": message}, status_code=status)


def _status(exc: NewsgraphError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, UsageError):
        return 400
    return 503 if isinstance(exc, StoreError) else 500


def open_store(request: Request) -> Iterator[Store]:
    """The request's own read-only connection to the app's store."""
    with Store(request.app.state.db, read_only=True) as store:
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


@router.get("/sql")
def sql(request: Request, q: Annotated[str, Query(description="A read-only SQL query.")]) -> dict[str, Any]:
    """The first 1,000 rows of a read-only SQL query over the store, run apart (`browse.sql_rows`)."""
    return browse.sql_rows(request.app.state.db, q)


def create_app(db: str) -> FastAPI:
    """The API and dashboard of the store at `db` (a store error when there is none)."""
    if not os.path.isfile(db):
        raise StoreError(f"no store at {db}: run `newsgraph analyze FILES --db {db}` first")
    app = FastAPI(title="newsgraph", version=__version__,
                  description="Stories, quotes, events and claims of a newsgraph store, every fact cited "
                              "to the article and the characters that state it.")
    app.state.db = db

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
