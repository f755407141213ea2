// The planner's workspace: controls on the left, the what-if's objectives
// and fan charts on the right. Every change is debounced, then sent; a newer
// request aborts the older one (and the server cancels its ensemble), and a
// result is shown only if it answers the latest request: never a stale one.
"use strict";

const LABELS = {
  en: {
    title: "Trajectoires — workspace", language: "Language", controls: "What if…",
    portfolio: "Starting portfolio", members: "Members", reset: "Back to the portfolio",
    results: "Objectives", baseline: "baseline (no action)", on: "in the what-if",
    ceiling: "Ambition (ceiling)", shift: "Timing (years)", central: "file's central value",
    computing: "Computing…", ready: "Up to date", likely: "likely", interval: "95 % interval",
    change: "change against the starting portfolio (same members)", all: "Every objective",
    loading: "Loading the scenario…", failed: "The server refused the what-if:",
    no_change: "the starting portfolio itself", points: "points",
  },
  fr: {
    title: "Trajectoires — atelier", language: "Langue", controls: "Et si…",
    portfolio: "Portefeuille de départ", members: "Membres", reset: "Revenir au portefeuille",
    results: "Objectifs", baseline: "référence (aucune action)", on: "dans le scénario",
    ceiling: "Ambition (plafond)", shift: "Calendrier (années)", central: "valeur centrale du fichier",
    computing: "Calcul en cours…", ready: "À jour", likely: "de chances", interval: "intervalle à 95 %",
    change: "écart avec le portefeuille de départ (mêmes membres)", all: "Tous les objectifs",
    loading: "Chargement du scénario…", failed: "Le serveur a refusé le scénario :",
    no_change: "le portefeuille de départ lui-même", points: "points",
  },
};

const DEBOUNCE_MS = 120;
const page = Math.random().toString(36).slice(2) + Date.now().toString(36);
let language = "en";
let scenario = null;
let latest = 0;          // sequence number of the latest request sent
let inFlight = null;     // AbortController of the request in flight
let debounce = null;
let shown = null;        // {run, charts} of the latest answered request

function t(key) { return LABELS[language][key]; }

function percent(value) {
  return (100 * value).toLocaleString(language === "fr" ? "fr-FR" : "en-GB",
      {minimumFractionDigits: 1, maximumFractionDigits: 1}) + " %";
}

function signedPoints(value) {
  const text = (100 * Math.abs(value)).toLocaleString(language === "fr" ? "fr-FR" : "en-GB",
      {minimumFractionDigits: 1, maximumFractionDigits: 1});
  return (value > 0 ? "+" : value < 0 ? "−" : "±") + text + " " + t("points");
}

