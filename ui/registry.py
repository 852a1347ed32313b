"""The pages of the explorer, in menu order: add a page by adding one entry here."""

from __future__ import annotations

import streamlit as st

from ui import actor_page, console_page, gaps_page, map_page, network_page, overview_page, recommend_page
from ui.i18n import language_switch, t, tr

__all__ = ["build_navigation"]


def build_navigation() -> st.navigation:  # type: ignore[valid-type]
    language_switch()
    pages = [
        st.Page(overview_page.render, title=t("nav.overview"), url_path="overview", default=True),
        st.Page(network_page.render, title=t("nav.network"), url_path="network"),
        st.Page(map_page.render, title=t("nav.map"), url_path="map"),
        st.Page(actor_page.render, title=t("nav.actor"), url_path="actor"),
        st.Page(console_page.render, title=tr(console_page.S, "nav"), url_path="console"),
        st.Page(gaps_page.render, title=tr(gaps_page.S, "nav"), url_path="gaps"),
        st.Page(recommend_page.render, title=tr(recommend_page.S, "nav"), url_path="recommend"),
    ]
    return st.navigation(pages)
