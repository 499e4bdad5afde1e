// Shows earlier consultations of the same caller while tier 1 types. The server still validates everything.
// (The typing itself is kept as a server-side draft by desk.js, never in the browser's storage.)
(function () {
  "use strict";
  const form = document.getElementById("intake-form");
  if (!form) return;
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
