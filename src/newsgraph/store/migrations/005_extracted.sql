-- Whether an article went through actor, quote and event extraction; a later run with NLP
-- extracts the articles that were stored without it (--no-nlp, or a failed extraction).
ALTER TABLE articles ADD COLUMN extracted BOOLEAN DEFAULT false;
UPDATE articles SET extracted = true WHERE id IN (SELECT DISTINCT article_id FROM entities);
