/*
 * Search worker of MLOps Cheat Sheet: a thin wrapper around Material's.
 *
 * Material's query syntax reads a leading "-" as "must not contain", so a
 * search for an option flag such as --volume or -v finds nothing (or
 * everything). This wrapper hands Material the flag's bare word instead, then
 * keeps only the results whose text holds the flag itself, those that use it
 * most first. Everything else is Material's search, unchanged.
 */
var SETUP = 0
var QUERY = 2
var RESULT = 3
var FLAG = /^--?[A-Za-z0-9][\w.=-]*$/

var texts = new Map()   /* location -> title and text, for exact flag checks */
var pending = []        /* flags of each query passed on, in order */

function flagPattern(flag) {
  var escaped = flag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  return new RegExp("(?:^|[^\\w-])" + escaped + "(?![\\w-])", "g")
}

function count(pattern, text) {
  var matches = text.match(pattern)
  return matches ? matches.length : 0
}

function keepFlagged(result, flags) {
  var patterns = flags.map(flagPattern)
  var groups = []
  result.items.forEach(function (group, order) {
    var kept = []
    group.forEach(function (item, position) {
      var text = texts.get(item.location) || ""
      var hits = patterns.reduce(function (total, pattern) {
        var n = count(pattern, text)
        return total < 0 || n === 0 ? -1 : total + n
      }, 0)
      if (hits > 0)
        kept.push({ item: item, hits: hits, position: position })
    })
    if (kept.length) {
      kept.sort(function (a, b) { return b.hits - a.hits || a.position - b.position })
      groups.push({ items: kept.map(function (k) { return k.item }), hits: kept[0].hits, order: order })
    }
  })
  groups.sort(function (a, b) { return b.hits - a.hits || a.order - b.order })
  result.items = groups.map(function (group) { return group.items })
  return result
}

/* Registered before Material's listener, so it sees each message first. */
self.addEventListener("message", function (event) {
  var message = event.data
  if (message.type === SETUP) {
    message.data.docs.forEach(function (doc) {
      texts.set(doc.location, doc.title + " " + doc.text)
    })
  } else if (message.type === QUERY) {
    var flags = []
    message.data = String(message.data).split(/\s+/).map(function (term) {
      if (!FLAG.test(term))
        return term
      flags.push(term)
      return term.replace(/^-+/, "")
    }).join(" ")
    pending.push(flags)
  }
})

var postToPage = self.postMessage.bind(self)
self.postMessage = function (message) {
  if (message && message.type === RESULT) {
    var flags = pending.shift() || []
    if (flags.length && message.data && message.data.items)
      message.data = keepFlagged(message.data, flags)
  }
  postToPage(message)
}

/* Load Material's worker from our own origin only. */
var material = new URL(new URL(self.location.href).searchParams.get("material") || "", self.location.href)
if (material.origin === self.location.origin)
  importScripts(material.href)
