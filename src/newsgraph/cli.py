"""The `newsgraph` command: each command parses its arguments, makes one library call, renders."""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
import threading
from typing import Annotated, Optional

import duckdb
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TransferSpeedColumn
from rich.table import Table

from . import __version__
from .config import load_settings
from .errors import NewsgraphError, UsageError
from .ingest import list_files
from .pipeline import RunReport
from .pipeline import analyze as run_analyze
from .records import InputError
from .store import Store
from .store.gdelt import gdelt_lines
from .store.store import dumps_row, to_json

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="newsgraph: analyse news coverage offline and explore what it says.")
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

DbOpt = Annotated[Optional[str], typer.Option("--db", help="DuckDB file (default ./newsgraph.duckdb).")]


def _fail(exc: NewsgraphError) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(str(exc))}")
    return typer.Exit(2 if isinstance(exc, UsageError) else 1)


def _internal(exc: Exception) -> typer.Exit:
    """A bug: one line, not a traceback (NEWSGRAPH_DEBUG=1 shows it)."""
    if os.environ.get("NEWSGRAPH_DEBUG"):
        raise exc
    err.print(f"[red]internal error:[/red] {escape(f'{type(exc).__name__}: {exc}')}. "
              "Set NEWSGRAPH_DEBUG=1 for the traceback and report it.")
    return typer.Exit(1)


def _version(value: bool) -> None:
    if value:
        out.print(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """newsgraph: analyse news coverage offline and explore what it says."""


def _total_bytes(paths: list[str]) -> int | None:
    if "-" in paths:
        return None
    total = 0
    for item in list_files(paths):
        if isinstance(item, str):
            try:
                total += os.path.getsize(item)
            except OSError:
                pass
    return total


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for JSON Lines on stdin.")],
    db: DbOpt = None,
    workers: Annotated[Optional[int], typer.Option(help="Worker processes (default 1).")] = None,
    batch_size: Annotated[Optional[int], typer.Option(help="Articles stored per transaction.")] = None,
    max_bytes: Annotated[Optional[int], typer.Option(help="Largest input for one article.")] = None,
    nlp: Annotated[Optional[bool], typer.Option("--nlp/--no-nlp",
                                                help="Extract actors and quotes (default on).")] = None,
) -> None:
    """Read, clean and store articles: .txt, .html, .jsonl, .warc[.gz], directories, or -."""
    try:
        settings = load_settings(db=db, workers=workers, batch_size=batch_size, max_bytes=max_bytes,
                                 nlp=nlp)
        with Store(settings.db, memory_limit=settings.db_memory) as store:
            report = _analyze_with_progress(paths, store, settings)
    except NewsgraphError as exc:
        raise _fail(exc) from None
    except KeyboardInterrupt:
        err.print("interrupted: every batch stored so far is kept; run again to finish")
        raise typer.Exit(130) from None
    except Exception as exc:  # a bug: one line, and what the user can rely on
        if os.environ.get("NEWSGRAPH_DEBUG"):
            raise
        err.print(f"[red]internal error:[/red] {escape(f'{type(exc).__name__}: {exc}')}. Every batch "
                  "stored before it is kept; set NEWSGRAPH_DEBUG=1 for the traceback and report it.")
        raise typer.Exit(1) from None
    err.print(f"read {report.read}, new {report.new}, unchanged {report.unchanged}, "
              f"failed {report.failed}  ->  {settings.db}")
    if report.corpus and report.corpus.articles:
        c = report.corpus
        links = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(c.links.items())) or "no copies"
        err.print(f"stories: {c.stories_new} new, {c.stories_touched - c.stories_new} updated{_merged(c)}; {links}")
    raise typer.Exit(1 if report.failed else 0)


def _merged(corpus) -> str:
    n = corpus.stories_merged
    return f", {n} stored {'story' if n == 1 else 'stories'} joined another" if n else ""


