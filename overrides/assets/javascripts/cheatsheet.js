/*
 * MLOps Cheat Sheet: the page behaviour Material does not provide.
 *
 * - "Copy link" buttons: one on every entry heading (h3.cs-entry, in the
 *   HTML: extensions/entry_links.py), and one for the options (a.cs-option),
 *   each putting the full URL of its anchor on the clipboard so a teammate
 *   can be sent straight to it. The options share
 *   a single button that moves to the row a reader points at, focuses or
 *   lands on: a large page has hundreds of options, and a button each was
 *   hundreds of elements to create and restyle at start-up.
 * - Code copy buttons, added as blocks are shown: cheatsheet.css leaves the
 *   blocks past the first screen unrendered (content-visibility) until they
 *   near the viewport, and the browser tells when it renders one
 *   (contentvisibilityautostatechange); the block then stays rendered
 *   (cs-shown) and gets its code copy buttons. Material's content.code.copy
 *   would mount every button (with tooltips and layout reads) before the
 *   page is usable; its own clipboard handler does the copying, so the
 *   button and the copied text are the same.
 * - A link into the article lands on its target for good, and an option
 *   link with its entry's heading in view when both fit.
 *
 * Material's document$ when there is one (instant navigation swaps pages).
 * One click listener serves every button, so a button costs one element.
 */
