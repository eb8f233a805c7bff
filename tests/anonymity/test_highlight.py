from vraagbaak.anonymity import check_text
from vraagbaak.anonymity.highlight import highlight_findings


def test_highlight_marks_each_finding_with_its_dutch_label_and_escapes_the_rest():
    text = "<b>Bel</b> 06-12345678 of mail a.jansen@example.nl"
    html = highlight_findings(text, check_text(text, use_deduce=False))
    assert html.startswith("&lt;b&gt;Bel&lt;/b&gt; ")
    assert '<mark class="vb-finding" title="telefoonnummer">06-12345678' in html
    assert "a.jansen@example.nl<span" in html and "(e-mailadres)" in html


def test_highlight_accepts_stored_findings_and_skips_spans_outside_the_text():
    text = "Zwangere, 06-12345678"
    stored = [{"start": 10, "end": 21, "label": "phone"}, {"start": 15, "end": 99, "label": "x"}]
    html = highlight_findings(text, stored)
    assert html.count("<mark") == 1
