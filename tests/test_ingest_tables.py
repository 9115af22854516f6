"""Articles in CSV/TSV tables and in whole JSON documents."""
from __future__ import annotations

import csv
import gzip
import json

from conftest import story_text

from newsgraph import InputError, RawDoc, make_article
from newsgraph.ingest import iter_inputs, read_path

MAX = 1_000_000


def read(path, max_bytes: int = MAX) -> list[RawDoc | InputError]:
    return list(read_path(str(path), max_bytes))


def write_csv(path, header, rows, delimiter=","):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8", newline="") as f:
        out = csv.writer(f, delimiter=delimiter)
        out.writerow(header)
        out.writerows(rows)
    return path


def test_a_csv_of_articles_with_a_data_sets_column_names_is_read_row_by_row(tmp_path):
    path = write_csv(tmp_path / "news.csv", ["id", "title", "publication", "author", "date", "url", "content"], [
        ["1", "Ferry back", "Haldor Post", "Ida Brenna", "2024-01-08", "https://h.example/ferry", story_text("ferry")],
        ["2", "Empty", "Haldor Post", "", "2024-01-08", "https://h.example/empty", "   "],
        ["3", "Bakery", "Valley News", "", "9 January 2024", "", story_text("bakery")],
    ])
    items = read(path)
    docs = [x for x in items if isinstance(x, RawDoc)]
    errors = {x.source: x.reason for x in items if isinstance(x, InputError)}
    assert [d.source for d in docs] == ["https://h.example/ferry", f"{path}#3"]
    # named by the line the row ends on: the header, then the first row's five lines (its cell holds newlines)
    assert list(errors) == [f"{path}:7"] and errors[f"{path}:7"].startswith("no article")
    first = make_article(docs[0])
    assert (first.outlet, first.title, first.author, first.published, first.fmt) == (
        "Haldor Post", "Ferry back", "Ida Brenna", "2024-01-08", "csv")
    assert make_article(docs[1]).published == "2024-01-09"
    assert docs[0].content == story_text("ferry")  # newlines inside a quoted cell are kept


def test_tsv_and_gzipped_csv_are_read(tmp_path):
    lead = "The small car ferry between Haldor and the outer islands returned to service on Monday."
    quoted = '"We missed it," said a farmer, as the ferry to Haldor sailed again on Monday after its refit.'
    tsv = tmp_path / "a.tsv"  # a TSV has no quoting: a cell may begin with a quotation mark
    tsv.write_text(f" Text \tTITLE\n{quoted}\tFerry\n\n{lead}\tFerry again\n", encoding="utf-8")
    gz = write_csv(tmp_path / "b.csv.gz", ["body"], [[story_text("bakery")]])
    assert [(d.content, d.meta["title"]) for d in read(tsv)] == [(quoted, "Ferry"), (lead, "Ferry again")]
    assert [d.content for d in read(gz)] == [story_text("bakery")]


def test_bad_tables_are_named_in_one_line(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    no_text = write_csv(tmp_path / "no_text.csv", ["title", "date"], [["A", "2024-01-01"]])
    header_only = write_csv(tmp_path / "header.csv", ["title", "text"], [])
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"text\ncaf\xe9 on the quay\n")
    assert read(empty)[0].reason == "empty: no header row"
    assert read(no_text)[0].reason.startswith("no article column: the header has none of text, body")
    assert read(header_only)[0].reason == "empty: a header row and no articles"
    [bad] = read(latin)
    assert bad.source == str(latin) and bad.reason.startswith("not UTF-8 text")


def test_a_row_over_the_limit_is_named_and_the_rest_read(tmp_path):
    path = write_csv(tmp_path / "big.csv", ["text"], [["word " * 400], [story_text("ferry")]])
    items = read(path, max_bytes=1_000)
    assert isinstance(items[0], InputError) and items[0].source == f"{path}:2"
    assert "row too large" in items[0].reason and items[1].content == story_text("ferry")


