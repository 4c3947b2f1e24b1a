/*
 * "Copy link" buttons on every entry of MLOps Cheat Sheet.
 *
 * Each entry heading (h3.cs-entry) gets a button that puts the entry's full
 * URL on the clipboard, so a teammate can be sent straight to it. Material's
 * instant navigation swaps pages without reloading, hence document$.
 */
(function () {
  function entryUrl(id) {
    var url = new URL(window.location.href)
    url.hash = id
    url.search = ""
    return url.href
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext)
      return navigator.clipboard.writeText(text)
    var area = document.createElement("textarea")
    area.value = text
    area.setAttribute("readonly", "")
    area.style.position = "fixed"
    area.style.opacity = "0"
    document.body.appendChild(area)
    area.select()
    document.execCommand("copy")
    document.body.removeChild(area)
    return Promise.resolve()
  }

  function addButtons() {
    var headings = document.querySelectorAll(".md-content h3.cs-entry[id]")
    headings.forEach(function (heading) {
      if (heading.querySelector(".cs-copy-link"))
        return
      var name = heading.firstChild ? heading.firstChild.textContent.trim() : heading.id
      var button = document.createElement("button")
      button.type = "button"
      button.className = "cs-copy-link"
      button.setAttribute("aria-label", "Copy link to " + name)
      button.title = "Copy link to this entry"
      button.dataset.entry = heading.id
      button.textContent = "Copy link"
      button.addEventListener("click", function () {
        copy(entryUrl(heading.id)).then(function () {
          button.textContent = "Copied"
          button.classList.add("cs-copied")
          window.setTimeout(function () {
            button.textContent = "Copy link"
            button.classList.remove("cs-copied")
          }, 1500)
        })
      })
      heading.appendChild(button)
    })
  }

  /*
   * Accessibility repairs to markup we do not write (see
   * tests/test_accessibility.py, which runs axe-core on every page):
   *
   * - Material wraps each code block's copy button in <nav class=
   *   "md-code__nav">: dozens of unnamed navigation landmarks per page (axe:
   *   landmark-unique), though a copy button is no navigation. role="none"
   *   drops the landmark; the button itself is unchanged.
   */
  function repairMarkup() {
    /* Material mounts code blocks on document$ before this script subscribes. */
    document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none")
    })
  }

  /*
   * The palette toggle is a radio group that Material switches on Enter only;
   * Space, the other key that presses a button, does nothing on a checked
   * radio. Make Space do what Enter does: select the next palette, keep focus.
   * (The header is not replaced by instant navigation, so bind once.)
   */
  document.addEventListener("keydown", function (event) {
    var input = event.target
    if (event.key !== " " || !(input instanceof HTMLInputElement) ||
        !input.closest("form[data-md-component=palette]"))
      return
    var inputs = Array.prototype.slice.call(input.form.querySelectorAll("input"))
    var next = inputs[(inputs.indexOf(input) + 1) % inputs.length]
    event.preventDefault()
    next.click()
    next.focus()
  })

  function onDocument() {
    repairMarkup()
    addButtons()
  }

  if (typeof document$ !== "undefined")
    document$.subscribe(onDocument)
  else
    document.addEventListener("DOMContentLoaded", onDocument)
})()
