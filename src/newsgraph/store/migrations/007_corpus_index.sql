-- Story members are looked up by story (rewrite candidates, story rebuilds).
CREATE INDEX corpus_articles_story ON corpus_articles (story_id);
