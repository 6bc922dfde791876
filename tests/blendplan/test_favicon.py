"""The site's icon: an SVG with a PNG fallback, and /favicon.ico for browsers that ask."""

from pathlib import Path

import pytest
from django.conf import settings
from django.templatetags.static import static

STATIC = Path(settings.BASE_DIR) / "static"


@pytest.mark.django_db
def test_every_page_names_the_svg_icon_and_its_png_fallback(client):
    html = client.get("/accounts/login/").content.decode()
    for name, kind in (("favicon.svg", "image/svg+xml"), ("favicon-32.png", "image/png")):
        assert f'href="{static("img/" + name)}" type="{kind}"' in html
        assert (STATIC / "img" / name).is_file()
    assert (STATIC / "img" / "apple-touch-icon.png").is_file()


def test_favicon_ico_sends_browsers_to_the_png(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("img/favicon-32.png")
