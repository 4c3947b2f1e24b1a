/*
 * Search worker of MLOps Cheat Sheet.
 *
 * Material's search UI (header box, keyboard, result list, highlighting on
 * the target page) talks to a worker by messages: SETUP with its index,
 * QUERY with the text typed, RESULT with groups of items. This worker answers
 * those messages itself, from the search data the build writes once
 * (search/cheatsheet.json: each entry's name, tasks, summary, options with
 * their anchors, tags and text, plus the reviewed synonym data), because a
 * reference is searched by name and by task, and lunr weighs neither:
 *
 * - Names first. An entry whose name is the query comes first, then names
 *   holding it as whole words, shortest first; flags (--volume, -v) land on
 *   the option's own anchor, and the result names the option.
 * - Tasks. Every other query is read as words: stop words and one-letter
 *   prefixes never decide; each word is stemmed (delete/deleted/deleting)
 *   and widened by the synonym groups; an entry scores by how much of the
 *   query it holds, in which field (name, task, summary, option, text), and
 *   most when one of its lines (a task, the summary) holds it all.
 * - Mixed scripts. Korean and English are split where the script changes;
 *   Korean words of the field map to English through the synonym data.
 * - Other text (home page, contributing, page intros) comes from Material's
 *   index and always ranks below every matching entry.
 * - Start-up in phases: the names are indexed first and answered at once,
 *   without waiting for Material's index; the rest is indexed in slices
 *   between queries, and the last query is answered again when the index is
 *   complete (Material replaces the list on every RESULT). An answer given
 *   before that carries `partial: true`.
 *
 * If the search data cannot be loaded, Material's own worker takes over,
 * with Material's whole index (search/material_index.json): the one the page
 * posts has no entries (plugins/cheatsheet/core/search_index.py).
 */
var SETUP = 0
var READY = 1
var QUERY = 2
var RESULT = 3
var FLAG = /^--?[A-Za-z0-9][\w.-]*(?:=\S*)?$/
var MAX_RESULTS = 40

/* Field weights: where a query word is found says how much it counts, and
   how much a line of that field counts when it holds several query words. */
var W = { name: 4, task: 2.5, summary: 2, option: 1.6, tag: 1.5, page: 1, optdesc: 0.7, text: 0.5 }
var LINE = { name: 4, task: 2.5, summary: 2, optdesc: 1.5 }
/* How the parts of a score combine (chosen on the task-query suite, see
   benchmarks/search_quality.py; never on the held-out queries). */
var K = {
  synonym: 0.8,        /* a synonym counts a little less than the reader's word */
  prefix: 0.6,         /* the word being typed, matched as a prefix */
  coverageFloor: 0.25, /* an entry holding part of the query keeps this share */
  coveragePower: 2,    /* ... and gains with the share of the query it holds */
  line: 1.5,           /* one line holding the query together */
  precision: 0.15,     /* ... and saying little else */
  allInName: 4,        /* every word of the query is in the name */
  nameHeld: 1.5,       /* the query holds the entry's own name words (network create) */
  namespaceShare: 0.06, /* a name word in more names than this is a namespace (docker, kfp) */
  compound: 3,         /* a compound typed as such (log_metric) is in the name */
  action: 1.25         /* the first word of a longer query (see search) */
}

var params = new URL(self.location.href).searchParams
var dataUrl = params.get("data")
var materialUrl = params.get("material")
var indexUrl = params.get("index")  /* Material's whole index, for its worker */
/* For tests of the phased start-up only: wait this long (ms) before the
   full index is built. */
var fullDelay = Number(params.get("full-delay")) || 0
var SLICE_MS = 12         /* the full index is built in slices this long */

var data = null           /* search/cheatsheet.json, once loaded */
var setup = null          /* Material's SETUP message, once received */
var engine = null
var delegated = false     /* Material's worker answers instead */
var pendingQuery = null
var held = null           /* the page's messages, while Material's whole index loads */
var wholeDocs = null      /* ... and its documents, once loaded */
var forwarding = false    /* a message of ours, for Material's worker */

/* ------------------------------------------------------------------------ */
/* Text                                                                     */

var ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#x27;": "'", "&#39;": "'" }

function decode(html) {
  html = String(html)
  if (html.indexOf("<") < 0 && html.indexOf("&") < 0) return html
  return html.replace(/<[^>]*>/g, " ").replace(/&(?:amp|lt|gt|quot|#x27|#39);/g, function (entity) {
    return ENTITIES[entity]
  })
}

function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;")
}

var HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/

/* Split where Latin/digits meet Hangul: "container에서" -> "container 에서". */
function splitScripts(text) {
  return text.replace(/([A-Za-z0-9])(?=[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af])/g, "$1 ")
    .replace(/([\u1100-\u11ff\u3130-\u318f\uac00-\ud7af])(?=[A-Za-z0-9])/g, "$1 ")
}

/* A light English stemmer: the same word in its inflections gets one form.
   Each distinct word is stemmed once: an index repeats its words many times. */
var stems = new Map()

function stem(word) {
  var known = stems.get(word)
  if (known === undefined) stems.set(word, known = stemWord(word))
  return known
}

