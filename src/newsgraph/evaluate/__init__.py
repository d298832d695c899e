"""Scorers for the standard gold formats, one module per task (``newsgraph eval TASK``):
time (TempEval-3), attribution (PolNeAR brat), certainty (hedge cues), events (PLV),
places (GeoWebNews). Each reads gold and system output and returns plain figures."""
