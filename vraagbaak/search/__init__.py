"""Search: text normalisation, thesaurus and the Elasticsearch backend."""
