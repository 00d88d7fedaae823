/*
 * The annual report's status page: while the PDF is being made, ask the server where the
 * order stands and show it, until it is done or has failed. No reload by hand; without
 * this script the page still works with its "Ladda om" link.
 */
(function () {
  "use strict";
  var lage = document.getElementById("lage");
  if (!lage || !lage.hasAttribute("data-pagar") || !window.fetch) {
    return;
  }
  var url = lage.getAttribute("data-url");
  var text = document.getElementById("lage-text");
  var framsteg = document.getElementById("lage-framsteg");
  var steg = document.getElementById("lage-steg");
  var stegEtikett = framsteg.querySelector("label");
  var laddaOm = document.getElementById("lage-ladda-om");
  var klar = document.getElementById("lage-klar");
  var storlek = document.getElementById("lage-storlek");
  var igen = document.getElementById("lage-igen");
  var sha = document.getElementById("lage-sha256");
  var start = Date.now();
  var senast = null;

  laddaOm.hidden = true;

  function visa(data) {
    if (data.text !== senast) {
      // Only a change is written, so a screen reader hears each step once.
      text.textContent = data.text;
      senast = data.text;
    }
    text.className = "message " + (data.klar ? "message-success" : data.misslyckad ? "message-error" : "message-info");
    steg.value = data.steg;
    steg.max = data.av;
    steg.textContent = data.steg + "/" + data.av;
    stegEtikett.textContent = stegEtikett.textContent.replace(/\d+(\D+)\d+/, data.steg + "$1" + data.av);
    framsteg.hidden = !data.pagar;
    klar.hidden = !data.klar;
    igen.hidden = !data.misslyckad;
    if (data.klar && data.storlek && storlek) {
      storlek.textContent = "(" + Math.max(1, Math.round(data.storlek / 1024)) + " KB)";
    }
    if (data.sha256 && sha) {
      sha.textContent = data.sha256;
    }
  }

  function fraga() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (svar) {
        if (!svar.ok) {
          throw new Error(String(svar.status));
        }
        return svar.json();
      })
      .then(function (data) {
        visa(data);
        if (data.pagar) {
          vanta();
        }
      })
      .catch(function () {
        // The server could not answer (logged out, network): the page works by hand.
        laddaOm.hidden = false;
      });
  }

  function vanta() {
    // Every two seconds the first minute, then every ten.
    window.setTimeout(fraga, Date.now() - start < 60000 ? 2000 : 10000);
  }

  vanta();
})();
