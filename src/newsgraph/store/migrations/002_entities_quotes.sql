-- Actors and quotes found in each article; offsets point into articles.text.
CREATE TABLE entities (
    article_id VARCHAR NOT NULL,
    name       VARCHAR NOT NULL,        -- canonical actor name
    type       VARCHAR NOT NULL,        -- PERSON | ORG | GPE
    country    VARCHAR,                 -- ISO3
    code       VARCHAR,                 -- CAMEO actor code
    role       VARCHAR,
    kb         BOOLEAN NOT NULL,        -- known to the knowledge base
    mentions   STRUCT(text VARCHAR, "start" INTEGER, "end" INTEGER)[],
    PRIMARY KEY (article_id, name)
);

CREATE TABLE quotes (
    id            VARCHAR PRIMARY KEY,  -- article id and offsets
    article_id    VARCHAR NOT NULL,
    speaker       VARCHAR,              -- canonical name, or a description when unnamed
    speaker_code  VARCHAR,
    speaker_named BOOLEAN NOT NULL,
    speaker_text  VARCHAR,              -- the words naming the speaker here
    text          VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,     -- direct | indirect
    cue           VARCHAR,
    "start"       INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    sentence      VARCHAR,
    statement_id  VARCHAR,
    key           VARCHAR[]             -- content lemmas, for matching statements
);
