"""What both browser tests of the widget share: headless Debian Chromium driven by the keyboard,
bounded waits, and reading the widget's log. Python standard library plus selenium."""

import json
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

WAIT_SECONDS = 15
RUN_LIMIT_SECONDS = 110


class Failure(Exception):
    """A failed expectation, with a message for the person reading the output."""


def check(condition, message):
    if not condition:
        raise Failure(message)


class BrowserSession:
    """Chromium (/usr/bin/chromium, /usr/bin/chromedriver) on the page at `base`; every wait is at
    most WAIT_SECONDS and the whole run at most RUN_LIMIT_SECONDS."""

    def __init__(self, base, capabilities=None):
        self.base = base.rstrip("/")
        self.started = time.monotonic()
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        for name, value in (capabilities or {}).items():
            options.set_capability(name, value)
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(WAIT_SECONDS)
        self.driver.set_script_timeout(WAIT_SECONDS)
        self.console = []

    def step(self, number, text):
        elapsed = time.monotonic() - self.started
        check(elapsed < RUN_LIMIT_SECONDS, f"the run took longer than {RUN_LIMIT_SECONDS} s")
        print(f"[{number}] {text} ({elapsed:.1f} s)", flush=True)

    def wait(self, condition, message, seconds=WAIT_SECONDS):
        seconds = min(seconds, WAIT_SECONDS)
        try:
            return WebDriverWait(self.driver, seconds, poll_frequency=0.05).until(lambda d: condition())
        except TimeoutException:
            raise Failure(f"waited {seconds} s: {message}") from None

    def find(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def find_all(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def active(self):
        return self.driver.switch_to.active_element

    def is_active(self, selector):
        found = self.find_all(selector)
        return bool(found) and found[0] == self.active()

    def press(self, *keys):
        """Presses keys on whatever element has the focus (no click, no element targeting)."""
        ActionChains(self.driver).send_keys(*keys).perform()

    def move_focus(self, selector_or_test, description, backwards=False, limit=60):
        """Presses Tab (or Shift+Tab) until the focused element matches the selector or the test holds."""
        test = selector_or_test if callable(selector_or_test) else (lambda: self.is_active(selector_or_test))
        for _ in range(limit):
            if test():
                return
            if backwards:
                ActionChains(self.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
            else:
                self.press(Keys.TAB)
        check(test(), f"{limit} presses of {'Shift+Tab' if backwards else 'Tab'} did not reach {description}")

    def text_of(self, element):
        return (element.get_attribute("textContent") or "").strip()

    def bot_texts(self):
        return [self.text_of(e) for e in self.find_all(".rathaus-msg--bot .rathaus-msg__text")]

    def log_text(self):
        return self.text_of(self.find("#rathaus-log"))

    def idle(self):
        return not self.find_all(".rathaus-typing--active")

    def errors_in_log(self):
        return [self.text_of(e) for e in self.find_all("#rathaus-log .rathaus-notice--error")]


def set_widget_attribute(driver, name, value):
    """Sets `name`="`value`" on the widget's script tag as the parser inserts it, on every page the
    driver loads from now on (the tag is deferred, so it runs later). Injected through the DevTools
    protocol, which the page's CSP does not govern; the widget itself stays as served."""
    source = """
new MutationObserver(function (records, observer) {
  var scripts = document.getElementsByTagName('script');
  for (var i = 0; i < scripts.length; i++) {
    if (/\\/widget\\.js(?:[?#]|$)/.test(scripts[i].src)) {
      scripts[i].setAttribute(%s, %s);
      observer.disconnect();
      return;
    }
  }
}).observe(document, {childList: true, subtree: true});
""" % (json.dumps(name), json.dumps(value))
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": source})


def run_session(base, make_session, screenshot, success):
    """Checks that `base` serves the demo page, starts the session `make_session()` and runs it;
    on failure prints what failed, the widget's log and the console, saves a screenshot to
    `screenshot` and returns 1; else prints "OK: `success`" and returns 0."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(base.rstrip("/") + "/", timeout=WAIT_SECONDS) as response:
            page = response.read().decode("utf-8", "replace")
        check("widget.js" in page, "the page at / does not embed widget.js")
    except (OSError, Failure) as error:
        print(f"FAILED: {base} does not serve the demo page: {error}", file=sys.stderr)
        return 1
    try:
        session = make_session()
    except Exception as error:
        print(f"FAILED: could not start chromium through /usr/bin/chromedriver: {error}", file=sys.stderr)
        return 1
    try:
        session.run()
    except Exception as error:  # a failure or a WebDriver error: report both the same way
        kind = "" if isinstance(error, Failure) else f"{type(error).__name__}: "
        print(f"FAILED: {kind}{error}".rstrip(), file=sys.stderr)
        try:
            session.driver.save_screenshot(screenshot)
            print(f"screenshot: {screenshot}", file=sys.stderr)
        except Exception:
            pass
        try:
            print("widget log:\n" + session.find("#rathaus-log").text, file=sys.stderr)
        except Exception:
            print("widget log: (not available)", file=sys.stderr)
        for entry in session.console:
            print(f"console: {entry.get('level')} {entry.get('message')}", file=sys.stderr)
        return 1
    finally:
        session.driver.quit()
    print(f"OK: {success} ({time.monotonic() - started:.1f} s)")
    return 0
