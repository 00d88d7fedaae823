/* Säkerhetsportalen – Köpings kommun. The little JavaScript every page uses; the pages work
   without it. Loaded from static/ (the Content-Security-Policy allows no inline script). */
(function () {
  "use strict";

  /* On a phone the header and the menu took a third of the screen: there they fold behind
     a "Meny" button. Without JavaScript the button stays hidden and the menu open. */
  var knapp = document.querySelector(".menyknapp");
  if (knapp) {
    var huvud = knapp.closest(".site-header");
    var visa = function (oppen) {
      knapp.setAttribute("aria-expanded", oppen ? "true" : "false");
      huvud.classList.toggle("meny-stangd", !oppen);
    };
    visa(false);
    knapp.hidden = false;
    knapp.addEventListener("click", function () {
      visa(knapp.getAttribute("aria-expanded") !== "true");
    });
  }

  /* A form sent back with errors: the focus goes to the summary of them (which links to
     each field), so that a keyboard or screen-reader user starts there. */
  var fel = document.querySelector(".error-summary[tabindex]");
  if (fel) {
    fel.focus();
  }
})();