def _analyze_with_progress(paths: list[str], store: Store, settings) -> RunReport:
    columns = [TextColumn("[bold]{task.description:<8}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
               TransferSpeedColumn(), TimeElapsedColumn(), TextColumn("{task.fields[counts]}")]
    quiet = not err.is_terminal and os.environ.get("NEWSGRAPH_PROGRESS") != "1"
    with Progress(*columns, console=err, disable=quiet, transient=False) as progress:
        task = progress.add_task("analyse", total=_total_bytes(paths), counts="")

        def on_progress(nbytes: int, report: RunReport) -> None:
            progress.update(task, advance=nbytes, counts=f"{report.read} read, {report.new} new, "
                            f"{report.unchanged} unchanged, {report.failed} failed")

        def on_error(error: InputError) -> None:
            progress.console.print(f"[red]failed:[/red] {escape(str(error))}", soft_wrap=True)

        stories: list = []

        def on_corpus(done: int, total: int) -> None:
            if not stories:
                stories.append(progress.add_task("stories", total=total, counts="copies, rewrites, stories"))
            progress.update(stories[0], advance=done)

        return run_analyze(paths, store, settings, on_progress, on_error, on_corpus)


@app.command()
def export(
    table: Annotated[str, typer.Argument(help="Table: articles, entities, quotes, events, failures, stories, "
                                              "links, claims, event_clusters.")],
    db: DbOpt = None,
    format: Annotated[str, typer.Option("--format", "-f",
                                        help="jsonl, csv, parquet, or gdelt (events only).")] = "jsonl",
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="File (default stdout).")] = None,
) -> None:
    """Export a table as JSON Lines, CSV or Parquet, or the events as GDELT 2.0 event rows (TSV)."""
    try:
        if format not in ("jsonl", "csv", "parquet", "gdelt"):
            raise UsageError(f"unknown format {format!r}; choose jsonl, csv, parquet or gdelt")
        if format == "gdelt" and table != "events":
            raise UsageError("the gdelt format is for the events table")
        if format == "parquet" and not output:
            raise UsageError("parquet is binary: give a file with -o")
        with Store(load_settings(db=db).db, read_only=True) as store:
            if format == "parquet":
                store.copy_to(table, output, format)
            else:
                _write_rows(store, table, format, output)
    except NewsgraphError as exc:
        raise _fail(exc) from None
    except (OSError, duckdb.Error) as exc:
        raise _fail(UsageError(f"cannot write {output or 'the export'}: {exc}")) from None
    except Exception as exc:
        raise _internal(exc) from None


def _write_rows(store: Store, table: str, fmt: str, output: str | None) -> None:
    # read before the export cursor opens: a second query on the connection would end it
    urls = dict(store.query("SELECT id, coalesce(url, path) FROM articles").fetchall()) if fmt == "gdelt" else {}
    columns, rows = store.export_rows(table)
    stream = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "gdelt":
            added = dt.datetime.now().strftime("%Y%m%d%H%M%S")
            for line in gdelt_lines(columns, rows, urls, added):
                stream.write(line + "\n")
        elif fmt == "jsonl":
            for row in rows:
                stream.write(dumps_row(columns, row) + "\n")
        else:
            writer = csv.writer(stream)
            writer.writerow(columns)
            for row in rows:
                writer.writerow([json.dumps(to_json(v), ensure_ascii=False) if isinstance(v, (list, dict))
                                 else to_json(v) for v in row])
    finally:
        if output:
            stream.close()