function element(tag, attributes, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function applyLabels() {
  document.documentElement.lang = language;
  for (const node of document.querySelectorAll("[data-label]")) node.textContent = t(node.dataset.label);
  const baseline = document.querySelector("#portfolio option[value=baseline]");
  if (baseline) baseline.textContent = t("baseline");
  for (const node of document.querySelectorAll("[data-label-key]")) node.textContent = t(node.dataset.labelKey);
  if (!scenario) return;
  // Numbers in the language's format too.
  for (const coalition of scenario.coalitions) {
    for (const theme of coalition.themes) {
      for (const action of theme.actions) {
        document.getElementById("hint-" + action.id).textContent = hintText(action.ceiling);
        const slider = document.getElementById("ceiling-" + action.id);
        document.getElementById("ceiling-value-" + action.id).textContent = percent(Number(slider.value));
      }
    }
  }
}

function portfolioActions() {
  const id = document.getElementById("portfolio").value;
  const found = scenario.portfolios.find((p) => p.id === id);
  return found ? found.actions : [];
}

/// The file's distribution of a ceiling, under its slider.
function hintText(ceiling) {
  return t("central") + ": " + percent(ceiling.central) +
      (ceiling.p05 !== undefined ? " (5–95 %: " + percent(ceiling.p05) + "–" + percent(ceiling.p95) + ")" : "");
}

function actionControls(action) {
  const box = element("div", {class: "action", id: "action-" + action.id});
  box.appendChild(element("div", {class: "name"}, action.name));
  const on = element("input", {type: "checkbox", id: "on-" + action.id, "data-action": action.id});
  const onLabel = element("label", {for: "on-" + action.id, "data-label-key": "on"}, t("on"));
  const first = element("div", {class: "row"});
  first.append(on, onLabel);
  const ceiling = action.ceiling;
  const slider = element("input", {type: "range", min: action.ceiling_range[0], max: action.ceiling_range[1],
    step: "0.01", value: ceiling.central, id: "ceiling-" + action.id, "data-action": action.id,
    "data-central": ceiling.central});
  const value = element("output", {for: "ceiling-" + action.id, id: "ceiling-value-" + action.id},
      percent(ceiling.central));
  const second = element("div", {class: "row"});
  second.append(element("label", {for: "ceiling-" + action.id, "data-label-key": "ceiling"}, t("ceiling")),
      slider, value);
  const hint = element("div", {class: "hint", id: "hint-" + action.id});
  hint.textContent = hintText(ceiling);
  const shift = element("input", {type: "number", min: "-20", max: "20", step: "1", value: "0",
    id: "shift-" + action.id, "data-action": action.id});
  const third = element("div", {class: "row"});
  third.append(element("label", {for: "shift-" + action.id, "data-label-key": "shift"}, t("shift")), shift);
  box.append(first, second, hint, third);
  slider.addEventListener("input", () => { value.textContent = percent(Number(slider.value)); schedule(); });
  slider.addEventListener("change", () => schedule(true));
  shift.addEventListener("input", () => schedule());
  shift.addEventListener("change", () => schedule(true));
  on.addEventListener("change", () => { box.classList.toggle("off", !on.checked); schedule(true); });
  return box;
}

function buildControls() {
  document.getElementById("territory").textContent = "— " + scenario.territory;
  const select = document.getElementById("portfolio");
  for (const portfolio of scenario.portfolios) select.appendChild(element("option", {value: portfolio.id}, portfolio.id + ": " + portfolio.name));
  select.appendChild(element("option", {value: "baseline"}, t("baseline")));
  const members = document.getElementById("members");
  if (![...members.options].some((o) => Number(o.value) === scenario.members)) {
    members.appendChild(element("option", {value: scenario.members}, String(scenario.members)));
  }
  members.value = String(scenario.members);
  const actions = document.getElementById("actions");
  for (const coalition of scenario.coalitions) {
    actions.appendChild(element("h3", {}, coalition.name));
    for (const theme of coalition.themes) {
      actions.appendChild(element("h4", {}, theme.name));
      for (const action of theme.actions) actions.appendChild(actionControls(action));
    }
  }
  select.addEventListener("change", () => { resetActions(); schedule(true); });
  members.addEventListener("change", () => schedule(true));
  document.getElementById("reset").addEventListener("click", () => { resetActions(); schedule(true); });
  resetActions();
}

/// Every control back to the starting portfolio as the files define it:
/// its actions on, each slider at the portfolio's ceiling (its override, or
/// the action's own central value).
function resetActions() {
  const inPortfolio = new Set(portfolioActions());
  const ceilings = portfolioCeilings();
  for (const box of document.querySelectorAll(".action")) {
    const id = box.id.slice("action-".length);
    const on = document.getElementById("on-" + id);
    on.checked = inPortfolio.has(id);
    box.classList.toggle("off", !on.checked);
    const slider = document.getElementById("ceiling-" + id);
    const start = ceilings[id] ? ceilings[id].central : Number(slider.dataset.central);
    slider.value = String(start);
    slider.dataset.start = slider.value;
    document.getElementById("ceiling-value-" + id).textContent = percent(Number(slider.value));
    document.getElementById("shift-" + id).value = "0";
  }
}

function portfolioCeilings() {
  const id = document.getElementById("portfolio").value;
  const found = scenario.portfolios.find((p) => p.id === id);
  return found ? found.ceilings : {};
}

/// The what-if as the API reads it (docs/serve.md): only what differs from the starting portfolio.
function request() {
  const portfolio = document.getElementById("portfolio").value;
  const body = {portfolio: portfolio, members: Number(document.getElementById("members").value), seed: 1,
    set: [], shift: [], action_off: [], only: [], page: page};
  const inPortfolio = portfolioActions();
  const chosen = [];
  for (const box of document.querySelectorAll(".action")) {
    const id = box.id.slice("action-".length);
    const on = document.getElementById("on-" + id).checked;
    if (on) chosen.push(id);
    if (!on && inPortfolio.includes(id)) body.action_off.push(id);
    const slider = document.getElementById("ceiling-" + id);
    // The portfolio's override of the ceiling: it wins over the action's own.
    if (portfolio !== "baseline" && slider.value !== slider.dataset.start) {
      body.set.push("portfolios." + portfolio + ".overrides." + id + ".ceiling=" + slider.value);
    }
    const shift = Number(document.getElementById("shift-" + id).value);
    if (Number.isFinite(shift) && shift !== 0) body.shift.push(id + "=" + (shift > 0 ? "+" : "") + shift);
  }
  const added = chosen.filter((id) => !inPortfolio.includes(id));
  if (added.length > 0 && portfolio !== "baseline") {
    body.set.push("portfolios." + portfolio + ".actions=" + JSON.stringify(chosen));
    body.action_off = [];
  }
  return body;
}

function setComputing(computing) {
  document.body.dataset.state = computing ? "computing" : "ready";
  document.getElementById("results").classList.toggle("stale", computing);
  document.getElementById("results").setAttribute("aria-busy", computing ? "true" : "false");
  document.getElementById("status").textContent = computing ? t("computing") : (shown ? t("ready") : "");
}

/// A change sends its what-if after DEBOUNCE_MS without a further change
/// (a slider being dragged), or at once (`now`: a slider released, a box
/// checked, a list chosen).
function schedule(now = false) {
  latest += 1;  // whatever is on its way is stale from now on
  performance.mark("change-" + latest);
  setComputing(true);
  clearTimeout(debounce);
  debounce = setTimeout(send, now ? 0 : DEBOUNCE_MS);
}

async function post(path, body, signal) {
  const response = await fetch(path, {method: "POST", headers: {"Content-Type": "application/json"},
    body: JSON.stringify(body), signal: signal});
  const answer = await response.json();
  return {status: response.status, answer: answer};
}

async function send() {
  const sequence = latest;
  if (inFlight) inFlight.abort();
  const controller = new AbortController();
  inFlight = controller;
  const body = request();
  performance.mark("request-" + sequence);
  try {
    const run = await post("/api/run", body, controller.signal);
    if (sequence !== latest) return;  // a newer request is on its way
    if (run.status === 409) return;
    if (run.status !== 200) { showError(run.answer.error); return; }
    const charts = await post("/api/charts?lang=" + language, body, controller.signal);
    if (sequence !== latest) return;
    if (charts.status !== 200) { showError(charts.answer.error); return; }
    shown = {run: run.answer, charts: charts.answer, body: body};
    render();
    document.body.dataset.sequence = String(sequence);
    setComputing(false);
    // From the change (a slider's release) to the charts drawn: what a
    // planner waits for (bench/serve_latency.py reads it).
    performance.measure("update-" + sequence, "change-" + sequence);
  } catch (error) {
    if (error.name !== "AbortError") { if (sequence === latest) showError(String(error)); }
  }
}

function showError(message) {
  const node = document.getElementById("error");
  node.hidden = false;
  node.textContent = t("failed") + " " + message;
  document.body.dataset.state = "error";
  document.getElementById("status").textContent = "";
}

function render() {
  document.getElementById("error").hidden = true;
  const run = shown.run;
  const against = run.against ? new Map(run.against.objectives.map((o) => [o.id, o])) : new Map();
  const cards = document.getElementById("cards");
  cards.replaceChildren();
  for (const objective of run.objectives) {
    const card = element("article", {class: "card", "data-objective": objective.id,
      "data-probability": String(objective.probability)});
    card.appendChild(element("h3", {}, objective.description || objective.id));
    card.appendChild(element("div", {class: "probability"}, percent(objective.probability) + " " + t("likely")));
    card.appendChild(element("div", {class: "interval"},
        t("interval") + ": " + percent(objective.ci_low) + "–" + percent(objective.ci_high)));
    const change = against.get(objective.id);
    if (change) {
      card.appendChild(element("div", {class: "change " + (change.difference > 0 ? "up" : change.difference < 0 ? "down" : ""),
        "data-difference": String(change.difference)},
        signedPoints(change.difference) + " (" + signedPoints(change.ci_low) + " … " + signedPoints(change.ci_high) + "), " + t("change")));
    } else {
      card.appendChild(element("div", {class: "change"}, t("no_change")));
    }
    cards.appendChild(card);
  }
  document.getElementById("all-objectives").textContent =
      t("all") + ": " + percent(run.all_objectives.probability) + " " + t("likely");
  const charts = document.getElementById("charts");
  charts.replaceChildren();
  for (const chart of shown.charts.charts) {
    const box = element("div", {"data-indicator": chart.indicator});
    // The server's own figure (the reports' chart code, text escaped there);
    // a parsed document runs no script.
    const figure = new DOMParser().parseFromString(chart.svg, "text/html").body.firstElementChild;
    box.appendChild(document.importNode(figure, true));
    charts.appendChild(box);
  }
}

document.getElementById("language").addEventListener("change", (event) => {
  language = event.target.value;
  applyLabels();
  if (shown) schedule(true);  // charts titled in the new language (answered from the cache)
});

async function start() {
  document.getElementById("status").textContent = t("loading");
  const response = await fetch("/api/scenario");
  scenario = await response.json();
  buildControls();
  applyLabels();
  schedule(true);
}

start();
