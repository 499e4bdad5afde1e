// The answer as one editor: inserts go into the text being edited, drafts save themselves a few seconds
// after typing stops (same service and optimistic lock as the save button), and leaving with unsaved
// changes asks first. Without this script every button still works through the server (progressive
// enhancement): the buttons belong to the answer form, so the typed text always travels with them.
(function () {
  "use strict";
  var form = document.getElementById("answer-form");
  if (!form) { return; }
  var AUTOSAVE_DELAY_MS = 3000;
  var status = document.getElementById("answer-autosave-status");
  var measures = form.querySelector("[name='answer-measures']");
  var referrals = form.querySelector("[name='answer-referrals']");
  var channel = form.querySelector("[name='answer-channel']");
  var version = form.querySelector("[name='answer-version']");
  var sendButton = document.getElementById("answer-send");
  var insertButton = document.getElementById("referral-insert-button");
  var csrf = form.querySelector("[name='csrfmiddlewaretoken']").value;

  var dirty = false;        // the screen holds text the server does not have
  var editCount = 0;        // bumps on every edit, so a save knows whether typing went on meanwhile
  var timer = null;
  var saving = false;
  var stopped = false;      // after a conflict autosave stops: it must never overwrite someone else's text
  var submitting = false;
  var lastCaretInReferrals = null;
  var waitingSubmitter = null;  // a button pressed while an autosave was on its way
  var confirmForm = document.getElementById("answer-confirm-form");

  function say(text, isError) {
    if (!status) { return; }
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  }

  function changed() {
    dirty = true;
    editCount += 1;
    if (stopped) { return; }
    say(form.dataset.unsavedMessage, false);
    if (confirmForm) {
      // The preview above shows the previous text: it must not be confirmed any more.
      confirmForm.querySelector("button[type='submit']").disabled = true;
      var stale = document.getElementById("answer-preview-stale");
      if (stale) { stale.hidden = false; }
    }
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(autosave, AUTOSAVE_DELAY_MS);
  }

  function autosave() {
    timer = null;
    if (stopped || submitting || !dirty) { return; }
    if (saving) { timer = window.setTimeout(autosave, AUTOSAVE_DELAY_MS); return; }
    if (!measures.value.trim()) { return; }  // a draft needs part ①; nothing to store yet
    saving = true;
    var sentAt = editCount;
    var body = new FormData(form);
    body.delete("organizations");
    window.fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (result) {
      saving = false;
      if (result.data.ok) { version.value = String(result.data.version); }
      if (waitingSubmitter) {
        // The pressed button goes ahead now, with the version this autosave produced.
        var submitter = waitingSubmitter;
        waitingSubmitter = null;
        if (editCount === sentAt && result.data.ok) { dirty = false; }
        form.requestSubmit(submitter);
        return;
      }
      if (result.data.ok) {
        if (editCount === sentAt) { dirty = false; }
        say(result.data.message, false);
      } else if (result.data.conflict) {
        stopped = true;
        say(result.data.error + " " + form.dataset.conflictHint, true);
      } else {
        say(result.data.error, true);
      }
    }).catch(function () {
      saving = false;
      say(form.dataset.offlineMessage, true);
      if (waitingSubmitter) {
        var submitter = waitingSubmitter;
        waitingSubmitter = null;
        form.requestSubmit(submitter);
      }
    });
  }

  function updateSendLabel() {
    if (!sendButton || !channel) { return; }
    sendButton.textContent = channel.value === "email" ? sendButton.dataset.labelEmail : sendButton.dataset.labelOther;
  }

  function insertIntoReferrals(text) {
    var value = referrals.value;
    var at = lastCaretInReferrals === null ? value.length : Math.min(lastCaretInReferrals, value.length);
    var before = value.slice(0, at);
    var after = value.slice(at);
    var lead = before && !/\n\n$/.test(before) ? (/\n$/.test(before) ? "\n" : "\n\n") : "";
    var tail = after && !/^\n/.test(after) ? "\n\n" : "";
    referrals.value = before + lead + text + tail + after;
    lastCaretInReferrals = (before + lead + text).length;
    referrals.setSelectionRange(lastCaretInReferrals, lastCaretInReferrals);
    changed();
  }

  var cannedButton = document.getElementById("canned-insert-button");
  var cannedSelect = document.getElementById("canned-text");
  var lastCaretInMeasures = null;

  function insertIntoMeasures(text) {
    // At the cursor in part ①, or at the end when the writer has not been in ① yet.
    var value = measures.value;
    var at = lastCaretInMeasures === null ? value.length : Math.min(lastCaretInMeasures, value.length);
    var before = value.slice(0, at);
    var after = value.slice(at);
    var lead = before && !/\n$/.test(before) ? "\n" : "";
    var tail = after && !/^\n/.test(after) ? "\n" : "";
    measures.value = before + lead + text + tail + after;
    lastCaretInMeasures = (before + lead + text).length;
    measures.setSelectionRange(lastCaretInMeasures, lastCaretInMeasures);
    changed();
  }

  ["keyup", "click", "select", "blur"].forEach(function (name) {
    measures.addEventListener(name, function () { lastCaretInMeasures = measures.selectionStart; });
  });
  if (cannedButton && cannedSelect) {
    cannedButton.addEventListener("click", function (event) {
      event.preventDefault();
      var option = cannedSelect.options[cannedSelect.selectedIndex];
      if (!option) { return; }
      insertIntoMeasures(option.dataset.body);
      measures.focus();
    });
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", function (event) {
    if (event.target === channel) { updateSendLabel(); }
  });
  ["keyup", "click", "select", "blur"].forEach(function (name) {
    referrals.addEventListener(name, function () { lastCaretInReferrals = referrals.selectionStart; });
  });
  form.addEventListener("submit", function (event) {
    if (saving) {
      // Submitting now would carry the version from before this autosave and conflict with ourselves.
      event.preventDefault();
      waitingSubmitter = event.submitter || null;
      return;
    }
    submitting = true;
    if (timer) { window.clearTimeout(timer); }
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  if (insertButton) {
    insertButton.addEventListener("click", function (event) {
      event.preventDefault();
      var chosen = Array.prototype.slice.call(
        document.querySelectorAll("input[name='organizations'][form='answer-form']:checked")
      );
      var body = new FormData();
      chosen.forEach(function (box) { body.append("organizations", box.value); });
      window.fetch(form.dataset.insertUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
      }).then(function (response) { return response.json(); }).then(function (data) {
        if (!data.ok) { say(data.error, true); return; }
        insertIntoReferrals(data.text);
        chosen.forEach(function (box) { box.checked = false; });
        say(data.message, false);
        // An entry overdue for re-checking is named here, and stays on screen past the next autosave.
        var warning = document.getElementById("answer-referral-warning");
        if (warning && data.warning) {
          warning.textContent = data.warning;
          warning.hidden = false;
        }
        referrals.focus();
      }).catch(function () { say(form.dataset.offlineMessage, true); });
    });
  }
})();
