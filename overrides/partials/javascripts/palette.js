(function () {
  var form = document.querySelector("form[data-cs-palette]")
  if (!form)
    return
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input"))
  var system = matchMedia("(prefers-color-scheme: light)")

  /* The palette of an input; the "follow the system" one takes the colours
     of the light or dark input, whichever the system prefers now. */
  function paletteOf(index) {
    var input = inputs[index]
    var colours = input
    if (input.getAttribute("data-md-color-media") === "(prefers-color-scheme)")
      colours = form.querySelector(system.matches
        ? "[data-md-color-media='(prefers-color-scheme: light)']"
        : "[data-md-color-media='(prefers-color-scheme: dark)']") || input
    return {
      index: index,
      color: {
        media: input.getAttribute("data-md-color-media"),
        scheme: colours.getAttribute("data-md-color-scheme"),
        primary: colours.getAttribute("data-md-color-primary"),
        accent: colours.getAttribute("data-md-color-accent")
      }
    }
  }

  /* The stored choice, else the first input whose media matches. */
  function current() {
    var stored = __md_get("__palette")
    var index = stored && typeof stored.index === "number" ? stored.index
      : inputs.findIndex(function (input) {
          return matchMedia(input.getAttribute("data-md-color-media")).matches
        })
    return paletteOf(Math.max(0, Math.min(index, inputs.length - 1)))
  }

  /* The browser's colours (address bar, form controls) follow the header.
     The color-scheme meta is set with the palette, before the page is
     parsed: changing it later restyles the whole page (a platform colour
     change). Material's two schemes name theirs; another scheme's is read
     from the header's style with the theme colour, after start-up. */
  var themeColor = document.createElement("meta")
  themeColor.name = "theme-color"
  var colorScheme = document.createElement("meta")
  colorScheme.name = "color-scheme"
  document.head.append(themeColor, colorScheme)
  var COLOR_SCHEMES = { "default": "light", "slate": "dark" }
  function setColorScheme(value) {
    if (value && colorScheme.content !== value)
      colorScheme.content = value
  }
  function updateMeta() {
    var style = getComputedStyle(document.querySelector("[data-md-component=header]"))
    setColorScheme(style.colorScheme)
    themeColor.content = "#" + style.backgroundColor.match(/\d+/g).slice(0, 3)
      .map(function (value) { return (+value).toString(16).padStart(2, "0") }).join("")
  }

  /* Attributes are written only when they change: an unchanged page is not
     restyled. While switching, Material's data-md-color-switching turns off
     the colour transitions. */
  function apply(palette, switching) {
    var body = document.body
    if (switching)
      body.setAttribute("data-md-color-switching", "")
    for (var key in palette.color)
      if (body.getAttribute("data-md-color-" + key) !== palette.color[key])
        body.setAttribute("data-md-color-" + key, palette.color[key])
    inputs.forEach(function (input, index) {
      var label = input.nextElementSibling
      if (label instanceof HTMLElement && label.hidden !== (index !== palette.index))
        label.hidden = index !== palette.index
    })
    __md_set("__palette", palette)
    setColorScheme(COLOR_SCHEMES[palette.color.scheme])
    if (switching) {
      updateMeta()
      setTimeout(function () { body.removeAttribute("data-md-color-switching") })
    }
  }

  apply(current(), false)
  /* After start-up, when reading the header's style costs no extra recalc. */
  addEventListener("load", function () { setTimeout(updateMeta) })

  form.addEventListener("change", function (event) {
    var index = inputs.indexOf(event.target)
    if (index >= 0)
      apply(paletteOf(index), true)
  })
  system.addEventListener("change", function () { apply(current(), true) })

  /* Enter and Space select the next palette and keep the focus: a checked
     radio does nothing on Space, and Enter would not move it. */
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ")
      return
    var index = inputs.indexOf(event.target)
    if (index < 0)
      return
    event.preventDefault()
    var next = inputs[(index + 1) % inputs.length]
    next.click()
    next.focus()
  })
})()
