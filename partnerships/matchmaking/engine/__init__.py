"""The suggestion engine: pure and deterministic, no learned model.

``rows.py`` reads the register once per request (a constant number of queries, whatever its
size) into plain tuples; ``index.py`` turns them into compact look-up structures; ``score.py``
computes each named factor's value for every candidate and ranks them (stable ties: score,
then name, then id); ``explain.py`` writes one sentence per factor in the reader's language,
only for the candidates shown.
"""
