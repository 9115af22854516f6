-- Articles as ingested and cleaned; failures named with their reason; per-outlet line counts.
CREATE TABLE articles (
    id           VARCHAR PRIMARY KEY,      -- hash of source and content
    source       VARCHAR NOT NULL,         -- URL, absolute path, or path#id
    format       VARCHAR NOT NULL,         -- txt | html | jsonl | warc
    path         VARCHAR,
    url          VARCHAR,
    outlet       VARCHAR,
    title        VARCHAR,
    author       VARCHAR,
    published    DATE,
    language     VARCHAR,
    site_name    VARCHAR,
    text         VARCHAR NOT NULL,         -- clean body
    raw_text     VARCHAR NOT NULL,         -- text before cleaning; offsets point into it
    html         VARCHAR,                  -- the page, for HTML inputs
    removed      STRUCT(line INTEGER, text VARCHAR, reason VARCHAR, "start" INTEGER, "end" INTEGER)[],
    repairs      STRUCT(original VARCHAR, repaired VARCHAR, "start" INTEGER, "end" INTEGER)[],
    offsets      STRUCT(clean_start INTEGER, clean_len INTEGER, raw_start INTEGER, raw_len INTEGER)[],
    flags        VARCHAR[],
    content_hash VARCHAR NOT NULL,
    ingested_at  TIMESTAMP NOT NULL
);

CREATE TABLE failures (
    source  VARCHAR PRIMARY KEY,
    reason  VARCHAR NOT NULL,
    seen_at TIMESTAMP NOT NULL
);

CREATE TABLE outlet_lines (
    outlet   VARCHAR NOT NULL,
    line_key VARCHAR NOT NULL,
    docs     INTEGER NOT NULL,
    PRIMARY KEY (outlet, line_key)
);
