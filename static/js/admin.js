/* Django's admin, made to pass WCAG 2.1 AA where its own scripts do not (loaded by
   templates/admin/base_site.html; no inline script under the Content-Security-Policy).
   The admin's widgets are built by scripts that run on "load", so this runs after them. */
(function () {
  "use strict";

  function ratta() {
    /* The filter boxes of a many-to-many field: an icon <span> named with aria-label, which
       a span without a role may not carry. As an image it may, and names the filter field. */
    document.querySelectorAll("span.search-label-icon[aria-label]").forEach(function (ikon) {
      ikon.setAttribute("role", "img");
    });

    /* Select2's "remove all" cross sits directly in its list of choices, where only list
       items may be. It is for the mouse only (Backspace removes a choice), so hide it
       from screen readers. */
    document.querySelectorAll(".select2-selection__rendered > .select2-selection__clear").forEach(
      function (kryss) {
        kryss.setAttribute("aria-hidden", "true");
      }
    );

    /* Select2's combobox, while open, must name the list it controls. */
    document.querySelectorAll(".select2-selection[role=combobox]").forEach(function (ruta) {
      var behallare = ruta.closest(".select2-container");
      var select = behallare && behallare.previousElementSibling;
      var lista = select && select.id && document.getElementById("select2-" + select.id + "-results");
      if (lista) {
        ruta.setAttribute("aria-controls", lista.id);
      } else {
        ruta.removeAttribute("aria-controls");
      }
    });

    /* Select2's search field (autocomplete_fields) has no label: name it after its field. */
    document.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (falt) {
      var id = "";
      var lista = /^select2-(.+)-results$/.exec(falt.getAttribute("aria-controls") || "");
      if (lista) {
        id = lista[1];
      } else {
        var behallare = falt.closest(".select2-container");
        var select = behallare && behallare.previousElementSibling;
        id = (select && select.id) || "";
      }
      var etikett = id && document.querySelector('label[for="' + id + '"]');
      var namn = etikett ? etikett.textContent.replace(/:\s*$/, "").trim() : "";
      if (namn) {
        falt.setAttribute("aria-label", namn);
      }
    });
  }

  window.addEventListener("load", function () {
    setTimeout(ratta, 0);
    /* Select2 draws its search field again when it opens or a choice is made. */
    new MutationObserver(ratta).observe(document.body, { childList: true, subtree: true });
  });
})();
