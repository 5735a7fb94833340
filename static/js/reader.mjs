// The dossier reader (templates/cases/reader.html): every document of the case in one viewer.
// PDFs are drawn page by page on a canvas with the vendored PDF.js; images are shown as they
// are. Each page drawn is reported to the server, which keeps which pages this user opened.

const root = document.getElementById("reader");
const list = document.getElementById("reader-doc-list");
const pages = document.getElementById("reader-pages");
const thumbs = document.getElementById("reader-thumbnails");
const pageInput = document.getElementById("reader-page-number");
const pageCountEl = document.getElementById("reader-page-count");
const statusEl = document.getElementById("reader-status");
const titleEl = document.getElementById("reader-title");
const zoomEl = document.getElementById("reader-zoom");
const searchEl = document.getElementById("reader-search");
const hitsEl = document.getElementById("reader-search-hits");
const text = document.getElementById("reader-messages").dataset;
const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;

const MAX_THUMBNAILS = 200;
const links = Array.from(list.querySelectorAll("a[data-key]"));
const state = { index: -1, pdf: null, image: null, page: 1, count: 0, scale: 1.25, loading: 0 };
let pdfjs = null;

async function loadPdfjs() {
  if (!pdfjs) {
    pdfjs = await import(root.dataset.pdfjs);
    pdfjs.GlobalWorkerOptions.workerSrc = root.dataset.worker;
  }
  return pdfjs;
}

function setStatus(message) {
  statusEl.textContent = message;
}

async function record(page) {
  const link = links[state.index];
  const response = await fetch(root.dataset.readingsUrl, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
    body: JSON.stringify({ key: link.dataset.key, page_count: state.count, pages: [page] }),
  });
  if (!response.ok) return;
  const result = await response.json();
  if (links[state.index] !== link) return;
  link.dataset.read = result.read ? "true" : "false";
  const item = link.closest("li");
  item.classList.toggle("read", result.read);
  item.classList.toggle("unread", !result.read);
  const itemState = item.querySelector(".reader-doc-state");
  const progress = `${result.pages_viewed} / ${result.page_count} ${text.pages}`;
  if (itemState) itemState.textContent = result.read ? text.read : progress;
  setStatus(result.read ? text.read : progress);
  statusEl.dataset.read = result.read ? "true" : "false";
  const summary = document.getElementById("reader-summary");
  summary.dataset.read = result.documents_read;
  summary.dataset.total = result.documents;
  summary.dataset.allViewed = result.all_viewed ? "true" : "false";
  if (result.all_viewed && !document.getElementById("reader-all-viewed")) {
    const strong = document.createElement("strong");
    strong.id = "reader-all-viewed";
    strong.textContent = text.allViewed;
    summary.prepend(strong, " ");
  }
}

function markCurrentThumbnail() {
  for (const t of thumbs.children) t.classList.toggle("current", Number(t.dataset.page) === state.page);
}

async function renderPage(number) {
  if (state.count === 0) return;
  state.page = Math.min(Math.max(1, number), state.count);
  pageInput.value = state.page;
  markCurrentThumbnail();
  if (state.image) {
    state.image.style.width = `${Math.round(state.scale * 80)}%`;
    return;
  }
  const token = state.loading;
  const page = await state.pdf.getPage(state.page);
  const viewport = page.getViewport({ scale: state.scale * (window.devicePixelRatio || 1) });
  const canvas = document.createElement("canvas");
  canvas.width = viewport.width;
  canvas.height = viewport.height;
  canvas.style.width = `${Math.round(viewport.width / (window.devicePixelRatio || 1))}px`;
  canvas.dataset.page = String(state.page);
  canvas.id = "reader-canvas";
  await page.render({ canvasContext: canvas.getContext("2d"), viewport }).promise;
  if (token !== state.loading) return;
  pages.replaceChildren(canvas);
  await record(state.page);
}

async function renderThumbnails(token) {
  for (let n = 1; n <= Math.min(state.count, MAX_THUMBNAILS); n += 1) {
    if (token !== state.loading) return;
    const page = await state.pdf.getPage(n);
    const viewport = page.getViewport({ scale: 0.2 });
    const canvas = document.createElement("canvas");
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    canvas.dataset.page = String(n);
    canvas.title = String(n);
    canvas.addEventListener("click", () => renderPage(n));
    await page.render({ canvasContext: canvas.getContext("2d"), viewport }).promise;
    if (token !== state.loading) return;
    thumbs.append(canvas);
    markCurrentThumbnail();
  }
}

