"""Language rules kept as data (weakness cues); read by interview/weakness.py."""
