"""The README's picture of the readiness page, taken in Chromium as a coordinator sees it.

    python scripts/readiness_shot.py [readiness.html] [--out docs/images/readiness.png]

Without a page, the newest readiness.html under outputs/ is used. Needs Chromium (Debian's
chromium package) and Playwright (the test extras).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", type=Path)
    parser.add_argument("--out", type=Path, default=PROJECT / "docs" / "images" / "readiness.png")
    parser.add_argument("--height", type=int, default=1350, help="how much of the page, in pixels")
    args = parser.parse_args()
    page = args.page or max(
        (PROJECT / "outputs").rglob("readiness.html"), key=lambda p: p.stat().st_mtime, default=None
    )
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if page is None or chromium is None:
        print("Build a pack first (nox -s build), and install Chromium.", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        view = browser.new_page(viewport={"width": 1000, "height": args.height})
        view.goto(page.resolve().as_uri())
        view.screenshot(
            path=str(args.out), clip={"x": 0, "y": 0, "width": 1000, "height": args.height}
        )
        browser.close()
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
