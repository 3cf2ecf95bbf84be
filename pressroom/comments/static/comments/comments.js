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

  function highlightBox() {
    var box = form.querySelector("[data-highlight]");
    if (!box) {
      box = document.createElement("div");
      box.className = "link-highlight";
      box.setAttribute("data-highlight", "");
      box.setAttribute("aria-hidden", "true");
      errors.parentNode.insertBefore(box, errors.nextSibling);
    }
    return box;
  }

  // Show the field's text with each refused span in <mark>; text nodes only, never HTML.
  function highlight(text, spans) {
    var box = highlightBox();
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

  function showError(err) {
    errors.textContent = "";
    var p = document.createElement("p");
    p.className = "error";
    p.textContent = err.message;
    errors.appendChild(p);
    var box = form.querySelector("[data-highlight]");
    if (err.spans && err.spans.length) {
      var field = form.querySelector("[name=" + (err.field === "name" ? "name" : "text") + "]");
      highlight(field.value.replace(/\r\n?/g, "\n").normalize("NFC").trim(), err.spans);
    } else if (box) {
      box.textContent = "";
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
  if (initial) { showError(JSON.parse(initial.textContent)); }

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
      if (result.body.comment) {
        errors.textContent = "";
        var box = form.querySelector("[data-highlight]");
        if (box) { box.textContent = ""; }
        if (result.body.comment.status === "approved") {
          addComment(result.body.comment);
        } else {
          var p = document.createElement("p");
          p.className = "notice";
          p.textContent = form.getAttribute("data-pending") || "";
          errors.appendChild(p);
        }
        textarea.value = "";
      } else {
        showError(result.body.error);
      }
    }).catch(function () {
      form.submit();  // network trouble: fall back to the plain POST, nothing is lost
    }).then(function () { button.disabled = false; });
  });
})();
