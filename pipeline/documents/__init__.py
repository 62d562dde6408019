"""One module per output document: its context from the summaries, rendered from its template."""
