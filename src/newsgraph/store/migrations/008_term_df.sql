-- How many articles of the corpus use each term (content words and @actors): the corpus stage
-- lowers the weight of terms most articles share when it matches articles to stories.
CREATE TABLE term_df (
    term VARCHAR PRIMARY KEY,
    df   INTEGER NOT NULL
);
