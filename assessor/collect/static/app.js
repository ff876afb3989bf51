// Saves each answer as soon as it is given. Without this script the page still works:
// the "Save and continue" button posts the whole section.
(function () {  // the status page's copy-link button (shown only where copying works)
  "use strict";
  var button = document.getElementById("copy-link");
  if (!button || !navigator.clipboard) return;
  var field = document.getElementById("status-link");
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      button.textContent = button.dataset.copied;
    }, function () { field.select(); });
  });
})();

(function () {  // a counter under a long text once it nears the most a response file holds
  "use strict";
  var form = document.getElementById("answers");
  if (!form) return;
  var vi = document.documentElement.lang === "vi";
  var number = window.Intl ? new Intl.NumberFormat(vi ? "vi-VN" : "en-GB") : null;
  function shown(n) { return number ? number.format(n) : String(n); }
  function count(el) {  // counted as the server counts: NFC, trimmed, in characters
    var max = parseInt(el.dataset.max, 10), line = el.nextElementSibling;
    if (!max || !line || !line.classList.contains("count")) return;
    var text = (el.value.normalize ? el.value.normalize("NFC") : el.value).trim();
    var n = Array.from ? Array.from(text).length : text.length, over = n > max;
    line.hidden = n < max * 0.8;
    line.classList.toggle("over", over);
    line.textContent = (over ? form.dataset.over : form.dataset.count)
      .replace("{n}", shown(n)).replace("{max}", shown(max));
  }
  form.querySelectorAll("textarea[data-max]").forEach(count);
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") count(event.target);
  });
})();

(function () {
  "use strict";
  var form = document.getElementById("answers");
  if (!form || !window.fetch) return;
  var url = form.getAttribute("data-save");
  var csrf = form.querySelector("input[name=csrf]").value;
  var text = { saved: form.dataset.saved, saving: form.dataset.saving, failed: form.dataset.failed };
  var chains = {}, timers = {}, unsaved = {};

  function payload(box) {
    var data = new URLSearchParams();
    data.append("csrf", csrf);
    data.append("question", box.dataset.q);
    box.querySelectorAll("input, textarea").forEach(function (el) {
      if (!el.name || ((el.type === "radio" || el.type === "checkbox") && !el.checked)) return;
      data.append(el.name, el.value);
    });
    return data;
  }

  function show(box, state, message) {
    var line = box.querySelector(".state");
    line.className = "state " + state;
    line.textContent = message;
  }

  function showError(box, message) {
    var line = box.querySelector(".error");
    line.textContent = message || "";
    line.hidden = !message;
    box.classList.toggle("has-error", !!message);
  }

  function echo(box, reply) {  // a figure said back as it was read, and any doubt about it
    var said = box.querySelector(".echo"), doubt = box.querySelector(".warning");
    if (!said) return;
    said.textContent = reply.echo || "";
    said.hidden = !reply.echo;
    doubt.textContent = reply.warning || "";
    doubt.hidden = !reply.warning;
  }

  function update(reply) {
    var shown = {};
    reply.visible.forEach(function (id) { shown[id] = true; });
    document.querySelectorAll(".question").forEach(function (box) {
      box.hidden = !shown[box.dataset.q];
    });
    document.querySelectorAll(".grid").forEach(function (grid) {  // a grid with no statement shown
      grid.hidden = !grid.querySelector(".question:not([hidden])");
    });
    var items = document.querySelectorAll(".sections li");
    (reply.sections || []).forEach(function (section, i) {  // the navigation's done/skipped
      if (!items[i]) return;
      items[i].className = "st-" + section.state;
      items[i].querySelector(".badge").textContent = section.badge;
    });
    var bar = document.querySelector("#progress progress");
    if (bar && reply.total) {
      bar.max = reply.total;
      bar.value = reply.answered;
      var template = document.getElementById("progress").dataset.template;
      var line = template.replace("{answered}", reply.answered).replace("{total}", reply.total);
      bar.setAttribute("aria-label", line);
      document.querySelector("#progress .count").textContent = line;
    }
  }

  function send(box, attempt) {
    var id = box.dataset.q;
    show(box, "saving", text.saving);
    return fetch(url, { method: "POST", body: payload(box), credentials: "omit",
                        headers: { "Accept": "application/json" } })
      .then(function (response) {
        return response.json().then(function (reply) { return [response.status, reply]; });
      })
      .then(function (result) {
        var status = result[0], reply = result[1];
        if (status === 200 && reply.saved) {
          delete unsaved[id];
          showError(box, "");
          show(box, "saved", text.saved);
          echo(box, reply);
          update(reply);
        } else if (status === 400 || status === 422) {
          delete unsaved[id];
          show(box, "", "");
          showError(box, reply.error);
        } else {
          throw new Error("status " + status);
        }
      })
      .catch(function () {
        unsaved[id] = true;
        show(box, "failed", text.failed);
        setTimeout(function () { save(box, (attempt || 0) + 1); }, Math.min(30000, 1000 * Math.pow(2, attempt || 0)));
      });
  }

  function save(box, attempt) {  // one request at a time per question, in order
    var id = box.dataset.q;
    unsaved[id] = true;
    chains[id] = (chains[id] || Promise.resolve()).then(function () { return send(box, attempt); });
  }

  function questionOf(el) { return el.closest ? el.closest(".question") : null; }

  form.addEventListener("change", function (event) {
    var box = questionOf(event.target);
    if (!box) return;
    clearTimeout(timers[box.dataset.q]);
    save(box, 0);
  });
  form.addEventListener("input", function (event) {
    var el = event.target, box = questionOf(el);
    if (!box || !(el.tagName === "TEXTAREA" || el.type === "text")) return;
    unsaved[box.dataset.q] = true;
    clearTimeout(timers[box.dataset.q]);
    timers[box.dataset.q] = setTimeout(function () { save(box, 0); }, 700);
  });
  form.addEventListener("submit", function () { unsaved = {}; });  // the post saves the page
  window.addEventListener("beforeunload", function (event) {
    if (Object.keys(unsaved).length) { event.preventDefault(); event.returnValue = ""; }
  });
})();
