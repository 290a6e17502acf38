// Results page: the Print link opens the print dialog. A script file rather than an
// onclick attribute, so the Content-Security-Policy needs no inline scripts.
(function () {
  var link = document.getElementById("print-page");
  if (!link) return;
  link.addEventListener("click", function (event) {
    event.preventDefault();
    window.print();
  });
})();

// A "details" link in the summary table unfolds the card it points to.
(function () {
  function openTarget() {
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    var card = target && target.querySelector("details.card");
    if (card) card.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
