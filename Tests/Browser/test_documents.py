#!/usr/bin/env python3
"""Real-browser test of requested documents in the Rathaus chat widget, keyboard only.

Usage: python3 Tests/Browser/test_documents.py http://127.0.0.1:PORT SECRET RECEIVER_LOG

Needs a running `rathaus serve` whose config names a department (`default` will do) with the
`whsec_` SECRET and the webhook URL of Tests/Delivery/receiver.py, which logs to RECEIVER_LOG; and,
as test_widget.py, Debian's chromium and chromedriver and Tests/Browser/requirements.txt.

The citizen never clicks: the test opens the demo page, opens the widget with the keyboard and
files a Baumfällung application by typing; the form's photo question offers a file button among
the answer buttons, which refuses a ZIP file named foto.png and takes a real PNG. Then, as the department, it posts the signed events
`received` and `documents_requested` (a photo) from Python. The open widget must offer the photo by
itself (no reload, nothing typed) as a real button reachable with the keyboard. Through the file
input (send_keys with a path, the standard way and no mouse click) it first sends a ZIP file named
foto.png, which the server must refuse with its German sentence, then a real PNG, which must be
„Gesendet“. Finally the department's receiver must have got the signed webhook
`application.documents_submitted` carrying exactly those PNG bytes (and, before, the form's photo
the same way). The widget is told to poll every
second (data-poll-seconds="1", set on its script tag before it runs). Fails on any
Content-Security-Policy violation in the browser console.

Exits 0 on success. On failure it prints what failed and the widget's log text, saves a
screenshot to /tmp/rathaus-documents-failure.png and exits 1. Every wait is at most 15 seconds.
"""

import base64
import hashlib
import hmac
import json
import os
import re
import struct
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
import zlib

from browser_session import WAIT_SECONDS, BrowserSession, check, run_session, set_widget_attribute
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

SCREENSHOT = "/tmp/rathaus-documents-failure.png"
DOCUMENT_ID = "foto"
DOCUMENT_LABEL = "Foto des Baums"
BUTTON_LABEL = "Datei auswählen: " + DOCUMENT_LABEL
NOTE = "Bitte von der Straße aus fotografieren."
REFUSAL = "kein PDF, JPEG oder PNG"
FORM_REFUSAL = "Diese Datei ist kein JPEG oder PNG. Erlaubt sind JPEG und PNG bis 10 MB."
ZIP_BYTES = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 20 + b"kein Bild, ein ZIP-Archiv"

# The Baumfällung dialog: what the citizen types and what the next question must contain.
DIALOG = [
    ("ich möchte einen Baum fällen", "Sind Sie damit einverstanden?"),
    ("ja", "Auf welchem Grundstück steht der Baum?"),
    ("Birkenweg 7", "Wie lautet die Postleitzahl des Grundstücks?"),
    ("12346", "Wie lautet Ihr Vor- und Familienname?"),
    ("Peter Schmitz", "Können wir Ihnen Post an die Adresse des Grundstücks schicken?"),
    ("ja", "Sind Sie Eigentümerin oder Eigentümer des Grundstücks?"),
    ("ja", "Welche Baumart ist es?"),
    ("eine Rotbuche", "Wie groß ist der Stammumfang"),
    ("180", "Warum soll der Baum gefällt werden?"),
    ("krank", "Haben Sie ein Foto des Baums?"),
]
# After the form's photo is sent with the file button.
DIALOG_AFTER_PHOTO = [
    ("Die Buche ist von einem Pilz befallen und innen morsch.", "Unter welcher E-Mail-Adresse erreichen wir Sie?"),
    ("p.schmitz@example.de", "Unter welcher Telefonnummer erreichen wir Sie?"),
    ("überspringen", "Bitte prüfen Sie Ihre Angaben"),
]


