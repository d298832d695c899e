"""Helpers of ``newsgraph.fusion.fuse``: text normalisation and MinHash (text), item features and
pairwise scores (features), thread summaries (threads), persistence (tables).

The public entry point is :func:`newsgraph.fusion.fuse.fuse`.
"""
