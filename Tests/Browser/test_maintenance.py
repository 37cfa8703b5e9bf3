#!/usr/bin/env python3
"""The widget while the chat is switched off for maintenance, in headless Chromium.

Usage: test_maintenance.py BASE_URL RATHAUS_BINARY DATABASE

Switches maintenance on with `rathaus maintenance on --message …` on the server's database, opens
the widget with the keyboard and checks that the server's text appears once as a polite notice in
the log (a live region), not as an error; switches it off and checks that a question typed then is
answered. Python standard library plus selenium (see browser_session.py)."""

import json
import subprocess
import sys
import time
import urllib.request

from browser_session import BrowserSession, check, run_session
from selenium.webdriver.common.keys import Keys

SCREENSHOT = "/tmp/rathaus-maintenance-failure.png"
MESSAGE = "Der Chat ist bis 14 Uhr in Wartung. Telefon 0 12 34 / 56 78-0."


class MaintenanceTest(BrowserSession):
    def __init__(self, base, binary, database):
        super().__init__(base)
        self.binary = binary
        self.database = database

    def switch(self, *arguments):
        result = subprocess.run([self.binary, "maintenance", *arguments, "--database", self.database],
                                capture_output=True, text=True, timeout=30)
        check(result.returncode == 0, f"rathaus maintenance {' '.join(arguments)} failed: {result.stderr}")

    def wait_for_health(self, status):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with urllib.request.urlopen(self.base + "/health", timeout=5) as response:
                if json.load(response).get("status") == status:
                    return
            time.sleep(0.1)
        check(False, f"/health did not say {status!r} within 10 s")

    def notices(self):
        return [self.text_of(e) for e in self.find_all("#rathaus-log .rathaus-notice")]

    def run(self):
        self.step(1, "maintenance on, then open the widget with the keyboard")
        self.switch("on", "--message", MESSAGE)
        self.wait_for_health("maintenance")
        self.driver.get(self.base + "/")
        self.wait(lambda: self.find_all("#rathaus-toggle") and self.find("#rathaus-toggle").is_displayed(), "no chat toggle")
        self.move_focus("#rathaus-toggle", "the chat toggle")
        self.press(Keys.ENTER)

        self.step(2, "the server's text is a polite notice in the live region, not an error")
        self.wait(lambda: any(MESSAGE in text for text in self.notices()), f"no notice with the maintenance text: {self.notices()}")
        log = self.find("#rathaus-log")
        check(log.get_attribute("aria-live") == "polite", "the log is not a polite live region")
        check(not self.errors_in_log(), f"the maintenance text is shown as an error: {self.errors_in_log()}")
        notice = [e for e in self.find_all("#rathaus-log .rathaus-notice") if MESSAGE in self.text_of(e)][0]
        check(self.text_of(notice).startswith("Hinweis:"), f"the notice is not read as a hint: {self.text_of(notice)!r}")
        check(not self.bot_texts(), f"a reply appeared during maintenance: {self.bot_texts()}")

        self.step(3, "a question typed during maintenance stays in the input, with the notice again")
        self.wait(lambda: self.is_active("#rathaus-input"), "the focus is not in the input")
        count = len(self.notices())
        self.active().send_keys("Was kostet ein Reisepass?")
        self.press(Keys.ENTER)
        self.wait(lambda: self.idle() and len(self.notices()) > count, "no notice after sending during maintenance")
        check(self.find("#rathaus-input").get_attribute("value") == "Was kostet ein Reisepass?", "the typed text was lost")
        check(not self.errors_in_log(), f"error notice during maintenance: {self.errors_in_log()}")

        self.step(4, "maintenance off: the same question is answered")
        self.switch("off")
        self.wait_for_health("ok")
        self.wait(lambda: self.is_active("#rathaus-input"), "the focus is not in the input")
        self.press(Keys.ENTER)
        self.wait(lambda: self.idle() and any("Reisepass" in text for text in self.bot_texts()),
                  f"no answer after maintenance: {self.bot_texts()}")
        check(not self.errors_in_log(), f"error notice after maintenance: {self.errors_in_log()}")


def main():
    if len(sys.argv) != 4 or not sys.argv[1].startswith("http"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    base, binary, database = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    return run_session(base, lambda: MaintenanceTest(base, binary, database), SCREENSHOT,
                       "the widget shows maintenance politely and answers again afterwards")


if __name__ == "__main__":
    sys.exit(main())
