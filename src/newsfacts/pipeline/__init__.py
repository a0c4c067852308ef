"""The extractors: each a pure function of (Doc, Article) and the facts it depends on."""
