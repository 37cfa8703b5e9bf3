/*
 * Rathaus chat widget.
 *
 * Embed with one tag:
 *   <script src="https://server/widget.js" data-server="https://server"
 *           data-title="Musterstadt fragen" defer></script>
 *
 * Attributes (all optional): data-server (default: where this script was loaded from, its origin
 * and any path before /widget.js, e.g. https://server/t/05315000 for one town of several),
 * data-title (default "Rathaus Musterstadt"), data-privacy (default: the server's privacy notice in
 * the widget's language, <server>/datenschutz.html, /privacy.html or /datenschutz-leicht.html),
 * data-poll-seconds (default 10, at least 1): how often an open widget asks after the applications
 * filed in this conversation, data-language ("de", "en" or "de-x-ls" for Leichte Sprache): the
 * language a new conversation starts in until the citizen chooses another (default: none, so the
 * server detects it from the first message, German until then).
 *
 * Languages: the header offers Deutsch, English and Leichte Sprache as toggle buttons
 * (aria-pressed). A choice is kept in sessionStorage; before a conversation exists it is sent with
 * POST /api/v1/conversations as {"language": …}, in an existing one the widget sends the sentence
 * that switches it ("English please", "auf Deutsch bitte", "bitte in Leichter Sprache") like a
 * typed message, so the server's confirmation appears as a reply. The widget's own texts (TEXTS)
 * are in the chosen language (German when none), and so is the privacy notice its link opens
 * (unless data-privacy names one). Every message gets `lang`: a reply that of its
 * turn, the welcome that of the new conversation ("de" when none is named), the citizen's the
 * widget's. The transcript read after a reload names no languages, so the widget remembers the
 * language of each message it showed under a hash of its text (not the text) in sessionStorage.
 *
 * Works under "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'":
 * no inline script or style, no element.style, no innerHTML. Every text from the server is
 * inserted as a text node. The conversation id and its access token live in sessionStorage only,
 * together with the references of the applications filed in the conversation and its language.
 *
 * Documents a department asks for: while the panel is open, the widget polls
 * GET /api/v1/applications/{reference} for each of those applications and, when `open_requests`
 * lists documents it has not shown yet, offers a file button for each; the file goes up with
 * XMLHttpRequest, which reports upload progress (fetch does not). It polls rather than using
 * server-sent events on purpose: EventSource cannot send the Authorization header (the token would
 * have to go into the URL and so into logs), an open connection per open widget would tie up the
 * server and break behind some proxies, and departments answer in days, not seconds, so a request
 * every 10 seconds while the chat is open costs next to nothing. The server offers no SSE either.
 * A form field of type "document" (expecting.type) gets a file button among the answer buttons;
 * the file goes to POST /api/v1/conversations/{id}/documents/{field}, which answers with a turn.
 */
