#!/usr/bin/env python3
"""Real-browser test of the chat widget's language switch, driven by the keyboard only.

Usage: python3 Tests/Browser/test_languages.py http://127.0.0.1:PORT

Needs what test_widget.py needs: a running `rathaus serve` that answers `/` with Web/index.html,
Debian's chromium and chromedriver, and Tests/Browser/requirements.txt. The citizen never clicks:
the test presses keys on the focused element. It opens the widget, checks the switch (a group of
toggle buttons Deutsch / English / Leichte Sprache), switches to English and asks "how much is a
passport" (an English answer with lang="en", the widget's own texts in English), reloads (the choice
and each message's lang stay), switches back to Deutsch (a German answer with lang="de"), reloads
again (English and German messages keep their own lang), switches to Leichte Sprache and deletes
the conversation, so that the new one starts in Leichte Sprache, and finally loads the page with
data-language="en" on the widget's script tag. Fails on any Content-Security-Policy violation in
the browser console.

Exits 0 on success. On failure it prints what failed and the widget's log text, saves a
screenshot to /tmp/rathaus-languages-failure.png and exits 1. Every wait is at most 15 seconds.
"""

import sys
from urllib.parse import urlsplit

from browser_session import BrowserSession, check, run_session, set_widget_attribute
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

SCREENSHOT = "/tmp/rathaus-languages-failure.png"
LANGUAGES = {"Deutsch": "de", "English": "en", "Leichte Sprache": "de-x-ls"}


