// Behaviour for every page, kept out of the HTML so the Content-Security-Policy can forbid
// inline script. A <select data-submit-on-change> submits its form when a choice is made.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-submit-on-change")) {
    target.form.submit();
  }
});
