"""The explorer's entry point: a router over the pages (see ui/)."""

from __future__ import annotations

import streamlit as st

from ui.registry import build_navigation

st.set_page_config(page_title="Carto santé IdF", page_icon="🧭", layout="wide")
build_navigation().run()
