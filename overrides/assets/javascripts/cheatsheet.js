/*
 * MLOps Cheat Sheet: the page behaviour Material does not provide.
 *
 * - "Copy link" buttons: one on every entry heading (h3.cs-entry), and one
 *   for the options (a.cs-option), each putting the full URL of its anchor on
 *   the clipboard so a teammate can be sent straight to it. The options share
 *   a single button that moves to the row a reader points at, focuses or
 *   lands on: a large page has hundreds of options, and a button each was
 *   hundreds of elements to create and restyle at start-up.
 * - Showing the article after start-up: cheatsheet.css leaves the blocks
 *   past the first screen unrendered (content-visibility), and they
 *   are shown here in small idle chunks, each with its code copy buttons,
 *   until the whole page is laid out as usual (the article then gets
 *   data-cs-shown). Material's content.code.copy would mount every button
 *   (with tooltips and layout reads) before the page is usable; its own
 *   clipboard handler does the copying, so the button and the copied text
 *   are the same.
 * - An option link lands with its entry's heading in view when both fit.
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

  function addEntryButtons() {
    document.querySelectorAll(".md-content h3.cs-entry[id]").forEach(function (heading) {
      if (heading.querySelector(".cs-copy-link"))
        return
      var name = heading.firstChild ? heading.firstChild.textContent.trim() : heading.id
      var button = linkButton(heading.id, "Copy link to " + name, "Copy link to this entry")
      button.dataset.entry = heading.id
      heading.appendChild(button)
    })
  }

  /* The entry heading an option belongs to: the h3 before its table. */
  function entryHeading(option) {
    var node = option.closest(".md-typeset__scrollwrap") || option.closest("table")
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

  /* Show one block of the article: render it, give its code copy buttons. */
  function show(block) {
    if (block.classList.contains("cs-shown"))
      return
    block.classList.add("cs-shown")
    var blocks = block.matches("div.highlight") ? block.querySelectorAll(":scope > pre")
      : block.querySelectorAll("div.highlight > pre")
    for (var i = 0; i < blocks.length; i++)
      addCodeButton(blocks[i])
  }

  /* Show the article's blocks in order, about CHUNK elements per idle
     period: each chunk is styled and laid out in the frame after it, a short
     task, so start-up never waits for the whole page. Smaller chunks (80)
     scored higher in Lighthouse but left blocks unshown when its axe run
     came, whose 3em placeholders let their contents overlap. */
  var CHUNK = 300
  function showInChunks(article) {
    var index = 0
    function step() {
      var children = article.children, budget = CHUNK
      while (index < children.length && budget > 0) {
        var block = children[index++]
        budget -= 1 + block.getElementsByTagName("*").length
        show(block)
      }
      if (index < children.length)
        schedule(step)
      else
        article.setAttribute("data-cs-shown", "")
    }
    schedule(step)
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
   * A link to an option scrolls the option below the sticky header and the
   * sticky table header (which names the entry). When the entry's heading
   * fits on the screen together with the option, show it too.
   */
  function landOnOption() {
    var id = decodeURIComponent(window.location.hash.slice(1))
    var option = id && document.getElementById(id)
    if (!option || !option.matches(".cs-option"))
      return
    placeOptionButton(option)
    var heading = entryHeading(option)
    if (!heading)
      return
    /* Measure the entry as it will be shown, not as unrendered blocks. */
    var block = option.closest(".md-content__inner > *")
    for (var node = heading; node; node = node.nextElementSibling) {
      show(node)
      if (node === block)
        break
    }
    var header = document.querySelector(".md-header")
    var top = header ? header.getBoundingClientRect().bottom : 0
    var from = heading.getBoundingClientRect().top
    var to = option.closest("tr").getBoundingClientRect().bottom
    if (to - from < window.innerHeight - top - 16)
      window.scrollBy(0, from - top - 8)
  }
  window.addEventListener("hashchange", function () {
    window.requestAnimationFrame(landOnOption)
  })

  function onDocument() {
    addEntryButtons()
    window.requestAnimationFrame(landOnOption)
    var article = document.querySelector(".md-content__inner")
    if (article)
      showInChunks(article)
  }

  if (typeof document$ !== "undefined")
    document$.subscribe(onDocument)
  else
    document.addEventListener("DOMContentLoaded", onDocument)
})()
