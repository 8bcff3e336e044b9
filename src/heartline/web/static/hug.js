/* The long hug's breathing timer (M5.8), kept out of the page because the CSP allows no
   inline script. It paces the steps the server planned (practices.hug.schedule), shows one
   calm cue at a time, and when the hug ends or is stopped it logs the seconds hugged with
   POST /api/hugs. Keyboard: Start and Stop are buttons, and Escape stops too. */
(function () {
  "use strict";

  var root = document.getElementById("hug-timer");
  var form = document.getElementById("hug-log");
  if (!root || !form) {
    return;
  }
  var steps = JSON.parse(root.getAttribute("data-steps"));
  var words = JSON.parse(root.getAttribute("data-words"));
  var planned = Number(root.getAttribute("data-planned"));
  var phase = document.getElementById("hug-phase");
  var cue = document.getElementById("hug-cue");
  var progress = document.getElementById("hug-progress");
  var clock = document.getElementById("hug-clock");
  var startButton = document.getElementById("hug-start");
  var stopButton = document.getElementById("hug-stop");
  var status = document.getElementById("hug-status");
  var began = null;
  var ticking = null;
  var shown = -1;

  function minutesAndSeconds(seconds) {
    var whole = Math.floor(seconds);
    var rest = whole % 60;
    return Math.floor(whole / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function show(index) {
    var step = steps[index];
    var until = index + 1 < steps.length ? steps[index + 1].at : planned;
    shown = index;
    root.style.setProperty("--breath-seconds", Math.max(1, until - step.at) + "s");
    root.setAttribute("data-phase", step.phase);
    phase.textContent = words[step.phase];
    cue.textContent = step.cue;
  }

  function tick() {
    var elapsed = (Date.now() - began) / 1000;
    if (elapsed >= planned) {
      finish(planned, root.getAttribute("data-closing"));
      return;
    }
    var index = shown;
    while (index + 1 < steps.length && steps[index + 1].at <= elapsed) {
      index += 1;
    }
    if (index !== shown) {
      show(index);
    }
    progress.value = elapsed;
    clock.textContent = minutesAndSeconds(elapsed) + " of " + minutesAndSeconds(planned);
  }

  function start() {
    began = Date.now();
    shown = -1;
    status.textContent = "";
    startButton.hidden = true;
    stopButton.hidden = false;
    stopButton.focus();
    ticking = window.setInterval(tick, 250);
    tick();
  }

  function finish(seconds, message) {
    window.clearInterval(ticking);
    ticking = null;
    root.removeAttribute("data-phase");
    stopButton.hidden = true;
    startButton.hidden = false;
    startButton.textContent = "Start another";
    startButton.focus();
    phase.textContent = message;
    cue.textContent = "";
    progress.value = seconds;
    var done = Math.floor(seconds);
    form.elements.namedItem("seconds").value = String(Math.max(1, done));
    if (done >= 1) {
      log(done);
    } else {
      status.textContent = "No hug logged this time. Whenever you're both ready.";
    }
  }

  function stop() {
    if (ticking === null) {
      return;
    }
    var done = Math.min(planned, (Date.now() - began) / 1000);
    finish(done, "Stopped. That's fine; stopping is always allowed.");
  }

  function token() {
    var fromForm = form.getAttribute("data-csrf");
    if (fromForm) {
      return fromForm;
    }
    return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRF-Token"];
  }

  function chosen() {
    var fields = new FormData(form);
    return {
      visibility: fields.get("visibility") || "private",
      relationship_id: fields.get("relationship_id") || null
    };
  }

  function log(seconds) {
    var body = chosen();
    body.seconds = seconds;
    body.planned_seconds = planned;
    status.textContent = "Logging your hug…";
    fetch("/api/hugs", {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": token()},
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          throw new Error(typeof data.detail === "string" ? data.detail : "it was refused");
        }
        return data;
      });
    }).then(function (data) {
      status.textContent = data.message;
    }).catch(function (error) {
      status.textContent = "It couldn't be logged just now (" + error.message +
        "). The form below has the seconds filled in: press Log the hug to try again.";
    });
  }

  startButton.addEventListener("click", start);
  stopButton.addEventListener("click", stop);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      stop();
    }
  });
}());
