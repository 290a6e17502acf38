// Query page: YASGUI (vendored) pointed at this server's endpoint. Autocompleters that
// call outside services (prefix.cc, LOV) are switched off: nothing leaves this server.
(function () {
  var script = document.getElementById("sparql-ui-script");
  var endpoint = new URL(script.dataset.endpoint, window.location.href).href;  // the page names a path
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  Yasgui.Yasqe.defaults.value = script.dataset.first;
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
  });
  document.querySelectorAll("a.example").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var tab = yasgui.getTab();
      tab.setQuery(link.dataset.query);
      tab.query();
    });
  });
})();
