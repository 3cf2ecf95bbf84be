/* Pressroom comments: post through the JSON API, show the result inline,
   highlight refused words. Without this script the form posts normally. */
(function () {
  "use strict";
  var form = document.getElementById("comment-form");
  if (!form || !window.fetch || !window.JSON) { return; }
  var errors = form.querySelector("[data-form-errors]");
  var textarea = form.querySelector("textarea[name=text]");
  var list = document.querySelector("[data-comment-list]");
  var button = form.querySelector("button[type=submit]");
  var status = document.querySelector("[data-form-status]");
  var counter = form.querySelector("[data-counter]");
  var maxLength = parseInt(textarea.getAttribute("data-max-length"), 10) || 0;

  // Characters as the server counts them (code points, line breaks as one).
  function length(value) { return Array.from(value.replace(/\r\n?/g, "\n").trim()).length; }

  function updateCounter() {
    if (!counter || !maxLength) { return; }
    var n = length(textarea.value);
    counter.textContent = n + " / " + maxLength;
    counter.classList.toggle("over", n > maxLength);
  }
  textarea.addEventListener("input", updateCounter);
  updateCounter();

  // The box sits right under the field it concerns (after its error message), as the
  // server renders it for a refused plain post.
  function highlightBox(field) {
    var box = form.querySelector("[data-highlight]");
    if (!box) {
      box = document.createElement("div");
      box.className = "link-highlight";
      box.setAttribute("data-highlight", "");
      box.setAttribute("aria-hidden", "true");
    }
    var row = (field && field.closest(".field")) || errors;
    row.parentNode.insertBefore(box, row.nextSibling);
    return box;
  }

  // Show the field's text with each refused span in <mark>; text nodes only, never HTML.
  function highlight(field, spans) {
    var text = field.value.replace(/\r\n?/g, "\n").normalize("NFC").trim();
    var box = highlightBox(field);
    box.textContent = "";
    var chars = Array.from(text), pos = 0;  // spans count code points, as Python does
    spans.slice().sort(function (a, b) { return a.start - b.start; }).forEach(function (span) {
      box.appendChild(document.createTextNode(chars.slice(pos, span.start).join("")));
      var mark = document.createElement("mark");
      mark.textContent = chars.slice(span.start, span.end).join("");
      box.appendChild(mark);
      pos = span.end;
    });
    box.appendChild(document.createTextNode(chars.slice(pos).join("")));
  }

  function clearErrors() {
    errors.textContent = "";
    Array.prototype.forEach.call(form.querySelectorAll("[data-field-error]"), function (el) {
      el.textContent = "";
      var field = form.elements[el.getAttribute("data-field-error")];
      if (field) { field.removeAttribute("aria-invalid"); }
      el.parentNode.classList.remove("has-error");
    });
    var box = form.querySelector("[data-highlight]");
    if (box) { box.textContent = ""; }
  }

  // The message goes on the field it concerns (read out through aria-describedby
  // when the field gets the focus), or into the form's alert box.
  function showError(err, focus) {
    clearErrors();
    var slot = form.querySelector("[data-field-error=" + err.field + "]");
    var field = slot ? form.elements[err.field] : textarea;
    if (slot) {
      slot.textContent = err.message;
      slot.parentNode.classList.add("has-error");
      field.setAttribute("aria-invalid", "true");
    } else {
      var p = document.createElement("p");
      p.className = "error";
      p.textContent = err.message;
      errors.appendChild(p);
    }
    if (err.spans && err.spans.length) {
      highlight(field, err.spans);
    }
    if (focus) { field.focus(); }
  }

  function announce(message) {
    if (!status) { return; }
    status.textContent = "";
    // A fresh text node in the role=status region: screen readers read it once.
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function updateCount(count) {
    var heading = document.getElementById("comments-title");
    if (heading && heading.hasAttribute("data-label") && typeof count === "number") {
      heading.textContent = heading.getAttribute("data-label") + (count ? " (" + count + ")" : "");
    }
  }

  function addComment(c) {
    var none = list.querySelector(".comment-none");
    if (none) { none.remove(); }
    var li = document.createElement("li");
    li.className = "comment is-new";
    li.id = "comment-" + c.id;
    var meta = document.createElement("p");
    meta.className = "comment-meta";
    var author = document.createElement("span");
    author.className = "comment-author";
    author.textContent = c.name;
    meta.appendChild(author);
    var when = document.createElement("time");
    when.setAttribute("datetime", c.created);
    try {  // the same long date the server writes, in the page's language
      when.textContent = new Intl.DateTimeFormat(document.documentElement.lang, {dateStyle: "long"}).format(new Date(c.created));
    } catch (e) {
      when.textContent = c.created.slice(0, 10);
    }
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(when);
    var body = document.createElement("div");
    body.className = "comment-text";
    c.text.split("\n").forEach(function (line, i) {
      if (i) { body.appendChild(document.createElement("br")); }
      body.appendChild(document.createTextNode(line));
    });
    li.appendChild(meta);
    li.appendChild(body);
    list.appendChild(li);
    li.scrollIntoView({block: "nearest"});
  }

  // The page (and its token) may come from a shared cache: ask for a fresh
  // time-trap token once the reader starts writing.
  var tokenAsked = false;
  form.addEventListener("focusin", function () {
    if (tokenAsked || !form.getAttribute("data-token-url")) { return; }
    tokenAsked = true;
    fetch(form.getAttribute("data-token-url"), {credentials: "same-origin", cache: "no-store"})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) { if (body && body.token) { form.elements.token.value = body.token; } })
      .catch(function () { /* keep the page's token */ });
  });

  // A refusal rendered by the server (no-JS path) gets the same highlight.
  var initial = document.getElementById("comment-refusal");
  if (initial) {
    var refusal = JSON.parse(initial.textContent);
    if (refusal.spans && refusal.spans.length) {
      var field = form.elements[refusal.field] || textarea;
      highlight(field, refusal.spans);
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = {};
    ["name", "email", "text", "token", "website"].forEach(function (key) {
      var el = form.elements[key];
      data[key] = el ? el.value : "";
    });
    button.disabled = true;
    fetch(form.getAttribute("data-api") + "?lang=" + document.documentElement.lang, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify(data)
    }).then(function (response) {
      return response.json().then(function (body) { return {status: response.status, body: body}; });
    }).then(function (result) {
      var body = result.body;
      if (body.comment) {
        clearErrors();
        if (body.comment.status === "approved" && !document.getElementById("comment-" + body.comment.id)) {
          addComment(body.comment);
        }
        updateCount(body.count);
        announce(body.message || form.getAttribute(body.comment.status === "approved" ? "data-approved" : "data-pending") || "");
        if (body.held && body.spans) { highlight(textarea, body.spans.filter(function (s) { return s.field === "text"; })); }
        textarea.value = "";
        updateCounter();
      } else {
        showError(body.error, true);
      }
    }).catch(function () {
      form.submit();  // network trouble: fall back to the plain POST, nothing is lost
    }).then(function () { button.disabled = false; });
  });
})();
