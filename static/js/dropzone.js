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
})();
