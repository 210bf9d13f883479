// The newer-edition notice (overrides/partials/careguide/outdated.html) on a published
// edition: mike's versions.json, beside the clinic's editions, names the newest ("latest").
// A file, not inline: the pages' Content-Security-Policy runs only the site's own files.
(function () {
  const notice = document.querySelector("[data-cg-outdated]");
  if (!notice) return;
  const root = new URL(notice.dataset.cgEditionRoot, location.href); // .../<clinic>/<edition>/
  const edition = root.pathname.split("/").filter(Boolean).pop();
  fetch(new URL("../versions.json", root))
    .then((response) => (response.ok ? response.json() : []))
    .then((versions) => {
      const newest = versions.find((version) => version.aliases.includes("latest"));
      if (!newest || newest.version === edition) return;
      const samePage = location.pathname.slice(root.pathname.length); // "es/faq/"
      notice.querySelector("a").href = new URL(`../${newest.version}/${samePage}`, root).href;
      notice.hidden = false;
    })
    .catch(() => {}); // no versions.json beside it: not a published edition, no notice
})();