(function () {
  "use strict";

  var script = document.currentScript || (function () {
    var scripts = document.getElementsByTagName("script");
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/\/widget\.js(?:[?#]|$)/.test(scripts[i].src)) { return scripts[i]; }
    }
    return null;
  }());

  var STORAGE_CONVERSATION = "rathaus.conversation";
  var STORAGE_OPEN = "rathaus.open";
  var STORAGE_CHOICES = "rathaus.choices";
  var STORAGE_FILE_FIELD = "rathaus.fileField"; // the form's document field asked now, if any
  var STORAGE_SUGGESTIONS = "rathaus.suggestions";
  var STORAGE_LANGUAGE = "rathaus.language"; // the language the citizen chose with the switch
  var STORAGE_MESSAGE_LANGUAGES = "rathaus.messageLanguages"; // hash of a shown message -> its language
  var MESSAGE_LANGUAGES_KEPT = 400;
  var MAX_LENGTH = 1000;
  var TIMEOUT_MS = 20000;
  var URL_PATTERN = /https?:\/\/[^\s<>"'„“”«»]+/g;
  var BULLET_PATTERN = /^\s*•\s+/;
  var REFERENCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
  var UPLOAD_ACCEPT = "application/pdf,image/jpeg,image/png";
  var UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
  var UPLOAD_TIMEOUT_MS = 120000;

  // ---------------------------------------------------------------- languages and texts

  /**
   * The languages the server speaks, in the order the switch offers them, each named in itself,
   * with the server's privacy notice in it (used unless data-privacy names a page).
   */
  var LANGUAGES = [
    { tag: "de", name: "Deutsch", request: "auf Deutsch bitte", privacy: "/datenschutz.html" },
    { tag: "en", name: "English", request: "English please", privacy: "/privacy.html" },
    { tag: "de-x-ls", name: "Leichte Sprache", request: "bitte in Leichter Sprache", privacy: "/datenschutz-leicht.html" }
  ];

  /**
   * The widget's own texts per language. German and English are complete; Leichte Sprache gives
   * only what it says differently, the rest in German. textIn() fills in each "{name}".
   */
  var TEXTS = {
    de: {
      title: "Rathaus Musterstadt",
      open: "Chat öffnen",
      close: "Chat schließen",
      languages: "Sprache",
      log: "Gesprächsverlauf",
      choices: "Antwortmöglichkeiten",
      input: "Ihre Nachricht",
      inputHint: "Die Eingabetaste sendet, Umschalt und Eingabetaste beginnen eine neue Zeile.",
      send: "Senden",
      privacy: "Datenschutzhinweise",
      reset: "Gespräch löschen",
      you: "Sie: ",
      bot: "Rathaus: ",
      error: "Fehler: ",
      note: "Hinweis: ",
      typing: "Rathaus schreibt …",
      yes: "Ja",
      no: "Nein",
      suggestions: "Vorschläge",
      feedbackQuestion: "War diese Antwort hilfreich?",
      feedbackLabel: "Hilfreich?",
      feedbackThanks: "Danke für Ihre Rückmeldung.",
      chooseFile: "Datei auswählen",
      chooseFileFor: "Datei auswählen: {label}",
      fileSentMessage: "Datei gesendet: {name}",
      fileSent: "Gesendet: {label}",
      fileSending: "Wird gesendet … {percent} %",
      fileTooLarge: "Die Datei ist zu groß. Bitte senden Sie PDF, JPEG oder PNG bis 10 MB.",
      fileWrongType: "Diese Datei ist kein PDF, JPEG oder PNG. Bitte wählen Sie eine andere Datei.",
      fileFailed: "Die Datei konnte nicht gesendet werden. Bitte versuchen Sie es erneut.",
      fileNoConnection: "Keine Verbindung zum Server. Bitte prüfen Sie Ihre Internetverbindung und senden Sie die Datei erneut.",
      fileTimeout: "Das Senden dauert zu lange. Bitte versuchen Sie es erneut.",
      fileAborted: "Das Senden wurde abgebrochen. Bitte versuchen Sie es erneut.",
      fileWait: "Bitte warten Sie einen Moment und versuchen Sie es dann erneut.",
      conversationGoneReload: "Das Gespräch ist nicht mehr vorhanden. Bitte laden Sie die Seite neu.",
      documentsRequested: "Zu Ihrem Antrag {reference} bittet die zuständige Stelle um diese Unterlagen:",
      departmentNote: "Hinweis der Stelle: {note}",
      documentsAllowed: "Bitte senden Sie PDF, JPEG oder PNG bis 10 MB.",
      tooLong: "Ihre Nachricht ist zu lang. Bitte schreiben Sie höchstens {max} Zeichen.",
      conversationGone: "Das bisherige Gespräch ist nicht mehr vorhanden. Ich beginne ein neues Gespräch.",
      deleted: "Das Gespräch wurde gelöscht. Sie können ein neues Gespräch beginnen.",
      unreadable: "Die Antwort des Servers war unverständlich. Bitte versuchen Sie es erneut.",
      wait: "Bitte warten Sie einen Moment.",
      unavailable: "Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.",
      failed: "Die Anfrage ist fehlgeschlagen. Bitte versuchen Sie es erneut.",
      timeout: "Die Antwort dauert zu lange. Bitte versuchen Sie es erneut.",
      noConnection: "Keine Verbindung zum Server. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut."
    },
    en: {
      title: "Musterstadt Town Hall",
      open: "Open chat",
      close: "Close chat",
      languages: "Language",
      log: "Conversation",
      choices: "Answers to choose from",
      input: "Your message",
      inputHint: "Enter sends, Shift and Enter start a new line.",
      send: "Send",
      privacy: "Privacy notice",
      reset: "Delete conversation",
      you: "You: ",
      bot: "Rathaus: ",
      error: "Error: ",
      note: "Note: ",
      typing: "Rathaus is writing …",
      yes: "Yes",
      no: "No",
      suggestions: "Suggestions",
      feedbackQuestion: "Was this answer helpful?",
      feedbackLabel: "Helpful?",
      feedbackThanks: "Thank you for your feedback.",
      chooseFile: "Choose file",
      chooseFileFor: "Choose file: {label}",
      fileSentMessage: "File sent: {name}",
      fileSent: "Sent: {label}",
      fileSending: "Sending … {percent} %",
      fileTooLarge: "The file is too large. Please send a PDF, JPEG or PNG of at most 10 MB.",
      fileWrongType: "This file is not a PDF, JPEG or PNG. Please choose another file.",
      fileFailed: "The file could not be sent. Please try again.",
      fileNoConnection: "No connection to the server. Please check your internet connection and send the file again.",
      fileTimeout: "Sending takes too long. Please try again.",
      fileAborted: "Sending was cancelled. Please try again.",
      fileWait: "Please wait a moment and then try again.",
      conversationGoneReload: "The conversation no longer exists. Please reload the page.",
      documentsRequested: "For your application {reference} the responsible office asks for these documents:",
      departmentNote: "Note from the office: {note}",
      documentsAllowed: "Please send a PDF, JPEG or PNG of at most 10 MB.",
      tooLong: "Your message is too long. Please write at most {max} characters.",
      conversationGone: "The earlier conversation no longer exists. I am starting a new one.",
      deleted: "The conversation has been deleted. You can start a new one.",
      unreadable: "The server's answer could not be read. Please try again.",
      wait: "Please wait a moment.",
      unavailable: "The service is not available right now. Please try again later.",
      failed: "The request failed. Please try again.",
      timeout: "The answer takes too long. Please try again.",
      noConnection: "No connection to the server. Please check your internet connection and try again."
    },
    "de-x-ls": {
      log: "Gesprächs-Verlauf",
      choices: "Antworten zum Auswählen",
      inputHint: "Die Eingabe-Taste schickt die Nachricht ab. Umschalt-Taste und Eingabe-Taste machen eine neue Zeile.",
      privacy: "Daten-Schutz",
      feedbackQuestion: "Hat Ihnen die Antwort geholfen?",
      feedbackLabel: "Hat das geholfen?",
      feedbackThanks: "Danke für Ihre Antwort.",
      fileTooLarge: "Die Datei ist zu groß. Die Datei darf höchstens 10 MB groß sein. Schicken Sie ein PDF, JPEG oder PNG.",
      fileWrongType: "Diese Datei geht nicht. Schicken Sie bitte ein PDF, JPEG oder PNG.",
      fileFailed: "Das Senden hat nicht geklappt. Bitte versuchen Sie es noch einmal.",
      fileNoConnection: "Es gibt keine Verbindung zum Server. Bitte prüfen Sie Ihr Internet. Dann schicken Sie die Datei noch einmal.",
      fileTimeout: "Das Senden dauert zu lange. Bitte versuchen Sie es noch einmal.",
      fileAborted: "Das Senden wurde abgebrochen. Bitte versuchen Sie es noch einmal.",
      fileWait: "Bitte warten Sie kurz. Dann versuchen Sie es noch einmal.",
      conversationGoneReload: "Das Gespräch gibt es nicht mehr. Bitte laden Sie die Seite neu.",
      documentsRequested: "Es geht um Ihren Antrag {reference}. Das Amt braucht noch diese Unterlagen:",
      departmentNote: "Das schreibt das Amt dazu: {note}",
      documentsAllowed: "Schicken Sie bitte ein PDF, JPEG oder PNG. Die Datei darf höchstens 10 MB groß sein.",
      tooLong: "Ihre Nachricht ist zu lang. Schreiben Sie bitte höchstens {max} Zeichen.",
      conversationGone: "Das alte Gespräch gibt es nicht mehr. Ich fange ein neues Gespräch an.",
      deleted: "Das Gespräch ist gelöscht. Sie können ein neues Gespräch anfangen.",
      unreadable: "Die Antwort vom Server ist kaputt. Bitte versuchen Sie es noch einmal.",
      wait: "Bitte warten Sie kurz.",
      unavailable: "Der Dienst geht gerade nicht. Bitte versuchen Sie es später noch einmal.",
      failed: "Das hat nicht geklappt. Bitte versuchen Sie es noch einmal.",
      timeout: "Die Antwort dauert zu lange. Bitte versuchen Sie es noch einmal.",
      noConnection: "Es gibt keine Verbindung zum Server. Bitte prüfen Sie Ihr Internet. Dann versuchen Sie es noch einmal."
    }
  };

  /** The language with tag `value` ("de", "en", "de-x-ls", any case), or null. */
  function languageOf(value) {
    var tag = typeof value === "string" ? value.trim().toLowerCase() : "";
    for (var i = 0; i < LANGUAGES.length; i++) {
      if (LANGUAGES[i].tag === tag) { return LANGUAGES[i]; }
    }
    return null;
  }

  /** The text `key` in `language` (a tag; German when it has none), with each {name} from `values`. */
  function textIn(language, key, values) {
    var table = TEXTS[language] || TEXTS.de;
    var text = table[key] !== undefined ? table[key] : TEXTS.de[key];
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && values[name] !== undefined ? String(values[name]) : whole;
    });
  }

  /** An absolute http(s) URL without trailing slash, or null. */
  function httpURL(value, base) {
    if (!value) { return null; }
    try {
      var url = new URL(value, base);
      if (url.protocol !== "https:" && url.protocol !== "http:") { return null; }
      return url.href.replace(/\/+$/, "");
    } catch (e) {
      return null;
    }
  }

  // The server is where this script came from: its origin, and the path before /widget.js, so
  // that a town served under /t/{key}/ by a server for several towns talks to that town.
  var scriptBase = null;
  if (script && script.src) {
    try {
      var source = new URL(script.src, document.baseURI);
      scriptBase = source.origin + source.pathname.replace(/\/widget\.js$/, "");
    } catch (e) { scriptBase = null; }
  }
  var attr = function (name) { return script ? script.getAttribute(name) : null; };
  var server = httpURL(attr("data-server"), document.baseURI) || scriptBase || window.location.origin;
  var customTitle = (attr("data-title") || "").trim() || null; // else the title of the chosen language
  var pageLanguage = languageOf(attr("data-language"));
  var customPrivacyURL = httpURL(attr("data-privacy"), document.baseURI); // else the page of the widget's language
  var pollSeconds = (function () {
    var value = parseFloat(attr("data-poll-seconds") || "");
    return isFinite(value) && value >= 1 ? Math.min(value, 3600) : 10;
  }());

  // ---------------------------------------------------------------- storage

  function storageGet(key) {
    try { return window.sessionStorage.getItem(key); } catch (e) { return null; }
  }
  function storageSet(key, value) {
    try { window.sessionStorage.setItem(key, value); } catch (e) { /* storage disabled: keep going */ }
  }
  function storageRemove(key) {
    try { window.sessionStorage.removeItem(key); } catch (e) { /* storage disabled */ }
  }

  function isReference(value) {
    return typeof value === "string" && REFERENCE_PATTERN.test(value);
  }

  function loadConversation() {
    var raw = storageGet(STORAGE_CONVERSATION);
    if (!raw) { return null; }
    try {
      var value = JSON.parse(raw);
      if (value && typeof value.id === "string" && typeof value.token === "string") {
        var references = Array.isArray(value.references) ? value.references.filter(isReference) : [];
        var language = languageOf(value.language);
        return { id: value.id, token: value.token, references: references, language: language ? language.tag : null };
      }
    } catch (e) { /* damaged entry: start fresh */ }
    storageRemove(STORAGE_CONVERSATION);
    return null;
  }

  /**
   * A short key for a message shown (FNV-1a over speaker and text), under which its language is
   * remembered without keeping its text: the transcript read after a reload carries none.
   */
  function messageKey(speaker, text) {
    var value = (speaker === "citizen" ? "c" : "a") + "\n" + text;
    var hash = 0x811c9dc5;
    for (var i = 0; i < value.length; i++) {
      hash ^= value.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return "m" + hash.toString(36); // not a number, so objects keep the keys in insertion order
  }

  function loadMessageLanguages() {
    try {
      var value = JSON.parse(storageGet(STORAGE_MESSAGE_LANGUAGES) || "null");
      if (value && typeof value === "object" && !Array.isArray(value)) { return value; }
    } catch (e) { /* damaged entry: start fresh */ }
    return {};
  }

  // ---------------------------------------------------------------- DOM helpers

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function hiddenText(text) {
    return el("span", "rathaus-visually-hidden", text);
  }

  var SVG_NS = "http://www.w3.org/2000/svg";
  function bubbleIcon() {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("class", "rathaus-toggle__icon");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "24");
    svg.setAttribute("height", "24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z");
    svg.appendChild(path);
    return svg;
  }

  /** Appends `text` to `parent`, turning http(s) URLs into links (text nodes and <a> only). */
  function appendInline(parent, text) {
    var last = 0;
    URL_PATTERN.lastIndex = 0;
    var match;
    while ((match = URL_PATTERN.exec(text)) !== null) {
      var raw = match[0].replace(/[.,;:!?)\]]+$/, "");
      var href = httpURL(raw);
      if (!href || raw.length === 0) { continue; }
      if (match.index > last) { parent.appendChild(document.createTextNode(text.slice(last, match.index))); }
      var link = el("a", "rathaus-link", raw);
      link.href = raw;
      link.rel = "noopener noreferrer";
      parent.appendChild(link);
      last = match.index + raw.length;
      URL_PATTERN.lastIndex = last;
    }
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
  }

  /**
   * Renders a bot reply: runs of lines starting with "• " become a <ul>, other lines paragraphs
   * (consecutive lines joined by <br>, blank lines end a paragraph).
   */
  function renderReply(container, text) {
    var lines = String(text).split(/\r?\n/);
    var paragraph = null;
    var list = null;
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (BULLET_PATTERN.test(line)) {
        paragraph = null;
        if (!list) { list = el("ul", "rathaus-list"); container.appendChild(list); }
        var item = el("li");
        appendInline(item, line.replace(BULLET_PATTERN, ""));
        list.appendChild(item);
      } else if (line.trim() === "") {
        paragraph = null;
        list = null;
      } else {
        list = null;
        if (paragraph) {
          paragraph.appendChild(el("br"));
        } else {
          paragraph = el("p", "rathaus-paragraph");
          container.appendChild(paragraph);
        }
        appendInline(paragraph, line.replace(/^\s+/, ""));
      }
    }
  }

  // ---------------------------------------------------------------- the widget

  function build() {
    if (document.getElementById("rathaus-widget")) { return; }

    var conversation = loadConversation();
    // The language chosen with the switch (kept across reloads) or by the page; null: none, so the
    // server detects it from the first message.
    var chosenLanguage = languageOf(storageGet(STORAGE_LANGUAGE)) || pageLanguage;
    var chosen = chosenLanguage ? chosenLanguage.tag : null;
    var language = chosen || "de"; // of the widget's own texts and the citizen's messages
    var pendingLanguage = null; // a language chosen while a message was on its way
    var messageLanguages = loadMessageLanguages();
    var pendingConversation = null;
    var loaded = false;
    var busy = false;
    var restoring = null;
    var currentChoices = [];
    var currentSuggestions = [];
    var suggestionGroup = null; // the latest turn's suggestion buttons, inside the log
    var suggestionNote = null; // their visually hidden announcement, inside the log
    var feedbackGroup = null; // „Hilfreich? Ja / Nein“ after the latest answer, inside the log

    var stylesheet = el("link");
    stylesheet.rel = "stylesheet";
    stylesheet.href = server + "/widget.css";

    var root = el("div", "rathaus-widget");
    root.id = "rathaus-widget";
    root.hidden = true; // shown once its stylesheet has loaded
    var reveal = function () { root.hidden = false; };
    stylesheet.addEventListener("load", reveal);
    stylesheet.addEventListener("error", reveal);
    window.setTimeout(reveal, 3000);

    var toggle = el("button", "rathaus-toggle");
    toggle.type = "button";
    toggle.id = "rathaus-toggle";
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", "rathaus-panel");
    var toggleLabel = el("span", "rathaus-toggle__label");
    toggle.appendChild(bubbleIcon());
    toggle.appendChild(toggleLabel);

    var panel = el("section", "rathaus-panel");
    panel.id = "rathaus-panel";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-modal", "false");
    panel.setAttribute("aria-labelledby", "rathaus-title");
    panel.hidden = true;

    var header = el("div", "rathaus-header");
    var heading = el("h2", "rathaus-title");
    heading.id = "rathaus-title";
    if (customTitle && document.documentElement.lang) { heading.lang = document.documentElement.lang; } // the page's words
    var close = el("button", "rathaus-close");
    close.type = "button";
    close.appendChild(el("span", "rathaus-close__icon", "×")).setAttribute("aria-hidden", "true");
    // The language switch: a group of toggle buttons, each named in its own language.
    var languageGroup = el("div", "rathaus-languages");
    languageGroup.setAttribute("role", "group");
    var languageButtons = LANGUAGES.map(function (option) {
      var button = el("button", "rathaus-language", option.name);
      button.type = "button";
      button.lang = option.tag;
      button.setAttribute("data-language", option.tag);
      button.addEventListener("click", function () { chooseLanguage(option.tag); });
      languageGroup.appendChild(button);
      return button;
    });
    header.appendChild(heading);
    header.appendChild(close);
    header.appendChild(languageGroup);

    var log = el("div", "rathaus-log");
    log.id = "rathaus-log";
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-relevant", "additions");
    log.tabIndex = 0;

    var typing = el("div", "rathaus-typing");
    typing.setAttribute("role", "status");
    typing.setAttribute("aria-live", "polite");
    var typingText = el("span", "rathaus-typing__text");
    var typingDots = el("span", "rathaus-typing__dots");
    typingDots.setAttribute("aria-hidden", "true");
    for (var d = 0; d < 3; d++) { typingDots.appendChild(el("span", "rathaus-typing__dot")); }
    typing.appendChild(typingText);
    typing.appendChild(typingDots);

    var choices = el("div", "rathaus-choices");
    choices.setAttribute("role", "group");
    choices.hidden = true;

    var form = el("form", "rathaus-form");
    form.noValidate = true;
    var label = el("label", "rathaus-label");
    label.htmlFor = "rathaus-input";
    var row = el("div", "rathaus-form__row");
    var input = el("textarea", "rathaus-input");
    input.id = "rathaus-input";
    input.name = "text";
    input.rows = 2;
    input.maxLength = MAX_LENGTH;
    input.autocomplete = "off";
    input.setAttribute("aria-describedby", "rathaus-input-hint");
    var hint = hiddenText("");
    hint.id = "rathaus-input-hint";
    var sendButton = el("button", "rathaus-send");
    sendButton.type = "submit";
    row.appendChild(input);
    row.appendChild(sendButton);
    form.appendChild(label);
    form.appendChild(row);
    form.appendChild(hint);

    var footer = el("div", "rathaus-footer");
    var privacy = el("a", "rathaus-privacy"); // its text and href follow the language (showLanguage)
    var reset = el("button", "rathaus-reset");
    reset.type = "button";
    footer.appendChild(privacy);
    footer.appendChild(reset);

    panel.appendChild(header);
    panel.appendChild(log);
    panel.appendChild(typing);
    panel.appendChild(choices);
    panel.appendChild(form);
    panel.appendChild(footer);
    root.appendChild(toggle);
    root.appendChild(panel);

    showLanguage(language);
    (document.head || document.documentElement).appendChild(stylesheet);
    document.body.appendChild(root);

    // ------------------------------------------------------------ rendering

    /** The widget's own text `key` in its current language. */
    function text(key, values) {
      return textIn(language, key, values);
    }

    /**
     * Shows the widget in the language `tag`: its own texts, `lang` on the whole widget (each
     * message and notice keeps its own) and which button of the switch is pressed.
     */
    function showLanguage(tag) {
      language = languageOf(tag) ? languageOf(tag).tag : "de";
      root.lang = language;
      heading.textContent = customTitle || text("title");
      toggleLabel.textContent = text(panel.hidden ? "open" : "close");
      close.setAttribute("aria-label", text("close"));
      languageGroup.setAttribute("aria-label", text("languages"));
      pressLanguage(pendingLanguage || language);
      log.setAttribute("aria-label", text("log"));
      choices.setAttribute("aria-label", text("choices"));
      label.textContent = text("input");
      hint.textContent = text("inputHint");
      sendButton.textContent = text("send");
      privacy.textContent = text("privacy");
      privacy.href = customPrivacyURL || server + languageOf(language).privacy;
      reset.textContent = text("reset");
      if (typing.classList.contains("rathaus-typing--active")) { typingText.textContent = text("typing"); }
    }

    function pressLanguage(tag) {
      languageButtons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-language") === tag));
      });
    }

    /** Remembers for the next reload the language of a message shown (by a hash, not its text). */
    function rememberMessageLanguage(speaker, text, lang) {
      var key = messageKey(speaker, text);
      delete messageLanguages[key]; // the newest goes last
      messageLanguages[key] = lang;
      var keys = Object.keys(messageLanguages);
      for (var i = 0; i < keys.length - MESSAGE_LANGUAGES_KEPT; i++) { delete messageLanguages[keys[i]]; }
      storageSet(STORAGE_MESSAGE_LANGUAGES, JSON.stringify(messageLanguages));
    }

    /** The language of a message read back from the transcript after a reload. */
    function restoredLanguage(speaker, text) {
      var known = languageOf(messageLanguages[messageKey(speaker, text)]);
      return known ? known.tag : (conversation && conversation.language) || language;
    }

    /**
     * Notes the language of a turn or a new conversation ("de" when it names none) and returns it.
     * The widget's own texts stay in the chosen language: a detected language (which a short or odd
     * message can change) does not switch them.
     */
    function noteLanguage(tag) {
      var found = languageOf(tag) || languageOf("de");
      if (conversation && conversation.language !== found.tag) {
        conversation.language = found.tag;
        saveConversation();
      }
      return found.tag;
    }

    /**
     * The citizen chose `tag` with the switch: the widget's texts change at once and the choice is
     * kept across reloads. A conversation not yet started starts in it; an existing one that does
     * not speak it, or was not asked for it yet, is asked to switch with the sentence of that
     * language ("English please") through the usual message path, so the confirmation comes back
     * as a reply. While a message or a new conversation is on its way, the switch waits for it.
     */
    function chooseLanguage(tag) {
      var found = languageOf(tag);
      if (!found) { return; }
      if (busy || pendingConversation || restoring) {
        pendingLanguage = found.tag;
        pressLanguage(found.tag);
        return;
      }
      pendingLanguage = null;
      var previous = chosen;
      var wasShown = found.tag === language;
      chosen = found.tag;
      storageSet(STORAGE_LANGUAGE, chosen);
      showLanguage(chosen);
      if (!conversation) {
        loaded = false;
        loadOnce(); // starts the conversation in the chosen language
        return;
      }
      if (wasShown && conversation.language === chosen) { return; }
      send(found.request, true, chosen).then(function (sent) {
        if (sent || chosen !== found.tag) { return; }
        chosen = previous; // not switched: back to what was chosen before
        if (previous) { storageSet(STORAGE_LANGUAGE, previous); } else { storageRemove(STORAGE_LANGUAGE); }
        showLanguage(previous || "de");
      });
    }

    /** Applies a language chosen while the widget was busy, once it is free. */
    function flushLanguage() {
      if (pendingLanguage && !busy && !pendingConversation && !restoring) {
        var tag = pendingLanguage;
        pendingLanguage = null;
        chooseLanguage(tag);
      }
    }

    function scrollToEnd() {
      log.scrollTop = log.scrollHeight;
    }

    /** Scrolls so that a long answer is read from its start rather than its end. */
    function revealFrom(first) {
      if (!first) { return; }
      if (log.scrollHeight - first.offsetTop > log.clientHeight) {
        log.scrollTop = Math.max(0, first.offsetTop - 8);
      } else {
        scrollToEnd();
      }
    }

    /**
     * Adds a message to the log (or to `target`) with `lang` set to `messageLanguage` (default:
     * the widget's language). A message of this page's conversation (no `target`) has its language
     * remembered for the next reload.
     */
    function addMessage(speaker, text, messageLanguage, target) {
      var citizen = speaker === "citizen";
      var lang = messageLanguage || language;
      var message = el("div", "rathaus-msg " + (citizen ? "rathaus-msg--citizen" : "rathaus-msg--bot"));
      message.lang = lang;
      message.appendChild(hiddenText(textIn(lang, citizen ? "you" : "bot")));
      if (!target) { rememberMessageLanguage(speaker, String(text), lang); }
      var body = el("div", "rathaus-msg__text");
      if (citizen) {
        body.textContent = String(text);
      } else {
        renderReply(body, text);
      }
      message.appendChild(body);
      (target || log).appendChild(message);
      scrollToEnd();
      return message;
    }

    /**
     * Shows a failed request's sentence in the log: as an error, except the server's maintenance
     * notice (503 with the code "maintenance"), which is a polite hint, not a fault of the citizen's.
     */
    function addFailure(error) {
      return addNotice(error.message, error.code !== "maintenance", error.language);
    }

    /** A notice in the log, in `noticeLanguage` (default: the widget's language). */
    function addNotice(text, isError, noticeLanguage) {
      var lang = noticeLanguage || language;
      var notice = el("p", "rathaus-notice" + (isError ? " rathaus-notice--error" : ""));
      notice.lang = lang;
      notice.appendChild(hiddenText(textIn(lang, isError ? "error" : "note")));
      notice.appendChild(document.createTextNode(String(text)));
      log.appendChild(notice);
      scrollToEnd();
      return notice;
    }

    function setTyping(on) {
      typingText.textContent = on ? text("typing") : "";
      typing.classList.toggle("rathaus-typing--active", on);
    }

    function setChoices(list) {
      currentChoices = Array.isArray(list) ? list.filter(function (c) { return typeof c === "string" && c.trim() !== ""; }) : [];
      while (choices.firstChild) { choices.removeChild(choices.firstChild); }
      currentChoices.forEach(function (text) {
        var button = el("button", "rathaus-choice", text);
        button.type = "button";
        button.addEventListener("click", function () { send(text, true); });
        choices.appendChild(button);
      });
      choices.hidden = currentChoices.length === 0;
      if (currentChoices.length) {
        storageSet(STORAGE_CHOICES, JSON.stringify(currentChoices));
      } else {
        storageRemove(STORAGE_CHOICES);
      }
      scrollToEnd();
    }

    /**
     * For a form's document field: a file button in the answer group (a hidden file input behind
     * it, progress and a status in words); the server's turn after the upload is shown like any
     * other answer.
     */
    function addFileChoice(field) {
      var conv = conversation;
      if (!conv) { return; }
      var picker = filePicker("rathaus-choice rathaus-document__choose", text("chooseFile"),
        conversationPath(conv) + "/documents/" + encodeURIComponent(field),
        function () { return !busy && conv === conversation; },
        function (turn, chosen) {
          addMessage("citizen", text("fileSentMessage", { name: chosen.name }));
          showTurn(turn || {});
          focusInput();
        },
        function (on) { busy = on; }); // no message goes out while the file is on its way
      picker.file.setAttribute("data-field", field);
      picker.parts.forEach(function (part) { choices.appendChild(part); });
      choices.hidden = false;
    }

    function choicesFor(turn) {
      var expecting = turn && turn.expecting;
      if (!expecting) { return []; }
      if (Array.isArray(expecting.choices) && expecting.choices.length) { return expecting.choices; }
      if (expecting.type === "yes_no") { return [text("yes"), text("no")]; }
      return [];
    }

    /** The well-formed suggestions of a turn: {label, text} with both non-empty. */
    function suggestionsFor(turn) {
      var list = turn && Array.isArray(turn.suggestions) ? turn.suggestions : [];
      return list.filter(function (s) {
        return s && typeof s.label === "string" && typeof s.text === "string"
          && s.label.trim() !== "" && s.text.trim() !== "";
      }).map(function (s) { return { label: s.label.trim(), text: s.text }; });
    }

    /**
     * Shows `list` (from suggestionsFor) as buttons after the last message in the log, replacing
     * any earlier ones, so only the latest turn's suggestions can be chosen. Choosing one sends its
     * text exactly as if typed. With `announce`, a visually hidden line "Vorschläge: A, B, C" is
     * added to the log (a polite live region) just before the group, so screen readers read the
     * suggestions once, after the replies. The group itself is aria-live="off": its buttons are
     * not read a second time as additions to the log.
     */
    function setSuggestions(list, announce) {
      if (suggestionNote && suggestionNote.parentNode) { suggestionNote.parentNode.removeChild(suggestionNote); }
      if (suggestionGroup && suggestionGroup.parentNode) { suggestionGroup.parentNode.removeChild(suggestionGroup); }
      suggestionNote = null;
      suggestionGroup = null;
      currentSuggestions = list;
      if (!list.length) {
        storageRemove(STORAGE_SUGGESTIONS);
        return;
      }
      storageSet(STORAGE_SUGGESTIONS, JSON.stringify(list));
      if (announce) {
        suggestionNote = el("p", "rathaus-visually-hidden",
          text("suggestions") + ": " + list.map(function (s) { return s.label; }).join(", "));
        suggestionNote.lang = language;
        log.appendChild(suggestionNote);
      }
      suggestionGroup = el("div", "rathaus-suggestions");
      suggestionGroup.lang = language;
      suggestionGroup.setAttribute("role", "group");
      suggestionGroup.setAttribute("aria-label", text("suggestions"));
      suggestionGroup.setAttribute("aria-live", "off");
      list.forEach(function (suggestion) {
        var button = el("button", "rathaus-suggestion", suggestion.label);
        button.type = "button";
        // Focus: send() removes this button and moves the focus to the message input, as after a
        // choice button, so the citizen can type on at once; Shift+Tab from the input reaches the
        // next turn's suggestions.
        button.addEventListener("click", function () { send(suggestion.text, true); });
        suggestionGroup.appendChild(button);
      });
      log.appendChild(suggestionGroup);
      scrollToEnd();
    }

    /**
     * Offers „Hilfreich? Ja / Nein“ after the latest answer when the server says it can be rated,
     * replacing any earlier offer, so that only the latest answer is rated and the log stays
     * quiet. The group is aria-live="off" (screen readers meet it when tabbing, it is not read out
     * after every answer); a choice replaces it by a short thanks, which is read out.
     */
    function setFeedback(rateable) {
      if (feedbackGroup && feedbackGroup.parentNode) { feedbackGroup.parentNode.removeChild(feedbackGroup); }
      feedbackGroup = null;
      if (!rateable) { return; }
      var group = el("div", "rathaus-feedback");
      group.lang = language;
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", text("feedbackQuestion"));
      group.setAttribute("aria-live", "off");
      group.appendChild(el("span", "rathaus-feedback__label", text("feedbackLabel")));
      [[text("yes"), true], [text("no"), false]].forEach(function (option) {
        var button = el("button", "rathaus-feedback__button", option[0]);
        button.type = "button";
        button.addEventListener("click", function () { rate(group, option[1]); });
        group.appendChild(button);
      });
      feedbackGroup = group;
      log.appendChild(group);
      scrollToEnd();
    }

    /** Sends the rating of the latest answer; on success the offer becomes a thanks. */
    function rate(group, helpful) {
      var conv = conversation;
      if (!conv || group !== feedbackGroup || busy) { return; }
      var hadFocus = group.contains(document.activeElement);
      request("POST", conversationPath(conv) + "/feedback", conv.token, { helpful: helpful }).then(function (answer) {
        if (group !== feedbackGroup || !group.parentNode) { return; }
        var thanks = el("p", "rathaus-feedback rathaus-feedback--done", textIn(group.lang, "feedbackThanks"));
        thanks.lang = group.lang;
        thanks.setAttribute("role", "status");
        group.parentNode.replaceChild(thanks, group);
        feedbackGroup = thanks;
        // The second „Nein“ in a row brings the offer of a human, answered with „Ja“ or „Nein“.
        var offer = answer && Array.isArray(answer.replies) ? answer.replies : [];
        if (offer.length) {
          var first = null;
          // The answer to feedback names no language; its replies are German then (as the server's are).
          var offerLanguage = (languageOf(answer.language) || languageOf("de")).tag;
          offer.forEach(function (reply) { first = first || addMessage("bot", reply, offerLanguage); });
          setChoices([textIn(offerLanguage, "yes"), textIn(offerLanguage, "no")]);
          revealFrom(first);
        }
        if (hadFocus) { focusInput(); }
      }, function (error) {
        addNotice(error.message, true, error.language);
      });
    }

    function clearLog() {
      while (log.firstChild) { log.removeChild(log.firstChild); }
    }

    function focusInput() {
      if (!panel.hidden) { input.focus(); }
    }

    // ------------------------------------------------------------ API

    /** fetch with JSON; resolves with the parsed body, rejects with {status, message}. */
    function request(method, path, token, body) {
      var headers = { "Accept": "application/json" };
      if (token) { headers.Authorization = "Bearer " + token; }
      if (body !== undefined) { headers["Content-Type"] = "application/json"; }
      var controller = typeof AbortController === "function" ? new AbortController() : null;
      var timer = controller ? window.setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
      return fetch(server + path, {
        method: method,
        mode: "cors",
        credentials: "omit",
        cache: "no-store",
        headers: headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        if (timer) { window.clearTimeout(timer); }
        if (response.status === 204) { return null; }
        return response.text().then(function (raw) {
          var data = null;
          try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
          if (response.ok) {
            if (data === null || typeof data !== "object") {
              throw { status: response.status, message: text("unreadable"), language: language };
            }
            return data;
          }
          var message = data && data.error && typeof data.error.message === "string" ? data.error.message : null;
          var messageLanguage = "de"; // the server's own sentences are German
          if (!message) {
            messageLanguage = language;
            message = text(response.status === 429 ? "wait" : response.status >= 500 ? "unavailable" : "failed");
          }
          var code = data && data.error && typeof data.error.code === "string" ? data.error.code : null;
          throw { status: response.status, message: message, code: code, language: messageLanguage };
        });
      }, function (error) {
        if (timer) { window.clearTimeout(timer); }
        var aborted = error && error.name === "AbortError";
        throw {
          status: 0,
          message: text(aborted ? "timeout" : "noConnection"),
          language: language
        };
      });
    }

    function forgetConversation() {
      conversation = null;
      shownRequests = {};
      stopPolling();
      storageRemove(STORAGE_CONVERSATION);
      storageRemove(STORAGE_CHOICES);
      storageRemove(STORAGE_FILE_FIELD);
      storageRemove(STORAGE_SUGGESTIONS);
      storageRemove(STORAGE_MESSAGE_LANGUAGES);
      messageLanguages = {};
    }

    /** Resolves with the conversation, creating one (and showing its welcome) when there is none. */
    function ensureConversation() {
      if (conversation) { return Promise.resolve(conversation); }
      if (pendingConversation) { return pendingConversation; }
      setTyping(true);
      var body = chosen ? { language: chosen } : {}; // without one, the server detects it from the first message
      pendingConversation = request("POST", "/api/v1/conversations", null, body).then(function (data) {
        if (typeof data.id !== "string" || typeof data.token !== "string") {
          throw { status: 0, message: text("unreadable"), language: language };
        }
        conversation = { id: data.id, token: data.token, references: [], language: null };
        var welcomeLanguage = noteLanguage(data.language);
        saveConversation();
        (Array.isArray(data.replies) ? data.replies : []).forEach(function (reply) {
          addMessage("bot", reply, welcomeLanguage);
        });
        loaded = true;
        return conversation;
      });
      var clear = function () {
        pendingConversation = null;
        setTyping(busy);
        flushLanguage();
      };
      pendingConversation.then(clear, clear);
      return pendingConversation;
    }

    function conversationPath(conv) {
      return "/api/v1/conversations/" + encodeURIComponent(conv.id);
    }

    function saveConversation() {
      if (conversation) { storageSet(STORAGE_CONVERSATION, JSON.stringify(conversation)); }
    }

    // ------------------------------------------------------------ requested documents

    var pollTimer = null;
    var polling = false;
    var shownRequests = {}; // "reference\nid" of every request shown and still open

    function applicationPath(reference) {
      return "/api/v1/applications/" + encodeURIComponent(reference);
    }

    function requestKey(reference, id) {
      return reference + "\n" + id;
    }

    /** Remembers the reference of an application filed in this conversation and asks after it. */
    function rememberReference(reference) {
      if (!conversation || !isReference(reference)) { return; }
      if (conversation.references.indexOf(reference) < 0) {
        conversation.references.push(reference);
        saveConversation();
      }
      schedulePoll(0);
    }

    function forgetReference(conv, reference) {
      var index = conv.references.indexOf(reference);
      if (index >= 0) { conv.references.splice(index, 1); }
      if (conv === conversation) { saveConversation(); }
    }

    /** Asks after the applications in `delay` ms, unless the panel is closed or there are none. */
    function schedulePoll(delay) {
      if (pollTimer !== null) { window.clearTimeout(pollTimer); pollTimer = null; }
      if (panel.hidden || !conversation || conversation.references.length === 0) { return; }
      pollTimer = window.setTimeout(poll, delay);
    }

    function stopPolling() {
      if (pollTimer !== null) { window.clearTimeout(pollTimer); pollTimer = null; }
    }

    /** Reads the timeline of every remembered application, one round at a time. */
    function poll() {
      pollTimer = null;
      if (polling) { return; } // the round in flight schedules the next one
      var conv = conversation;
      if (panel.hidden || !conv || conv.references.length === 0) { return; }
      polling = true;
      var rounds = conv.references.slice().map(function (reference) {
        return request("GET", applicationPath(reference), conv.token).then(function (timeline) {
          if (conv !== conversation) { return; }
          var open = showRequests(reference, timeline);
          if (timeline.ended === true && open === 0) { forgetReference(conv, reference); }
        }, function (error) {
          if (error.status === 404) { forgetReference(conv, reference); } // gone, or not this conversation's
          // Anything else (offline, server busy): quietly try again in the next round.
        });
      });
      var done = function () {
        polling = false;
        schedulePoll(pollSeconds * 1000);
      };
      Promise.all(rounds).then(done, done);
    }

    /** Shows the open requests of `timeline` not shown yet; returns how many requests are open. */
    function showRequests(reference, timeline) {
      var open = (timeline && Array.isArray(timeline.open_requests) ? timeline.open_requests : []).filter(function (doc) {
        return doc && typeof doc.id === "string" && typeof doc.label === "string" && doc.id !== "" && doc.label.trim() !== "";
      });
      var openKeys = {};
      open.forEach(function (doc) { openKeys[requestKey(reference, doc.id)] = true; });
      // A request that is no longer open is forgotten, so that a later request for it is shown again.
      Object.keys(shownRequests).forEach(function (key) {
        if (key.indexOf(reference + "\n") === 0 && !openKeys[key]) { delete shownRequests[key]; }
      });
      var fresh = open.filter(function (doc) { return !shownRequests[requestKey(reference, doc.id)]; });
      if (fresh.length) {
        fresh.forEach(function (doc) { shownRequests[requestKey(reference, doc.id)] = true; });
        addDocumentRequest(reference, fresh, requestNote(timeline));
      }
      return open.length;
    }

    /** The department's note on its latest request for documents, or null. */
    function requestNote(timeline) {
      var steps = Array.isArray(timeline.steps) ? timeline.steps : [];
      for (var i = steps.length - 1; i >= 0; i--) {
        if (steps[i] && steps[i].type === "documents_requested") {
          var note = typeof steps[i].note === "string" ? steps[i].note.trim() : "";
          return note || null;
        }
      }
      return null;
    }

    /** A bot message in the log asking for `docs`, with a file button for each (and `note`, if any). */
    function addDocumentRequest(reference, docs, note) {
      var message = el("div", "rathaus-msg rathaus-msg--bot rathaus-msg--documents");
      message.lang = language;
      message.appendChild(hiddenText(text("bot")));
      var body = el("div", "rathaus-msg__text");
      body.appendChild(el("p", "rathaus-paragraph", text("documentsRequested", { reference: reference })));
      var list = el("ul", "rathaus-list rathaus-documents");
      docs.forEach(function (doc) { list.appendChild(documentItem(reference, doc)); });
      body.appendChild(list);
      if (note) {
        // The department writes in German.
        var noteParagraph = el("p", "rathaus-paragraph", text("departmentNote", { note: "" }));
        noteParagraph.appendChild(el("span", null, note)).lang = "de";
        body.appendChild(noteParagraph);
      }
      body.appendChild(el("p", "rathaus-paragraph", text("documentsAllowed")));
      message.appendChild(body);
      // Before the latest suggestions, which stay at the end of the log.
      var anchor = suggestionNote && suggestionNote.parentNode === log ? suggestionNote
        : suggestionGroup && suggestionGroup.parentNode === log ? suggestionGroup : null;
      log.insertBefore(message, anchor);
      scrollToEnd();
    }

    /** One requested document: a button that opens a file input, and the state of its upload. */
    function documentItem(reference, doc) {
      var label = doc.label.trim();
      var item = el("li", "rathaus-document");
      var picker = filePicker("rathaus-document__choose", text("chooseFileFor", { label: label }),
        applicationPath(reference) + "/documents/" + encodeURIComponent(doc.id), function () { return true; },
        function () {
          picker.show(text("fileSent", { label: label }), "done");
          schedulePoll(0);
          var hadFocus = document.activeElement === picker.button;
          if (picker.button.parentNode) { picker.button.parentNode.removeChild(picker.button); }
          if (picker.file.parentNode) { picker.file.parentNode.removeChild(picker.file); }
          if (hadFocus) { focusInput(); }
        });
      picker.file.setAttribute("data-reference", reference);
      picker.file.setAttribute("data-document", doc.id);
      picker.parts.forEach(function (part) { item.appendChild(part); });
      return item;
    }

    /**
     * A button that opens a hidden file input (no tab stop of its own), a progress bar and a status
     * in words; a chosen file goes to `path` while `mayChoose()` holds, `sending(on)` (if given) hears
     * when the upload starts and ends, and `sent(answer, file)` is called once the server took it.
     * Too large a file and the server's refusal show in the status. Its texts stay in the language
     * of the moment it was made.
     */
    function filePicker(className, text, path, mayChoose, sent, sending) {
      var button = el("button", className, text);
      button.type = "button";
      var file = el("input", "rathaus-document__file");
      file.type = "file";
      file.accept = UPLOAD_ACCEPT;
      file.hidden = true;
      file.tabIndex = -1;
      file.setAttribute("aria-hidden", "true");
      var progress = el("progress", "rathaus-document__progress");
      progress.max = 100;
      progress.value = 0;
      progress.hidden = true;
      progress.setAttribute("aria-hidden", "true"); // the status below says the same in words
      var status = el("span", "rathaus-document__status");
      status.setAttribute("role", "status");
      var pickerLanguage = language;
      var inFlight = false;
      var setInFlight = function (on) {
        inFlight = on;
        if (sending) { sending(on); }
      };

      function show(statusText, kind, statusLanguage) {
        status.className = "rathaus-document__status" + (kind ? " rathaus-document__status--" + kind : "");
        status.textContent = statusText;
        status.lang = statusLanguage || pickerLanguage;
      }

      button.addEventListener("click", function () {
        if (!inFlight && mayChoose()) { file.click(); }
      });
      file.addEventListener("change", function () {
        var chosen = file.files && file.files[0];
        file.value = ""; // the same file can be chosen again after an error
        if (!chosen || inFlight || !mayChoose()) { return; }
        if (chosen.size > UPLOAD_MAX_BYTES) {
          show(textIn(pickerLanguage, "fileTooLarge"), "error");
          return;
        }
        setInFlight(true);
        button.setAttribute("aria-disabled", "true");
        upload(path, chosen, function (percent) {
          progress.hidden = false;
          progress.value = percent;
          show(textIn(pickerLanguage, "fileSending", { percent: percent }), null);
        }, function (error, answer) {
          setInFlight(false);
          progress.hidden = true;
          if (error) {
            button.removeAttribute("aria-disabled");
            show(error.message, "error", error.language);
            return;
          }
          sent(answer, chosen);
        });
      });
      return { button: button, file: file, show: show, parts: [button, file, progress, status] };
    }

    /**
     * Sends `file` to `path` (a requested document of an application, or a form's document field);
     * reports progress in whole percent (in steps of ten, so a screen reader is not flooded), then
     * calls `done` with null and the response's JSON, or an error {message, language}.
     */
    function upload(path, file, progress, done) {
      var conv = conversation;
      var uploadLanguage = language;
      var failure = function (key) { return { message: textIn(uploadLanguage, key), language: uploadLanguage }; };
      if (!conv) {
        done(failure("conversationGoneReload"));
        return;
      }
      var xhr = new XMLHttpRequest();
      var shown = -1;
      var report = function (percent) {
        var step = percent >= 100 ? 100 : Math.floor(percent / 10) * 10;
        if (step !== shown) { shown = step; progress(step); }
      };
      var finished = false;
      var finish = function (error, data) {
        if (finished) { return; }
        finished = true;
        done(error, data);
      };
      try {
        xhr.open("POST", server + path);
        xhr.timeout = UPLOAD_TIMEOUT_MS;
        xhr.setRequestHeader("Accept", "application/json");
        xhr.setRequestHeader("Authorization", "Bearer " + conv.token);
        xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
      } catch (e) {
        finish(failure("fileFailed"));
        return;
      }
      if (xhr.upload) {
        xhr.upload.addEventListener("progress", function (event) {
          if (event.lengthComputable && event.total > 0) { report(Math.floor(event.loaded * 100 / event.total)); }
        });
      }
      xhr.addEventListener("load", function () {
        var data = null;
        try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
        if (xhr.status === 200 || xhr.status === 201) {
          report(100);
          finish(null, data);
          return;
        }
        if (data && data.error && typeof data.error.message === "string") {
          finish({ message: data.error.message, language: "de" }); // the server's own sentence, German
        } else if (xhr.status === 413) {
          finish(failure("fileTooLarge"));
        } else if (xhr.status === 415) {
          finish(failure("fileWrongType"));
        } else if (xhr.status === 429) {
          finish(failure("fileWait"));
        } else if (xhr.status >= 500) {
          finish(failure("unavailable"));
        } else {
          finish(failure("fileFailed"));
        }
      });
      xhr.addEventListener("error", function () { finish(failure("fileNoConnection")); });
      xhr.addEventListener("timeout", function () { finish(failure("fileTimeout")); });
      xhr.addEventListener("abort", function () { finish(failure("fileAborted")); });
      report(0);
      xhr.send(file);
    }

    /** Shows the stored conversation (after a reload) or starts a new one. */
    function loadOnce() {
      if (loaded) { return; }
      loaded = true;
      if (!conversation) {
        ensureConversation().catch(function (error) {
          loaded = false;
          addFailure(error);
        });
        return;
      }
      var conv = conversation;
      log.setAttribute("aria-busy", "true");
      setTyping(true);
      restoring = request("GET", conversationPath(conv), conv.token).then(function (data) {
        var transcript = data && Array.isArray(data.transcript) ? data.transcript : [];
        var earlier = document.createDocumentFragment();
        transcript.forEach(function (entry) {
          if (entry && typeof entry.text === "string") {
            var speaker = entry.speaker === "citizen" ? "citizen" : "bot";
            addMessage(speaker, entry.text, restoredLanguage(speaker, entry.text), earlier);
          }
        });
        log.insertBefore(earlier, log.firstChild); // before anything written while it loaded
        if (!busy) {
          var stored = null;
          try { stored = JSON.parse(storageGet(STORAGE_CHOICES) || "null"); } catch (e) { stored = null; }
          setChoices(Array.isArray(stored) ? stored : []);
          var fileField = storageGet(STORAGE_FILE_FIELD);
          if (fileField) { addFileChoice(fileField); }
          var storedSuggestions = null;
          try { storedSuggestions = JSON.parse(storageGet(STORAGE_SUGGESTIONS) || "null"); } catch (e) { storedSuggestions = null; }
          setSuggestions(suggestionsFor({ suggestions: storedSuggestions }), false); // shown, not announced again
        }
      }, function (error) {
        if (error.status === 404) {
          forgetConversation();
          loaded = false;
          loadOnce();
        } else {
          loaded = false;
          addFailure(error);
        }
      }).then(function () {
        restoring = null;
        log.removeAttribute("aria-busy");
        setTyping(busy || pendingConversation !== null);
        scrollToEnd();
        flushLanguage();
      });
    }

    /**
     * Sends `rawText` (typed, or the text of a choice or suggestion button when `fromChoice`), shown
     * as the citizen's message in `messageLanguage` (default: the widget's). Resolves with whether
     * the server answered.
     */
    function send(rawText, fromChoice, messageLanguage) {
      var citizenText = String(rawText).trim();
      if (busy || citizenText === "") { focusInput(); return Promise.resolve(false); }
      if (citizenText.length > MAX_LENGTH) {
        addNotice(text("tooLong", { max: MAX_LENGTH }), true);
        focusInput();
        return Promise.resolve(false);
      }
      busy = true;
      var previousChoices = currentChoices.slice();
      var previousSuggestions = currentSuggestions;
      setChoices([]);
      setSuggestions([], false); // they belong to the previous turn; back only if sending fails
      setFeedback(false);
      if (!fromChoice) { input.value = ""; }
      focusInput();
      var message = addMessage("citizen", citizenText, messageLanguage);
      setTyping(true);

      var attempt = function (retried) {
        return Promise.resolve(restoring).then(ensureConversation).then(function (conv) {
          return request("POST", conversationPath(conv) + "/messages", conv.token, { text: citizenText });
        }).catch(function (error) {
          if (error.status === 404 && !retried) {
            // The conversation is gone (deleted on request or expired): start a new one and ask there.
            forgetConversation();
            if (message.parentNode) { log.removeChild(message); }
            addNotice(text("conversationGone"), false);
            return ensureConversation().then(function () {
              message = addMessage("citizen", citizenText, messageLanguage);
              return attempt(true);
            });
          }
          throw error;
        });
      };

      var sent = false;
      return attempt(false).then(function (turn) {
        sent = true;
        showTurn(turn);
      }, function (error) {
        if (message.parentNode) { log.removeChild(message); }
        addFailure(error);
        if (!fromChoice && input.value === "") { input.value = rawText; } // kept for another try
        setChoices(previousChoices);
        var fileField = storageGet(STORAGE_FILE_FIELD);
        if (fileField) { addFileChoice(fileField); }
        setSuggestions(previousSuggestions, false);
      }).then(function () {
        busy = false;
        setTyping(false);
        var active = document.activeElement;
        if (!active || active === document.body || root.contains(active)) { focusInput(); }
        flushLanguage();
        return sent;
      });
    }

    /**
     * Shows the replies of `turn` (with the `lang` of the turn), its answer buttons (or file
     * button) and its suggestions.
     */
    function showTurn(turn) {
      var first = null;
      var turnLanguage = noteLanguage(turn.language);
      (Array.isArray(turn.replies) ? turn.replies : []).forEach(function (reply) {
        var added = addMessage("bot", reply, turnLanguage);
        first = first || added;
      });
      setChoices(choicesFor(turn));
      var expecting = turn.expecting;
      if (expecting && expecting.type === "document" && typeof expecting.field === "string") {
        addFileChoice(expecting.field);
        storageSet(STORAGE_FILE_FIELD, expecting.field);
      } else {
        storageRemove(STORAGE_FILE_FIELD);
      }
      setSuggestions(suggestionsFor(turn), true); // after the replies, so they are announced after them
      setFeedback(turn.rateable === true);
      revealFrom(first);
      if (typeof turn.reference === "string") { rememberReference(turn.reference); }
    }

    function deleteConversation() {
      if (busy) { return; }
      busy = true;
      var conv = conversation;
      var done = function () {
        forgetConversation();
        clearLog();
        feedbackGroup = null;
        setChoices([]);
        setSuggestions([], false);
        input.value = "";
        addNotice(text("deleted"), false);
        loaded = true;
        return ensureConversation().catch(function (error) { loaded = false; addFailure(error); });
      };
      setTyping(true);
      var deletion = conv
        ? request("DELETE", conversationPath(conv), conv.token).catch(function (error) {
          if (error.status === 404) { return null; } // already gone
          throw error;
        })
        : Promise.resolve(null);
      deletion.then(done, function (error) {
        addFailure(error);
      }).then(function () {
        busy = false;
        setTyping(pendingConversation !== null);
        focusInput();
        flushLanguage();
      });
    }

    // ------------------------------------------------------------ open and close

    function open(moveFocus) {
      panel.hidden = false;
      root.classList.add("rathaus-widget--open");
      toggle.setAttribute("aria-expanded", "true");
      toggleLabel.textContent = text("close");
      storageSet(STORAGE_OPEN, "1");
      loadOnce();
      scrollToEnd();
      schedulePoll(0);
      if (moveFocus) { input.focus(); }
    }

    function closePanel(moveFocus) {
      panel.hidden = true;
      root.classList.remove("rathaus-widget--open");
      toggle.setAttribute("aria-expanded", "false");
      toggleLabel.textContent = text("open");
      storageSet(STORAGE_OPEN, "0");
      stopPolling();
      if (moveFocus) { toggle.focus(); }
    }

    toggle.addEventListener("click", function () {
      if (panel.hidden) { open(true); } else { closePanel(true); }
    });
    close.addEventListener("click", function () { closePanel(true); });
    root.addEventListener("keydown", function (event) {
      if ((event.key === "Escape" || event.key === "Esc") && !panel.hidden) {
        event.preventDefault();
        closePanel(true);
      }
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        send(input.value);
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send(input.value);
    });
    reset.addEventListener("click", deleteConversation);

    if (storageGet(STORAGE_OPEN) === "1") { open(false); }
  }

  if (document.body) {
    build();
  } else {
    document.addEventListener("DOMContentLoaded", build);
  }
}());