function stemWord(word) {
  if (word.length <= 3 || HANGUL.test(word) || /\d/.test(word))
    return word
  var w = word
  if (/ies$/.test(w) && w.length > 4) w = w.slice(0, -3) + "y"
  else if (/sses$/.test(w)) w = w.slice(0, -2)
  else if (/(?:ss|us|is)$/.test(w)) { /* keep: class, status, analysis */ }
  else if (/s$/.test(w)) w = w.slice(0, -1)
  if (/ing$/.test(w) && w.length > 5) w = undouble(w.slice(0, -3))
  else if (/ed$/.test(w) && w.length > 4) w = undouble(w.slice(0, -2))
  if (/e$/.test(w) && w.length > 3) w = w.slice(0, -1)
  if (/y$/.test(w) && w.length > 3) w = w.slice(0, -1) + "i"
  return w
}

function undouble(w) {
  return /([bdgmnprt])\1$/.test(w) ? w.slice(0, -1) : w
}

/* Sub-words of a name: VirtualService -> virtual, service; GPUs stays one. */
function camelParts(word) {
  return word.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z]{2,})/g, "$1 $2")
    .toLowerCase().split(" ")
}

function Vocabulary(synonyms) {
  var self_ = this
  this.stop = new Set((synonyms.stop_words || []).map(decode))
  this.koreanStop = new Set((synonyms.korean_stop_words || []).map(decode))
  this.korean = new Map()
  Object.keys(synonyms.korean || {}).forEach(function (key) {
    self_.korean.set(decode(key), decode(synonyms.korean[key]))
  })
  this.particles = (synonyms.particles || []).map(decode).sort(function (a, b) { return b.length - a.length })
  /* Phrases, longest first, matched on word boundaries in one pass. */
  this.phraseMap = new Map()
  Object.keys(synonyms.phrases || {}).forEach(function (phrase) {
    self_.phraseMap.set(decode(phrase).toLowerCase().replace(/[\s_]+/g, " "), decode(synonyms.phrases[phrase]))
  })
  var patterns = Array.from(this.phraseMap.keys()).sort(function (a, b) { return b.length - a.length })
    .map(function (phrase) { return phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "[\\s_]+") })
  this.phrasePattern = patterns.length
    ? new RegExp("(^|[^a-z0-9])(" + patterns.join("|") + ")(?![a-z0-9])", "g") : null
  /* Stem -> [[stem, factor]] of its synonyms. */
  this.expand = new Map()
  var add = function (from, to) {
    if (from === to) return
    var list = self_.expand.get(from) || []
    if (!list.some(function (item) { return item === to }))
      list.push(to)
    self_.expand.set(from, list)
  }
  ;(synonyms.groups || []).forEach(function (group) {
    var stems = group.map(function (word) { return self_.stemOf(decode(word)) })
    stems.forEach(function (a) { stems.forEach(function (b) { add(a, b) }) })
  })
  Object.keys(synonyms.also || {}).forEach(function (word) {
    var from = self_.stemOf(decode(word))
    synonyms.also[word].forEach(function (other) { add(from, self_.stemOf(decode(other))) })
  })
}

Vocabulary.prototype.stemOf = function (word) {
  return stem(word.toLowerCase())
}

Vocabulary.prototype.phrase = function (text) {
  if (!this.phrasePattern) return text
  var map = this.phraseMap
  return text.replace(this.phrasePattern, function (match, before, phrase) {
    return before + map.get(phrase.toLowerCase().replace(/[\s_]+/g, " "))
  })
}

/* A Korean word as English, if the synonym data knows it. */
Vocabulary.prototype.koreanWord = function (word) {
  if (this.koreanStop.has(word)) return ""
  if (this.korean.has(word)) return this.korean.get(word)
  for (var i = 0; i < this.particles.length; i++) {
    var particle = this.particles[i]
    if (word.length > particle.length && word.slice(-particle.length) === particle) {
      var base = word.slice(0, -particle.length)
      if (this.koreanStop.has(base)) return ""
      if (this.korean.has(base)) return this.korean.get(base)
      var deeper = this.koreanWord(base)
      if (deeper !== null && deeper !== base) return deeper
    }
  }
  return null
}

/* The words of a text, as stems (with sub-words of names). */
var CAMEL = /[a-z][A-Z]|[A-Z]{2}[a-z]/

