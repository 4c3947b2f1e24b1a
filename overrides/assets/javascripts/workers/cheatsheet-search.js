/*
 * Search worker of MLOps Cheat Sheet: a thin wrapper around Material's.
 *
 * Material's search stays in charge; this only adjusts queries and results:
 *
 * - Option flags. Material's query syntax reads a leading "-" as "must not
 *   contain", so --volume or -v would find nothing. Flags are handed to
 *   Material as bare words, and only results whose text holds the flag itself
 *   are kept, those that list it as an option first.
 * - Ranking. A reference is searched by name: an entry whose title is the
 *   query (docker run, VirtualService) comes first, then titles holding it as
 *   a whole word (log_metric in mlflow.log_metric), shortest first.
 * - Landing. Material shows a page's own result first in each group; where a
 *   page has matching entries, the best entry leads instead, so the first
 *   result lands on the entry's anchor.
 * - Staging. Material builds its whole lunr index before it answers, which
 *   takes seconds on a site of many thousand entries. There, this worker
 *   indexes titles alone first (several times faster) and answers from them,
 *   while a nested copy of Material's worker builds the full index; then the
 *   last query is run again on the full index, which answers from then on.
 *   Flag queries wait for the full index: flags are in the text, not titles.
 */
var SETUP = 0
var QUERY = 2
var RESULT = 3
var FLAG = /^--?[A-Za-z0-9][\w.=-]*$/

var texts = new Map()      /* location -> text, for exact flag checks */
var positions = new Map()  /* location -> position in the index (nav order) */
var pending = []           /* each query passed on: its words and flags */

var STAGE_FROM = 2000      /* documents; smaller sites index everything at once */
var full = null            /* nested worker building the full index, if staged */
var fullReady = false
var fullPending = []       /* queries sent to the full index, in order */
var waiting = null         /* the last query the titles could not answer well */

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}

function plain(html) {
  return html.replace(/<[^>]*>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&").replace(/\s+/g, " ").trim().toLowerCase()
}

/* 2: the flag names an option of the entry; 1: it appears; 0: it does not. */
function flagTier(flags, text) {
  var tier = 2
  for (var i = 0; i < flags.length; i++) {
    var flag = escapeRegExp(flags[i])
    if (new RegExp("<code>" + flag + "</code>").test(text))
      continue
    if (new RegExp("(?:^|[^\\w-])" + flag + "(?![\\w-])").test(text))
      tier = 1
    else
      return 0
  }
  return tier
}

/* 3: the title is the query; 2: holds it as whole words; 1: holds every word. */
function titleTier(words, title) {
  if (!words.length)
    return 0
  var query = words.join(" ")
  if (title === query)
    return 3
  var bounded = "(?:^|[\\s./:(])" + escapeRegExp(query) + "(?=$|[\\s./:(])"
  if (new RegExp(bounded).test(title))
    return 2
  var tokens = title.split(/[\s./:()]+/)
  return words.every(function (word) { return tokens.indexOf(word) >= 0 }) ? 1 : 0
}

function rank(result, words, flags) {
  var order = 0
  var groups = []
  result.items.forEach(function (group) {
    var ranked = []
    group.forEach(function (item) {
      var title = plain(item.title)
      var flagged = flags.length ? flagTier(flags, texts.get(item.location) || "") : 0
      if (flags.length && !flagged)
        return
      var tier = titleTier(words, title)
      var named = tier > 0 || flags.length > 0
      ranked.push({
        item: item,
        key: [
          flagged,
          tier,
          item.location.indexOf("#") >= 0 ? 1 : 0,  /* entries before whole pages */
          tier > 0 ? -title.length : 0,
          -(named ? positions.get(item.location) || 0 : order)
        ]
      })
      order++
    })
    if (!ranked.length)
      return
    ranked.sort(compare)
    groups.push({ ranked: ranked, key: ranked[0].key })
  })
  groups.sort(compare)
  result.items = groups.map(function (group) {
    return lead(group.ranked.map(function (r) { return r.item }))
  })
  return result
}

function compare(a, b) {
  for (var i = 0; i < a.key.length; i++)
    if (a.key[i] !== b.key[i])
      return b.key[i] - a.key[i]
  return 0
}

/* Material renders a group's page-level item first, or else its last item:
   drop the page item where entries matched and put the best entry last. */
function lead(items) {
  var entries = items.filter(function (item) { return item.location.indexOf("#") >= 0 })
  if (!entries.length)
    return items
  return entries.slice(1).concat(entries.slice(0, 1))
}

function parseQuery(text) {
  var words = []
  var flags = []
  var terms = String(text).trim().split(/\s+/).map(function (term) {
    if (FLAG.test(term)) {
      flags.push(term)
      return term.replace(/^-+/, "")
    }
    words.push(term.toLowerCase())
    return term
  })
  return { text: terms.join(" "), words: words, flags: flags }
}

function titlesOnly(data) {
  var docs = data.docs.map(function (doc) {
    var copy = {}
    for (var key in doc)
      copy[key] = key === "text" ? "" : doc[key]
    return copy
  })
  return Object.assign({}, data, { docs: docs })
}

function askFull(query) {
  fullPending.push(query)
  full.postMessage({ type: QUERY, data: query.text })
}

/* Start the full index in a nested worker; the titles are indexed here. */
function stage(message) {
  try {
    full = new Worker(material.href)
  } catch (error) {
    return  /* no nested workers: index everything here, as Material does */
  }
  full.addEventListener("message", function (event) {
    var reply = event.data
    if (reply.type === RESULT) {
      answer(reply, fullPending.shift())
    } else if (!fullReady) {
      fullReady = true  /* READY: the page heard it from the titles already */
      if (waiting)
        askFull(waiting)
      waiting = null
    }
  })
  full.addEventListener("error", function () {
    /* The full index will not come: keep answering from the titles. */
    full = null
    waiting = null
  })
  full.postMessage({ type: SETUP, data: message.data })
  message.data = titlesOnly(message.data)
}

/* Registered before Material's listener, so it sees each message first. */
self.addEventListener("message", function (event) {
  var message = event.data
  if (message.type === SETUP) {
    message.data.docs.forEach(function (doc, index) {
      texts.set(doc.location, doc.text)
      positions.set(doc.location, index)
    })
    if (message.data.docs.length >= STAGE_FROM)
      stage(message)
  } else if (message.type === QUERY) {
    var query = parseQuery(message.data)
    if (fullReady) {
      event.stopImmediatePropagation()
      askFull(query)
      return
    }
    if (full) {
      waiting = query  /* answered again once the full index is ready */
      if (query.flags.length) {
        event.stopImmediatePropagation()
        return
      }
    }
    message.data = query.text
    pending.push(query)
  }
})

/* A result goes to the page ranked for the query it answers. */
function answer(reply, query) {
  if (query && reply.data && reply.data.items)
    reply.data = rank(reply.data, query.words, query.flags)
  postToPage(reply)
}

var postToPage = self.postMessage.bind(self)
self.postMessage = function (message) {
  if (message && message.type === RESULT)
    answer(message, pending.shift())
  else
    postToPage(message)
}

/* Load Material's worker, from our own origin only. */
var material = new URL(new URL(self.location.href).searchParams.get("material") || "", self.location.href)
if (material.origin === self.location.origin)
  importScripts(material.href)
