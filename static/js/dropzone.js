// Progressive enhancement: files dropped on the form go into its file input. Without
// JavaScript the plain file input works the same.
(function () {
  document.querySelectorAll("[data-dropzone]").forEach(function (zone) {
    var input = zone.querySelector("input[type=file]");
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("dragging"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        var hint = zone.querySelector("[data-dropzone-hint]");
        if (hint) {
          var names = Array.prototype.map.call(event.dataTransfer.files, function (f) { return f.name; });
          hint.textContent = (hint.getAttribute("data-chosen") || "Chosen:") + " " + names.join(", ");
        }
      }
    });
  });
  // Reading the files in place keeps them chosen, so that they can then start an assessment.
  document.querySelectorAll("form[data-dropzone]").forEach(function (form) {
    var results = document.getElementById("results");
    if (!results || !window.fetch || !window.DOMParser) { return; }
    form.addEventListener("submit", function (event) {
      if (!event.submitter || event.submitter.value !== "read") { return; }
      event.preventDefault();
      var body = new FormData(form);
      body.append("action", "read");
      results.setAttribute("aria-busy", "true");
      fetch(form.getAttribute("action") || window.location.href, {
        method: "POST", body: body, credentials: "same-origin"
      }).then(function (response) { return response.text(); }).then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("results");
        if (fresh) {
          results.innerHTML = fresh.innerHTML;
          var hint = results.querySelector("[data-reread-hint]");
          if (hint) { hint.remove(); }
        }
        results.removeAttribute("aria-busy");
      }).catch(function () { form.submit(); });
    });
  });
})();