Vocabulary.prototype.tokens = function (text) {
  var out = []
  var raw = decode(text)
  if (HANGUL.test(raw)) raw = splitScripts(raw)
  if (raw.indexOf("%") >= 0) raw = raw.replace(/(\d)\s*%/g, "$1 percent")
  var source = this.phrase(raw.toLowerCase())
  /* camel case needs the original letters: collect sub-words separately */
  if (CAMEL.test(raw))
    raw.split(/[^A-Za-z0-9]+/).forEach(function (word) {
      if (CAMEL.test(word))
        camelParts(word).forEach(function (part) { if (part) out.push(stem(part)) })
    })
  var words = source.split(/[^a-z0-9\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+/)
  for (var i = 0; i < words.length; i++) {
    var word = words[i]
    if (!word) continue
    out.push(stem(word))
  }
  /* Compound names keep their whole form too: log_metric, set-context */
  if (/[a-z0-9][_\-][a-z0-9]/.test(source))
    source.split(/[^a-z0-9_\-]+/).forEach(function (word) {
      if (/[a-z0-9][_\-][a-z0-9]/.test(word)) out.push(word.replace(/-/g, "_"))
    })
  return out
}

/* ------------------------------------------------------------------------ */
/* Index                                                                    */

/* The index is built in two phases, so that a reader who types at once gets
   an answer: first the names (cheap: one line per entry), then everything
   else (tasks, summaries, options, text) in slices that let queries through;
   the full index replaces the names index in one step when it is complete.
   Other text (Material's SETUP) is merged whenever it arrives. */
function Engine(data) {
  var self_ = this
  this.vocab = new Vocabulary(data.synonyms || {})
  this.pages = data.pages
  this.entries = []
  this.anchors = new Map()    /* location -> entry, aliases included */
  this.complete = false       /* the full index is built */
  this.merged = false         /* Material's other text is in */
  this.others = []
  this.pageTokens = []        /* per page: [frame tokens, label line tokens] */
  var postings = new Map()    /* stem -> Map(entry index -> best field weight) */
  var words = new Map()
  data.entries.forEach(function (row, index) {
    var page = data.pages[row[0]]
    var entry = {
      index: index, page: page, pageIndex: row[0], id: row[1], name: row[2], summary: row[3], tasks: row[4],
      options: row[5], tags: row[6], text: row[7], kind: row[8], deprecated: row[9],
      location: page[0] + "#" + row[1],
      order: (1e6 + row[0]) * 1e4 + index,
      nameLower: decode(row[2]).toLowerCase()
    }
    entry.nameSplit = entry.nameLower.split(/[\s./:()]+/).filter(Boolean)
    entry.nameJoined = entry.nameSplit.join(" ")
    entry.nameLine = self_.line("name", entry.name, self_.vocab.tokens(entry.name))
    entry.lines = [entry.nameLine]
    self_.entries.push(entry)
    self_.anchors.set(entry.location, entry)
    ;(row[10] || []).forEach(function (alias) { self_.anchors.set(page[0] + "#" + alias, entry) })
    addPostings(postings, index, entry.nameLine)
    countWords(words, entry.name)
  })
  this.count = this.entries.length
  this.use(postings, words)
  /* Each entry's own name words: not those that name a namespace (docker,
     kubectl, mlflow, dsl, spec), which many names share. */
  var inNames = new Map()
  this.entries.forEach(function (entry) {
    entry.nameWords = entry.nameLine.tokens.filter(function (token) { return !/_/.test(token) })
    entry.nameWords.forEach(function (token) { inNames.set(token, (inNames.get(token) || 0) + 1) })
  })
  var limit = Math.max(3, this.count * K.namespaceShare)
  this.entries.forEach(function (entry) {
    entry.ownWords = entry.nameWords.filter(function (token) { return inNames.get(token) <= limit })
  })
  this.full = { next: 0, postings: new Map(), words: new Map() }
}

/* The entries holding a stem, with the best weight of a field holding it in
   each; entries come in index order, so a posting is two growing arrays. */
function Posting() {
  this.entries = []
  this.weights = []
  this.size = 0
}

Posting.prototype.add = function (index, weight) {
  var last = this.size - 1
  if (last >= 0 && this.entries[last] === index) {
    if (weight > this.weights[last]) this.weights[last] = weight
  } else {
    this.entries.push(index)
    this.weights.push(weight)
    this.size++
  }
}

/* fn(weight, entry index), in index order */
Posting.prototype.forEach = function (fn) {
  for (var i = 0; i < this.size; i++) fn(this.weights[i], this.entries[i])
}

function addPostings(postings, index, line) {
  var tokens = line.tokens
  for (var i = 0; i < tokens.length; i++) {
    var posting = postings.get(tokens[i])
    if (!posting) postings.set(tokens[i], posting = new Posting())
    posting.add(index, line.weight)
  }
}

/* Distinct tokens, in order of first occurrence. */
function distinct(tokens) {
  if (tokens.length > 24) return Array.from(new Set(tokens))
  var out = []
  for (var i = 0; i < tokens.length; i++)
    if (out.indexOf(tokens[i]) < 0) out.push(tokens[i])
  return out
}

/* Visible words, for suggestions. */
function countWords(words, text) {
  decode(text).toLowerCase().split(/[^a-z0-9_.\-]+/).forEach(function (word) {
    if (word.length > 2) words.set(word, (words.get(word) || 0) + 1)
  })
}

Engine.prototype.use = function (postings, words) {
  this.postings = postings
  this.words = words
  this.sorted = Array.from(postings.keys()).sort()
}

/* Index the next entries for `budget` milliseconds; true once complete. */
Engine.prototype.buildSome = function (budget) {
  var full = this.full
  if (!full) return true
  var until = Date.now() + budget
  while (full.next < this.count) {
    var entry = this.entries[full.next]
    entry.fullLines = this.lines(entry)
    for (var l = 0; l < entry.fullLines.length; l++) addPostings(full.postings, entry.index, entry.fullLines[l])
    countWords(full.words, entry.name)
    countWords(full.words, entry.summary)
    for (var t = 0; t < entry.tasks.length; t++) countWords(full.words, entry.tasks[t])
    full.next++
    if ((full.next & 31) === 0 && Date.now() >= until) return false
  }
  this.entries.forEach(function (entry) {
    entry.lines = entry.fullLines
    delete entry.fullLines
  })
  this.use(full.postings, full.words)
  this.full = null
  this.complete = true
  return true
}

/* Material's index: the nav order of pages, and everything in it that is
   not an entry (pages, sections, the home page). */
Engine.prototype.merge = function (setup) {
  var self_ = this
  var pageOrder = new Map()
  ;(setup.docs || []).forEach(function (doc) {
    var page = doc.location.split("#")[0]
    if (!pageOrder.has(page)) pageOrder.set(page, pageOrder.size)
  })
  this.entries.forEach(function (entry) {
    var page = entry.page[0]
    entry.order = (pageOrder.has(page) ? pageOrder.get(page) : 1e6 + entry.pageIndex) * 1e4 + entry.index
  })
  this.others = []
  ;(setup.docs || []).forEach(function (doc) {
    if (self_.anchors.has(doc.location)) return
    var title = self_.vocab.tokens(doc.title || "")
    var text = self_.vocab.tokens(doc.text || "")
    self_.others.push({ doc: doc, title: new Set(title), text: new Set(text) })
  })
  this.merged = true
}

Engine.prototype.line = function (field, text, tokens, extra, frame) {
  return {
    field: field, weight: W[field], lineWeight: LINE[field] || 0, text: text, tokens: distinct(tokens), extra: extra,
    frame: frame || null
  }
}

Engine.prototype.lines = function (entry) {
  var self_ = this
  var vocab = this.vocab
  var lines = [entry.nameLine]
  /* The words that frame every line of the entry: its name, its page. */
  var pageTokens = this.pageTokens[entry.pageIndex]
  if (!pageTokens)
    pageTokens = this.pageTokens[entry.pageIndex] = [
      vocab.tokens(entry.page[2] + " " + entry.page[1]), vocab.tokens(this.pagesLabel(entry))]
  var nameTokens = vocab.tokens(entry.name).concat(pageTokens[0])
  var push = function (field, text, tokens, extra, frame) {
    if (text) lines.push(self_.line(field, text, tokens || vocab.tokens(text), extra, frame))
  }
  /* A task, the summary or an option is about the entry named: "Follow the
     output live" under docker logs reads "docker logs: follow the output live".
     A frame is only iterated: duplicates in it change nothing. */
  var frame = nameTokens
  entry.tasks.forEach(function (task) { push("task", task, null, undefined, frame) })
  push("summary", entry.summary, null, undefined, frame)
  entry.options.forEach(function (option, i) {
    var label = option[0] + " " + option[1]
    var optionTokens = vocab.tokens(label)
    push("option", label, optionTokens, i)
    push("optdesc", option[3], null, i, nameTokens.concat(optionTokens))
  })
  if (entry.tags.length) push("tag", entry.tags.join(" "))
  push("page", this.pagesLabel(entry), pageTokens[1])
  push("text", entry.text)
  return lines
}

/* The page says what every entry on it is about: "KServe: serve models". */
Engine.prototype.pagesLabel = function (entry) {
  return entry.page[2] + " " + entry.page[1] + " " + (entry.page[3] || "")
}

Engine.prototype.idf = function (token) {
  var posting = this.postings.get(token)
  var df = posting ? posting.size : 0
  return Math.log(1 + this.count / (df + 1))
}

/* Stems that start with a prefix (the word being typed). */
Engine.prototype.prefixed = function (prefix) {
  var out = []
  var lo = 0
  var hi = this.sorted.length
  while (lo < hi) {
    var mid = (lo + hi) >> 1
    if (this.sorted[mid] < prefix) lo = mid + 1
    else hi = mid
  }
  for (var i = lo; i < this.sorted.length && out.length < 200; i++) {
    if (this.sorted[i].lastIndexOf(prefix, 0) !== 0) break
    out.push(this.sorted[i])
  }
  return out
}

/* ------------------------------------------------------------------------ */
/* Query                                                                    */

/* The query as flags, words (as typed, for display) and terms to match. */
Engine.prototype.parse = function (text) {
  var vocab = this.vocab
  var flags = []
  var rest = []
  String(text).trim().split(/\s+/).forEach(function (part) {
    if (FLAG.test(part)) flags.push(part)
    else if (part) rest.push(part)
  })
  var typing = !/\s$/.test(String(text))  /* the last word may be unfinished */
  var shown = []
  var terms = []
  var all = []
  var phrased = vocab.phrase(splitScripts(rest.join(" ")).replace(/(\d)\s*%/g, "$1 percent").toLowerCase())
  var words = phrased.split(/[^a-z0-9_\-\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+/).filter(Boolean)
  words.forEach(function (word, position) {
    var english = word
    var korean = HANGUL.test(word)
    if (korean) {
      var mapped = vocab.koreanWord(word)
      if (mapped === "") return
      english = mapped === null ? word : mapped
    }
    english = vocab.phrase(english)
    /* The parts of one hyphenated word count as one word: user-defined. */
    var parts = english.split(/[\s_\-]+/).filter(Boolean)
    var share = /[_\-]/.test(english) && !/\s/.test(english) ? 1 / parts.length : 1
    parts.forEach(function (part) {
      var term = {
        word: korean ? word : part, stem: stem(part), last: position === words.length - 1 && typing && !korean,
        stop: vocab.stop.has(part), korean: korean, share: share
      }
      all.push(term)
    })
  })
  var content = all.filter(function (term) { return !term.stop })
  terms = content.length ? content : all
  /* Compound forms typed as such (log_metric, set-context) */
  var compounds = []
  rest.join(" ").toLowerCase().split(/[^a-z0-9_\-]+/).forEach(function (word) {
    if (/[a-z0-9][_\-][a-z0-9]/.test(word)) compounds.push(word.replace(/-/g, "_"))
  })
  return {
    text: String(text), flags: flags, terms: terms, compounds: compounds,
    nameQuery: rest.join(" ").toLowerCase().replace(/\s+/g, " ").trim()
  }
}

/* Each term's alternatives: [stem, factor]. */
Engine.prototype.alternatives = function (term) {
  var self_ = this
  var out = new Map()
  var put = function (token, factor) {
    if ((out.get(token) || 0) < factor) out.set(token, factor)
  }
  put(term.stem, 1)
  ;(this.vocab.expand.get(term.stem) || []).forEach(function (other) { put(other, K.synonym) })
  if (term.last && term.stem.length >= 2 && term.word.length >= 2) {
    this.prefixed(term.word).forEach(function (token) { put(token, K.prefix) })
  }
  if (!this.postings.has(term.stem)) {
    /* An unknown form: try the word as typed, or its synonyms' stems */
    put(term.word, 1)
  }
  var list = []
  out.forEach(function (factor, token) {
    if (self_.postings.has(token)) list.push([token, factor])
  })
  return list
}

/* 3: the name is the query; 2: holds it as whole words, or the query starts
   with a name of two words or more; 1: holds every word of it. */
function NameMatcher(query) {
  this.query = query
  this.bounded = query
    ? new RegExp("(?:^|[\\s./:(])" + query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?=$|[\\s./:(\\[])") : null
  this.words = query.split(" ")
}

NameMatcher.prototype.tier = function (entry) {
  var query = this.query
  if (!query) return 0
  var name = entry.nameLower
  if (name === query) return 3
  if (name.indexOf(query) >= 0 && this.bounded.test(name)) return 2
  var nameWords = entry.nameSplit
  var queryWords = this.words
  if (nameWords.length >= 2 && queryWords.length > nameWords.length &&
      queryWords.slice(0, nameWords.length).join(" ") === entry.nameJoined)
    return 2
  for (var i = 0; i < queryWords.length; i++)
    if (nameWords.indexOf(queryWords[i]) < 0) return 0
  return 1
}

/* The option of an entry each flag names: [index, exact] or null. */
function optionFor(entry, flag) {
  var bare = flag.split("=")[0]
  for (var pass = 0; pass < 2; pass++) {
    for (var i = 0; i < entry.options.length; i++) {
      var option = entry.options[i]
      var names = [decode(option[0]), decode(option[1])]
      for (var k = 0; k < names.length; k++) {
        var name = names[k].split(/[\s=]/)[0]
        if (!name) continue
        if (pass === 0 ? name === bare : name.toLowerCase() === bare.toLowerCase())
          return i
      }
    }
  }
  return -1
}

Engine.prototype.search = function (text) {
  var self_ = this
  var query = this.parse(text)
  var terms = query.terms
  var alternatives = terms.map(function (term) { return self_.alternatives(term) })
  /* How much a word says is the reader's word's own: a rare synonym (rmi
     for delete) does not make it say more. Unknown words take their most
     common synonym's. */
  var idfs = terms.map(function (term, i) {
    if (self_.postings.has(term.stem)) return self_.idf(term.stem)
    var least = 0
    alternatives[i].forEach(function (alt) {
      var value = self_.idf(alt[0])
      if (!least || value < least) least = value
    })
    return least || self_.idf(term.stem)
  })
  /* A task starts with what to do: the first word of a longer query is the
     action (create a user-defined network), the rest says on what. */
  var weights = terms.map(function (term, i) {
    return idfs[i] * term.share * (i === 0 && terms.length >= 3 ? K.action : 1)
  })
  var totalWeight = weights.reduce(function (a, b) { return a + b }, 0) || 1

  /* Per entry, the best score of each term. */
  var scores = new Map()
  alternatives.forEach(function (alts, t) {
    alts.forEach(function (alt) {
      var token = alt[0]
      var factor = alt[1]
      var idf = weights[t]
      self_.postings.get(token).forEach(function (weight, index) {
        var row = scores.get(index)
        if (!row) scores.set(index, row = new Float64Array(terms.length))
        var value = idf * weight * factor
        if (value > row[t]) row[t] = value
      })
    })
  })
  query.compounds.forEach(function (compound) {
    var posting = self_.postings.get(compound)
    if (posting) posting.forEach(function (weight, index) {
      if (!scores.has(index)) scores.set(index, new Float64Array(terms.length))
    })
  })

  /* Flags: entries with an option of that name. */
  var flagged = new Map()
  if (query.flags.length) {
    this.entries.forEach(function (entry) {
      var first = -1
      for (var f = 0; f < query.flags.length; f++) {
        var option = optionFor(entry, query.flags[f])
        if (option < 0) return
        if (first < 0) first = option
      }
      flagged.set(entry.index, first)
      if (!scores.has(entry.index)) scores.set(entry.index, new Float64Array(terms.length))
    })
  }
  /* Names: an entry whose name is the query is a candidate whatever its words. */
  var names = new NameMatcher(query.nameQuery)
  if (query.nameQuery) {
    this.entries.forEach(function (entry) {
      if (!scores.has(entry.index) && names.tier(entry) >= 2)
        scores.set(entry.index, new Float64Array(terms.length))
    })
  }
  /* Each stem the query may match: term index -> best factor. */
  var wanted = new Map()
  alternatives.forEach(function (alts, t) {
    alts.forEach(function (alt) {
      var byTerm = wanted.get(alt[0])
      if (!byTerm) wanted.set(alt[0], byTerm = new Map())
      if ((byTerm.get(t) || 0) < alt[1]) byTerm.set(t, alt[1])
    })
  })

  var ranked = []
  scores.forEach(function (row, index) {
    var entry = self_.entries[index]
    if (query.flags.length && !flagged.has(index)) return
    var matched = 0
    var sum = 0
    var matchedTerms = []
    for (var t = 0; t < terms.length; t++) {
      sum += row[t]
      if (row[t] > 0) { matched += weights[t]; matchedTerms.push(t) }
    }
    var coverage = matched / totalWeight
    var line = self_.bestLine(entry, wanted, weights, terms.length)
    var tier = names.tier(entry)
    var compound = query.compounds.some(function (c) { return entry.lines[0].tokens.indexOf(c) >= 0 }) ? 1 : 0
    var held = self_.nameHeld(entry, alternatives, idfs)
    var score = sum * (K.coverageFloor + Math.pow(coverage, K.coveragePower)) + K.line * line.score * coverage +
      (tier === 1 ? K.allInName : 0) + compound * K.compound + K.nameHeld * held
    if (entry.deprecated) score *= 0.9
    if (score <= 0 && tier < 2 && !flagged.has(index)) return
    ranked.push({
      entry: entry, score: score, tier: tier >= 2 ? tier : 0, line: line, row: row,
      parts: { sum: sum, coverage: coverage, line: line.score },
      flag: flagged.has(index) ? flagged.get(index) : -1,
      key: [flagged.has(index) ? 1 : 0, tier >= 2 ? tier : 0, tier >= 2 ? -entry.nameLower.length : 0, score, -entry.order]
    })
  })
  ranked.sort(function (a, b) {
    for (var i = 0; i < a.key.length; i++)
      if (a.key[i] !== b.key[i]) return b.key[i] - a.key[i]
    return 0
  })
  this.lastRanked = ranked  /* for tests and tuning: the score of each hit */
  ranked = ranked.slice(0, MAX_RESULTS)

  var items = ranked.map(function (hit, rank) {
    return self_.render(hit, query, alternatives, ranked.length + 1000 - rank)
  })
  var others = this.searchOthers(query, alternatives, weights, totalWeight)
  others.forEach(function (doc, i) {
    items.push([self_.renderOther(doc, query, alternatives, Math.max(0, 999 - i - ranked.length))])
  })
  return { items: items, suggest: this.suggest(query) }
}

/* How much of the entry's own name the query holds: "create a network"
   holds all of docker network create but docker. */
Engine.prototype.nameHeld = function (entry, alternatives, idfs) {
  var own = entry.ownWords
  if (!own.length) return 0
  var held = 0
  var value = 0
  for (var w = 0; w < own.length; w++) {
    var best = 0
    for (var t = 0; t < alternatives.length; t++)
      for (var a = 0; a < alternatives[t].length; a++)
        if (alternatives[t][a][0] === own[w] && alternatives[t][a][1] * idfs[t] > best)
          best = alternatives[t][a][1] * idfs[t]
    if (best) { held++; value += best }
  }
  var share = held / own.length
  return value * share * share
}

/* The line (a task, the summary, the name...) that holds most of the query. */
Engine.prototype.bestLine = function (entry, wanted, weights, count) {
  var best = { score: 0, line: null }
  var top = new Float64Array(count)
  var mine = new Uint8Array(count)
  for (var l = 0; l < entry.lines.length; l++) {
    var line = entry.lines[l]
    if (!line.lineWeight) continue
    top.fill(0)
    mine.fill(0)
    var visit = function (inLine) {
      return function (token) {
        var byTerm = wanted.get(token)
        if (!byTerm) return
        byTerm.forEach(function (factor, t) {
          if (factor > top[t]) top[t] = factor
          if (inLine) mine[t] = 1
        })
      }
    }
    line.tokens.forEach(visit(true))  /* distinct tokens */
    if (line.frame) line.frame.forEach(visit(false))
    var held = 0
    var covered = 0
    var own = 0
    for (var t = 0; t < count; t++) {
      if (top[t]) { held += weights[t] * top[t]; covered++ }
      if (mine[t]) own++
    }
    if (covered < Math.min(2, count)) continue
    /* A line that says little else is a closer answer: "Log a confusion
       matrix" before "Log accuracy, confusion matrix and other metrics". */
    var precision = Math.min(1, own / Math.max(1, line.tokens.length))
    var score = held * line.lineWeight * (covered / count) * (1 - K.precision + K.precision * precision)
    if (score > best.score) best = { score: score, line: line }
  }
  return best
}

Engine.prototype.searchOthers = function (query, alternatives, weights, totalWeight) {
  if (!query.terms.length || query.flags.length) return []  /* flags are options of entries */
  var hits = []
  this.others.forEach(function (other) {
    var matched = 0
    var score = 0
    alternatives.forEach(function (alts, t) {
      var top = 0
      alts.forEach(function (alt) {
        var value = other.title.has(alt[0]) ? 2 * alt[1] : other.text.has(alt[0]) ? 0.5 * alt[1] : 0
        if (value > top) top = value
      })
      if (top) { matched += weights[t]; score += top * weights[t] }
    })
    if (matched / totalWeight >= 0.5) hits.push({ other: other, score: score })
  })
  hits.sort(function (a, b) { return b.score - a.score })
  return hits.slice(0, 10).map(function (hit) { return hit.other.doc })
}

/* ------------------------------------------------------------------------ */
/* Results, in Material's format                                            */

/* Escaped text with the words that matched the query marked. */
Engine.prototype.mark = function (text, matched) {
  var vocab = this.vocab
  var plain = decode(text)
  return plain.split(/([A-Za-z0-9\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+)/).map(function (piece, i) {
    if (i % 2 === 0) return escapeHtml(piece)
    var hit = matched.has(stem(piece.toLowerCase())) ||
      camelParts(piece).some(function (part) { return matched.has(stem(part)) })
    return hit ? "<mark data-md-highlight>" + escapeHtml(piece) + "</mark>" : escapeHtml(piece)
  }).join("")
}

function matchedSet(alternatives) {
  var set = new Set()
  alternatives.forEach(function (alts) { alts.forEach(function (alt) { set.add(alt[0]) }) })
  return set
}

Engine.prototype.terms = function (query, matchedIn) {
  var terms = {}
  query.terms.forEach(function (term, t) {
    if (term.stop) return
    terms[term.word] = matchedIn ? matchedIn(t) : true
  })
  query.flags.forEach(function (flag) { terms[flag] = true })
  return terms
}

Engine.prototype.render = function (hit, query, alternatives, score) {
  var entry = hit.entry
  var matched = matchedSet(alternatives)
  var location = entry.location
  var title = this.mark(entry.name, matched)
  var detail = ""
  if (hit.flag >= 0) {
    var option = entry.options[hit.flag]
    location = entry.page[0] + "#" + option[2]
    title += " <code>" + escapeHtml(decode(option[0])) + "</code>" +
      (option[1] ? ", <code>" + escapeHtml(decode(option[1])) + "</code>" : "")
    detail = "<p><code>" + escapeHtml(decode(option[0])) + "</code>: " + this.mark(option[3], matched) + "</p>"
  } else if (hit.line.line && hit.line.line.field === "task") {
    detail = "<p>" + this.mark(hit.line.line.text, matched) + "</p>"
  } else if (hit.line.line && (hit.line.line.field === "option" || hit.line.line.field === "optdesc")) {
    var opt = entry.options[hit.line.line.extra]
    detail = "<p><code>" + escapeHtml(decode(opt[0])) + "</code>: " + this.mark(opt[3], matched) + "</p>"
  }
  var row = hit.row
  var terms = this.terms(query, function (t) { return row[t] > 0 || hit.tier > 0 })
  var where = "<p class=\"cs-search-where\">" + escapeHtml(decode(entry.page[1])) + "</p>"
  var teaser = {
    location: location, title: this.mark(entry.summary, matched),
    text: detail + where, score: score, terms: terms
  }
  var head = { location: location, title: title, text: "", score: score, terms: terms }
  /* Material renders a group's page item first, else its last item, as the
     heading: the entry (or its option) is the heading, the summary below. */
  return [teaser, head]
}

Engine.prototype.renderOther = function (doc, query, alternatives, score) {
  var matched = matchedSet(alternatives)
  var text = decode(doc.text || "")
  return {
    location: doc.location, title: this.mark(doc.title || "", matched),
    text: "<p>" + this.mark(text.length > 200 ? text.slice(0, 200) + "…" : text, matched) + "</p>",
    score: score, terms: this.terms(query)
  }
}

/* Material completes the word being typed with the last suggestion. */
Engine.prototype.suggest = function (query) {
  var last = query.terms.length ? query.terms[query.terms.length - 1] : null
  if (!last || !last.last || last.word.length < 2) return []
  var best = null
  var count = 0
  this.words.forEach(function (n, word) {
    if (word.length > last.word.length && word.lastIndexOf(last.word, 0) === 0 && n > count) {
      best = word
      count = n
    }
  })
  return best ? [best] : []
}

/* ------------------------------------------------------------------------ */
/* Messages                                                                 */

var postToPage = self.postMessage.bind(self)
var lastQuery = null      /* the last query answered ... */
var lastPartial = false   /* ... before the index was complete */

/* The search data is in: index the names, say READY, answer; then build the
   rest in slices between queries. */
function start() {
  if (engine || delegated || !data) return
  try {
    engine = new Engine(data)
    if (setup) engine.merge(setup)
  } catch (error) {
    console.warn("cheatsheet search: falling back to Material's search", error)
    delegate()
    return
  }
  postToPage({ type: READY })
  if (pendingQuery !== null) answer(pendingQuery)
  later(buildSlice, fullDelay)
}

/* Yield to the event loop (queries wait in it), then go on. */
var channel = typeof MessageChannel === "function" ? new MessageChannel() : null
var queued = []
if (channel) channel.port1.onmessage = function () { queued.shift()() }

function later(step, delay) {
  if (delay || !channel) { setTimeout(step, delay || 0); return }
  queued.push(step)
  channel.port2.postMessage(0)
}

function buildSlice() {
  if (delegated) return
  var done
  try {
    done = engine.buildSome(SLICE_MS)
  } catch (error) {
    console.warn("cheatsheet search: falling back to Material's search", error)
    delegate()
    return
  }
  if (done) improved()
  else later(buildSlice)
}

function complete() {
  return engine.complete && engine.merged
}

/* Once the index is complete, the last answer given without it is given
   again: Material replaces the list on every RESULT. */
function improved() {
  if (complete() && lastPartial && lastQuery !== null) answer(lastQuery, true)
}

function answer(text, again) {
  pendingQuery = null
  var result
  try {
    result = engine.search(text)
  } catch (error) {
    console.warn("cheatsheet search: query failed", text, error)
    result = { items: [] }
  }
  lastQuery = text
  lastPartial = !complete()
  /* Material reads items and suggest. For tests and benchmarks: `partial`
     says a fuller answer follows, `again` that this is it (no new query). */
  if (lastPartial) result.partial = true
  if (again) result.again = true
  postToPage({ type: RESULT, data: result })
}

/* Hand everything to Material's worker, from our own origin only. The page
   posts Material's index without the entries (core/search_index.py), so
   Material's worker gets the whole index, fetched here; until it is in, the
   page's messages wait, in order. */
function delegate() {
  if (delegated) return
  delegated = true
  var material = new URL(materialUrl || "", self.location.href)
  if (material.origin !== self.location.origin) return
  importScripts(material.href)
  held = []
  if (setup) held.push({ type: SETUP, data: setup })
  var query = pendingQuery !== null ? pendingQuery : lastQuery
  if (query !== null) held.push({ type: QUERY, data: query })
  var whole = new URL(indexUrl || "", self.location.href)
  var loaded = indexUrl && whole.origin === self.location.origin
    ? fetch(whole.href).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status)
        return response.json()
      })
    : Promise.reject(new Error("no index URL"))
  loaded
    .then(function (index) { wholeDocs = index.docs || null })
    .catch(function (error) { console.warn("cheatsheet search: Material's whole index not loaded", error) })
    .then(function () {
      var messages = held
      held = null
      messages.forEach(hand)
    })
}

/* One of the page's messages, to Material's worker (its listener comes
   after ours), with the whole index in a SETUP. */
function hand(message) {
  if (message.type === SETUP && wholeDocs)
    message = { type: SETUP, data: Object.assign({}, message.data, { docs: wholeDocs }) }
  forwarding = true
  try {
    self.dispatchEvent(new MessageEvent("message", { data: message }))
  } finally {
    forwarding = false
  }
}

self.addEventListener("message", function (event) {
  if (forwarding) return
  var message = event.data
  if (delegated) {
    event.stopImmediatePropagation()  /* Material's worker gets it from hand() */
    if (message.type === SETUP) setup = message.data
    if (held) held.push(message)
    else hand(message)
    return
  }
  if (message.type === SETUP) {
    setup = message.data
    if (engine) {
      engine.merge(setup)
      improved()
    }
  } else if (message.type === QUERY) {
    if (engine) answer(message.data)
    else pendingQuery = message.data
  }
})

if (dataUrl) {
  fetch(new URL(dataUrl, self.location.href).href)
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status)
      return response.json()
    })
    .then(function (json) {
      if (!json || json.version !== 1) throw new Error("unknown search data")
      data = json
      start()
    })
    .catch(function (error) {
      console.warn("cheatsheet search: no search data", error)
      delegate()
    })
} else {
  delegate()
}
