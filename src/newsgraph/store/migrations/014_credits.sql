-- The news agencies each article's page credits for its text (ingest/credits.py): one agency's
-- copies count as one source. Articles stored before keep NULL until the corpus stage reads their
-- pages again (corpus/update.py fills them); their stories are rebuilt to count them so.
ALTER TABLE articles ADD COLUMN credits VARCHAR[];
UPDATE stories SET dirty = true;