async function openDocument(index) {
  if (index < 0 || index >= links.length) return;
  state.loading += 1;
  const token = state.loading;
  state.index = index;
  state.pdf = null;
  state.image = null;
  state.count = 0;
  state.page = 1;
  hitsEl.replaceChildren();
  thumbs.replaceChildren();
  pages.replaceChildren();
  const link = links[index];
  for (const l of links) l.closest("li").classList.toggle("current", l === link);
  titleEl.textContent = link.dataset.title;
  setStatus("");
  try {
    if (link.dataset.type.startsWith("image/")) {
      const image = document.createElement("img");
      image.alt = link.dataset.title;
      image.id = "reader-image";
      await new Promise((resolve, reject) => {
        image.addEventListener("load", resolve, { once: true });
        image.addEventListener("error", reject, { once: true });
        image.src = link.href;
      });
      if (token !== state.loading) return;
      state.image = image;
      state.count = 1;
      pageCountEl.textContent = "1";
      pages.replaceChildren(image);
      await renderPage(1);
      await record(1);
      return;
    }
    const lib = await loadPdfjs();
    const response = await fetch(link.href, { credentials: "same-origin" });
    if (!response.ok) throw new Error(String(response.status));
    const data = new Uint8Array(await response.arrayBuffer());
    const pdf = await lib.getDocument({ data, isEvalSupported: false }).promise;
    if (token !== state.loading) return;
    state.pdf = pdf;
    state.count = pdf.numPages;
    pageCountEl.textContent = String(pdf.numPages);
    pageInput.max = String(pdf.numPages);
    await renderPage(1);
    renderThumbnails(token);
  } catch (error) {
    if (token === state.loading) setStatus(text.error);
  }
}

function zoom(factor) {
  state.scale = Math.min(4, Math.max(0.25, state.scale * factor));
  zoomEl.textContent = `${Math.round(state.scale * 80)}%`;
  renderPage(state.page);
}

async function search(query) {
  hitsEl.replaceChildren();
  for (const t of thumbs.children) t.classList.remove("hit");
  const needle = query.trim().toLowerCase();
  if (!needle || !state.pdf) return;
  const found = [];
  for (let n = 1; n <= state.count; n += 1) {
    const page = await state.pdf.getPage(n);
    const content = await page.getTextContent();
    const pageText = content.items.map((item) => item.str || "").join("").toLowerCase();
    if (pageText.includes(needle)) found.push(n);
  }
  if (found.length === 0) {
    hitsEl.textContent = text.noHits;
    return;
  }
  hitsEl.append(`${text.hits}: `);
  for (const n of found) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary reader-hit";
    button.dataset.page = String(n);
    button.textContent = String(n);
    button.addEventListener("click", () => renderPage(n));
    hitsEl.append(button, " ");
  }
  for (const t of thumbs.children) t.classList.toggle("hit", found.includes(Number(t.dataset.page)));
  renderPage(found[0]);
}

for (const [index, link] of links.entries()) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    openDocument(index);
  });
}
document.getElementById("reader-prev-page").addEventListener("click", () => renderPage(state.page - 1));
document.getElementById("reader-next-page").addEventListener("click", () => renderPage(state.page + 1));
document.getElementById("reader-prev-doc").addEventListener("click", () => openDocument(state.index - 1));
document.getElementById("reader-next-doc").addEventListener("click", () => openDocument(state.index + 1));
document.getElementById("reader-zoom-in").addEventListener("click", () => zoom(1.25));
document.getElementById("reader-zoom-out").addEventListener("click", () => zoom(0.8));
pageInput.addEventListener("change", () => renderPage(Number(pageInput.value)));
searchEl.addEventListener("keydown", (event) => {
  if (event.key === "Enter") {
    event.preventDefault();
    search(searchEl.value);
  }
});

document.addEventListener("keydown", (event) => {
  const target = event.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const actions = {
    ArrowLeft: () => renderPage(state.page - 1),
    PageUp: () => renderPage(state.page - 1),
    ArrowRight: () => renderPage(state.page + 1),
    PageDown: () => renderPage(state.page + 1),
    "+": () => zoom(1.25),
    "=": () => zoom(1.25),
    "-": () => zoom(0.8),
    n: () => openDocument(state.index + 1),
    p: () => openDocument(state.index - 1),
    "/": () => searchEl.focus(),
  };
  const action = actions[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
});

const wanted = new URLSearchParams(window.location.search).get("doc");
const start = links.findIndex((link) => link.dataset.key === wanted);
if (start >= 0) openDocument(start);
