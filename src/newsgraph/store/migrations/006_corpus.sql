-- Sentence spans from the parse, and the cross-article tables kept by the corpus stage.
CREATE TABLE sentences (
    article_id VARCHAR NOT NULL,
    idx        INTEGER NOT NULL,
    "start"    INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);

-- One row per article the corpus stage has seen: its story, signature and terms.
CREATE TABLE corpus_articles (
    article_id  VARCHAR PRIMARY KEY,
    seq         INTEGER NOT NULL UNIQUE,   -- order of arrival in the corpus stage
    story_id    VARCHAR NOT NULL,
    story_score DOUBLE,                    -- similarity to the story when it joined
    day         DATE,
    text_hash   VARCHAR NOT NULL,          -- hash of the body's words: exact copies
    minhash     UBIGINT[] NOT NULL,
    n_shingles  INTEGER NOT NULL,
    terms       STRUCT(term VARCHAR, w DOUBLE)[],
    summary     STRUCT(idx INTEGER, "start" INTEGER, "end" INTEGER, text VARCHAR)[]
);

-- MinHash LSH bands: articles sharing a (band, key) are near-copy candidates.
CREATE TABLE lsh_bands (
    band UTINYINT NOT NULL,
    key  UBIGINT NOT NULL,
    seq  INTEGER NOT NULL
);

-- article_id copies or rewrites other_id (the earlier one).
CREATE TABLE links (
    article_id VARCHAR NOT NULL,
    other_id   VARCHAR NOT NULL,
    type       VARCHAR NOT NULL,           -- copy | near_copy | rewrite
    score      DOUBLE NOT NULL,
    PRIMARY KEY (article_id, other_id)
);

CREATE TABLE stories (
    id                  VARCHAR PRIMARY KEY,
    first_article       VARCHAR NOT NULL,
    title               VARCHAR,
    articles            INTEGER NOT NULL,
    outlets             INTEGER NOT NULL,
    independent_outlets INTEGER NOT NULL,
    first_date          DATE,
    last_date           DATE,
    terms               STRUCT(term VARCHAR, w DOUBLE)[],
    summary             STRUCT(article_id VARCHAR, "start" INTEGER, "end" INTEGER, text VARCHAR)[],
    updated_at          TIMESTAMP,
    dirty               BOOLEAN NOT NULL DEFAULT true   -- claims and summaries need rebuilding
);

CREATE TABLE event_clusters (
    id                  VARCHAR PRIMARY KEY,
    story_id            VARCHAR NOT NULL,
    label               VARCHAR,
    date                VARCHAR,
    source              VARCHAR,
    source_code         VARCHAR,
    target              VARCHAR,
    target_code         VARCHAR,
    event_code          VARCHAR NOT NULL,
    event_root          VARCHAR NOT NULL,
    negated             BOOLEAN NOT NULL,
    modality            VARCHAR,
    background          BOOLEAN NOT NULL,
    location            VARCHAR,
    mentions            INTEGER NOT NULL,
    articles            INTEGER NOT NULL,
    outlets             INTEGER NOT NULL,
    independent_outlets INTEGER NOT NULL,
    event_ids           VARCHAR[],
    article_ids         VARCHAR[]
);

CREATE TABLE claims (
    id                  VARCHAR PRIMARY KEY,
    story_id            VARCHAR NOT NULL,
    kind                VARCHAR NOT NULL,  -- event | quote | statement
    text                VARCHAR NOT NULL,  -- the claim, normalised or as first reported
    speaker             VARCHAR,
    statement_id        VARCHAR,
    event_cluster_id    VARCHAR,
    mentions            INTEGER NOT NULL,
    articles            INTEGER NOT NULL,
    outlets             INTEGER NOT NULL,
    independent_outlets INTEGER NOT NULL,
    single_source       BOOLEAN NOT NULL,
    salience            DOUBLE,
    evidence            STRUCT(article_id VARCHAR, "start" INTEGER, "end" INTEGER, text VARCHAR)[]
);
