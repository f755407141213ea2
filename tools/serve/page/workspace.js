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
    economics: "Economics", economics_computing: "Computing the costs…",
    cost_discounted: "Cost, discounted, to", cost_undiscounted: "Cost, undiscounted, to",
    members_range: "5–95 % of members", ghg_avoided: "GHG avoided against the baseline, cumulative to",
    per_tonne: "Cost per tonne of CO2e avoided", none_avoided: "– (no GHG avoided)",
    contributions_ask: "What carries the result?", cancel: "Cancel", cancelled: "Cancelled.",
    contributions_computing: "Computing each action's part (one ensemble per action)…",
    contributions_note: "What carries the result: each action's part, the what-if with it minus without it, on the same members (as traj compare), most important first.",
    action: "Action", ghg_change: "GHG", cost_change: "Cost (M€)", no_actions: "No action in the what-if.",
    contributions_all: (n) => "Show all " + n + " actions", contributions_fewer: (n) => "Show the first " + n + " only",
    economics_failed: "The server refused:",
    downloads: "Download this what-if", download_portfolio: "Save as a portfolio (TOML)",
    download_report: "Report (HTML)", download_results: "Results (HDF5)",
    preparing: "Preparing the file (the ensemble runs again)…", downloaded: "Downloaded:",
    download_failed: "The server refused the download:",
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
    economics: "Économie", economics_computing: "Calcul des coûts…",
    cost_discounted: "Coût actualisé jusqu'en", cost_undiscounted: "Coût non actualisé jusqu'en",
    members_range: "5–95 % des membres", ghg_avoided: "GES évités par rapport au tendanciel, cumulés jusqu'en",
    per_tonne: "Coût par tonne de CO2e évitée", none_avoided: "– (aucune émission évitée)",
    contributions_ask: "Qu'est-ce qui porte le résultat\u00a0?", cancel: "Annuler", cancelled: "Annulé.",
    contributions_computing: "Calcul de la part de chaque action (un ensemble par action)…",
    contributions_note: "Ce qui porte le résultat\u00a0: la part de chaque action, le scénario avec elle moins sans elle, sur les mêmes membres (comme traj compare), la plus importante d'abord.",
    action: "Action", ghg_change: "GES", cost_change: "Coût (M€)", no_actions: "Aucune action dans le scénario.",
    contributions_all: (n) => "Afficher les " + n + " actions", contributions_fewer: (n) => "N'afficher que les " + n + " premières",
    economics_failed: "Le serveur a refusé\u00a0:",
    downloads: "Télécharger ce scénario", download_portfolio: "Enregistrer comme portefeuille (TOML)",
    download_report: "Rapport (HTML)", download_results: "Résultats (HDF5)",
    preparing: "Préparation du fichier (l'ensemble est recalculé)…", downloaded: "Téléchargé :",
    download_failed: "Le serveur a refusé le téléchargement :",
  },
};

const DEBOUNCE_MS = 120;
const page = Math.random().toString(36).slice(2) + Date.now().toString(36);
let language = "en";
let scenario = null;
let latest = 0;          // sequence number of the latest request sent
let inFlight = null;     // AbortController of the request in flight
let debounce = null;
let downloadNote = null;  // {key, detail} of the line under the download buttons
let shown = null;        // {run, charts} of the latest answered request
let economicsShown = null;      // {key, answer} of /api/economics (or /api/contributions)
let contributionsShown = null;  // {key, answer} of /api/contributions
// The actions that carry the most, first; the rest on request, so that a
// portfolio of twenty actions does not push the charts out of sight.
const CONTRIBUTIONS_FIRST = 8;
let contributionsExpanded = false;
let contributionsAsked = null;  // AbortController of the contributions on their way
let contributionsPending = null;  // the request whose contributions were asked before it answered

function t(key) { return LABELS[language][key]; }

function percent(value) {
  return (100 * value).toLocaleString(language === "fr" ? "fr-FR" : "en-GB",
      {minimumFractionDigits: 1, maximumFractionDigits: 1}) + " %";
}

