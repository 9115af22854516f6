"""Cross-article work: statements matched across outlets (later: copies, stories, claims)."""
