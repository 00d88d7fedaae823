// The staff log's text field keeps a draft in this tab (sessionStorage) until the entry is
// on the page, so a submit that never reached the server (no network) does not lose what
// was typed: the next time the page opens, the draft is put back and the page says so.
(function () {
  "use strict";
  var falt = document.querySelector("[data-utkast-nyckel]");
  if (!falt) return;
  var nyckel = falt.getAttribute("data-utkast-nyckel");
  var lager;
  try {
    lager = window.sessionStorage;
    lager.getItem(nyckel);
  } catch (e) {
    return;
  }
  var sparat = (lager.getItem(nyckel) || "").trim();
  if (sparat) {
    var sparade = Array.prototype.map.call(
      document.querySelectorAll("[data-loggtext]"),
      function (el) { return el.getAttribute("data-loggtext").trim(); }
    );
    if (sparade.indexOf(sparat) !== -1) {
      lager.removeItem(nyckel);
    } else if (!falt.value.trim()) {
      falt.value = sparat;
      var besked = document.getElementById(falt.id + "_utkast");
      if (besked) besked.hidden = false;
    }
  }
  falt.addEventListener("input", function () {
    try {
      if (falt.value.trim()) lager.setItem(nyckel, falt.value);
      else lager.removeItem(nyckel);
    } catch (e) { /* a full or blocked storage only loses the safety net */ }
  });
})();