def small_png():
    """A valid 2×2 PNG (8-bit RGB), built with the standard library."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes([0x2E, 0x7D, 0x32]) * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


class DocumentsTest(BrowserSession):
    def __init__(self, base, secret, receiver_log):
        super().__init__(base)
        self.secret = secret
        self.receiver_log = receiver_log
        self.folder = tempfile.mkdtemp(prefix="rathaus-documents-")
        os.mkdir(os.path.join(self.folder, "zip"))
        os.mkdir(os.path.join(self.folder, "png"))
        self.zip_path = os.path.join(self.folder, "zip", "foto.png")
        self.png_path = os.path.join(self.folder, "png", "baum.png")
        self.png = small_png()
        with open(self.zip_path, "wb") as file:
            file.write(ZIP_BYTES)
        with open(self.png_path, "wb") as file:
            file.write(self.png)

    # ------------------------------------------------------------ helpers

    def say(self, text, expected):
        """Types `text` into the focused message input, presses Enter and expects `expected` back."""
        check(self.is_active("#rathaus-input"), "the message input does not have the focus")
        before = len(self.bot_texts())
        errors = len(self.errors_in_log())
        self.active().send_keys(text)
        self.press(Keys.ENTER)
        self.wait(lambda: self.idle() and (len(self.bot_texts()) > before or len(self.errors_in_log()) > errors),
                  f"no answer to {text!r}")
        check(len(self.errors_in_log()) == errors, f"error notice after {text!r}: {self.errors_in_log()[errors:]}")
        self.wait(lambda: self.is_active("#rathaus-input"), "the focus did not return to the input after sending")
        joined = "\n".join(self.bot_texts()[before:])
        check(expected in joined, f"after {text!r} expected {expected!r} in the reply, got {joined!r}")
        return joined

    def check_console(self, where):
        """Fails on a CSP violation in the browser console; prints other errors."""
        for entry in self.driver.get_log("browser"):
            self.console.append(entry)
            message = entry.get("message", "")
            if entry.get("level") == "SEVERE":
                check("Content Security Policy" not in message and "Content-Security-Policy" not in message,
                      f"CSP violation in the browser console ({where}): {message}")
                print(f"    console ({where}): {message}", flush=True)

    def storage(self):
        raw = self.driver.execute_script("return window.sessionStorage.getItem('rathaus.conversation');")
        return json.loads(raw) if raw else None

    def request_messages(self):
        return self.find_all("#rathaus-log .rathaus-msg--documents")

    def status(self):
        found = self.find_all('#rathaus-log .rathaus-document [role="status"]')
        return self.text_of(found[0]) if found else ""

    def watch_status(self):
        """Records every text the upload status shows from now on (progress may pass quickly)."""
        self.driver.execute_script("""
            const status = document.querySelector('#rathaus-log .rathaus-document [role="status"]');
            if (window.rathausStatusObserver) { window.rathausStatusObserver.disconnect(); }
            window.rathausStatuses = [];
            window.rathausStatusObserver = new MutationObserver(() => {
              window.rathausStatuses.push(status.textContent);
            });
            window.rathausStatusObserver.observe(status, {childList: true, characterData: true, subtree: true});""")

    def statuses(self):
        return self.driver.execute_script("return window.rathausStatuses || [];")

    def send_form_photo(self):
        """At the form's photo question: reaches the file button with the keyboard, sends the ZIP
        named foto.png (refused), then the PNG (taken)."""
        buttons = self.find_all(".rathaus-choices button")
        check(len(buttons) == 1 and buttons[0].accessible_name == "Datei auswählen",
              f"expected one answer button „Datei auswählen“, found {[b.accessible_name for b in buttons]}")
        button = buttons[0]
        check(button.get_attribute("type") == "button", "the file button is not a <button type=button>")
        file_input = self.find(".rathaus-choices input[type=file]")
        check(file_input.get_attribute("data-field") == "foto", "the file input is not the photo field's")
        check(file_input.get_attribute("tabindex") == "-1", "the hidden file input should not be a tab stop")
        self.move_focus(lambda: self.active() == button, "the form's file button (Shift+Tab from the input)",
                        backwards=True, limit=12)
        def status():
            return self.text_of(self.find(".rathaus-choices [role=status]"))
        file_input.send_keys(self.zip_path)
        self.wait(lambda: status() == FORM_REFUSAL, f"no refusal of the ZIP; status: {status()!r}")
        check(button.is_displayed(), "after the refusal the file button is gone")
        before = len(self.bot_texts())
        file_input.send_keys(self.png_path)
        self.wait(lambda: len(self.bot_texts()) > before + 1, "the PNG was not taken (no thanks and next question)")
        joined = "\n".join(self.bot_texts()[before:])
        check("„Foto des Baums“ ist da (PNG-Datei" in joined and "Beschreiben Sie bitte kurz" in joined,
              f"after the PNG expected the thanks and the next question, got {joined!r}")
        check(not self.find_all(".rathaus-choices button"), "the file button is still there after sending")
        self.wait(lambda: self.is_active("#rathaus-input"), "the focus did not return to the input after the photo")
        token = self.storage()["token"]
        conversation = self.storage()["id"]
        request = urllib.request.Request(f"{self.base}/api/v1/conversations/{conversation}",
                                         headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(request, timeout=WAIT_SECONDS) as response:
            transcript = json.loads(response.read())["transcript"]
        check(not any("foto.png" in line["text"] or "baum.png" in line["text"] for line in transcript),
              "a file name reached the stored transcript")

    def requested_documents(self, reference, photo_id):
        """The documents webhooks for `reference` other than the one of the form's photo."""
        return [found for found in self.submitted_documents(reference)
                if (found[1].get("documents") or [{}])[0].get("id") != photo_id]

    def form_photo_id(self, reference):
        """The document id the application's data gives its photo, from the receiver's verified
        `application.submitted` webhook."""
        def submitted():
            try:
                with open(self.receiver_log, encoding="utf-8") as log:
                    lines = log.read().splitlines()
            except FileNotFoundError:
                return None
            for line in lines:
                try:
                    entry = json.loads(line)
                    body = json.loads(entry.get("body") or "null")
                except ValueError:
                    continue
                if isinstance(body, dict) and body.get("type") == "application.submitted" and body.get("reference") == reference:
                    check(entry.get("valid") is True, f"the application's webhook did not verify: {entry.get('error')}")
                    return body
            return None
        self.wait(submitted, "the application did not reach the department")
        photo = (submitted().get("data") or {}).get("foto") or {}
        check(photo.get("sha256") == hashlib.sha256(self.png).hexdigest() and photo.get("media_type") == "image/png",
              f"the application's data names the photo as {photo}")
        return photo.get("document_id")

    # ------------------------------------------------------------ the department

    def post_event(self, reference, event):
        """Posts `event` as the department, signed as a Standard Webhook; returns the status."""
        body = json.dumps(event).encode("utf-8")
        message_id = "msg_" + uuid.uuid4().hex
        timestamp = str(int(time.time()))
        key = base64.b64decode(self.secret.split("_", 1)[1])
        signed = message_id.encode() + b"." + timestamp.encode() + b"." + body
        signature = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        request = urllib.request.Request(
            f"{self.base}/api/v1/applications/{reference}/events", data=body, method="POST",
            headers={"Content-Type": "application/json", "webhook-id": message_id,
                     "webhook-timestamp": timestamp, "webhook-signature": signature})
        try:
            with urllib.request.urlopen(request, timeout=WAIT_SECONDS) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def timeline(self, reference, token):
        request = urllib.request.Request(f"{self.base}/api/v1/applications/{reference}",
                                         headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(request, timeout=WAIT_SECONDS) as response:
            return json.loads(response.read())

    def submitted_documents(self, reference):
        """The receiver's verified `application.documents_submitted` bodies for `reference`."""
        found = []
        try:
            with open(self.receiver_log, encoding="utf-8") as log:
                lines = log.read().splitlines()
        except FileNotFoundError:
            return found
        for line in lines:
            try:
                entry = json.loads(line)
                body = json.loads(entry.get("body") or "null")
            except ValueError:
                continue  # a line being written
            if isinstance(body, dict) and body.get("type") == "application.documents_submitted" \
                    and body.get("reference") == reference:
                found.append((entry, body))
        return found

    # ------------------------------------------------------------ the steps

    def run(self):
        d = self.driver
        set_widget_attribute(d, "data-poll-seconds", "1")

        self.step(1, "demo page, open the widget with the keyboard")
        d.get(self.base + "/")
        check("Musterstadt" in d.title, f"unexpected page title {d.title!r}")
        self.wait(lambda: self.find_all("#rathaus-toggle") and self.find("#rathaus-toggle").is_displayed(),
                  "the chat toggle did not appear (widget.js or widget.css not loaded?)")
        check(self.driver.execute_script(
            "return document.querySelector('script[src$=\"widget.js\"]').getAttribute('data-poll-seconds');") == "1",
            "could not set data-poll-seconds on the widget's script tag")
        self.move_focus(lambda: self.is_active("#rathaus-toggle"), "the chat toggle")
        self.press(Keys.ENTER)
        self.wait(lambda: self.is_active("#rathaus-input"), "opening did not move the focus to the input")
        self.wait(lambda: self.idle() and len(self.bot_texts()) >= 1, "no welcome message")
        self.check_console("opening")

        self.step(2, "file the Baumfällung application by typing; the form's photo goes with the file button")
        for text, expected in DIALOG:
            self.say(text, expected)
        self.send_form_photo()
        for text, expected in DIALOG_AFTER_PHOTO:
            self.say(text, expected)
        replies = self.say("ja", "Ihre Vorgangsnummer lautet")
        match = re.search(r"Ihre Vorgangsnummer lautet (MS-\d{4}-\d{6})", replies)
        check(match, f"no reference number after confirming: {replies!r}")
        reference = match.group(1)
        print(f"    reference {reference}", flush=True)
        conversation = self.storage()
        check(conversation and conversation.get("token"), "sessionStorage holds no conversation")
        check(reference in (conversation.get("references") or []),
              f"the widget did not remember {reference} in sessionStorage: {conversation}")
        check(not self.request_messages(), "a document request appeared before the department asked")
        photo_id = self.form_photo_id(reference)
        self.wait(lambda: self.submitted_documents(reference), "the form's photo did not reach the department")
        entry, body = self.submitted_documents(reference)[0]
        check(entry.get("valid") is True, f"the form photo's webhook did not verify: {entry.get('error')}")
        sent = (body.get("documents") or [{}])[0]
        check(sent.get("id") == photo_id and sent.get("sha256") == hashlib.sha256(self.png).hexdigest(),
              f"the form photo's webhook names {sent.get('id')!r} with another hash")
        self.check_console("application")

        self.step(3, "the department confirms receipt and asks for a photo (signed events)")
        status, body = self.post_event(reference, {"type": "received"})
        check(status == 200, f"the event „received“ was answered {status}: {body}")
        status, body = self.post_event(reference, {
            "type": "documents_requested", "note": NOTE,
            "documents": [{"id": DOCUMENT_ID, "label": DOCUMENT_LABEL}]})
        check(status == 200, f"the event „documents_requested“ was answered {status}: {body}")
        asked = time.monotonic()

        self.step(4, "the open widget shows the request by itself")
        typed = len(self.find_all(".rathaus-msg--citizen"))
        self.wait(lambda: self.request_messages(), "the widget did not show the requested document")
        print(f"    shown after {time.monotonic() - asked:.1f} s", flush=True)
        check(len(self.find_all(".rathaus-msg--citizen")) == typed, "a message was sent to get the request")
        message = self.request_messages()[0]
        text = self.text_of(message)
        check(reference in text and DOCUMENT_LABEL in text, f"the request does not name {reference} and the photo: {text!r}")
        check(NOTE in text, f"the department's note is not shown: {text!r}")
        check(message.find_element(By.XPATH, "ancestor::*[@id='rathaus-log']").get_attribute("aria-live") == "polite",
              "the request is not inside the polite live log")
        buttons = message.find_elements(By.CSS_SELECTOR, "button")
        check(len(buttons) == 1, f"expected one button in the request, found {len(buttons)}")
        button = buttons[0]
        check(button.tag_name == "button" and button.get_attribute("type") == "button" and button.is_displayed(),
              "the file button is not a visible <button type=button>")
        check(button.accessible_name == BUTTON_LABEL, f"the file button's name is {button.accessible_name!r}")
        inputs = message.find_elements(By.CSS_SELECTOR, "input[type=file]")
        check(len(inputs) == 1, f"expected one file input, found {len(inputs)}")
        file_input = inputs[0]
        check(file_input.get_attribute("accept") == "application/pdf,image/jpeg,image/png",
              f"the file input accepts {file_input.get_attribute('accept')!r}")
        check(file_input.get_attribute("data-document") == DOCUMENT_ID, "the file input is not the photo's")
        check(file_input.get_attribute("tabindex") == "-1", "the hidden file input should not be a tab stop")
        self.move_focus(lambda: self.active() == button, "the file button (Shift+Tab from the input)",
                        backwards=True, limit=12)
        ring = self.driver.execute_script("""
            const s = getComputedStyle(document.activeElement);
            return [s.outlineStyle, parseFloat(s.outlineWidth)];""")
        check(ring[0] != "none" and ring[1] >= 2, f"the focused file button has no visible outline ({ring})")
        time.sleep(2.5)  # two more polls: the same request must not come again
        check(len(self.request_messages()) == 1, f"the request was shown {len(self.request_messages())} times")
        self.check_console("request")

        self.step(5, "a ZIP file named foto.png is refused with the server's sentence")
        self.watch_status()
        file_input.send_keys(self.zip_path)
        self.wait(lambda: REFUSAL in self.status(), f"no refusal {REFUSAL!r}; status: {self.status()!r}")
        print(f"    {self.status()}", flush=True)
        check(any(s.startswith("Wird gesendet") and s.endswith("%") for s in self.statuses()),
              f"no „Wird gesendet … N %“ while sending: {self.statuses()}")
        check(button.is_displayed() and self.active() == button, "after the refusal the file button is gone or lost the focus")
        check(not self.requested_documents(reference, photo_id), "the refused file reached the department")

        self.step(6, "a real PNG is sent")
        self.watch_status()
        file_input.send_keys(self.png_path)
        self.wait(lambda: self.status() == "Gesendet: " + DOCUMENT_LABEL, f"the PNG was not sent; status: {self.status()!r}")
        check(any(re.fullmatch(r"Wird gesendet … \d{1,3} %", s) for s in self.statuses()),
              f"no „Wird gesendet … N %“ while sending: {self.statuses()}")
        check(not message.find_elements(By.CSS_SELECTOR, "button"), "the file button is still there after sending")
        self.wait(lambda: self.is_active("#rathaus-input"), "the focus did not move to the message input after sending")
        timeline = self.timeline(reference, conversation["token"])
        check(timeline.get("open_requests") == [], f"the photo is still requested: {timeline.get('open_requests')}")
        self.check_console("upload")

        self.step(7, "the department receives the signed webhook with the PNG")
        self.wait(lambda: self.requested_documents(reference, photo_id),
                  "no application.documents_submitted for the requested photo at the receiver")
        entry, body = self.requested_documents(reference, photo_id)[0]
        check(entry.get("valid") is True, f"the webhook's signature did not verify: {entry.get('error')}")
        documents = body.get("documents") or []
        check(documents, f"the webhook lists no documents: {body}")
        sent = documents[0]
        check(sent.get("requested_id") == DOCUMENT_ID and sent.get("label") == DOCUMENT_LABEL,
              f"the webhook names {sent.get('requested_id')!r} / {sent.get('label')!r}")
        check(sent.get("media_type") == "image/png", f"the media type is {sent.get('media_type')!r}")
        check(sent.get("sha256") == hashlib.sha256(self.png).hexdigest(), "the webhook's sha256 is not the PNG's")
        check(base64.b64decode(sent.get("content_base64") or "") == self.png, "content_base64 is not the PNG")
        check(len(self.submitted_documents(reference)) == 2, "the department got a document more than once")

        self.step(8, "nothing is asked twice")
        time.sleep(2.5)  # two more polls
        check(len(self.request_messages()) == 1, f"{len(self.request_messages())} request messages after sending")
        check(self.status() == "Gesendet: " + DOCUMENT_LABEL, f"the status changed to {self.status()!r}")
        self.check_console("end")


def main():
    if len(sys.argv) != 4 or not sys.argv[1].startswith("http") or not sys.argv[2].startswith("whsec_"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    return run_session(sys.argv[1], lambda: DocumentsTest(sys.argv[1], sys.argv[2], sys.argv[3]), SCREENSHOT, "requested documents reach the department, keyboard only")


if __name__ == "__main__":
    sys.exit(main())
