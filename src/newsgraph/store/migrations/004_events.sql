-- Coded events; start/end are the offsets of the sentence that states them in articles.text.
CREATE TABLE events (
    id             VARCHAR PRIMARY KEY,
    article_id     VARCHAR NOT NULL,
    date           VARCHAR,              -- YYYY-MM-DD, YYYY-MM or YYYY
    date_precision VARCHAR,              -- day | month | year
    date_text      VARCHAR,
    source         VARCHAR,
    source_code    VARCHAR,
    target         VARCHAR,
    target_code    VARCHAR,
    event_code     VARCHAR NOT NULL,     -- CAMEO
    event_root     VARCHAR NOT NULL,
    quad_class     INTEGER,
    goldstein      DOUBLE,
    plover         VARCHAR,
    negated        BOOLEAN NOT NULL,
    modality       VARCHAR NOT NULL,     -- asserted | intent | hypothetical
    background     BOOLEAN NOT NULL,
    "symmetric"    BOOLEAN NOT NULL,
    quote_id       VARCHAR,
    location       VARCHAR,
    country        VARCHAR,
    lat            DOUBLE,
    lon            DOUBLE,
    trigger        VARCHAR,
    sentence       VARCHAR,
    "start"        INTEGER NOT NULL,
    "end"          INTEGER NOT NULL
);
