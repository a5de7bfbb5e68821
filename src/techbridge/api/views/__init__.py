"""Views of the API, split by what they serve: the catalogue, the caller's own items, the
taxonomy, tokens."""
