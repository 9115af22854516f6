-- The news agencies each article's page credits for its text (ingest/credits.py): one agency's
-- copies count as one source. Articles stored before keep NULL until the corpus stage reads their
-- pages again (corpus/update.py::_fill_credits), which marks the stories of those it credits for
-- a rebuild.
ALTER TABLE articles ADD COLUMN credits VARCHAR[];
