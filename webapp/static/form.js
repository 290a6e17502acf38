// Progressive enhancement of the site form: add and remove contaminant rows in place.
// Without JavaScript the "Add a contaminant row" button re-renders the form with one more.
(function () {
  var body = document.querySelector("#contaminant-rows tbody");
  var template = document.getElementById("row-template");
  var add = document.getElementById("add-row");
  if (!body || !template || !add) return;
  var counter = body.rows.length;

  function wire(row) {
    var button = row.querySelector(".remove-row");
    button.hidden = false;
    button.addEventListener("click", function () {
      if (body.rows.length > 1) {
        row.remove();
      } else {
        row.querySelectorAll("input").forEach(function (input) { input.value = ""; });
      }
    });
  }

  Array.prototype.forEach.call(body.rows, wire);
  add.addEventListener("click", function (event) {
    event.preventDefault();
    var row = template.content.firstElementChild.cloneNode(true);
    row.querySelectorAll("input").forEach(function (input) {
      input.id = input.name + "-" + counter;
      input.previousElementSibling.setAttribute("for", input.id);
    });
    counter += 1;
    body.appendChild(row);
    wire(row);
    row.querySelector("input").focus();
  });
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();
})();