def test_a_json_document_of_articles_is_read_element_by_element(tmp_path):
    array = tmp_path / "array.json"
    array.write_text(json.dumps([{"text": story_text("ferry"), "url": "https://h.example/ferry"}, 7,
                                 {"title": "nothing"}]), encoding="utf-8")
    api = tmp_path / "newsapi.json"
    api.write_text(json.dumps({"status": "ok", "totalResults": 1, "articles": [
        {"source": {"id": None, "name": "B News"}, "title": "Bakery", "publishedAt": "2024-02-01T08:00:00Z",
         "url": "https://b.example/bakery", "content": story_text("bakery")}]}), encoding="utf-8")
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"body": story_text("bridge")}), encoding="utf-8")
    items = read(array)
    assert items[0].url == "https://h.example/ferry" and items[0].fmt == "json"
    assert [(x.source, x.reason) for x in items[1:]] == [
        (f"{array}[1]", "expected a JSON object, got int"),
        (f"{array}[2]", items[2].reason)] and items[2].reason.startswith("no article")
    [doc] = read(api)
    article = make_article(doc)
    assert (article.outlet, article.published, article.title) == ("B News", "2024-02-01", "Bakery")
    assert [d.content for d in read(one)] == [story_text("bridge")]


def test_bad_json_documents_are_named_in_one_line(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('[{"text": "a"', encoding="utf-8")
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    scalar = tmp_path / "scalar.json"
    scalar.write_text('"just a string"', encoding="utf-8")
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps([{"text": "word " * 12_000}]), encoding="utf-8")
    assert read(broken)[0].reason.startswith("malformed JSON")
    assert read(empty)[0].reason == "empty: no articles"
    assert read(scalar)[0].reason == "expected an array of articles or an object, got str"
    [err] = read(huge, max_bytes=1_000)
    assert err.source == str(huge) and err.reason.startswith("too large to parse whole")


def test_tables_and_json_documents_are_read_when_named_not_from_a_directory_walk(tmp_path):
    """A data folder holds label sheets and metadata files beside its articles."""
    csv_path = write_csv(tmp_path / "a.csv", ["text"], [[story_text("ferry")]])
    json_path = tmp_path / "b.json"
    json_path.write_text(json.dumps([{"text": story_text("bakery")}]), encoding="utf-8")
    (tmp_path / "c.txt").write_text(story_text("bridge"), encoding="utf-8")
    assert [d.fmt for d in iter_inputs([str(tmp_path)], MAX)] == ["txt"]
    assert sorted(d.fmt for d in iter_inputs([str(csv_path), str(json_path)], MAX)) == ["csv", "json"]


def test_a_large_cell_skips_its_row_and_broken_files_give_one_line(tmp_path):
    big = write_csv(tmp_path / "big.csv", ["text"], [["word " * 40_000], [story_text("ferry")]])
    items = read(big, max_bytes=150_000)  # a 200 kB cell: over the article limit, under the cell limit
    assert "row too large" in items[0].reason and items[1].content == story_text("ferry")
    fake = tmp_path / "fake.csv.gz"
    fake.write_bytes(gzip.compress(b"text\nsome words here\n")[:-12] + b"\x00" * 12)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    for path in (fake, deep):
        [err] = read(path)
        assert isinstance(err, InputError) and err.source == str(path)


def test_newsapi_content_loses_its_cut_off_marker_and_a_source_name_is_the_outlet(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"content": "The ferry to Haldor sailed again on Monday after a refit… [+2154 chars]",
                                 "source": "Haldor Post"},
                                {"text": story_text("bakery"), "source": "/data/feeds/valley.xml"}]),
                    encoding="utf-8")
    first, second = read(path)
    assert first.content == "The ferry to Haldor sailed again on Monday after a refit"
    assert first.meta["outlet"] == "Haldor Post" and "outlet" not in second.meta
