// Form drafts: what staff type into a form marked data-draft-url is kept on the server (per user, per form,
// per login session; see madoguchi/core/drafts.py), never in the browser's storage. Typing is saved a few
// seconds after it stops, when the page is hidden, and before another form on the page is submitted, so a
// submit elsewhere or an error never drops it. Leaving the page with typing not yet saved into the record
// asks first. When the server cannot save (read-only mode on a full data dir: 507 with a JSON message) the
// message shows above the form, the typing stays in the fields, and the save is tried again a little later.
(function () {
  "use strict";
  // Browsers upgraded from the localStorage version still hold the last caller's details: drop them once.
  try {
    Object.keys(window.localStorage)
      .filter((key) => key.indexOf("intake-draft") === 0)
      .forEach((key) => window.localStorage.removeItem(key));
  } catch (e) { /* storage disabled */ }

  const forms = Array.from(document.querySelectorAll("form[data-draft-url]"));
  if (!forms.length) return;
  const SAVE_AFTER_MS = 2000;
  // Read-only mode ends once space returns and the server's cached probe expires (15 s by default).
  const RETRY_AFTER_MS = 20000;
  const tokenInput = document.querySelector("input[name=csrfmiddlewaretoken]");
  const token = tokenInput ? tokenInput.value : "";
  const state = new Map();

  const fieldsOf = (form) => Array.from(form.elements).filter((el) =>
    el.name && el.name !== "csrfmiddlewaretoken" && !["hidden", "file", "submit", "button", "password"].includes(el.type));
  const snapshot = (form) => {
    const data = {};
    fieldsOf(form).forEach((el) => {
      if (el.type === "checkbox") data[el.name] = el.checked;
      else if (el.type === "radio") { if (el.checked) data[el.name] = el.value; }
      else data[el.name] = el.value;
    });
    return data;
  };
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  // The server's own Japanese message, shown above the form it concerns (never the typing itself).
  const notices = new Map();
  const notice = (form, text) => {
    let el = notices.get(form);
    if (!text) { if (el) { el.hidden = true; el.textContent = ""; } return; }
    if (!el) {
      el = document.createElement("p");
      el.className = "error draft-notice";
      el.setAttribute("role", "status");
      form.prepend(el);
      notices.set(form, el);
    }
    el.textContent = text;
    el.hidden = false;
  };

  const post = (form, body, keepalive) => fetch(form.dataset.draftUrl, {
    method: "POST",
    credentials: "same-origin",
    // After the session expired the server redirects to the login page: that is not a save.
    redirect: "manual",
    keepalive: keepalive,
    headers: { "Content-Type": "application/json", "X-CSRFToken": token },
    body: JSON.stringify(body),
  });

  const save = (form, keepalive) => {
    const s = state.get(form);
    clearTimeout(s.timer);
    if (s.offered || s.submitted || !s.unsent) return s.inflight;
    const data = snapshot(form);
    s.unsent = false;
    // Typing undone back to what the page showed needs no draft: discard it instead of keeping a copy.
    const body = same(data, s.initial) ? { discard: true } : { data: data };
    s.busy = true;
    s.inflight = post(form, body, keepalive)
      .then((r) => {
        if (r.ok) { notice(form, ""); return null; }
        s.unsent = true;
        if (r.status !== 507) return null;
        return r.json().then((answer) => {
          notice(form, answer.error || "");
          clearTimeout(s.timer);
          s.timer = setTimeout(() => save(form, false), RETRY_AFTER_MS);
        }).catch(() => {});
      })
      .catch(() => { s.unsent = true; })
      .finally(() => { s.busy = false; });
    return s.inflight;
  };

  forms.forEach((form) => {
    const s = { initial: snapshot(form), timer: null, unsent: false, submitted: false, busy: false,
      inflight: Promise.resolve(), offered: form.dataset.draftOffer === "1" };
    state.set(form, s);
    const changed = () => {
      s.unsent = true;
      clearTimeout(s.timer);
      s.timer = setTimeout(() => save(form, false), SAVE_AFTER_MS);
    };
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
  });

  // Before any form on the page is sent, the typing in the other draft forms goes to the server first
  // (and a save of the submitted form itself has landed, so it cannot bring back a draft the submit deletes).
  let resubmitting = null;
  let leaving = false;
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form === resubmitting) return;
    if (state.has(form)) {
      const s = state.get(form);
      clearTimeout(s.timer);
      s.submitted = true;
    }
    const others = forms.filter((f) => f !== form && (state.get(f).unsent || state.get(f).busy));
    const own = state.has(form) && state.get(form).busy;
    if (!others.length && !own) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const waits = others.map((f) => save(f, false));
    if (own) waits.push(state.get(form).inflight);
    Promise.allSettled(waits).then(() => {
      resubmitting = form;
      if (event.submitter && form.requestSubmit) form.requestSubmit(event.submitter);
      else if (form.requestSubmit) form.requestSubmit();
      else HTMLFormElement.prototype.submit.call(form);
    });
  }, true);

  // A submit that really leaves the page (no script stopped it) needs no question: the other forms' typing
  // is on the server by now. Logging out deletes drafts, so it still asks.
  window.addEventListener("submit", (event) => {
    leaving = !event.defaultPrevented && !event.target.classList.contains("logout");
  });

  window.addEventListener("pagehide", () => { forms.forEach((f) => save(f, true)); });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") forms.forEach((f) => save(f, true));
  });
  window.addEventListener("beforeunload", (event) => {
    if (leaving) return;
    const typed = forms.some((f) => !state.get(f).submitted && !same(snapshot(f), state.get(f).initial));
    if (!typed) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // The restore offer (「前回の入力を復元しますか」): nothing of the draft is on the page until the user asks.
  const offer = document.getElementById("draft-restore");
  const offeredForm = forms.find((f) => state.get(f).offered);
  if (!offer || !offeredForm) return;
  const status = document.createElement("p");
  status.setAttribute("role", "status");
  status.className = "visually-hidden";
  offer.after(status);
  const close = (message) => {
    state.get(offeredForm).offered = false;
    offer.remove();
    status.textContent = message;
  };
  offer.querySelector("[data-draft-restore]").addEventListener("click", () => {
    fetch(offeredForm.dataset.draftUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : { data: {} }))
      .then((payload) => {
        const data = payload.data || {};
        fieldsOf(offeredForm).forEach((el) => {
          if (!(el.name in data)) return;
          if (el.type === "checkbox") el.checked = data[el.name] === true;
          else if (el.type === "radio") el.checked = data[el.name] === el.value;
          else el.value = data[el.name];
        });
        close(offer.dataset.restoredText || "");
        offeredForm.dispatchEvent(new Event("input", { bubbles: true }));
        const first = fieldsOf(offeredForm).find((el) => el.type !== "hidden");
        if (first) first.focus();
      })
      .catch(() => {});
  });
  offer.querySelector("[data-draft-discard]").addEventListener("click", () => {
    post(offeredForm, { discard: true }, false).finally(() => close(offer.dataset.discardedText || ""));
  });
})();
