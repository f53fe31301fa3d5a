"""Search across every document of the corpus."""
