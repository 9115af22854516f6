"""Shared fixtures: small hand-written articles written into tmp_path, a WARC builder, settings."""
from __future__ import annotations

import io
import json
import os
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph import Settings, Store, analyze

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# Invented stories (original text written for these tests): headline, then paragraphs.
STORIES: dict[str, tuple[str, list[str]]] = {
    "ferry": ("Island Ferry Resumes Winter Crossings After Engine Refit", [
        ("The small car ferry between Haldor and the outer islands returned to service on Monday "
         "after six weeks in the repair yard at Brenvik."),
        ("Passengers queued from dawn at the slipway, and the first crossing left on time despite "
         "a stiff northerly wind."),
        ("The operator said the new engines burn less fuel and should cut the journey by a quarter "
         "of an hour."),
    ]),
    "bakery": ("Mountain Village Bakers Form A Cooperative To Save Their Oven", [
        ("Seven households in the hill village of Oskarden have pooled their savings to keep the "
         "only bread oven in the valley burning through the winter."),
        ("The oven, built by a stonemason more than a century ago, was due to close when its owner "
         "retired in the spring."),
        ("Members will take turns at the dough trough, and the first loaves of the cooperative went "
         "on sale on Saturday morning."),
    ]),
    "library": ("University Library Opens Around The Clock During Exam Season", [
        ("Students at the Redwater campus will be able to use the main reading room at any hour "
         "until the end of the examination period."),
        ("The library director said night staff had been hired for six weeks and that the cafe on "
         "the ground floor would stay open until midnight."),
        ("Student representatives welcomed the change but asked for more quiet rooms on the upper "
         "floors."),
    ]),
    "bridge": ("Rail Bridge Repairs Finish Three Weeks Ahead Of Schedule", [
        ("Trains crossed the old iron bridge over the Sella river again on Friday, three weeks "
         "earlier than the rail company had promised."),
        ("Crews worked through the night to replace rusted girders and repaint the arches in the "
         "original dark green."),
        ("Commuters from the river towns had faced bus detours that added almost an hour to each "
         "journey during the closure."),
    ]),
    "seabirds": ("Volunteers Count Record Number Of Puffins On Northern Cliffs", [
        ("A team of forty volunteers counted more puffins on the Skarra cliffs this summer than in "
         "any year since records began."),
        ("The count, carried out from small boats and clifftop hides, found nearly nine thousand "
         "nesting pairs along the headland."),
        ("Birdwatchers credited a ban on sand eel fishing near the colony, though scientists warned "
         "that one good year proves little."),
    ]),
    "windfarm": ("Coastal District Holds First Hearing On Offshore Wind Farm", [
        ("Residents of the Morvale coast packed the community hall on Wednesday evening for the "
         "first public hearing on a planned offshore wind farm."),
        ("Developers showed drawings of forty turbines placed twelve kilometres from the shore, "
         "far enough, they said, to be barely visible on a hazy day."),
        ("Several fishermen asked who would pay if the cables disturbed the crab grounds, and the "
         "developers promised a written answer within a month."),
    ]),
}


def story_text(key: str, *, headline: bool = True, extra: list[str] | None = None) -> str:
    """A story as plain text: headline line, then one paragraph a line."""
    head, paras = STORIES[key]
    lines = ([head] if headline else []) + paras + (extra or [])
    return "\n".join(lines) + "\n"


def story_html(key: str, *, url: str | None = None, author: str | None = None,
               site: str | None = None, date: str | None = None) -> str:
    """A small complete HTML page for a story, with optional metadata tags."""
    head, paras = STORIES[key]
    metas = []
    if author:
        metas.append(f'<meta name="author" content="{author}">')
    if site:
        metas.append(f'<meta property="og:site_name" content="{site}">')
    if date:
        metas.append(f'<meta property="article:published_time" content="{date}">')
    if url:
        metas.append(f'<link rel="canonical" href="{url}">')
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{head}</title>'
            f'{"".join(metas)}</head><body><nav><a href="/">Home</a> <a href="/local">Local</a></nav>'
            f"<article><h1>{head}</h1>{body}</article>"
            f"<footer><p>Contact the newsroom by post.</p></footer></body></html>")


def write_warc(path: Path, pages: list[tuple[str, str, str]], gzip: bool = True) -> Path:
    """Write a deterministic WARC of HTTP response records (url, body, content type)."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for k, (url, body, ctype) in enumerate(pages):
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            headers = {"WARC-Date": f"2024-05-06T10:00:{k:02d}Z",
                       "WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>"}
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode("utf-8")), http_headers=http,
                warc_headers_dict=headers))
    return path


def write_jsonl(path: Path, rows: list[object | str]) -> Path:
    """Rows are dicts (dumped as JSON) or raw strings (written as they are)."""
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Callable[..., Settings]:
    """Settings for a store in tmp_path; NLP off unless asked (these tests are about ingest)."""
    def make(**overrides: object) -> Settings:
        values: dict[str, object] = {"db": str(tmp_path / "store.duckdb"), "nlp": False}
        values.update(overrides)
        return Settings(**values).validate()
    return make


@pytest.fixture
def run(settings: Callable[..., Settings]):
    """analyze() the given paths into the test's store; returns the RunReport."""
    def go(paths: list[str | os.PathLike], **overrides: object):
        s = settings(**overrides)
        with Store(s.db) as store:
            return analyze([str(p) for p in paths], store, s)
    return go


@pytest.fixture
def query(settings: Callable[..., Settings]):
    """Rows of a SQL query over the test's store."""
    def q(sql: str, params: list | tuple = ()) -> list[tuple]:
        with Store(settings().db, read_only=True) as store:
            return store.query(sql, params).fetchall()
    return q


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, object]:
    """The bundled examples analysed once (NLP off): (database path, RunReport)."""
    db = str(tmp_path_factory.mktemp("examples") / "examples.duckdb")
    s = Settings(db=db, nlp=False)
    with Store(db) as store:
        report = analyze([str(EXAMPLES)], store, s)
    return db, report


@pytest.fixture(scope="session")
def examples_nlp(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled examples analysed once with NLP: the database path."""
    db = str(tmp_path_factory.mktemp("examples_nlp") / "examples.duckdb")
    with Store(db) as store:
        analyze([str(EXAMPLES)], store, Settings(db=db))
    return db
