-- The frame of each sentence's main clause (newsgraph.frames): who — does what — to what, where,
-- when, said by whom. NULL where the article was stored without NLP or the sentence has no verb.
ALTER TABLE sentences ADD COLUMN frame STRUCT(subject VARCHAR, predicate VARCHAR, object VARCHAR, place VARCHAR,
                                              "time" VARCHAR, source VARCHAR, "key" VARCHAR[]);