class LanguagesTest(BrowserSession):
    # ------------------------------------------------------------ helpers

    def bots(self):
        return self.find_all("#rathaus-log .rathaus-msg--bot")

    def citizens(self):
        return self.find_all("#rathaus-log .rathaus-msg--citizen")

    def message_text(self, message):
        return self.text_of(message.find_element(By.CSS_SELECTOR, ".rathaus-msg__text"))

    def answer(self, key, text=None):
        """Presses `key` on the focused element (after typing `text`); returns the new bot messages."""
        before = len(self.bots())
        errors = len(self.errors_in_log())
        if text is not None:
            check(self.is_active("#rathaus-input"), "the message input does not have the focus")
            self.active().send_keys(text)
        self.press(key)
        self.wait(lambda: self.idle() and (len(self.bots()) > before or len(self.errors_in_log()) > errors),
                  f"no answer after {text or key!r}")
        check(len(self.errors_in_log()) == errors, f"error notice: {self.errors_in_log()[errors:]}")
        self.wait(lambda: self.is_active("#rathaus-input"), "the focus did not return to the input")
        return self.bots()[before:]

    def ask(self, text, expected, lang):
        """Types `text`, sends it with Enter and expects `expected` in a reply whose element has `lang`."""
        replies = self.answer(Keys.ENTER, text)
        joined = "\n".join(self.message_text(r) for r in replies)
        for word in expected:
            check(word in joined, f"after {text!r} expected {word!r} in the reply, got {joined!r}")
        self.check_lang(replies, lang, f"the reply to {text!r}")
        mine = self.citizens()[-1]
        check(self.message_text(mine) == text, f"the citizen's last message is {self.message_text(mine)!r}")
        check(mine.get_attribute("lang") == lang, f"the citizen's message {text!r} has lang={mine.get_attribute('lang')!r}")
        return joined

    def check_lang(self, messages, lang, what):
        for message in messages:
            check(message.get_attribute("lang") == lang,
                  f"{what} has lang={message.get_attribute('lang')!r}, not {lang!r}: {self.message_text(message)!r}")

    def language_button(self, name):
        return self.find(f'.rathaus-languages button[data-language="{LANGUAGES[name]}"]')

    def is_language_button(self, name):
        active = self.active()
        return "rathaus-language" in (active.get_attribute("class") or "").split() and self.text_of(active) == name

    def switch(self, name, key, expected):
        """From the message input, Shift+Tab to the switch's button `name` and press `key` on it; the
        server confirms in the new language, in a reply with its lang, and the button is pressed."""
        self.move_focus(lambda: self.is_language_button(name), f"the language button {name!r}", backwards=True)
        ring = self.driver.execute_script("""
            const s = getComputedStyle(document.activeElement);
            return [s.outlineStyle, parseFloat(s.outlineWidth)];""")
        check(ring[0] != "none" and ring[1] >= 2, f"the focused language button has no visible outline ({ring})")
        replies = self.answer(key)
        joined = "\n".join(self.message_text(r) for r in replies)
        check(expected in joined, f"switching to {name} expected {expected!r}, got {joined!r}")
        self.check_lang(replies, LANGUAGES[name], f"the confirmation of {name}")
        mine = self.citizens()[-1]
        check(mine.get_attribute("lang") == LANGUAGES[name], f"the switch message has lang={mine.get_attribute('lang')!r}")
        self.check_pressed(name)

    def check_pressed(self, name):
        pressed = {self.text_of(b): b.get_attribute("aria-pressed") for b in self.find_all(".rathaus-languages button")}
        check(pressed == {n: str(n == name).lower() for n in LANGUAGES}, f"aria-pressed of the switch: {pressed}")
        check(self.find("#rathaus-widget").get_attribute("lang") == LANGUAGES[name],
              f"the widget has lang={self.find('#rathaus-widget').get_attribute('lang')!r}")

    def check_labels(self, labels):
        """The widget's own texts: input name, send button, reset button, privacy link and the page
        it opens, switch name."""
        found = {
            "input": self.find("#rathaus-input").accessible_name,
            "send": self.text_of(self.find(".rathaus-send")),
            "reset": self.text_of(self.find(".rathaus-reset")),
            "privacy": self.text_of(self.find(".rathaus-privacy")),
            "privacy_page": urlsplit(self.find(".rathaus-privacy").get_attribute("href")).path,
            "switch": self.find(".rathaus-languages").accessible_name,
        }
        check(found == labels, f"the widget's texts are {found}, expected {labels}")

    def check_console(self, where):
        for entry in self.driver.get_log("browser"):
            self.console.append(entry)
            message = entry.get("message", "")
            if entry.get("level") == "SEVERE":
                check("Content Security Policy" not in message and "Content-Security-Policy" not in message,
                      f"CSP violation in the browser console ({where}): {message}")
                print(f"    console ({where}): {message}", flush=True)

    def reload(self):
        self.driver.refresh()
        self.wait(lambda: self.find_all("#rathaus-toggle")
                  and self.find("#rathaus-toggle").get_attribute("aria-expanded") == "true",
                  "the panel did not reopen after the reload")
        self.wait(lambda: self.idle() and "how much is a passport" in self.log_text(), "the transcript was not restored")

    def open_widget(self):
        self.wait(lambda: self.find_all("#rathaus-toggle") and self.find("#rathaus-toggle").is_displayed(),
                  "the chat toggle did not appear")
        self.move_focus("#rathaus-toggle", "the chat toggle")
        self.press(Keys.ENTER)
        self.wait(lambda: self.is_active("#rathaus-input"), "opening did not move the focus to the input")
        self.wait(lambda: self.idle() and len(self.bots()) >= 1, "no welcome message")

    # ------------------------------------------------------------ the steps

    def run(self):
        d = self.driver
        german = {"input": "Ihre Nachricht", "send": "Senden", "reset": "Gespräch löschen",
                  "privacy": "Datenschutzhinweise", "privacy_page": "/datenschutz.html", "switch": "Sprache"}
        english = {"input": "Your message", "send": "Send", "reset": "Delete conversation",
                   "privacy": "Privacy notice", "privacy_page": "/privacy.html", "switch": "Language"}

        self.step(1, "open the widget: German welcome with lang=de, the switch at Deutsch")
        d.get(self.base + "/")
        self.open_widget()
        welcome = self.bots()[0]
        check("Guten Tag" in self.message_text(welcome), f"unexpected welcome {self.message_text(welcome)!r}")
        self.check_lang([welcome], "de", "the welcome")
        group = self.find(".rathaus-languages")
        check(group.get_attribute("role") == "group", "the language switch is not a group")
        buttons = self.find_all(".rathaus-languages button")
        check([self.text_of(b) for b in buttons] == list(LANGUAGES), f"the switch offers {[self.text_of(b) for b in buttons]}")
        for button in buttons:
            name = self.text_of(button)
            check(button.get_attribute("type") == "button" and button.accessible_name == name,
                  f"the language button {name!r} is not a named <button type=button>")
            check(button.get_attribute("lang") == LANGUAGES[name], f"the button {name!r} lacks lang={LANGUAGES[name]}")
        self.check_pressed("Deutsch")
        self.check_labels(german)
        self.check_console("opening")

        self.step(2, "switch to English with Enter")
        self.switch("English", Keys.ENTER, "I will answer in English")
        check(self.message_text(self.citizens()[-1]) == "English please", "the switch was not sent as „English please“")
        self.check_labels(english)
        check(self.find("#rathaus-toggle").accessible_name == "Close chat",
              f"the toggle is named {self.find('#rathaus-toggle').accessible_name!r}")
        self.check_console("English")

        self.step(3, "ask in English: the reply is English and has lang=en")
        answer = self.ask("how much is a passport", ["passport", "Costs"], "en")
        check("Kosten" not in answer, f"the English answer has German labels: {answer!r}")
        feedback = self.find_all('#rathaus-log [role="group"][aria-label="Was this answer helpful?"] button')
        check([self.text_of(b) for b in feedback] == ["Yes", "No"], "the feedback offer is not in English")
        self.check_console("English answer")

        self.step(4, "reload: English stays chosen and every message keeps its lang")
        self.reload()
        self.check_pressed("English")
        self.check_labels(english)
        # The transcript holds the turns (not the welcome): here all of them English.
        bots = self.bots()
        check(any("Costs" in self.message_text(b) for b in bots), "the restored English answer is missing")
        self.check_lang(bots, "en", "a restored reply")
        check([self.message_text(c) for c in self.citizens()] == ["English please", "how much is a passport"],
              f"the restored citizen's messages are {[self.message_text(c) for c in self.citizens()]}")
        self.check_lang(self.citizens(), "en", "a restored message of the citizen")
        self.move_focus("#rathaus-input", "the message input after the reload")
        self.check_console("reload")

        self.step(5, "switch back to Deutsch with Space: German replies have lang=de")
        self.switch("Deutsch", Keys.SPACE, "auf Deutsch")
        check(self.message_text(self.citizens()[-1]) == "auf Deutsch bitte", "the switch was not sent as „auf Deutsch bitte“")
        self.check_labels(german)
        self.ask("Was kostet ein Personalausweis?", ["Personalausweis", "Kosten"], "de")
        self.check_console("Deutsch")

        self.step(6, "reload: in the mixed transcript each message keeps its own lang")
        self.reload()
        self.check_pressed("Deutsch")
        expected = {"English please": "en", "how much is a passport": "en", "auf Deutsch bitte": "de",
                    "Was kostet ein Personalausweis?": "de"}
        found = {self.message_text(c): c.get_attribute("lang") for c in self.citizens()}
        check(found == expected, f"the restored citizen's messages and their lang: {found}")
        for word, lang in (("I will answer in English", "en"), ("Costs", "en"), ("auf Deutsch", "de"), ("Kosten", "de")):
            replies = [b for b in self.bots() if word in self.message_text(b)]
            check(replies, f"no restored reply with {word!r}")
            self.check_lang(replies, lang, f"the restored reply with {word!r}")
        self.move_focus("#rathaus-input", "the message input after the reload")

        self.step(7, "Leichte Sprache, then „Gespräch löschen“: the new conversation starts in Leichte Sprache")
        self.switch("Leichte Sprache", Keys.ENTER, "Leichter Sprache")
        check(self.text_of(self.find(".rathaus-privacy")) == "Daten-Schutz", "the privacy link is not in Leichte Sprache")
        check(urlsplit(self.find(".rathaus-privacy").get_attribute("href")).path == "/datenschutz-leicht.html",
              "the privacy link does not open the notice in Leichte Sprache")
        self.move_focus(".rathaus-reset", "the „Gespräch löschen“ button")
        self.press(Keys.ENTER)
        self.wait(lambda: self.idle() and len(self.bots()) == 1 and not self.citizens(),
                  "deleting did not start a fresh conversation")
        welcome = self.bots()[0]
        check("Computer-Helfer" in self.message_text(welcome), f"the new welcome is not in Leichte Sprache: "
              f"{self.message_text(welcome)!r}")
        self.check_lang([welcome], "de-x-ls", "the welcome in Leichte Sprache")
        self.check_pressed("Leichte Sprache")
        self.check_console("Leichte Sprache")

        self.step(8, "data-language=\"en\" on the script tag: a new visitor starts in English")
        set_widget_attribute(d, "data-language", "en")
        d.execute_script("window.sessionStorage.clear();")
        d.get(self.base + "/")
        self.wait(lambda: self.find_all("#rathaus-toggle"), "the chat toggle did not appear")
        check(self.find("#rathaus-toggle").accessible_name == "Open chat",
              f"the toggle is named {self.find('#rathaus-toggle').accessible_name!r}")
        self.open_widget()
        welcome = self.bots()[0]
        check("Hello" in self.message_text(welcome), f"the welcome is not in English: {self.message_text(welcome)!r}")
        self.check_lang([welcome], "en", "the English welcome")
        self.check_pressed("English")
        self.check_labels(english)
        self.check_console("data-language")


def main():
    if len(sys.argv) != 2 or not sys.argv[1].startswith("http"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    return run_session(sys.argv[1], lambda: LanguagesTest(sys.argv[1]), SCREENSHOT,
                       "the language switch works with the keyboard only")


if __name__ == "__main__":
    sys.exit(main())
