#!/usr/bin/env python3
"""Real-browser test of the HTML file that `rathaus report --html FILE` writes.

Usage: python3 Tests/Browser/test_report.py FILE [--screenshot PNG]

Opens the file in headless Debian Chromium (/usr/bin/chromium, /usr/bin/chromedriver; Python
selenium) and checks that it renders without console errors, holds no script, says on its first
section what personal data it leaves out and the k >= 2 rule, and that every chart (an inline SVG
with a title for screen readers) has a table with the same figures beside it, in the same figure.
With --screenshot it saves the top of the page as a PNG (the README's picture, docs/report.png).

Exits 0 on success; on failure prints what failed and the console, and exits 1.
"""

import pathlib
import sys

from browser_session import BrowserSession, Failure, check
from selenium.webdriver.common.by import By


def run(path, screenshot):
    session = BrowserSession("file://")
    try:
        session.driver.get(pathlib.Path(path).resolve().as_uri())
        session.wait(lambda: session.driver.execute_script("return document.readyState") == "complete", "the page did not load")
        console = session.driver.get_log("browser")
        errors = [entry for entry in console if entry.get("level") == "SEVERE"]
        check(not errors, f"console errors: {errors}")
        check(not session.find_all("script"), "the report holds a script")
        check(session.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de", "the page's language is not German")

        first = session.find("main > section")
        text = session.text_of(first)
        check("personenbezogenen Daten" in text and "k ≥ 2" in text, f"the first section does not state the privacy rules: {text!r}")

        charts = session.find_all("svg")
        check(charts, "the report has no chart")
        for index, chart in enumerate(charts):
            check(chart.get_attribute("role") == "img", f"chart {index} has no role img")
            titles = chart.find_elements(By.TAG_NAME, "title")
            check(titles and session.text_of(titles[0]), f"chart {index} has no title for screen readers")
            figure = chart.find_elements(By.XPATH, "ancestor::figure[1]")
            check(figure, f"chart {index} ({session.text_of(titles[0])!r}) is not in a figure")
            tables = figure[0].find_elements(By.TAG_NAME, "table")
            check(tables, f"chart {index} ({session.text_of(titles[0])!r}) has no table beside it")
            rows = tables[0].find_elements(By.CSS_SELECTOR, "tbody tr")
            check(rows, f"the table beside chart {index} is empty")
            check(chart.size["width"] > 100 and chart.size["height"] > 20, f"chart {index} is not drawn ({chart.size})")
        print(f"OK: {len(charts)} charts, each with its table; no console errors")
        if screenshot:
            session.driver.set_window_size(1280, 1400)
            session.driver.save_screenshot(screenshot)
            print(f"screenshot: {screenshot}")
        return 0
    except Exception as error:  # a failure or a WebDriver error: report both the same way
        kind = "" if isinstance(error, Failure) else f"{type(error).__name__}: "
        print(f"FAILED: {kind}{error}", file=sys.stderr)
        return 1
    finally:
        session.driver.quit()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    shot = None
    if "--screenshot" in arguments:
        at = arguments.index("--screenshot")
        shot = arguments[at + 1]
        del arguments[at:at + 2]
    if len(arguments) != 1:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(run(arguments[0], shot))
