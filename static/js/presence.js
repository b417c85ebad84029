// Presence in the section editor: a heartbeat says "I have this open", and the answer says who
// else has. It is a warning, never a lock; without JavaScript the editor works the same.
(function () {
  "use strict";
  var notice = document.getElementById("presence-notice");
  var form = document.getElementById("section-editor");
  if (!notice || !form) { return; }
  var url = notice.getAttribute("data-presence-url");
  var text = notice.querySelector("[data-presence-text]");
  var tokenInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var token = tokenInput ? tokenInput.value : "";
  var INTERVAL = 15000;

  function show(data) {
    if (!data) { return; }
    text.textContent = data.message || "";
    notice.hidden = !data.message;
  }

  function body(extra) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token);
    if (extra) { data.append(extra, "1"); }
    return data;
  }

  function beat() {
    if (document.visibilityState === "hidden") { return; }
    fetch(url, {method: "POST", body: body(), credentials: "same-origin",
                headers: {"X-CSRFToken": token}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(show)
      .catch(function () { /* offline for a moment: the next beat will tell */ });
  }

  beat();
  window.setInterval(beat, INTERVAL);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { beat(); }
  });
  window.addEventListener("pagehide", function () {
    if (navigator.sendBeacon) { navigator.sendBeacon(url, body("leave")); }
  });
})();
