// Keeps the intake form's typing in localStorage until the case is saved, and shows earlier
// consultations of the same caller while tier 1 types. The server still validates everything.
(function () {
  "use strict";
  const form = document.getElementById("intake-form");
  if (!form) return;
  const key = form.dataset.draftKey;
  const fields = Array.from(form.querySelectorAll("input[name], textarea[name], select[name]"))
    .filter((el) => el.name !== "csrfmiddlewaretoken");
  const hasServerErrors = form.querySelector(".error") !== null;
  try {
    const saved = JSON.parse(window.localStorage.getItem(key) || "null");
    if (saved && !hasServerErrors) {
      fields.forEach((el) => {
        if (!(el.name in saved)) return;
        if (el.type === "checkbox") el.checked = saved[el.name] === true;
        else if (!el.value) el.value = saved[el.name];
      });
    }
  } catch (e) { /* a broken draft is ignored */ }
  const save = () => {
    const data = {};
    fields.forEach((el) => { data[el.name] = el.type === "checkbox" ? el.checked : el.value; });
    try { window.localStorage.setItem(key, JSON.stringify(data)); } catch (e) { /* storage full */ }
  };
  form.addEventListener("input", save);
  form.addEventListener("submit", () => { save(); });

  const box = document.getElementById("repeat-consulter");
  let timer = null;
  const lookup = () => {
    const params = new URLSearchParams({
      email: form.elements.email ? form.elements.email.value : "",
      phone: form.elements.phone ? form.elements.phone.value : "",
      org: form.elements.org_name ? form.elements.org_name.value : "",
    });
    fetch(box.dataset.url + "?" + params.toString(), { credentials: "same-origin" })
      .then((r) => (r.ok ? r.text() : ""))
      .then((html) => { box.innerHTML = html; })
      .catch(() => {});
  };
  ["email", "phone", "org_name"].forEach((name) => {
    const el = form.elements[name];
    if (el) el.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(lookup, 400); });
  });
})();

// The triage assistant's suggestion for what is being typed; staff apply it with one click or ignore it.
(function () {
  "use strict";
  const form = document.getElementById("intake-form");
  const box = document.getElementById("triage-suggestion");
  if (!form || !box || !box.dataset.url) return;
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let timer = null;
  const ask = () => {
    const data = new FormData();
    data.append("subject", form.elements.subject.value);
    data.append("body", form.elements.body.value);
    data.append("channel", form.elements.channel.value);
    fetch(box.dataset.url, { method: "POST", body: data, credentials: "same-origin", headers: { "X-CSRFToken": token } })
      .then((r) => (r.ok ? r.text() : ""))
      .then((html) => { box.innerHTML = html; })
      .catch(() => {});
  };
  ["subject", "body"].forEach((name) => {
    const el = form.elements[name];
    if (el) el.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(ask, 700); });
  });
  box.addEventListener("click", (event) => {
    if (!event.target.classList.contains("sg-apply")) return;
    const s = event.target.closest(".suggestion");
    form.elements.category.value = s.dataset.category;
    if (s.dataset.urgent === "1") form.elements.urgency.value = "3";
    form.elements.police_referral.checked = s.dataset.police === "1";
    form.dispatchEvent(new Event("input"));
  });
  if (form.elements.body.value.trim()) ask();
})();
