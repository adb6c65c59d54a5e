// django-import-export binds "Select all" with an inline onchange handler, which the site's
// Content-Security-Policy (script-src 'self') blocks. Bind the same behaviour from a file.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.select-toggle").forEach((toggle) => {
    toggle.id = toggle.id || "select-all-toggle";
    toggle.addEventListener("change", () => {
      document
        .querySelectorAll('.selectable-field-export-row input[type="checkbox"]')
        .forEach((box) => {
          box.checked = toggle.checked;
        });
    });
  });
});
