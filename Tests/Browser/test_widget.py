#!/usr/bin/env python3
"""Real-browser test of the Rathaus chat widget, driven by the keyboard only.

Usage: python3 Tests/Browser/test_widget.py http://127.0.0.1:PORT

Needs a running `rathaus serve` that answers `/` with Web/index.html, Debian's chromium
(/usr/bin/chromium) and chromedriver (/usr/bin/chromedriver), and the Python package in
Tests/Browser/requirements.txt. The test never clicks: it presses keys on the focused element
(Tab, Shift+Tab, Enter, Space, Escape, typing). It opens the demo page, asks a question, follows a
suggested next question, rates the answer („Hilfreich? Nein“), files a Sperrmüll application, reloads the page, sends HTML that must stay text, deletes the conversation
and follows the link to the privacy notice. Along the way it checks accessibility basics and fails
on any Content-Security-Policy violation in the browser console.

Exits 0 on success. On failure it prints what failed and the widget's log text, saves a
screenshot to /tmp/rathaus-widget-failure.png and exits 1. Every wait is at most 15 seconds.
"""

import datetime
import json
import re
import sys
import time
import urllib.error
import urllib.request

from browser_session import WAIT_SECONDS, BrowserSession, Failure, check, run_session
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

SCREENSHOT = "/tmp/rathaus-widget-failure.png"
XSS = "<img src=x onerror=alert(1)>"


