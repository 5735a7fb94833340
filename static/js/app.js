// Behaviour for every page, kept out of the HTML so the Content-Security-Policy can forbid
// inline script. A <select data-submit-on-change> submits its form when a choice is made.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-submit-on-change")) {
    target.form.submit();
  }
});

// The error summary (templates/_form_errors.html) takes the focus when the page loads, so a
// screen reader announces it and the keyboard starts from it; each of its links moves the
// focus to its field, opening the <details> that holds it.
(function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!field) {
      return;
    }
    event.preventDefault();
    var details = field.closest("details");
    if (details) {
      details.open = true;
    }
    field.focus();
    field.scrollIntoView({ block: "center" });
  });
})();
