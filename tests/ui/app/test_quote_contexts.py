"""In the window, an article's figures count its own quotations; those inside its
reprint of the source are listed apart (issue 12)."""

from __future__ import annotations

from cablereader.core.verify import IN_REPRINT
from cablereader.ui.documents.documentcells import VERDICT_COLUMNS
from cablereader.ui.quotes.fidelity import REPRINT_FILTER
from tests.conftest import REPRINT
from tests.ui.app.test_mainwindow import show
from tests.ui.app.test_reliability import open_sample


def test_the_reprints_quotations_are_apart_in_the_summary_and_the_table(qtbot) -> None:
    window = open_sample(qtbot)
    show(window, qtbot, REPRINT)
    article = window.analysis.article(REPRINT)
    own = article.own_verdict_counts()
    inside = sum(1 for q in article.quotes if q.context == IN_REPRINT)
    summary = window.summary_label.text()
    assert f"{sum(own.values())} quotations" in summary
    assert f"(and {inside} inside its reprint of the source, not counted)" in summary
    combo = window.quote_table.filter_combo
    assert combo.itemText(combo.findData(REPRINT_FILTER)) == f"In the reprint ({inside})"
    # The document list counts the same: the article's own quotations only.
    index = window.document_list.index_of(REPRINT)
    for verdict, column in VERDICT_COLUMNS.items():
        assert index.siblingAtColumn(column).data() == str(own[verdict])
