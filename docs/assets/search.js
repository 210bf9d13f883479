// careguide's search box (overrides/partials/search.html): the patient's words, read through
// the project's lay vocabulary, searched in this language's Pagefind index (careguide/search.py).
// No markup or words of its own: it fills in the partial's <template> with the strings the
// partial carries. Loaded from a file, with no inline script and no eval, so it runs under
// `script-src 'self' 'wasm-unsafe-eval'` (Pagefind compiles its WebAssembly).
"use strict";

(() => {
  const root = document.querySelector("[data-cg-search]");
  if (!root) return;
  const opener = root.querySelector(".cg-search__open");
  const input = root.querySelector(".cg-search__input");
  const output = root.querySelector(".cg-search__output");
  const status = root.querySelector(".cg-search__status");
  const list = root.querySelector(".cg-search__results");
  const none = root.querySelector(".cg-search__none");
  const template = root.querySelector("template.cg-search__result");
  const bundle = new URL(root.dataset.bundle, document.baseURI);
  const SHOWN = 8; // results shown: enough for a guide of ten pages
  // The editors' preview opened from files (careguide build --preview): a browser lets a
  // page from file:// load neither Pagefind's module nor its index, so instead of failing
  // the box says, in the partial's words, that search works on the published guide.
  const previewOnly = location.protocol === "file:" ? root.dataset.previewOnly : undefined;
  const sayPreviewOnly = () => {
    status.textContent = previewOnly;
    list.replaceChildren();
    none.hidden = true;
    output.hidden = false;
  };

  // Loaded on first use (focus or a keystroke), so a page that is only read downloads nothing.
  let ready = null;
  const load = () => {
    ready ??= Promise.all([
      import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
        // The index's URLs are relative to its language's folder: "/side-effects/". The folder
        // is wherever this copy of the site is served from (a mike edition, a test server).
        await pagefind.options({ baseUrl: new URL("../", bundle).pathname });
        await pagefind.init();
        return pagefind;
      }),
      fetch(new URL("careguide-search.json", bundle)).then((r) => r.json()),
    ]);
    return ready;
  };

  // Folded as careguide/search.py folds the vocabulary: lower case, no accents, words only.
  const fold = (text) =>
    text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];

  // The patient's words -> what to search: each lay word or phrase becomes the guide's words
  // for it (longest phrase first), searched together ("after hours"); the small words of a
  // question are dropped, unless nothing else is left; every other word is searched alone.
  const searchTerms = (text, help) => {
    const words = fold(text);
    const guide = [];
    const own = [];
    for (let i = 0; i < words.length; ) {
      let n = Math.min(4, words.length - i);
      while (n > 0 && !help.terms[words.slice(i, i + n).join(" ")]) n--;
      if (n) guide.push(help.terms[words.slice(i, i + n).join(" ")]);
      else own.push(words[i]);
      i += n || 1;
    }
    const meaningful = own.filter((w) => !help.ignore.includes(w));
    return [...new Set(guide.length || meaningful.length ? [...guide, ...meaningful] : own)];
  };

  // Pagefind keeps only the pages that have every word of a search, so one stray word ("names
  // of the doctors") would hide the page. Each term is searched on its own instead, and a page
  // scores the sum of its terms' scores, so pages with more of them still come first.
  const searchEach = async (pagefind, terms) => {
    const pages = new Map();
    for (const found of await Promise.all(terms.map((term) => pagefind.search(term)))) {
      for (const result of found.results) {
        const seen = pages.get(result.id);
        pages.set(result.id, { result, score: (seen?.score ?? 0) + result.score });
      }
    }
    return [...pages.values()];
  };

  // The excerpt's text and <mark>s only: Pagefind's excerpt is HTML, parsed inertly (no script
  // runs in a parsed document) and copied as text, so nothing from the index becomes markup.
  const excerptNodes = (html) => {
    const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body.firstChild;
    return [...parsed.childNodes].map((node) => {
      if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    });
  };

  let latest = 0; // each keystroke's search has a number; an older answer arriving late is dropped
  const search = async () => {
    if (previewOnly) return sayPreviewOnly();
    const asked = ++latest;
    const text = input.value;
    if (!fold(text).length) {
      output.hidden = true;
      return;
    }
    const [pagefind, help] = await load();
    const found = await searchEach(pagefind, searchTerms(text, help));
    if (asked !== latest) return;
    // A page's `search: boost` (front matter) weighs its score, as it did with lunr.
    const pages = await Promise.all(
      found.map(async ({ result, score }) => {
        const data = await result.data();
        return { data, score: score * (help.boosts[data.raw_url] ?? 1) };
      }),
    );
    if (asked !== latest) return;
    const best = pages.sort((a, b) => b.score - a.score).slice(0, SHOWN);
    list.replaceChildren(
      ...best.map(({ data: d }) => {
        const item = template.content.firstElementChild.cloneNode(true);
        const link = item.querySelector("a");
        link.href = d.url;
        item.querySelector(".cg-search__title").textContent = d.meta.title;
        item.querySelector(".cg-search__excerpt").replaceChildren(...excerptNodes(d.excerpt));
        return item;
      }),
    );
    const count = found.length;
    const said = { 0: root.dataset.none, 1: root.dataset.one };
    status.textContent = said[count] ?? root.dataset.many.replace("{count}", count);
    none.hidden = count !== 0; // nothing found: the clinic's phone number, to ask a person
    output.hidden = false;
    root.dataset.answered = text; // which query the results shown answer (tests wait for it)
  };

  const open = (focus) => {
    root.classList.add("cg-search--open");
    opener.setAttribute("aria-expanded", "true");
    if (focus) input.focus();
    if (previewOnly) sayPreviewOnly();
    else load();
  };
  const close = () => {
    root.classList.remove("cg-search--open");
    opener.setAttribute("aria-expanded", "false");
    output.hidden = true;
  };

  opener.addEventListener("click", () => (root.classList.contains("cg-search--open") ? close() : open(true)));
  input.addEventListener("focus", () => open(false));
  input.addEventListener("input", search);
  root.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault(); // Enter opens the first result
    const first = list.querySelector("a");
    if (first && !output.hidden) first.click();
  });
  // Keyboard: arrow keys move between the box and the results, Escape closes and returns focus.
  root.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      close();
      (opener.offsetParent ? opener : input).focus();
    } else if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (!root.contains(event.target)) close();
  });
})();
