/* portentry widget. Embed: <script src="https://HOST/widget.js" data-title="..."
 * data-position="bottom-right|bottom-left" [data-api="https://..."] async></script>
 * One open shadow root; server and user text is only ever set as text. */
(() => {
  "use strict";
  var script = document.currentScript; // only set during this synchronous run
  if (window.PortentryWidget) return; // loaded twice
  var cfg = (script && script.dataset) || {};
  var API;
  try {
    API = (cfg.api || new URL(script.src, location.href).origin).replace(/\/+$/, "");
  } catch (e) {
    API = location.origin;
  }
  var TITLE = cfg.title || "Ask about US ports of entry";
  var SIDE = cfg.position === "bottom-left" ? "left" : "right";
  var MAX = 20, GENERIC = "Something went wrong, please try again.";
  var noop = () => {};
  var api = (window.PortentryWidget = { open: noop, close: noop, toggle: noop });

  var CSS = `:host{all:initial!important;display:block!important}
*{box-sizing:border-box}[hidden]{display:none!important}
.r{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2933}
button,textarea{font:inherit;color:inherit;margin:0}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.l{position:fixed;bottom:16px;${SIDE}:16px;z-index:2147483646;width:56px;height:56px;border-radius:50%;border:0;background:#0b3d6b;color:#fff;cursor:pointer;display:flex;align-items:center;justify-content:center;box-shadow:0 4px 14px #0005}
svg{width:28px;height:28px;fill:currentColor}
.p{position:fixed;bottom:84px;${SIDE}:16px;z-index:2147483647;width:min(380px,100vw - 16px);height:min(600px,100vh - 96px);display:flex;flex-direction:column;background:#fff;border:1px solid #d0d7de;border-radius:12px;box-shadow:0 10px 40px #0005;overflow:hidden}
@media (max-width:420px){.p{left:8px;right:8px;width:auto}}
.h{display:flex;align-items:center;padding:10px 12px;background:#0b3d6b;color:#fff}
h2{flex:1;margin:0;font-size:15px}
.x{background:none;border:0;font-size:24px;line-height:1;width:32px;height:32px;border-radius:6px;cursor:pointer}
.g{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px;background:#f6f8fa;position:relative}
.m{max-width:92%;padding:8px 11px;border-radius:10px;white-space:pre-wrap;overflow-wrap:anywhere}
.q{align-self:flex-end;background:#0b3d6b;color:#fff}
.a{align-self:flex-start;background:#fff;border:1px solid #d0d7de}
.ab .t{color:#57606a;font-style:italic}
p{margin:0}.e,.n,.f span{color:#57606a;font-size:12px}.n{margin-top:6px}
.s{margin-top:8px;border-top:1px solid #e5e7eb;padding-top:6px;white-space:normal}
h3{margin:0 0 4px;font-size:12px;text-transform:uppercase;color:#57606a}
ol{margin:0;padding:0;list-style:none}li{margin:0 0 8px}
a,.k{color:#0550ae}.c,a{font-weight:600}
blockquote{margin:4px 0 0;padding-left:8px;border-left:3px solid #d0d7de;color:#424a53;font-size:12.5px;display:-webkit-box;-webkit-line-clamp:4;-webkit-box-orient:vertical;overflow:hidden}
blockquote.o{display:block}
.k{background:none;border:0;padding:0;font-size:12px;cursor:pointer;text-decoration:underline}
.f{display:flex;align-items:center;gap:6px;margin-top:6px;white-space:normal}
.f button{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:3px 7px;cursor:pointer;line-height:0;color:#57606a}
.f svg{width:16px;height:16px}.f button+button svg{transform:rotate(180deg)}
.f [aria-pressed=true]{background:#ddf4ff;border-color:#0550ae;color:#0550ae}
.w{color:#57606a;font-style:italic;animation:w 1s infinite alternate}@keyframes w{to{opacity:.4}}
.err{align-self:stretch;background:#fff1f0;border:1px solid #ffb3ad;color:#8c1d18}
form{display:flex;gap:8px;padding:10px;border-top:1px solid #d0d7de}
label{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
textarea{flex:1;resize:none;height:44px;padding:10px;border:1px solid #8c959f;border-radius:8px;background:#fff}
.b{border:0;border-radius:8px;padding:0 14px;background:#0b3d6b;color:#fff;font-weight:600;cursor:pointer}
.b:disabled{background:#8c959f;cursor:wait}`;

  // Static icons: the only innerHTML, never with server or user data.
  var CHAT = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h10V9zm0 4v2h7v-2z"/></svg>';
  var THUMB = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M2 21h4V9H2zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6V3a1.5 1.5 0 0 0-.5-1L13.2 1 6.6 7.6A2 2 0 0 0 6 9v10a2 2 0 0 0 2 2h9a2 2 0 0 0 1.8-1.2l3-7.1A2 2 0 0 0 22 12z"/></svg>';

  function el(tag, cls, text, attrs) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text != null) n.textContent = String(text);
    for (var k in attrs) n.setAttribute(k, attrs[k]);
    return n;
  }

  function post(path, body, signal) {
    return fetch(API + path, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body), signal: signal
    });
  }

  function init() {
    var host = document.createElement("portentry-widget");
    var root = host.attachShadow({ mode: "open" });
    var r = el("div", "r");
    root.append(el("style", null, CSS), r);

    var launcher = el("button", "l", null, {
      type: "button", "aria-label": "Open the ports of entry assistant", "aria-expanded": "false",
      "aria-controls": "pe-panel", "data-testid": "pe-launcher"
    });
    launcher.innerHTML = CHAT;
    var panel = el("div", "p", null, {
      id: "pe-panel", role: "dialog", "aria-label": TITLE, "aria-modal": "false", "data-testid": "pe-panel"
    });
    panel.hidden = true;
    var head = el("div", "h");
    var close = el("button", "x", "\u00d7", { type: "button", "aria-label": "Close" });
    head.append(el("h2", null, TITLE), close);
    var log = el("div", "g", null, { role: "log", "aria-live": "polite" });
    log.append(el("p", "e", "Answers cite 19 CFR Part 101 and related sources."));
    var form = el("form");
    var input = el("textarea", null, null, {
      id: "pe-input", rows: "1", maxlength: "2000", placeholder: "Your question", "data-testid": "pe-input"
    });
    var send = el("button", "b", "Send", { type: "submit", "data-testid": "pe-send" });
    form.append(el("label", null, "Your question", { for: "pe-input" }), input, send);
    panel.append(head, log, form);
    r.append(panel, launcher);
    document.body.appendChild(host);

    var history = [], pending = false;

    function setOpen(open) {
      panel.hidden = !open;
      launcher.setAttribute("aria-expanded", String(open));
      if (open) input.focus();
    }
    function shut() { setOpen(false); launcher.focus(); }
    api.open = () => setOpen(true);
    api.close = () => setOpen(false);
    api.toggle = () => setOpen(panel.hidden);

    launcher.addEventListener("click", api.toggle);
    close.addEventListener("click", shut);
    panel.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") { ev.preventDefault(); shut(); }
    });
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); submit(); }
    });
    form.addEventListener("submit", (ev) => { ev.preventDefault(); submit(); });

    function add(node, top) {
      log.appendChild(node);
      log.scrollTop = top ? node.offsetTop - 8 : log.scrollHeight;
      return node;
    }

    function renderAnswer(q, data) {
      var box = el("div", "m a" + (data.abstained ? " ab" : ""), null, { "data-testid": "pe-answer" });
      box.append(el("p", "t", data.answer));
      var cites = Array.isArray(data.citations) ? data.citations.filter((c) => c && typeof c === "object") : [];
      if (cites.length) {
        var ol = el("ol", null, null, { "data-testid": "pe-sources" });
        var src = el("div", "s");
        src.append(el("h3", null, "Sources"), ol);
        cites.forEach((c) => {
          var li = el("li"), ref;
          var label = "[" + (c.n != null ? c.n : "?") + "] " + (c.ref || c.title || "source");
          var url = typeof c.url === "string" ? c.url : "";
          if (url.indexOf("https://") === 0) {
            ref = el("a", null, label, { target: "_blank", rel: "noopener noreferrer", "data-testid": "pe-citation" });
            ref.href = url;
            if (c.title) ref.title = String(c.title);
          } else {
            ref = el("span", "c", label, { "data-testid": "pe-citation" });
          }
          li.append(ref);
          if (c.quote) {
            var bq = el("blockquote", null, c.quote);
            li.append(bq);
            if (String(c.quote).length > 200) {
              var more = el("button", "k", "Show more", { type: "button", "aria-expanded": "false" });
              more.addEventListener("click", () => {
                var o = bq.classList.toggle("o");
                more.textContent = o ? "Show less" : "Show more";
                more.setAttribute("aria-expanded", String(o));
              });
              li.append(more);
            }
          }
          ol.append(li);
        });
        box.append(src);
      }
      if (data.note) box.append(el("p", "n", data.note));
      box.append(feedback(q, data.answer, cites));
      return box;
    }

    function feedback(q, answer, cites) {
      var row = el("div", "f"), status = el("span", null, null, { role: "status" });
      var btns = [["up", "Helpful"], ["down", "Not helpful"]].map((v) => {
        var b = el("button", null, null, { type: "button", "aria-label": v[1], "aria-pressed": "false" });
        b.innerHTML = THUMB;
        b.addEventListener("click", () => {
          btns.forEach((x) => { x.disabled = true; });
          b.setAttribute("aria-pressed", "true");
          post("/api/feedback", { question: q, answer: answer, citations: cites, vote: v[0] })
            .then((res) => { if (!res.ok) throw 0; status.textContent = "Thanks"; })
            .catch(() => {
              b.setAttribute("aria-pressed", "false");
              btns.forEach((x) => { x.disabled = false; });
              status.textContent = "Not sent, try again.";
            });
        });
        return b;
      });
      row.append(btns[0], btns[1], status);
      return row;
    }

    function submit() {
      var q = input.value.trim();
      if (!q || pending) return;
      pending = send.disabled = true;
      input.value = "";
      add(el("div", "m q", q, { "data-testid": "pe-question" }));
      var wait = add(el("div", "m w", "Thinking\u2026", { "data-testid": "pe-thinking" }));
      var ctrl = new AbortController();
      var timer = setTimeout(() => ctrl.abort(), 120000); // never stay stuck
      var net = true; // until a response arrives, failures are network failures
      post("/api/ask", { question: q, history: history.slice(-MAX) }, ctrl.signal)
        .then((res) => {
          net = false;
          return res.json().catch(() => null).then((data) => {
            if (res.ok && data && typeof data.answer === "string") return data;
            throw { msg: data && typeof data.error === "string" && data.error };
          });
        })
        .then((data) => {
          history = history.concat({ role: "user", content: q }, { role: "assistant", content: data.answer }).slice(-MAX);
          wait.remove();
          add(renderAnswer(q, data), true);
        })
        .catch((e) => {
          wait.remove();
          var msg = net
            ? (e && e.name === "AbortError" ? "The assistant took too long, please try again." : "Cannot reach the assistant.")
            : (e && e.msg) || GENERIC;
          add(el("div", "m err", msg, { "data-testid": "pe-error" }));
        })
        .finally(() => {
          clearTimeout(timer);
          pending = send.disabled = false;
          if (!panel.hidden) input.focus();
        });
    }
  }

  if (document.body) init();
  else document.addEventListener("DOMContentLoaded", init);
})();
