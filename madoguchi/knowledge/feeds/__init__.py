"""Feed fetching and parsing (RSS 2.0, RSS 1.0/RDF, Atom) in pure Python, without Django; see the feeds ADR."""