function locale() { return language === "fr" ? "fr-FR" : "en-GB"; }

/// As traj compare prints them: no decimal from 100 on, one below; "–" for none.
function amount(value) {
  if (value === null || !Number.isFinite(value)) return "–";
  const decimals = Math.abs(value) >= 100 ? 0 : 1;
  return value.toLocaleString(locale(), {minimumFractionDigits: decimals, maximumFractionDigits: decimals});
}

function signedAmount(value) {
  return (value > 0 ? "+" : value < 0 ? "−" : "±") + amount(Math.abs(value));
}

/// The request without its page: what the server's caches answer alike.
function requestKey(body) {
  const copy = Object.assign({}, body);
  delete copy.page;
  return JSON.stringify(copy);
}

/// A change of probability in points; `bare`: without the word (a column says it).
function signedPoints(value, bare) {
  const text = (100 * Math.abs(value)).toLocaleString(locale(),
      {minimumFractionDigits: 1, maximumFractionDigits: 1});
  return (value > 0 ? "+" : value < 0 ? "−" : "±") + text + (bare ? "" : " " + t("points"));
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
  showDownloadNote();
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
  if (computing) document.getElementById("economics").classList.add("stale");
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
    // After the charts are drawn, so that the slider's latency is not the costs'.
    if (contributionsPending === sequence) await requestContributions(sequence, body);
    else await requestEconomics(sequence, body, controller);
  } catch (error) {
    if (error.name !== "AbortError") { if (sequence === latest) showError(String(error)); }
  }
}

/// The what-if's costs, GHG avoided and € per tCO2e (POST /api/economics):
/// two ensembles, the what-if and the baseline on the same members.
async function requestEconomics(sequence, body, controller) {
  const key = requestKey(body);
  if (economicsShown && economicsShown.key === key) {
    renderEconomics();
    document.getElementById("economics").dataset.sequence = String(sequence);
    return;
  }
  document.getElementById("economics-status").textContent = t("economics_computing");
  document.getElementById("economics").setAttribute("aria-busy", "true");
  const economics = await post("/api/economics", body, controller.signal);
  if (sequence !== latest || economics.status === 409) return;
  document.getElementById("economics").setAttribute("aria-busy", "false");
  if (economics.status !== 200) {
    document.getElementById("economics-status").textContent = t("economics_failed") + " " + economics.answer.error;
    return;
  }
  economicsShown = {key: key, answer: economics.answer};
  renderEconomics();
  document.getElementById("economics").dataset.sequence = String(sequence);
  performance.measure("economics-" + sequence, "change-" + sequence);  // change -> costs drawn
}

/// Each action's part (POST /api/contributions): one ensemble per action,
/// so only when asked; a newer change or "Cancel" stops it on the server.
/// Asked while a what-if computes (a timing box left by the click sends
/// one), they are asked once it answers, unless a newer change came.
function askContributions() {
  if (contributionsAsked) return;
  if (!shown || document.body.dataset.state !== "ready") {
    contributionsPending = latest;
    document.getElementById("contributions-status").textContent = t("contributions_computing");
    document.getElementById("contributions-cancel").hidden = false;
    return;
  }
  requestContributions(latest, shown.body);
}

async function requestContributions(sequence, body) {
  contributionsPending = null;
  const key = requestKey(body);
  // The economics on their way are in the contributions' answer too.
  if (inFlight) inFlight.abort();
  const controller = new AbortController();
  inFlight = controller;
  contributionsAsked = controller;
  const status = document.getElementById("contributions-status");
  status.textContent = t("contributions_computing");
  document.getElementById("contributions-cancel").hidden = false;
  document.getElementById("contributions-ask").disabled = true;
  document.getElementById("economics").setAttribute("aria-busy", "true");
  try {
    const answer = await post("/api/contributions", body, controller.signal);
    if (sequence !== latest || answer.status === 409) return;
    if (answer.status !== 200) { status.textContent = t("economics_failed") + " " + answer.answer.error; return; }
    economicsShown = {key: key, answer: answer.answer};
    contributionsShown = {key: key, answer: answer.answer};
    renderEconomics();
    document.getElementById("economics").dataset.sequence = String(sequence);
    document.getElementById("contributions").dataset.sequence = String(sequence);
  } catch (error) {
    if (error.name !== "AbortError" && sequence === latest) status.textContent = String(error);
  } finally {
    if (contributionsAsked === controller) {
      contributionsAsked = null;
      document.getElementById("contributions-cancel").hidden = contributionsPending === null;
      document.getElementById("contributions-ask").disabled = false;
      document.getElementById("economics").setAttribute("aria-busy", "false");
    }
  }
}