@app.command()
def stats(db: DbOpt = None,
          as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Show what the store holds."""
    try:
        with Store(load_settings(db=db).db, read_only=True) as store:
            data = store.stats()
    except NewsgraphError as exc:
        raise _fail(exc) from None
    if as_json:
        out.print_json(json.dumps(to_json(data)))
        return
    table = Table(title=f"newsgraph store {data['database']}", show_header=False)
    for key in ("schema_version", "articles", "failures", "entities", "quotes",
                "statements_in_several_articles"):
        table.add_row(key, str(data[key]))
    lo, hi = data["published"]
    table.add_row("published", f"{lo or '?'} .. {hi or '?'}")
    for key in ("by_format", "by_outlet", "flags", "removed_lines", "top_actors", "top_speakers"):
        table.add_row(key, ", ".join(f"{k} {v}" for k, v in data[key].items()) or "-")
    out.print(table)


@app.command()
def brief(
    db: DbOpt = None,
    story: Annotated[Optional[str], typer.Option("--story", help="Story id or prefix (default: the story "
                                                 "with most independent outlets).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="md or html.")] = "md",
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="File (default stdout).")] = None,
) -> None:
    """Print a story's briefing: summary, timeline, who said what, corroborated and single-source
    claims, source notes and framing, every line cited to its articles."""
    try:
        if format not in ("md", "html"):
            raise UsageError(f"unknown format {format!r}; choose md or html")
        with Store(load_settings(db=db).db, read_only=True) as store:
            text = store.briefing(story, format)
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            sys.stdout.write(text)
    except NewsgraphError as exc:
        raise _fail(exc) from None
    except OSError as exc:
        raise _fail(UsageError(f"cannot write {output}: {exc}")) from None
    except Exception as exc:
        raise _internal(exc) from None


@app.command()
def summary(
    db: DbOpt = None,
    story: Annotated[Optional[str], typer.Option("--story", help="Story id or prefix (default: the story "
                                                 "with most independent outlets).")] = None,
    words: Annotated[int, typer.Option("--words", "-w", help="At most this many words.")] = 60,
    sentences: Annotated[int, typer.Option("--sentences", "-k", help="At most this many sentences.")] = 3,
    language: Annotated[Optional[str], typer.Option("--language", "-l", help="From the articles in this "
                                                   "language only (a code: en, de, es...; default: the "
                                                   "language most of the story's articles are in).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON: the sentences with their articles "
                                          "and character offsets.")] = False,
) -> None:
    """Summarise a story in as many words as you have time for, every sentence cited."""
    try:
        with Store(load_settings(db=db).db, read_only=True) as store:
            data = store.story_summary(story, words=words, sentences=sentences, language=language)
    except NewsgraphError as exc:
        raise _fail(exc) from None
    except Exception as exc:
        raise _internal(exc) from None
    if as_json:
        out.print_json(json.dumps(to_json(data)))
        return
    out.print(f"[bold]{escape(data['title'] or '(untitled story)')}[/bold]  [dim]{data['story']}: "
              f"{data['articles']} articles, {data['independent_outlets']} independent outlets"
              f"{'; in ' + data['language'] if data['language'] else ''}[/dim]")
    if not data["sentences"]:
        out.print(f"no summary: no sentence{' in ' + data['language'] if language else ''} of this "
                  f"story fit for a summary has {words} words or fewer")
    for s in data["sentences"]:
        out.print(f"- {escape(s['text'])} [dim]({escape(s['outlet'] or s['url'] or s['article_id'])})[/dim]",
                  soft_wrap=True)


@app.command()
def stories(db: DbOpt = None,
            limit: Annotated[int, typer.Option(help="How many stories to list.")] = 20) -> None:
    """List the stories: id, articles, outlets (independent), dates and title."""
    try:
        with Store(load_settings(db=db).db, read_only=True) as store:
            rows = store.story_list(limit)
    except NewsgraphError as exc:
        raise _fail(exc) from None
    except Exception as exc:
        raise _internal(exc) from None
    table = Table(title="stories")
    for col in ("story", "articles", "outlets", "independent", "dates", "title"):
        table.add_column(col)
    for r in rows:
        dates = f"{r['first_date'] or '?'} .. {r['last_date'] or '?'}" if r["first_date"] else "-"
        table.add_row(r["id"], str(r["articles"]), str(r["outlets"]), str(r["independent_outlets"]), dates,
                      escape(r["title"] or ""))
    out.print(table)


@app.command("join-stories")
def join_stories(story: Annotated[str, typer.Argument(help="The story to join to another (id or id prefix).")],
                 into: Annotated[str, typer.Argument(help="The story it joins (id or id prefix).")],
                 db: DbOpt = None) -> None:
    """Join two stories the engine kept apart: STORY's articles move to INTO, STORY's id leads to INTO."""
    try:
        with _existing_store(db) as store:
            done = store.join_stories(story, into)
            n = store.query("SELECT articles FROM stories WHERE id = ?", [done.story]).fetchone()[0]
    except NewsgraphError as exc:
        raise _fail(exc) from None
    except Exception as exc:
        raise _internal(exc) from None
    err.print(f"story {done.aliases[0]} joined story {done.story} ({n} articles); {done.aliases[0]} now leads to it",
              soft_wrap=True)
    _curated_end(done)


@app.command("move-article")
def move_article(article: Annotated[str, typer.Argument(help="Article id (or a prefix), path or URL.")],
                 to: Annotated[Optional[str], typer.Option("--to", help="The story to move it to (id or prefix).")
                               ] = None,
                 new: Annotated[bool, typer.Option("--new", help="Move it to a story of its own.")] = False,
                 db: DbOpt = None) -> None:
    """Move an article the engine put in the wrong story to another story (--to) or its own (--new)."""
    if (to is None) == (not new):
        raise _fail(UsageError("give --to STORY or --new (one of them)"))
    try:
        with _existing_store(db) as store:
            aid = store.find_article(article)["id"]
            was = store.query("SELECT story_id FROM corpus_articles WHERE article_id = ?", [aid]).fetchone()
            done = store.move_article(aid, to)
    except NewsgraphError as exc:
        raise _fail(exc) from None
    except Exception as exc:
        raise _internal(exc) from None
    err.print(f"article {aid} is now in story {done.story}" + (
        f"; story {done.aliases[0]}, left empty, now leads to it" if done.aliases else ""), soft_wrap=True)
    if done.copies_left:
        n = len(done.copies_left)
        err.print(f"note: {'a copy of it stays' if n == 1 else f'{n} copies of it stay'} in story {was[0]} "
                  f"({', '.join(done.copies_left)}); `newsgraph move-article` moves them too", soft_wrap=True)
    _curated_end(done)


def _existing_store(db: str | None) -> Store:
    """The store to correct, which must exist (a mistyped --db must not make an empty one)."""
    path = load_settings(db=db).db
    if not os.path.exists(path):
        raise UsageError(f"no store at {path}; give the --db of an analysed store")
    return Store(path)


def _curated_end(done) -> None:
    if done.stale:
        err.print(f"[yellow]warning:[/yellow] the claims and summaries of {', '.join(done.stale)} could not be "
                  "rebuilt now; the next `newsgraph analyze` rebuilds them", soft_wrap=True)
        raise typer.Exit(1)


@app.command()
def sql(query: Annotated[str, typer.Argument(help="A SQL query over the store.")], db: DbOpt = None) -> None:
    """Run a read-only SQL query and print the rows as JSON Lines."""
    try:
        with Store(load_settings(db=db).db, read_only=True) as store:
            cur = store.query(query)
            columns = [d[0] for d in cur.description]
            for row in cur.fetchall():
                out.print(dumps_row(columns, row), markup=False, highlight=False, soft_wrap=True)
    except NewsgraphError as exc:
        raise _fail(exc) from None


@app.command()
def show(article: Annotated[str, typer.Argument(help="Article id (or a prefix), path or URL.")],
         db: DbOpt = None) -> None:
    """Show one article: metadata, clean text, and every removed line with its reason."""
    try:
        with Store(load_settings(db=db).db, read_only=True) as store:
            row = store.find_article(article)
    except NewsgraphError as exc:
        raise _fail(exc) from None
    for key in ("id", "source", "outlet", "title", "author", "published", "language", "credits", "flags"):
        out.print(f"[bold]{key}:[/bold] {row[key]}")
    out.rule("text")
    out.print(row["text"], markup=False)
    out.rule("removed")
    for r in row["removed"]:
        out.print(f"line {r['line']:>4} [dim]{r['reason']:<20}[/dim] {r['text'][:100]}", soft_wrap=True)


@app.command()
def serve(db: DbOpt = None,
          host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0: every network).")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
          edits: Annotated[bool, typer.Option("--edits", help="Take corrections of stories from the dashboard "
                                              "and the API (join stories, move articles); each opens the "
                                              "store for writing while no request reads it.")] = False) -> None:
    """Serve the web dashboard and the REST API of a store (read-only unless --edits; /docs lists the API)."""
    import uvicorn

    from .api import create_app

    try:
        path = load_settings(db=db).db
        web = create_app(path, edits=edits)
    except NewsgraphError as exc:
        raise _fail(exc) from None
    # the first briefing loads the language tables and sentence models (seconds): load them now, aside
    threading.Thread(target=_warm_up, args=(path, web.state.access), daemon=True).start()
    out.print(f"newsgraph dashboard on http://{host}:{port}/ (the API: /docs); "
              + ("it takes corrections of stories; " if edits else "") + "Ctrl-C stops it", soft_wrap=True)
    uvicorn.run(web, host=host, port=port, log_level="warning", timeout_graceful_shutdown=2)


def _warm_up(path: str, access) -> None:
    try:  # (as a request reads it: after any correction under way, none starting meanwhile)
        with access.read_blocking(), Store(path, read_only=True) as store:
            store.briefing()
    except Exception:  # an empty or busy store: the first request will say so
        pass


@app.command()
def spark(
    paths: Annotated[list[str], typer.Argument(help="Input files or folders, on a filesystem every executor sees.")],
    out: Annotated[str, typer.Option("--out", "-o", help="Folder for the Parquet tables (shared too).")],
    master: Annotated[Optional[str], typer.Option(help="Spark master, e.g. local[4] or spark://host:7077 "
                                                  "(default: Spark's own, or spark-submit's).")] = None,
    partitions: Annotated[Optional[int], typer.Option(help="Tasks (default: 4 per core, at most one a file).")] = None,
    max_bytes: Annotated[Optional[int], typer.Option(help="Largest input for one article.")] = None,
    nlp: Annotated[Optional[bool], typer.Option("--nlp/--no-nlp", help="Extract actors, quotes and events.")] = None,
) -> None:
    """Read, clean and extract a large corpus with Apache Spark, writing Parquet tables that
    `newsgraph import` loads into a store (then its stories, copies and claims are made)."""
    from .spark import run, session

    try:
        settings = load_settings(max_bytes=max_bytes, nlp=nlp)
        report = run(session(master), paths, out, settings, partitions)
    except NewsgraphError as exc:
        raise _fail(exc) from None
    err.print(f"files {report.files}, read {report.read}, articles {report.articles}, failed {report.failed} "
              f"in {report.partitions} tasks  ->  {out} (next: newsgraph import {out} --db DB)", soft_wrap=True)
    raise typer.Exit(1 if report.failed else 0)  # as analyze: some inputs failed (the failures table names them)


@app.command("import")
def import_(folder: Annotated[str, typer.Argument(help="A folder `newsgraph spark` wrote.")], db: DbOpt = None) -> None:
    """Load the Parquet tables of `newsgraph spark` into a store, then make its stories and claims."""
    from .corpus.update import update as update_corpus
    from .store.parquet import check_folder, import_folder

    try:
        settings = load_settings(db=db)
        check_folder(folder)  # before the store is made
        with Store(settings.db, memory_limit=settings.db_memory) as store:
            report = import_folder(store, folder)
            if report.extracted:
                store.resolve_short_names()
            corpus = store.update_corpus(update_corpus) if settings.stories else None
    except NewsgraphError as exc:
        raise _fail(exc) from None
    err.print(f"new {report.new}, extracted {report.extracted}, failed inputs {report.failed}  ->  {settings.db}")
    if corpus and corpus.articles:
        err.print(f"stories: {corpus.stories_new} new, {corpus.stories_touched - corpus.stories_new} updated"
                  f"{_merged(corpus)}")
