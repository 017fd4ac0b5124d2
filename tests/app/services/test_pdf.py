"""The PDF renderer may load the letter assets and the caller's data URIs, nothing else."""
import pytest

from app.pdf import BASE_URL, AssetFetcher, AssetRefused, asset_path, render_pdf

PAGE = '<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head><body><p>x</p>{body}</body></html>'
PNG_1PX = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk"
           "YAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


def page(head="", body=""):
    return PAGE.format(head=head, body=body)


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://example.org/x.png",
    "https://example.org/x.png",
    BASE_URL + "../pdf.py",
    BASE_URL + "letter.css?x=1",
    "file://evil.example.org" + asset_path(BASE_URL + "letter.css").as_posix(),
])
def test_asset_path_refuses_anything_outside_the_assets(url):
    assert asset_path(url) is None


def test_asset_path_serves_the_assets():
    assert asset_path(BASE_URL + "letter.css").name == "letter.css"
    assert asset_path(BASE_URL + "emblem.svg").name == "emblem.svg"


@pytest.mark.parametrize("markup", [
    ("", '<img src="file:///etc/passwd">'),
    ('<link rel="stylesheet" href="http://example.org/evil.css">', ""),
    ("", '<img src="https://example.org/track.png">'),
    ("", '<img src="../../config.py">'),
    ("<style>body { background: url(/etc/hostname) }</style>", ""),
    ("", f'<img src="{PNG_1PX}">'),   # a data URI the caller did not generate
])
def test_render_refuses_any_other_url(markup):
    fetcher = AssetFetcher()
    with pytest.raises(AssetRefused):
        render_pdf(page(*markup), fetcher=fetcher)
    assert fetcher.refused


def test_fetcher_refuses_without_touching_the_network():
    fetcher = AssetFetcher()
    for url in ("http://example.org/", "file:///etc/passwd"):
        with pytest.raises(BaseException) as caught:
            fetcher.fetch(url)
        assert "letters may only load their own assets" in str(caught.value)
    assert fetcher.refused == ["http://example.org/", "file:///etc/passwd"]


def test_render_loads_assets_and_allowed_data_uris():
    fetcher = AssetFetcher([PNG_1PX])
    pdf = render_pdf(page('<link rel="stylesheet" href="letter.css">',
                          f'<img src="emblem.svg"><img src="{PNG_1PX}">'), fetcher=fetcher)
    assert pdf.startswith(b"%PDF-")
    assert fetcher.refused == []
    assert BASE_URL + "letter.css" in fetcher.asked and PNG_1PX in fetcher.asked
