/*
 * When a search finds nothing, say what to try instead of only "No matching
 * documents": the search box knows names, flags, English task words and
 * common Korean words of the field.
 */
(function () {
  var meta = document.querySelector(".md-search-result__meta")
  var input = document.querySelector("input.md-search__input")
  var list = document.querySelector(".md-search-result__list")
  if (!meta || !input || !list)
    return
  var hint = document.createElement("div")
  hint.className = "md-search-result__meta cs-search-hint"
  hint.hidden = true
  meta.parentNode.insertBefore(hint, meta.nextSibling)

  function text(query) {
    var korean = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/.test(query)
    return (korean
      ? "The pages are in English: search knows common Korean words of the field (이미지, 컨테이너, 삭제, 복사, 로그...), so try an English word for the rest. "
      : "") +
      "Try fewer words, a command or API name (docker rm, kubectl logs, log_metric), a flag (--volume) " +
      "or what you want to do in plain English (remove stopped containers)."
  }

  var initializing = meta.textContent.trim()  /* until the index is ready */

  function update() {
    var query = input.value.trim()
    var empty = query.length > 0 && !list.querySelector(".md-search-result__item") &&
      meta.textContent.trim() !== initializing
    hint.hidden = !empty
    if (empty) hint.textContent = text(query)
  }
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true })
  new MutationObserver(update).observe(list, { childList: true })
})()
