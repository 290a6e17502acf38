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
