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

  // The patient's words -> the words to search: lay words and phrases replaced by the guide's
  // (longest phrase first), then the small words of a question dropped, unless nothing is left.
  const queryWords = (text, help) => {
    const words = fold(text);
    const out = [];
    for (let i = 0; i < words.length; ) {
      let taken = 0;
      for (let n = Math.min(4, words.length - i); n > 0 && !taken; n--) {
        const guide = help.terms[words.slice(i, i + n).join(" ")];
        if (guide) {
          out.push(...guide.split(" "));
          taken = n;
        }
      }
      if (!taken) {
        out.push(words[i]);
        taken = 1;
      }
      i += taken;
    }
    const meaningful = out.filter((w) => !help.ignore.includes(w));
    return [...new Set(meaningful.length ? meaningful : out)];
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
    const asked = ++latest;
    const text = input.value;
    if (!fold(text).length) {
      output.hidden = true;
      return;
    }
    const [pagefind, help] = await load();
    const words = queryWords(text, help);
    const found = await pagefind.search(words.join(" "));
    if (asked !== latest) return;
    // A page's `search: boost` (front matter) weighs its score, as it did with lunr.
    const boost = (result) => result.score * (help.boosts[new URL(result.url || "/", "http://x").pathname] ?? 1);
    const ranked = await Promise.all(found.results.slice(0, SHOWN * 2).map((r) => r.data().then((d) => ({ r, d }))));
    if (asked !== latest) return;
    const best = ranked
      .map(({ r, d }) => ({ d, score: boost({ score: r.score, url: d.raw_url || d.url }) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, SHOWN);
    list.replaceChildren(
      ...best.map(({ d }) => {
        const item = template.content.firstElementChild.cloneNode(true);
        const link = item.querySelector("a");
        link.href = d.url;
        item.querySelector(".cg-search__title").textContent = d.meta.title;
        item.querySelector(".cg-search__excerpt").replaceChildren(...excerptNodes(d.excerpt));
        return item;
      }),
    );
    const count = found.results.length;
    const said = { 0: root.dataset.none, 1: root.dataset.one };
    status.textContent = said[count] ?? root.dataset.many.replace("{count}", count);
    none.hidden = count !== 0; // nothing found: the clinic's phone number, to ask a person
    output.hidden = false;
  };

  const open = (focus) => {
    root.classList.add("cg-search--open");
    opener.setAttribute("aria-expanded", "true");
    if (focus) input.focus();
    load();
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
