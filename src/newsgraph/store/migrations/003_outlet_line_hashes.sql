-- Per-outlet line counts keyed by a 64-bit hash of the line: a far smaller index than the text.
CREATE TABLE outlet_line_hashes AS
    SELECT outlet, hash(line_key) AS line_hash, CAST(sum(docs) AS INTEGER) AS docs
    FROM outlet_lines GROUP BY 1, 2;
DROP TABLE outlet_lines;
CREATE TABLE outlet_lines (
    outlet    VARCHAR NOT NULL,
    line_hash UBIGINT NOT NULL,
    docs      INTEGER NOT NULL,
    PRIMARY KEY (outlet, line_hash)
);
INSERT INTO outlet_lines SELECT * FROM outlet_line_hashes;
DROP TABLE outlet_line_hashes;