async function cancelContributions() {
  document.getElementById("contributions-status").textContent = t("cancelled");
  document.getElementById("contributions-cancel").hidden = true;
  contributionsPending = null;
  if (!contributionsAsked) return;
  contributionsAsked.abort();
  // The server stops the page's ensemble at its next batch.
  try { await post("/api/cancel", {page: page}); } catch (error) { /* the server is gone: nothing runs */ }
}

function figure(list, label, value, text) {
  const term = element("dt", {}, label);
  const description = element("dd", {"data-value": String(value)}, text);
  list.append(term, description);
}

/// The economics of the what-if shown, when answered; else the last ones, greyed.
function renderEconomics() {
  const box = document.getElementById("economics");
  const current = shown && economicsShown && economicsShown.key === requestKey(shown.body);
  box.classList.toggle("stale", !current);
  if (!economicsShown) return;
  if (current) document.getElementById("economics-status").textContent = "";
  const economics = economicsShown.answer;
  const portfolio = economics.portfolio;
  const list = document.getElementById("economics-figures");
  list.replaceChildren();
  figure(list, t(economics.discounted ? "cost_discounted" : "cost_undiscounted") + " " + economics.horizon,
      portfolio.cost, amount(portfolio.cost) + " M€ (" + t("members_range") + ": " +
      amount(portfolio.cost_p05) + "–" + amount(portfolio.cost_p95) + ")");
  list.lastChild.id = "economics-cost";
  figure(list, t("ghg_avoided") + " " + economics.horizon, portfolio.ghg_avoided,
      amount(portfolio.ghg_avoided) + " ktCO2e");
  list.lastChild.id = "economics-ghg-avoided";
  figure(list, t("per_tonne"), portfolio.cost_per_tco2e,
      portfolio.cost_per_tco2e === null ? t("none_avoided") : amount(portfolio.cost_per_tco2e) + " €/tCO2e");
  list.lastChild.id = "economics-cost-per-tonne";
  renderContributions();
}

function actionName(id) {
  for (const coalition of scenario.coalitions) {
    for (const theme of coalition.themes) {
      const found = theme.actions.find((a) => a.id === id);
      if (found) return found.name;
    }
  }
  return id;
}