class WidgetTest(BrowserSession):
    def __init__(self, base):
        # Leave an alert open instead of dismissing it, so that step 7 can see it.
        super().__init__(base, capabilities={"unhandledPromptBehavior": "ignore"})

    # ------------------------------------------------------------ helpers

    def type_text(self, text):
        self.active().send_keys(text)

    def send_and_wait(self, key=Keys.ENTER, text=None):
        """Sends (typing `text` first, if given) with `key`; returns the bot messages that came back."""
        check(self.is_active("#rathaus-input") or text is None, "the message input does not have the focus")
        before = len(self.bot_texts())
        errors = len(self.errors_in_log())
        if text is not None:
            self.type_text(text)
        self.press(key)
        self.wait(lambda: self.idle() and (len(self.bot_texts()) > before or len(self.errors_in_log()) > errors),
                  f"no answer to {text!r}")
        check(len(self.errors_in_log()) == errors, f"error notice after {text!r}: {self.errors_in_log()[errors:]}")
        self.wait(lambda: self.is_active("#rathaus-input"), "the focus did not return to the input after sending")
        return self.bot_texts()[before:]

    def say(self, text, expected):
        replies = self.send_and_wait(text=text)
        joined = "\n".join(replies)
        check(expected in joined, f"after {text!r} expected {expected!r} in the reply, got {joined!r}")
        return joined

    def choose(self, label, key):
        """Moves the focus from the input to the choice button `label` and presses `key` on it."""
        choices = [self.text_of(b) for b in self.find_all(".rathaus-choice")]
        check(label in choices, f"no choice button {label!r}; buttons: {choices}")
        self.move_focus(lambda: self.active().get_attribute("class") == "rathaus-choice"
                        and self.text_of(self.active()) == label,
                        f"the choice button {label!r}", backwards=True, limit=10)
        return self.send_and_wait(key=key)

    def suggestion_buttons(self):
        return self.find_all('#rathaus-log [role="group"][aria-label="Vorschläge"] button')

    def is_suggestion(self, label):
        """Whether the focus is on the suggestion button `label`."""
        active = self.active()
        return "rathaus-suggestion" in (active.get_attribute("class") or "").split() and self.text_of(active) == label

    def watch_announcements(self):
        """Records, from now on, the text of every node added to the log's live region (what a screen
        reader reads out), skipping subtrees that opt out with aria-live="off" or aria-hidden."""
        self.driver.execute_script("""
            const log = document.getElementById('rathaus-log');
            if (window.rathausObserver) { window.rathausObserver.disconnect(); }
            window.rathausAnnounced = [];
            window.rathausObserver = new MutationObserver(records => {
              for (const record of records) {
                for (const node of record.addedNodes) {
                  const element = node.nodeType === 1 ? node : node.parentElement;
                  if (!element || element.closest('[aria-live]') !== log || element.closest('[aria-hidden="true"]')) {
                    continue;
                  }
                  const text = (node.textContent || '').trim();
                  if (text) { window.rathausAnnounced.push(text); }
                }
              }
            });
            window.rathausObserver.observe(log, {childList: true, subtree: true});""")

    def announced(self):
        return self.driver.execute_script("return window.rathausAnnounced || [];")

    def check_console(self, where, strict=False):
        """Fails on a CSP violation in the browser console; with `strict`, on any error."""
        for entry in self.driver.get_log("browser"):
            self.console.append(entry)
            message = entry.get("message", "")
            if entry.get("level") == "SEVERE":
                check("Content Security Policy" not in message and "Content-Security-Policy" not in message,
                      f"CSP violation in the browser console ({where}): {message}")
                check(not strict, f"error in the browser console ({where}): {message}")
                print(f"    console ({where}): {message}", flush=True)

    def storage(self):
        raw = self.driver.execute_script("return window.sessionStorage.getItem('rathaus.conversation');")
        return json.loads(raw) if raw else None

    # ------------------------------------------------------------ the steps

    def run(self):
        d = self.driver

        self.step(1, "demo page, open the widget with the keyboard")
        d.get(self.base + "/")
        check("Musterstadt" in d.title, f"unexpected page title {d.title!r}")
        self.wait(lambda: self.find_all("#rathaus-toggle") and self.find("#rathaus-toggle").is_displayed(),
                  "the chat toggle did not appear (widget.js or widget.css not loaded?)")
        toggle = self.find("#rathaus-toggle")
        check(toggle.get_attribute("aria-expanded") == "false", "the toggle should start with aria-expanded=false")
        check(toggle.get_attribute("aria-controls") == "rathaus-panel", "the toggle lacks aria-controls")
        check(toggle.accessible_name == "Chat öffnen", f"toggle name is {toggle.accessible_name!r}")
        check(self.find("#rathaus-widget").value_of_css_property("position") == "fixed", "widget.css is not applied")
        self.move_focus("#rathaus-toggle", "the chat toggle")
        self.press(Keys.ENTER)
        self.wait(lambda: toggle.get_attribute("aria-expanded") == "true", "Enter on the toggle did not open the panel")
        check(toggle.accessible_name == "Chat schließen", f"open toggle name is {toggle.accessible_name!r}")
        self.wait(lambda: self.is_active("#rathaus-input"), "opening did not move the focus to the input")
        self.wait(lambda: self.idle() and len(self.bot_texts()) >= 1, "no welcome message")
        check("Guten Tag" in self.bot_texts()[0], f"unexpected welcome {self.bot_texts()[0]!r}")

        self.step(2, "accessibility basics")
        panel = self.find("#rathaus-panel")
        check(panel.get_attribute("role") in ("dialog", "region"), "the panel has no dialog/region role")
        check(panel.get_attribute("aria-modal") != "true", "the panel must not be modal")
        check(panel.accessible_name == "Musterstadt fragen", f"the panel's name is {panel.accessible_name!r}")
        log = self.find("#rathaus-log")
        check(log.get_attribute("role") == "log", "the log lacks role=log")
        check(log.get_attribute("aria-live") == "polite", "the log lacks aria-live=polite")
        check(log.get_attribute("aria-relevant") == "additions", "the log lacks aria-relevant=additions")
        check(self.find("#rathaus-input").accessible_name == "Ihre Nachricht",
              f"the input's accessible name is {self.find('#rathaus-input').accessible_name!r}")
        check(self.find(".rathaus-typing").get_attribute("role") == "status", "the typing indicator is not a status")
        check(self.find(".rathaus-privacy").get_attribute("href").endswith("/datenschutz.html"),
              "the privacy link does not point to /datenschutz.html")
        self.press(Keys.ESCAPE)
        self.wait(lambda: toggle.get_attribute("aria-expanded") == "false", "Escape did not close the panel")
        check(self.is_active("#rathaus-toggle"), "Escape did not return the focus to the toggle")
        check(not panel.is_displayed(), "the closed panel is still visible")
        self.press(Keys.ENTER)
        self.wait(lambda: self.is_active("#rathaus-input"), "Enter on the toggle did not reopen the panel")
        focus = self.driver.execute_script("""
            const i = document.getElementById('rathaus-input'), s = getComputedStyle(i);
            return [s.outlineStyle, parseFloat(s.outlineWidth)];""")
        check(focus[0] != "none" and focus[1] >= 2, f"the focused input has no visible outline ({focus})")
        self.check_console("opening")

        self.step(3, "ask a question")
        answer = self.say("Was kostet ein Personalausweis?", "Personalausweis")
        check(re.search(r"\d+,\d\d Euro", answer), f"no Euro amount in the answer: {answer!r}")
        last = self.find_all(".rathaus-msg--bot")[-1]
        check(last.find_elements(By.CSS_SELECTOR, "ul > li"), "the cost list is not rendered as a list")
        links = [a.get_attribute("href") for a in last.find_elements(By.CSS_SELECTOR, "a")]
        check(all(h.startswith("https://") or h.startswith("http://") for h in links), f"odd links {links}")
        citizen = self.find_all(".rathaus-msg--citizen")
        check(citizen and self.text_of(citizen[-1].find_element(By.CSS_SELECTOR, ".rathaus-msg__text"))
              == "Was kostet ein Personalausweis?", "the question is not shown as the citizen's message")
        prefix = citizen[-1].find_element(By.CSS_SELECTOR, ".rathaus-visually-hidden")
        check(self.text_of(prefix) == "Sie:", "the citizen's message lacks the hidden prefix „Sie:“")
        self.check_console("question")

        self.step(4, "suggested next questions: chosen by keyboard, announced once, replaced by the next turn's")
        self.watch_announcements()
        self.say("was kostet ein reisepass", "Reisepass")
        groups = self.find_all('#rathaus-log [role="group"][aria-label="Vorschläge"]')
        check(len(groups) == 1, f"expected one group „Vorschläge“ in the log, found {len(groups)}")
        check(groups[0].get_attribute("aria-live") in (None, "off"), "the suggestion group must not be a live region")
        check(self.driver.execute_script("""
            const bots = document.querySelectorAll('#rathaus-log .rathaus-msg--bot');
            return Boolean(bots.length) && Boolean(bots[bots.length - 1].compareDocumentPosition(arguments[0])
                & Node.DOCUMENT_POSITION_FOLLOWING);""", groups[0]), "the suggestions are not after the last answer")
        buttons = self.suggestion_buttons()
        labels = [self.text_of(b) for b in buttons]
        for expected in ("Unterlagen", "Alles anzeigen"):
            check(expected in labels, f"no suggestion {expected!r}; suggestions: {labels}")
        check(all(b.tag_name == "button" and b.get_attribute("type") == "button" and b.is_displayed()
                  and b.is_enabled() for b in buttons), "the suggestions are not visible, enabled <button type=button>")
        announced = self.announced()
        notes = [i for i, text in enumerate(announced) if "Vorschläge" in text]
        check(len(notes) == 1, f"the suggestions were announced {len(notes)} times: {announced}")
        note = announced[notes[0]]
        check(all(label in note for label in labels), f"the announcement {note!r} lacks some of {labels}")
        replies = [i for i, text in enumerate(announced) if "Reisepass" in text and i != notes[0]]
        check(replies and replies[-1] < notes[0], f"the suggestions were not announced after the reply: {announced}")
        group_text = self.text_of(groups[0])
        check(not any(text in labels or text == group_text for text in announced),
              f"the buttons were read out as well as the announcement: {announced}")
        self.driver.execute_script("window.rathausOldSuggestions = Array.from(arguments[0]);", buttons)

        self.move_focus(lambda: self.is_suggestion("Unterlagen"), "the suggestion „Unterlagen“ (Shift+Tab from the input)",
                        backwards=True, limit=12)
        ring = self.driver.execute_script("""
            const s = getComputedStyle(document.activeElement);
            return [s.outlineStyle, parseFloat(s.outlineWidth)];""")
        check(ring[0] != "none" and ring[1] >= 2, f"the focused suggestion has no visible outline ({ring})")
        self.move_focus("#rathaus-input", "the message input (Tab from the suggestions)", limit=12)
        self.move_focus(lambda: self.is_suggestion("Unterlagen"), "the suggestion „Unterlagen“ again",
                        backwards=True, limit=12)
        self.watch_announcements()
        answer = "\n".join(self.send_and_wait(key=Keys.ENTER))  # also waits for the focus back in the input
        check("Unterlagen:" in answer, f"choosing „Unterlagen“ did not answer with the documents: {answer!r}")
        mine = self.find_all(".rathaus-msg--citizen .rathaus-msg__text")
        check(mine and self.text_of(mine[-1]) == "Welche Unterlagen brauche ich?",
              f"the suggestion was not shown as the citizen's message: {self.text_of(mine[-1]) if mine else None!r}")
        check(self.driver.execute_script("return window.rathausOldSuggestions.filter(b => b.isConnected).length;") == 0,
              "the previous turn's suggestion buttons are still there")
        groups = self.find_all('#rathaus-log [role="group"][aria-label="Vorschläge"]')
        check(len(groups) <= 1, f"{len(groups)} suggestion groups after the new turn")
        check(len(self.find_all(".rathaus-suggestion")) == len(self.suggestion_buttons()),
              "suggestion buttons outside the latest group")
        notes = [text for text in self.announced() if "Vorschläge" in text]
        check(len(notes) == len(groups), f"the new turn's suggestions were announced {len(notes)} times")
        self.check_console("suggestions", strict=True)

        self.step(4, "„Hilfreich? Ja / Nein“ under the latest answer only, rated by keyboard")
        offers = self.find_all('#rathaus-log [role="group"][aria-label="War diese Antwort hilfreich?"]')
        check(len(offers) == 1, f"expected one feedback offer, under the latest answer, found {len(offers)}")
        labels = [self.text_of(b) for b in offers[0].find_elements(By.CSS_SELECTOR, "button")]
        check(labels == ["Ja", "Nein"], f"the feedback buttons are {labels}")
        check(offers[0].get_attribute("aria-live") == "off", "the feedback offer must not be read out after every answer")
        self.move_focus(lambda: "rathaus-feedback__button" in (self.active().get_attribute("class") or "")
                        and self.text_of(self.active()) == "Nein", "the feedback button „Nein“", backwards=True, limit=16)
        self.press(Keys.ENTER)
        self.wait(lambda: self.find_all(".rathaus-feedback--done"), "no thanks after rating the answer")
        check("Danke für Ihre Rückmeldung" in self.text_of(self.find(".rathaus-feedback--done")), "the thanks is missing")
        check(not self.errors_in_log(), f"error notice after rating: {self.errors_in_log()}")
        self.wait(lambda: self.is_active("#rathaus-input"), "the focus did not return to the input after rating")

        self.step(5, "Sperrmüll application, keyboard only")
        self.say("ich will sperrmüll anmelden", "Sind Sie damit einverstanden?")
        replies = "\n".join(self.choose("Ja", Keys.ENTER))
        check("Wie lautet Ihr Vor- und Familienname?" in replies, f"consent not accepted: {replies!r}")
        check(not self.find_all(".rathaus-choice"), "the choice buttons stayed after sending")
        self.say("Anna Müller-Schmidt", "An welcher Adresse sollen wir den Sperrmüll abholen?")
        self.say("Hauptstraße 5", "Wie lautet die Postleitzahl der Abholadresse?")
        self.say("12345", "Welche Gegenstände sollen wir abholen?")
        self.say("1 Sofa, 2 Matratzen, 1 zerlegter Schrank", "Wie viel Sperrmüll ist es ungefähr, in Kubikmetern?")
        self.say("2,5", "Sollen wir auch große Elektrogeräte")
        replies = "\n".join(self.choose("Ja", Keys.SPACE))
        check("Welche Elektrogeräte sind es, und wie viele?" in replies, f"„Ja“ by Space failed: {replies!r}")
        self.say("1 Kühlschrank und 1 Waschmaschine", "Haben Sie einen Wunschtermin für die Abholung?")
        day = datetime.date.today() + datetime.timedelta(days=21)
        while day.weekday() >= 5:  # collection is Monday to Friday
            day += datetime.timedelta(days=1)
        date = day.strftime("%d.%m.%Y")
        self.say(date, "An welche E-Mail-Adresse sollen wir die Terminbestätigung schicken?")
        self.say("anna@example.de", "Unter welcher Telefonnummer erreichen wir Sie?")
        self.say("0123 456789", "Bitte prüfen Sie Ihre Angaben")
        summary = self.find_all(".rathaus-msg--bot")[-1]
        items = [self.text_of(li) for li in summary.find_elements(By.CSS_SELECTOR, ".rathaus-msg__text ul > li")]
        for expected in ("Name: Anna Müller-Schmidt", "PLZ: 12345", f"Wunschtermin: {date}",
                         "Telefonnummer: +49123456789"):
            check(expected in items, f"summary item {expected!r} missing; items: {items}")
        check(not any("•" in item for item in items), "the bullets were not turned into list items")
        check(self.find_all("#rathaus-log ul > li"), "the summary list is not inside the log")
        replies = "\n".join(self.choose("Ja", Keys.ENTER))
        match = re.search(r"Ihre Vorgangsnummer lautet (MS-\d{4}-\d{6})", replies)
        check(match, f"no reference number after confirming: {replies!r}")
        reference = match.group(1)
        print(f"    reference {reference}", flush=True)
        self.check_console("application")

        self.step(6, "reload: the conversation is still there")
        conversation = self.storage()
        check(conversation and conversation.get("id") and conversation.get("token"),
              "sessionStorage holds no conversation")
        d.refresh()
        self.wait(lambda: self.find_all("#rathaus-toggle")
                  and self.find("#rathaus-toggle").get_attribute("aria-expanded") == "true",
                  "the panel did not reopen after the reload")
        self.wait(lambda: reference in self.log_text(), "the reference number is missing after the reload")
        log_text = self.log_text()
        for expected in ("Was kostet ein Personalausweis?", "Wie lautet Ihr Vor- und Familienname?"):
            check(expected in log_text, f"{expected!r} missing after the reload")
        check(self.find_all("#rathaus-log ul > li"), "the restored summary is not a list")
        check(self.storage().get("id") == conversation["id"], "the reload started a new conversation")
        check(self.find_all(".rathaus-msg--citizen") and self.find_all(".rathaus-msg--bot"),
              "the restored transcript lacks citizen or bot messages")
        groups = self.find_all('#rathaus-log [role="group"][aria-label="Vorschläge"]')
        check(len(groups) <= 1, f"{len(groups)} suggestion groups after the reload")
        self.check_console("reload")

        self.step(7, "HTML in a message stays text")
        self.move_focus("#rathaus-input", "the message input after the reload")
        self.send_and_wait(text=XSS)
        mine = self.find_all(".rathaus-msg--citizen .rathaus-msg__text")[-1]
        check(self.text_of(mine) == XSS, f"the citizen's message reads {self.text_of(mine)!r}")
        check(not self.find_all("#rathaus-widget img"), "an <img> element appeared inside the widget")
        check(self.driver.execute_script("return document.images.length") == 0, "an image appeared on the page")
        time.sleep(0.3)
        try:
            alert = self.driver.switch_to.alert
            text = alert.text
            alert.dismiss()
            raise Failure(f"an alert was opened: {text!r}")
        except NoAlertPresentException:
            pass
        self.check_console("html")

        self.step(8, "delete the conversation with „Gespräch löschen“")
        self.move_focus(".rathaus-reset", "the „Gespräch löschen“ button")
        self.press(Keys.ENTER)
        self.wait(lambda: self.idle() and "Das Gespräch wurde gelöscht" in self.log_text()
                  and len(self.bot_texts()) == 1, "deleting did not start a fresh conversation")
        check(reference not in self.log_text(), "the old conversation is still shown")
        fresh = self.storage()
        check(fresh and fresh["id"] != conversation["id"], "no new conversation after deleting")
        request = urllib.request.Request(f"{self.base}/api/v1/conversations/{conversation['id']}",
                                         headers={"Authorization": "Bearer " + conversation["token"]})
        try:
            urllib.request.urlopen(request, timeout=WAIT_SECONDS)
            raise Failure("the deleted conversation can still be read")
        except urllib.error.HTTPError as error:
            check(error.code == 404, f"reading the deleted conversation answered {error.code}, not 404")
        self.wait(lambda: self.is_active("#rathaus-input"), "the focus is not in the input after deleting")
        self.check_console("deletion")

        self.step(9, "the privacy notice, from the widget's link")
        self.move_focus(".rathaus-privacy", "the „Datenschutzhinweise“ link")
        self.press(Keys.ENTER)
        self.wait(lambda: d.current_url.endswith("/datenschutz.html"), "Enter on the link did not open the privacy notice")
        heading = self.wait(lambda: self.find_all("h1"), "the privacy notice has no heading")[0]
        check("Datenschutz" in heading.text, f"unexpected heading {heading.text!r}")
        page = self.text_of(self.find("main"))
        for expected in ("sessionStorage", "30 Tage", "Gespräch löschen", "lösche meine Daten",
                         "datenschutz@musterstadt.example"):
            check(expected in page, f"the privacy notice does not mention {expected!r}")
        check(self.find(".site-header").value_of_css_property("background-color") != "rgba(0, 0, 0, 0)",
              "site.css is not applied to the privacy notice")
        self.check_console("privacy notice")


def main():
    if len(sys.argv) != 2 or not sys.argv[1].startswith("http"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    return run_session(sys.argv[1], lambda: WidgetTest(sys.argv[1]), SCREENSHOT, "the widget works with the keyboard only")


if __name__ == "__main__":
    sys.exit(main())
