"""Up the chain: signed submission bundles from each county, verified and rolled up at the city.

Above report/ and exports/, below tui/. Nothing here imports textual.
"""
