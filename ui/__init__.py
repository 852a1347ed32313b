"""Streamlit pages of the explorer; thin: they call queries/ and ingest/ and render."""
