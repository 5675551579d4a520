"""The full-text index of evidence: what the evidence list's search reads
(`core.search`), built by migration 0007."""

from core.search import SearchIndex

INDEX = SearchIndex("evidence_evidence", ("title", "description", "source_citation"))