/// The ranked table of contributions, when they answer the what-if shown.
function renderContributions() {
  const table = document.getElementById("contributions");
  const current = shown && contributionsShown && contributionsShown.key === requestKey(shown.body);
  table.hidden = !current;
  const more = document.getElementById("contributions-more");
  more.hidden = true;
  if (!current) {
    if (!contributionsAsked && contributionsPending === null) {
      document.getElementById("contributions-status").textContent = "";
      document.getElementById("contributions-cancel").hidden = true;
    }
    return;
  }
  const economics = contributionsShown.answer;
  const contributions = economics.portfolio.contributions;
  document.getElementById("contributions-status").textContent = contributions.length === 0 ? t("no_actions") : "";
  const ghg = "ghg " + economics.horizon, cost = "cost_discounted " + economics.horizon;
  const head = element("tr");
  head.appendChild(element("th", {scope: "col"}, t("action")));
  for (const objective of shown.run.objectives) {
    head.appendChild(element("th", {scope: "col", title: objective.description || objective.id},
        objective.id + " (" + t("points") + ")"));
  }
  head.append(element("th", {scope: "col"}, t("ghg_change") + " " + economics.horizon + " (ktCO2e)"),
      element("th", {scope: "col"}, t("cost_change")));
  table.tHead.replaceChildren(head);
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const [rank, contribution] of contributions.entries()) {
    const row = element("tr", {"data-action": contribution.action});
    row.hidden = !contributionsExpanded && rank >= CONTRIBUTIONS_FIRST;
    row.appendChild(element("th", {scope: "row"}, actionName(contribution.action)));
    for (const objective of shown.run.objectives) {
      const value = contribution.probability[objective.id];
      row.appendChild(element("td", {"data-objective": objective.id, "data-value": String(value)},
          signedPoints(value, true)));
    }
    row.append(element("td", {"data-quantity": ghg, "data-value": String(contribution.mean[ghg])},
        signedAmount(contribution.mean[ghg])),
        element("td", {"data-quantity": cost, "data-value": String(contribution.mean[cost])},
        signedAmount(contribution.mean[cost])));
    body.appendChild(row);
  }
  if (contributions.length > CONTRIBUTIONS_FIRST) {
    more.hidden = false;
    more.setAttribute("aria-expanded", String(contributionsExpanded));
    more.textContent = contributionsExpanded ? t("contributions_fewer")(CONTRIBUTIONS_FIRST)
                                             : t("contributions_all")(contributions.length);
  }
}

document.getElementById("contributions-more").addEventListener("click", () => {
  contributionsExpanded = !contributionsExpanded;
  renderContributions();
});

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
  renderEconomics();
}

/// Downloads a file of the current what-if (docs/serve.md, "Downloads"): the
/// same body as /api/run, without the page (a download supersedes nothing);
/// the answer saved under the name the server gives it.
async function download(kind) {
  showDownloadNote("preparing", "", "pending");
  try {
    const body = request();
    delete body.page;
    const path = "/api/download/" + kind + (kind === "report" ? "?lang=" + language : "");
    const response = await fetch(path, {method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify(body)});
    if (!response.ok) {
      const answer = await response.json();
      showDownloadNote("download_failed", answer.error, "error");
      return;
    }
    const found = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
    const name = found ? found[1] : kind;
    const link = element("a", {href: URL.createObjectURL(await response.blob()), download: name});
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    // What `traj run --save-portfolio` says of the file (an uncertain value saved
    // as a new parameter…), in both languages: shown in the page's.
    const notes = response.headers.get("X-Traj-Notes");
    showDownloadNote("downloaded", name, name, notes ? JSON.parse(decodeURIComponent(notes)) : []);
  } catch (error) {
    showDownloadNote("download_failed", String(error), "error");
  }
}

/// The line under the download buttons, kept as a label and its detail so
/// that a change of language rewrites it (the detail, a file name or the
/// server's text, stays as it is).
function showDownloadNote(key, detail, state, notes = []) {
  if (key) downloadNote = {key: key, detail: detail, notes: notes};
  if (state) document.body.dataset.download = state;
  if (downloadNote) {
    document.getElementById("download-status").textContent =
        t(downloadNote.key) + (downloadNote.detail ? " " + downloadNote.detail : "");
    const list = document.getElementById("download-notes");
    list.replaceChildren(...downloadNote.notes.map((note) => element("li", {}, note[language])));
    list.hidden = downloadNote.notes.length === 0;
  }
}

for (const button of document.querySelectorAll("[data-download]")) {
  button.addEventListener("click", () => download(button.dataset.download));
}

document.getElementById("language").addEventListener("change", (event) => {
  language = event.target.value;
  applyLabels();
  if (shown) schedule(true);  // charts titled in the new language (answered from the cache)
});

document.getElementById("contributions-ask").addEventListener("click", askContributions);
document.getElementById("contributions-cancel").addEventListener("click", cancelContributions);

async function start() {
  document.getElementById("status").textContent = t("loading");
  const response = await fetch("/api/scenario");
  scenario = await response.json();
  buildControls();
  applyLabels();
  schedule(true);
}

start();