(function () {
  var schedule = window.requestIdleCallback
    ? function (work) { window.requestIdleCallback(work, { timeout: 500 }) }
    : function (work) { window.setTimeout(work, 16) }

  function anchorUrl(id) {
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

  function linkButton(anchor, label, title) {
    var button = document.createElement("button")
    button.type = "button"
    button.className = "cs-copy-link"
    button.setAttribute("aria-label", label)
    button.title = title
    button.dataset.anchor = anchor
    button.textContent = "Copy link"
    return button
  }

  /* The entry heading an option belongs to: the h3 before the entry body
     that holds its table (extensions/sizes.py). */
  function entryHeading(option) {
    var node = option.closest(".md-content__inner > *")
    while (node && !(node.matches("h3.cs-entry") || node.matches("h2")))
      node = node.previousElementSibling
    return node && node.matches("h3.cs-entry") ? node : null
  }

  /* The options' shared button, placed at the end of the option's cell: the
     next stop after the option's link for Tab, named for screen readers. */
  var optionButton = null
  function placeOptionButton(option) {
    if (!optionButton) {
      optionButton = linkButton("", "", "Copy link to this option")
      optionButton.classList.add("cs-copy-link--option")
    }
    var cell = option.parentNode
    /* Moving a focused button would drop its focus: it stays until left. */
    if (!cell || optionButton.parentNode === cell || document.activeElement === optionButton)
      return
    var heading = entryHeading(option)
    var entry = heading && heading.firstChild ? heading.firstChild.textContent.trim() : ""
    optionButton.dataset.anchor = option.id
    optionButton.setAttribute("aria-label",
      "Copy link to " + option.textContent.trim() + (entry ? " of " + entry : ""))
    cell.appendChild(optionButton)
  }

  function optionOfRow(node) {
    var row = node instanceof Element && node.closest(".md-content tr")
    return row ? row.querySelector("a.cs-option[id]") : null
  }
  document.addEventListener("focusin", function (event) {
    if (event.target instanceof Element && event.target.matches("a.cs-option[id]"))
      placeOptionButton(event.target)
  })
  document.addEventListener("mouseover", function (event) {
    var option = optionOfRow(event.target)
    if (option)
      placeOptionButton(option)
  })

  var codeBlocks = 0
  function addCodeButton(pre) {
    if (pre.querySelector(".md-code__nav") || pre.closest(".no-copy"))
      return
    /* The copy target is the code element, by an id of its own: Material
       renames the pre when it mounts the block, which (content.lazy) may be
       after this. */
    var code = pre.querySelector(":scope > code")
    if (!code)
      return
    if (!code.id)
      code.id = "__cs_code_" + codeBlocks++
    /* The markup of Material's own copy button: its styles, its clipboard
       handler ([data-clipboard-target]) and its "Copied" notice apply. role
       none: a copy button is no navigation landmark. */
    var nav = document.createElement("nav")
    nav.className = "md-code__nav"
    nav.setAttribute("role", "none")
    var button = document.createElement("button")
    button.className = "md-code__button"
    button.type = "button"
    button.title = "Copy to clipboard"
    button.setAttribute("aria-label", "Copy to clipboard")
    button.dataset.clipboardTarget = "#" + code.id
    button.dataset.mdType = "copy"
    nav.appendChild(button)
    pre.insertBefore(nav, pre.firstChild)
    pre.classList.add("cs-copyable")  /* room for the button (no :has() to restyle the page) */
  }

  function addCodeButtons(block) {
    var blocks = block.matches("div.highlight") ? block.querySelectorAll(":scope > pre")
      : block.querySelectorAll("div.highlight > pre")
    for (var i = 0; i < blocks.length; i++)
      addCodeButton(blocks[i])
  }

  /* Show one block of the article: keep it rendered, give its copy buttons. */
  function show(block) {
    if (block.classList.contains("cs-shown"))
      return
    block.classList.add("cs-shown")
    addCodeButtons(block)
  }

  /* The first screen's blocks are rendered from the start (cheatsheet.css);
     the others are shown as the browser renders them. Where it cannot tell
     (no contentvisibilityautostatechange), every block gets its buttons
     once the page is idle. */
  var FIRST_SCREEN = 12  /* cheatsheet.css: :nth-child(n+13) */
  function showAsRendered(article) {
    for (var i = 0; i < article.children.length && i < FIRST_SCREEN; i++)
      addCodeButtons(article.children[i])
    if (!("ContentVisibilityAutoStateChangeEvent" in window)) {
      schedule(function () { Array.prototype.forEach.call(article.children, addCodeButtons) })
      return
    }
    /* Captured: the event does not bubble. */
    document.addEventListener("contentvisibilityautostatechange", function (event) {
      if (!event.skipped && event.target.parentNode === article)
        show(event.target)
    }, true)
  }

  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest(".md-content .cs-copy-link")
    if (!button)
      return
    copy(anchorUrl(button.dataset.anchor)).then(function () {
      button.textContent = "Copied"
      button.classList.add("cs-copied")
      window.setTimeout(function () {
        button.textContent = "Copy link"
        button.classList.remove("cs-copied")
      }, 1500)
    })
  })

  /*
   * A link into the article lands on its target for good: the blocks down
   * to the target's are shown first, so their estimated heights (upper
   * bounds, taller than the real ones) cannot move it away as the browser
   * renders them. A link to an option scrolls the option below the sticky
   * header and the sticky table header (which names the entry); when the
   * entry's heading fits on the screen together with the option, it shows
   * that too.
   */
  function land() {
    var id = decodeURIComponent(window.location.hash.slice(1))
    var target = id && document.getElementById(id)
    var block = target && target.closest(".md-content__inner > *")
    if (!block)
      return
    for (var node = block.parentNode.firstElementChild; node; node = node.nextElementSibling) {
      show(node)
      if (node === block)
        break
    }
    target.scrollIntoView()
    if (target.matches(".cs-option"))
      landOnOption(target)
  }

  function landOnOption(option) {
    placeOptionButton(option)
    var heading = entryHeading(option)
    if (!heading)
      return
    var header = document.querySelector(".md-header")
    var top = header ? header.getBoundingClientRect().bottom : 0
    var from = heading.getBoundingClientRect().top
    var to = option.closest("tr").getBoundingClientRect().bottom
    if (to - from < window.innerHeight - top - 16)
      window.scrollBy(0, from - top - 8)
  }
  window.addEventListener("hashchange", function () {
    window.requestAnimationFrame(land)
  })

  function onDocument() {
    window.requestAnimationFrame(land)
    var article = document.querySelector(".md-content__inner")
    if (article)
      showAsRendered(article)
  }

  if (typeof document$ !== "undefined")
    document$.subscribe(onDocument)
  else
    document.addEventListener("DOMContentLoaded", onDocument)
})()
