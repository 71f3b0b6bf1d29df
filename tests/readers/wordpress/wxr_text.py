"""Small hand-made WXR exports for the WXR reader's tests."""

from __future__ import annotations

from pathlib import Path

from peptidebook.diagnostics import Report
from peptidebook.model import Article
from peptidebook.readers import read_file

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:excerpt="{wp}excerpt/" xmlns:wp="{wp}">
<channel><title>Site</title><link>https://ex.org</link><wp:wxr_version>1.2</wp:wxr_version>
"""
TAIL = "</channel></rss>\n"


def item(content: str = "<p>Text.</p>", *, post_id: int = 1, post_type: str = "post",
         status: str = "publish", slug: str = "p", extra: str = "", prefix: str = "wp",
         link: str | None = None) -> str:
    """One ``<item>``; ``extra`` is added inside it (postmeta, attachment fields)."""
    return (
        f"<item><title>T{post_id}</title><link>{link or f'https://ex.org/{slug}/'}</link>"
        f"<content:encoded><![CDATA[{content}]]></content:encoded>"
        f"<{prefix}:post_id>{post_id}</{prefix}:post_id><{prefix}:post_name>{slug}"
        f"</{prefix}:post_name><{prefix}:post_type>{post_type}</{prefix}:post_type>"
        f"<{prefix}:status>{status}</{prefix}:status>{extra}</item>\n"
    )


def meta(key: str, value: str) -> str:
    return (f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key>"
            f"<wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>")


def attachment(post_id: int, url: str, *, parent: int = 0, alt: str | None = None,
               caption: str = "", order: int = 0) -> str:
    extra = (f"<wp:attachment_url>{url}</wp:attachment_url><wp:post_parent>{parent}"
             f"</wp:post_parent><wp:menu_order>{order}</wp:menu_order>"
             f"<excerpt:encoded><![CDATA[{caption}]]></excerpt:encoded>")
    if alt is not None:
        extra += meta("_wp_attachment_image_alt", alt)
    return item("", post_id=post_id, post_type="attachment", status="inherit",
                slug=f"a{post_id}", extra=extra)


def export(*items: str, wp: str = "http://wordpress.org/export/1.2/") -> str:
    return HEAD.format(wp=wp) + "".join(items) + TAIL


def read(tmp_path: Path, text: str | bytes) -> tuple[list[Article], Report]:
    path = tmp_path / "export.xml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    report = Report()
    return read_file(path, report), report


def said(report: Report, code: str) -> list[str]:
    return [d.message for d in report.diagnostics if d.code == code]
