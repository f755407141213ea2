#include "words.hpp"

#include <cctype>
#include <map>
#include <stdexcept>
#include <utility>

namespace traj::cli {
namespace {

using Entry = std::pair<std::string, std::string>;

/// Every sentence of the text outputs of run, compare, discover, target,
/// sensitivity, track, validate, scenario, rerun, report and export.
const std::map<std::string, Entry, std::less<>>& words() {
  static const std::map<std::string, Entry, std::less<>> table = {
      // traj diagnose (its other sentences: models/src/report/diagnosis_words.cpp)
      {"diagnose_heading",
       {"Diagnostic of {} — base year {}; objectives judged {} ({} members, seed {})",
        "Diagnostic de {} — année de base {}\u00a0; objectifs jugés {} ({} membres, graine {})"}},
      {"diagnose_morris",
       {"what weighs: Morris screening, {} trajectories, {} model runs",
        "ce qui pèse\u00a0: criblage de Morris, {} trajectoires, {} exécutions du modèle"}},
      {"diagnose_sobol",
       {"what weighs: total Sobol indices, base sample {}, {} model runs",
        "ce qui pèse\u00a0: indices de Sobol totaux, échantillon de base {}, {} exécutions du "
        "modèle"}},
      {"diagnose_sources",
       {"France's figures, their years and sources: the page (--report) and docs/model.md, "
        "section 15.",
        "Les chiffres de la France, leurs années et leurs sources\u00a0: la page (--report) et "
        "docs/model.md, section 15."}},
      // traj sensitivity
      {"sensitivity_heading",
       {"{} — {}: {}, {} model runs, {} factors",
        "{} — {}\u00a0: {}, {} exécutions du modèle, {} facteurs"}},
      {"sobol_indices", {"Sobol indices", "indices de Sobol"}},
      {"morris_screening", {"Morris screening", "criblage de Morris"}},
      {"output_heading", {"{}:", "{}\u00a0:"}},
      {"success_of", {"success of {}", "atteinte de l'objectif {}"}},
      {"does_not_vary",
       {"does not vary: no uncertain number reaches it",
        "ne varie pas\u00a0: aucune valeur incertaine ne l'atteint"}},
      {"always_met",
       {"always met: no uncertainty decides it",
        "toujours atteint\u00a0: aucune incertitude ne le décide"}},
      {"always_missed",
       {"always missed: no uncertainty decides it; only a change of the portfolio can",
        "toujours manqué\u00a0: aucune incertitude ne le décide\u00a0; seul un changement du "
        "portefeuille le peut"}},
      {"sobol_factor",
       {"{} explains {} % of its variance alone ({}–{} %), {} % with its interactions",
        "{} explique à lui seul {} % de sa variance ({}–{} %), {} % avec ses interactions"}},
      {"sobol_noise",
       {" (less than alone only by estimation noise: the intervals overlap)",
        " (inférieur à l'indice seul par simple bruit d'estimation\u00a0: les intervalles se "
        "recouvrent)"}},
      {"morris_factor",
       {"{}: mean effect of a full move {} (μ*), spread {} (σ)",
        "{}\u00a0: effet moyen d'un déplacement complet {} (μ*), dispersion {} (σ)"}},
      {"indices_written", {"Indices written to {}", "Indices écrits dans {}"}},
      // traj run
      {"deterministic_run",
       {"Deterministic run: every uncertain number at its median.",
        "Exécution déterministe\u00a0: chaque nombre incertain à sa médiane."}},
      {"indicator", {"indicator", "indicateur"}},
      {"no_objectives", {"No objectives in this scenario.", "Aucun objectif dans ce scénario."}},
      {"objectives", {"Objectives", "Objectifs"}},
      {"met", {"MET", "ATTEINT"}},
      {"missed", {"MISS", "MANQUÉ"}},
      {"objectives_met", {"{} of {} objectives met.", "{} objectifs atteints sur {}."}},
      {"times_of", {"of", "de"}},
      {"undefined", {"undefined", "indéfini"}},
      {"ensemble_line",
       {"Ensemble: {} members, seed {}, {} thread(s)",
        "Ensemble\u00a0: {} membres, graine {}, {} fil(s) d'exécution"}},
      {"mpi_ranks", {"MPI ranks", "rangs MPI"}},
      {"precision_not_reached",
       {"Warning: the precision target was not reached within the member cap.",
        "Attention\u00a0: la précision visée n'a pas été atteinte dans la limite de membres."}},
      {"objectives_heading",
       {"Objectives (probability of success, 95 % interval)",
        "Objectifs (probabilité d'atteinte, intervalle à 95 %)"}},
      {"likely", {"likely", "de chances"}},
      {"inhabitants", {"{} inhabitants", "{} habitants"}},
      {"validate_territories",
       {"{} territories, {} inhabitants in all:", "{} territoires, {} habitants en tout\u00a0:"}},
      {"validate_territory",
       {"{}: {} inhabitants, {} objective(s) of its own",
        "{}\u00a0: {} habitants, {} objectif(s) propre(s)"}},
      {"validate_estimate", {"estimated figures", "chiffres estimés"}},
      {"territory_contributions",
       {"What each territory contributes (against the baseline; GHG since the base year, the rest "
        "in the horizon year)",
        "Ce qu'apporte chaque territoire (par rapport au scénario sans action ; GES depuis l'année "
        "de référence, le reste l'année de l'horizon)"}},
      {"territory", {"territory", "territoire"}},
      {"ghg_avoided_short", {"GHG avoided kt", "GES évités kt"}},
      {"share_of_whole", {"of the whole", "de l'ensemble"}},
      {"energy_saved_short", {"energy saved GWh", "énergie éco. GWh"}},
      {"production_added_short", {"production + GWh", "production + GWh"}},
      {"costs_short", {"costs M€", "coûts M€"}},
      {"all_together", {"All {} objectives together", "Les {} objectifs à la fois"}},
      {"indicators_heading",
       {"Indicators: median [{}–{}] of the members",
        "Indicateurs\u00a0: médiane [{}–{}] des membres"}},
      {"results_written", {"Results written to {}", "Résultats écrits dans {}"}},
      {"run_only", {" (the run only, not {})", " (l'exécution seule, pas {})"}},
      {"with_edit", {"with {}", "avec {}"}},
      {"portfolio_first",
       {"portfolio {} (the first of {}; choose with --portfolio, or --portfolio baseline for no "
        "action)",
        "portefeuille {} (le premier des {}\u00a0; choisir avec --portfolio, ou --portfolio "
        "baseline pour aucune action)"}},
      {"portfolio_named", {"portfolio {}", "portefeuille {}"}},
      {"baseline_no_action", {"baseline (no action)", "tendanciel (aucune action)"}},
      {"baseline_no_portfolio",
       {"baseline (the scenario has no portfolio)",
        "tendanciel (le scénario n'a aucun portefeuille)"}},
      // traj run --against
      {"against", {"Against {}", "Par rapport à {}"}},
      {"without_edits",
       {" as the scenario files define it, without the edits",
        " tel que les fichiers du scénario le définissent, sans les modifications"}},
      {"same_members",
       {" (the same {} members; run − {}, member by member)",
        " (les mêmes {} membres\u00a0; exécution − {}, membre par membre)"}},
      {"change_of_probability",
       {"Objectives: change of probability, in points [paired 95 % interval]",
        "Objectifs\u00a0: variation de probabilité, en points [intervalle apparié à 95 %]"}},
      {"likely_against", {"{} likely against {}", "{} de chances contre {}"}},
      {"against_word", {"against", "contre"}},
      {"differences_heading",
       {"Indicators: median of the members' differences [5 %–95 % of them]",
        "Indicateurs\u00a0: médiane des différences des membres [5 %–95 % d'entre elles]"}},
      {"at_medians",
       {" (every uncertain number at its median in both; run − {})",
        " (chaque nombre incertain à sa médiane dans les deux\u00a0; exécution − {})"}},
      {"run_then", {"Objectives: the run, then {}", "Objectifs\u00a0: l'exécution, puis {}"}},
      {"change_heading",
       {"Indicators: change (the run's value against {}'s)",
        "Indicateurs\u00a0: variation (valeur de l'exécution contre celle de {})"}},
      // distances
      {"for_a_target", {"for a target of", "pour une cible de"}},
      {"short_by", {"{} short", "il manque {}"}},
      {"met_by", {"met by a margin of {}", "atteint avec une marge de {}"}},
      {"way_from", {"{} of the way from {}", "{} du chemin depuis {}"}},
      {"points", {"pts", "pts"}},
      // traj compare
      {"baseline_short", {"baseline", "tendanciel"}},
      {"compare_heading",
       {"{} portfolios on the same {} members (common random numbers)",
        "{} portefeuilles sur les mêmes {} membres (nombres aléatoires communs)"}},
      {"objectives_probability",
       {"Objectives: probability [95 % interval]",
        "Objectifs\u00a0: probabilité [intervalle à 95 %]"}},
      {"costs_discounted", {"Costs, discounted (M€)", "Coûts actualisés (M€)"}},
      {"costs_undiscounted", {"Costs, undiscounted (M€)", "Coûts non actualisés (M€)"}},
      {"ghg_avoided", {"GHG avoided to horizon (kt)", "GES évités à l'horizon (kt)"}},
      {"cost_per_tonne", {"Cost per tCO2e avoided (€)", "Coût par tCO2e évitée (€)"}},
      {"indicators_band",
       {"Indicators: median [5 %–95 %]", "Indicateurs\u00a0: médiane [5 %–95 %]"}},
      {"distance_heading",
       {"Distance to each objective: median [5 %–95 %] of the members in its year",
        "Distance à chaque objectif\u00a0: médiane [5 %–95 %] des membres l'année de l'objectif"}},
      {"most_likely", {"most likely {}", "le plus probable\u00a0: {}"}},
      {"none_likely",
       {"no portfolio is likely to meet it (each below {}); closest {}",
        "aucun portefeuille n'a de bonnes chances de l'atteindre (tous sous {})\u00a0; le plus "
        "proche\u00a0: {}"}},
      {"dominated_heading",
       {"Dominated (another is at least as likely to meet every objective, at least as good on "
        "final energy, renewable share, GHG and each pollutant, medians at each objective's year "
        "and the horizon, and cheaper):",
        "Dominés (un autre a au moins autant de chances d'atteindre chaque objectif, fait au "
        "moins aussi bien en énergie finale, part renouvelable, GES et chaque polluant, médianes "
        "à chaque année d'objectif et à l'horizon, et coûte moins cher)\u00a0:"}},
      {"by", {"by", "par"}},
      {"paired_heading",
       {"Paired differences of probability, in points [95 % interval; unpaired interval]:",
        "Différences appariées de probabilité, en points [intervalle à 95 %\u00a0; intervalle "
        "non apparié]\u00a0:"}},
      {"unpaired", {"unpaired", "non apparié"}},
      {"better_heading",
       {"Share of members where the first does better than the second, on the objectives' "
        "indicators (all indicators with --json):",
        "Part des membres où le premier fait mieux que le second, sur les indicateurs des "
        "objectifs (tous les indicateurs avec --json)\u00a0:"}},
      {"versus", {"vs", "contre"}},
      {"carries_heading",
       {"What carries {} (change due to each action: the portfolio with it minus without it, "
        "same members):",
        "Ce qui porte {} (variation due à chaque action\u00a0: le portefeuille avec elle moins "
        "sans elle, mêmes membres)\u00a0:"}},
      {"comparison_written", {"Comparison written to {}", "Comparaison écrite dans {}"}},
      {"report_written", {"Report written to {}", "Rapport écrit dans {}"}},
      // traj validate
      {"validate_sets",
       {"{} sectors, {} carriers, {} sources, {} pollutants, {} custom indicators",
        "{} secteurs, {} vecteurs, {} sources, {} polluants, {} indicateurs propres"}},
      {"validate_actions",
       {"{} actions ({} effects), {} named parameters, {} uncertain numbers",
        "{} actions ({} effets), {} paramètres nommés, {} nombres incertains"}},
      {"validate_portfolios", {"{} portfolios, {} objectives", "{} portefeuilles, {} objectifs"}},
      {"validate_files", {"files", "fichiers"}},
      {"validate_portfolio_one", {"portfolio {}: {} action", "portefeuille {}\u00a0: {} action"}},
      {"validate_portfolio_many",
       {"portfolio {}: {} actions", "portefeuille {}\u00a0: {} actions"}},
      {"validate_with", {"with", "avec"}},
      // traj scenario
      {"scenario_exported",
       {"Wrote the bundled scenario, to edit and run:",
        "Scénario fourni écrit, à modifier puis exécuter\u00a0:"}},
      {"scenario_next", {"Next", "Ensuite"}},
      {"set_at", {"set at {}", "défini en {}"}},
      {"set_by", {"set by {}", "défini par {}"}},
      {"show_distribution",
       {"distribution: {}, central value {} (in the model's units)",
        "distribution\u00a0: {}, valeur centrale {} (dans les unités du modèle)"}},
      {"show_named", {"named parameter {}, declared at {}", "paramètre nommé {}, déclaré en {}"}},
      {"show_source", {"source: {}", "source\u00a0: {}"}},
      {"show_fixed", {"fixed (not uncertain)", "fixé (non incertain)"}},
      {"show_unit", {"unit: {}", "unité\u00a0: {}"}},
      {"show_table_unit",
       {"unit: {}, {} for its table", "unité\u00a0: {}, {} pour toute sa table"}},
      {"uniform", {"uniform", "uniforme"}},
      {"triangular", {"triangular", "triangulaire"}},
      {"pert", {"pert", "PERT"}},
      {"lognormal", {"lognormal(median {}, sigma {}", "log-normale(médiane {}, sigma {}"}},
      {"normal", {"normal(mean {}, sd {}", "normale(moyenne {}, écart type {}"}},
      // traj rerun
      {"rerun_identical",
       {"identical: {} members of {} ({}, seed {}) reproduced bit for bit",
        "identique\u00a0: {} membres de {} ({}, graine {}) reproduits bit pour bit"}},
      {"rerun_track_identical",
       {"identical: the track of {} members of {} ({}, seed {}) on {} observation(s) reproduced "
        "bit for bit",
        "identique\u00a0: le suivi de {} membres de {} ({}, graine {}) sur {} observation(s) "
        "reproduit bit pour bit"}},
      {"rerun_different",
       {"different: {} dataset(s) differ from {}:",
        "différent\u00a0: {} jeu(x) de données diffèrent de {}\u00a0:"}},
      {"rerun_other_version",
       {"The file was written by traj {} (git {}), this is traj {} (git {}): samplers and the "
        "model can change between versions; rerun it with the version that wrote it to check it "
        "bit for bit.",
        "Le fichier a été écrit par traj {} (git {}), celui-ci est traj {} (git {})\u00a0: les "
        "tirages et le modèle peuvent changer d'une version à l'autre\u00a0; relancez-le avec la "
        "version qui l'a écrit pour le vérifier bit pour bit."}},
      {"interrupted_nothing_compared",
       {"interrupted by signal {}: nothing compared, nothing written",
        "interrompu par le signal {}\u00a0: rien de comparé, rien d'écrit"}},
      {"interrupted_nothing_written",
       {"interrupted by signal {}: nothing written",
        "interrompu par le signal {}\u00a0: rien d'écrit"}},
      // traj export
      {"tables_written", {"Tables written to {}/", "Tableaux écrits dans {}/"}},
      {"table_rows", {"{}  {} rows", "{}  {} lignes"}},
      {"interrupted_no_table",
       {"interrupted by signal {}: no table written",
        "interrompu par le signal {}\u00a0: aucun tableau écrit"}},
      // traj compare --shares
      {"shares_heading_coalitions",
       {"What each coalition brings to {} (Shapley values on the same {} members, {}; 95 % "
        "intervals):",
        "Ce que chaque coalition apporte à {} (valeurs de Shapley sur les mêmes {} membres, "
        "{}\u00a0; "
        "intervalles à 95 %)\u00a0:"}},
      {"shares_heading_actions",
       {"What each action brings to {} (Shapley values on the same {} members, {}; 95 % "
        "intervals):",
        "Ce que chaque action apporte à {} (valeurs de Shapley sur les mêmes {} membres, {}\u00a0; "
        "intervalles à 95 %)\u00a0:"}},
      {"shares_exact",
       {"exact over every set of the {} players: {} ensembles",
        "exactes sur tous les ensembles des {} acteurs\u00a0: {} ensembles"}},
      {"shares_sampled",
       {"estimated from {} random orders of the players: {} ensembles",
        "estimées sur {} ordres aléatoires des acteurs\u00a0: {} ensembles"}},
      {"actions_count", {"{} action(s)", "{} action(s)"}},
      {"no_coalition", {"(no coalition stated)", "(aucune coalition indiquée)"}},
      {"points_unit", {"pts", "pts"}},
      {"shares_cost", {"discounted cost to {}", "coût actualisé jusqu'en {}"}},
      {"shares_total",
       {"Together (the portfolio minus no action)",
        "Ensemble (le portefeuille moins aucune action)"}},
      // traj discover
      {"discover_heading",
       {"{}, {}, objective \"{}\" ({}): scenario discovery over {} members, seed {}",
        "{}, {}, objectif «\u00a0{}\u00a0» ({})\u00a0: découverte de scénarios sur {} membres, "
        "graine {}"}},
      {"discover_method",
       {"PRIM (Friedman & Fisher 1999): each peel removes {} of the box's members, each paste "
        "adds {}, no box below {} of the members; over {} uncertain parameters.",
        "PRIM (Friedman & Fisher 1999)\u00a0: chaque épluchage retire {} des membres de la boîte, "
        "chaque recollage en ajoute {}, aucune boîte sous {} des membres\u00a0; sur {} paramètres "
        "incertains."}},
      {"discover_base_success",
       {"The objective is met by {} of the members ({} of {}); the box looks for those that meet "
        "it.",
        "L'objectif est atteint par {} des membres ({} sur {})\u00a0; la boîte cherche ceux qui "
        "l'atteignent."}},
      {"discover_base_failure",
       {"The objective is missed by {} of the members ({} of {}); the box looks for those that "
        "miss it (--target failure).",
        "L'objectif est manqué par {} des membres ({} sur {})\u00a0; la boîte cherche ceux qui le "
        "manquent (--target failure)."}},
      {"meeting_it", {"meeting it", "qui l'atteignent"}},
      {"missing_it", {"missing it", "qui le manquent"}},
      {"discover_trajectory",
       {"Peeling trajectory (coverage: share of the members {} that are in the box; density: "
        "share of the box's members {}; mass: share of all members in the box):",
        "Trajectoire d'épluchage (couverture\u00a0: part des membres {} qui sont dans la "
        "boîte\u00a0; densité\u00a0: part des membres de la boîte {}\u00a0; masse\u00a0: part de "
        "tous les membres dans la boîte)\u00a0:"}},
      {"discover_box", {"box", "boîte"}},
      {"discover_restricted", {"restricted", "restreints"}},
      {"discover_coverage", {"coverage", "couverture"}},
      {"discover_density", {"density", "densité"}},
      {"discover_mass", {"mass", "masse"}},
      {"discover_chosen_mark", {"chosen", "choisie"}},
      {"discover_some_boxes",
       {"(some boxes only; every box with --json)",
        "(quelques boîtes seulement\u00a0; toutes avec --json)"}},
      {"discover_chosen",
       {"Chosen box: box {} of the trajectory{} (the rule: the densest box whose coverage is at "
        "least {}, then pasted while its density holds).",
        "Boîte choisie\u00a0: la boîte {} de la trajectoire{} (la règle\u00a0: la boîte la plus "
        "dense dont la couverture atteint au moins {}, puis recollée tant que sa densité "
        "tient)."}},
      {"discover_pasted", {", widened by {} paste(s)", ", élargie par {} recollage(s)"}},
      {"discover_no_box",
       {"No range of the uncertain parameters concentrates the members {}: the chosen box holds "
        "every member.",
        "Aucune plage des paramètres incertains ne concentre les membres {}\u00a0: la boîte "
        "choisie contient tous les membres."}},
      {"discover_box_success",
       {"The objective is met in {} of the members where {}; such members are {} of all, and {} "
        "of the members {}.",
        "L'objectif est atteint dans {} des membres où {}\u00a0; ces membres sont {} du total, et "
        "{} des membres {}."}},
      {"discover_box_failure",
       {"The objective is missed in {} of the members where {}; such members are {} of all, and "
        "{} of the members {}.",
        "L'objectif est manqué dans {} des membres où {}\u00a0; ces membres sont {} du total, et "
        "{} des membres {}."}},
      {"discover_ranked",
       {"Restrictions, the one that matters most first (the box without it):",
        "Restrictions, de la plus importante à la moins importante (la boîte sans elle)\u00a0:"}},
      {"discover_without",
       {"without it, density {} ({} pts), coverage {}, mass {}; quasi-p {}",
        "sans elle, densité {} ({} pts), couverture {}, masse {}\u00a0; quasi-p {}"}},
      {"discover_chance",
       {" (above {}: the restriction may be chance)",
        " (au-dessus de {}\u00a0: la restriction est peut-être due au hasard)"}},
      // traj target
      {"interval_95", {"95 % interval", "intervalle à 95 %"}},
      {"without_action", {"without any action", "sans aucune action"}},
      {"with_portfolio", {"with portfolio {}", "avec le portefeuille {}"}},
      {"and", {"and", "et"}},
      {"at_most", {"at most", "au plus"}},
      {"at_least", {"at least", "au moins"}},
      {"target_value",
       {"{}: {}, {} ({}) will be {} {} in {} with {} confidence.",
        "{}\u00a0: {}, {} ({}) sera {} {} en {} avec une confiance de {}."}},
      {"target_commit",
       {"So the coalition can commit to {} in {} at {} confidence (95 % interval of that value: "
        "{}; {} members).",
        "La coalition peut donc s'engager sur {} en {} avec une confiance de {} (intervalle à "
        "95 % de cette valeur\u00a0: {}\u00a0; {} membres)."}},
      {"objective_heading",
       {"{}, objective \"{}\", {}:", "{}, objectif «\u00a0{}\u00a0», {}\u00a0:"}},
      {"as_planned_likely", {"as planned: {} likely.", "tel que prévu\u00a0: {} de chances."}},
      {"as_planned_distance", {"{} as planned: {}.", "{} tel que prévu\u00a0: {}."}},
      // What would it take
      {"wit_already",
       {"As planned, it already reaches {} confidence.",
        "Tel que prévu, il atteint déjà une confiance de {}."}},
      {"wit_heading",
       {"What would reach {} confidence, each action alone, cheapest first (extra cost: members' "
        "mean of the costs to {}, discounted to {}, beyond the {} M€ as planned):",
        "Ce qui atteindrait une confiance de {}, chaque action seule, de la moins chère à la plus "
        "chère (surcoût\u00a0: moyenne des membres des coûts jusqu'en {}, actualisés en {}, en "
        "plus des {} M€ prévus)\u00a0:"}},
      {"wit_not_enough_alone", {" is not enough alone", " ne suffit pas seule"}},
      {"wit_unchangeable",
       {"Already at full adoption from the earliest start allowed: {}.",
        "Déjà en adoption complète depuis le début le plus précoce permis\u00a0: {}."}},
      {"wit_combination",
       {"Cheapest combination found (greedy): ",
        "Combinaison la moins chère trouvée (recherche gloutonne)\u00a0: "}},
      {"wit_no_change", {"no change helps.", "aucun changement n'aide."}},
      {"wit_not_enough", {", not enough", ", insuffisant"}},
      {"wit_uniform",
       {"Every action's ceiling × {} alike (capped at full adoption)",
        "Plafond de chaque action × {} à la fois (plafonné à l'adoption complète)"}},
      {"wit_uniform_short",
       {", at full adoption of every action, is not enough",
        ", avec l'adoption complète de chaque action, ne suffit pas"}},
      {"wit_evaluations",
       {"({} evaluations of {} members on the same draws.)",
        "({} évaluations de {} membres sur les mêmes tirages.)"}},
      {"wit_ceiling", {"ceiling {} → {}", "plafond {} → {}"}},
      {"wit_ceiling_kept", {"ceiling {} as planned", "plafond {} comme prévu"}},
      {"wit_year_earlier", {"{} year earlier", "{} an plus tôt"}},
      {"wit_years_earlier", {"{} years earlier", "{} ans plus tôt"}},
      {"wit_likely", {"{} likely ({}–{})", "{} de chances ({}–{})"}},
      {"no_coalition", {"no coalition", "sans coalition"}},
      // traj track
      {"track_heading",
       {"{} — {}, {} members conditioned on {} observation(s) from {}",
        "{} — {}, {} membres conditionnés par {} observation(s) de {}"}},
      {"track_illustrative",
       {"ILLUSTRATIVE observations (the file says illustrative = true): not measured figures; "
        "nothing below is a finding about the territory.",
        "Observations ILLUSTRATIVES (le fichier indique illustrative = true)\u00a0: pas des "
        "chiffres mesurés\u00a0; rien ci-dessous n'est un constat sur le territoire."}},
      {"track_source", {"Source: {}", "Source\u00a0: {}"}},
      {"track_method",
       {"Method: {}; effective size {} of {} members",
        "Méthode\u00a0: {}\u00a0; taille effective {} sur {} membres"}},
      {"track_importance", {"importance sampling", "échantillonnage préférentiel"}},
      {"track_smc", {"sequential Monte Carlo", "Monte Carlo séquentiel"}},
      {"track_importance_size",
       {"Importance sampling alone: effective size {}",
        "Échantillonnage préférentiel seul\u00a0: taille effective {}"}},
      {"track_stages",
       {"{} tempering stages, {} distinct members in the final population:",
        "{} étapes de tempérage, {} membres distincts dans la population finale\u00a0:"}},
      {"track_stage",
       {"stage {}: temperature {}, effective size {}, acceptance {}, step {}",
        "étape {}\u00a0: température {}, taille effective {}, acceptation {}, pas {}"}},
      {"track_low",
       {"Warning: the effective size is below {}: the probabilities after the observations rest "
        "on few members (see their intervals). Run more members (--members).",
        "Attention\u00a0: la taille effective est inférieure à {}\u00a0: les probabilités après "
        "les observations reposent sur peu de membres (voir leurs intervalles). Lancez davantage "
        "de membres (--members)."}},
      {"track_objectives", {"Objectives:", "Objectifs\u00a0:"}},
      {"track_objective",
       {"{}: {} likely (95 % {}–{}), was {} before the {} data",
        "{}\u00a0: {} de chances (à 95 % {}–{}), contre {} avant les données {}"}},
      {"track_observations",
       {"Observations against the plan's band (its members before the observations; on track: "
        "between its 25th and 75th percentiles):",
        "Les observations face à la bande du plan (ses membres avant les observations\u00a0; "
        "dans la trajectoire\u00a0: entre ses 25e et 75e centiles)\u00a0:"}},
      {"track_observation",
       {"{} {}: {} ({}) — percentile {} of the plan (90 % band {} – {}), {}; {}",
        "{} {}\u00a0: {} ({}) — centile {} du plan (bande à 90 % {} – {}), {}\u00a0; {}"}},
      {"track_relative", {"±{}", "±{}"}},
      {"track_interval", {"90 % interval {}", "intervalle à 90 % {}"}},
      {"track_estimated", {", estimated", ", estimé"}},
      {"track_ahead", {"ahead", "en avance"}},
      {"track_on_track", {"on track", "dans la trajectoire"}},
      {"track_behind", {"behind", "en retard"}},
      {"track_above", {"{} above the plan's median {}", "{} au-dessus de la médiane du plan, {}"}},
      {"track_below", {"{} below the plan's median {}", "{} en dessous de la médiane du plan, {}"}},
      {"track_parameters",
       {"What the data moved most (parameter: median [90 % interval] before → after):",
        "Ce que les données ont le plus déplacé (paramètre\u00a0: médiane [intervalle à 90 %] "
        "avant → après)\u00a0:"}},
      {"track_no_parameter", {"(no uncertain parameter)", "(aucun paramètre incertain)"}},
      {"track_written", {"Track written to {}", "Suivi écrit dans {}"}},
      {"discovery_written", {"Discovery written to {}", "Découverte écrite dans {}"}},
      // correlated uncertainties (traj sensitivity)
      {"correlated_factor",
       {"correlated parameters moved together as one factor: {} (Sobol indices and Morris "
        "effects assume independent factors)",
        "paramètres corrélés variés ensemble comme un seul facteur\u00a0: {} (les indices de Sobol "
        "et les effets de Morris supposent des facteurs indépendants)"}},
      // correlated uncertainties (traj scenario show)
      {"show_correlation",
       {"rank-correlated with {}: {} (a Gaussian copula)",
        "corrélé en rang avec {}\u00a0: {} (une copule gaussienne)"}},
      // traj optimize
      {"optimize_heading",
       {"{} — portfolio search: {} candidates ({}), levels {}; objectives all met: {}; {}",
        "{} — recherche de portefeuille\u00a0: {} candidates ({}), niveaux {}\u00a0; objectifs "
        "tous atteints\u00a0: {}\u00a0; {}"}},
      {"optimize_every_action", {"every action", "toutes les actions"}},
      {"optimize_of_portfolio", {"portfolio {}", "portefeuille {}"}},
      {"optimize_budget", {"budget {} M€", "budget {}\u00a0M€"}},
      {"optimize_no_budget", {"no budget", "sans budget"}},
      {"optimize_members",
       {"Searched on {} common members (seed {}); every figure below is on {} fresh members "
        "(seed {}), except the column \"seen\"",
        "Recherche sur {} membres communs (graine {})\u00a0; chaque chiffre ci-dessous est sur {} "
        "nouveaux membres (graine {}), sauf la colonne «\u00a0vu\u00a0»"}},
      {"optimize_method",
       {"Greedy selection with swaps ({} steps), then NSGA-II ({} generations of {}): {} "
        "portfolios run, {} s; fresh members: {} s",
        "Sélection gloutonne avec échanges ({} étapes), puis NSGA-II ({} générations de {})\u00a0: "
        "{} portefeuilles calculés, {}\u00a0s\u00a0; nouveaux membres\u00a0: {}\u00a0s"}},
      {"optimize_baseline",
       {"Without any action: cost {} M€, probability {}",
        "Sans aucune action\u00a0: coût {}\u00a0M€, probabilité {}"}},
      {"optimize_nothing_fits",
       {"No portfolio fits the budget.", "Aucun portefeuille ne tient dans le budget."}},
      {"optimize_front",
       {"Pareto front under the budget ({} points of {}, by cost):",
        "Front de Pareto dans le budget ({} points sur {}, par coût)\u00a0:"}},
      {"optimize_cost", {"cost M€", "coût M€"}},
      {"optimize_probability", {"probability [95 %]", "probabilité [95 %]"}},
      {"optimize_ghg", {"GHG avoided kt", "GES évités kt"}},
      {"optimize_actions", {"actions", "actions"}},
      {"optimize_seen", {"seen", "vu"}},
      {"optimize_chosen_mark", {"chosen", "choisi"}},
      {"optimize_most_likely",
       {"Chosen: the most likely to meet the objectives under the budget (then the most GHG "
        "avoided)",
        "Choisi\u00a0: le plus probable d'atteindre les objectifs dans le budget (puis le plus de "
        "GES évités)"}},
      {"optimize_cheapest",
       {"Chosen: the cheapest reaching {} on the common members",
        "Choisi\u00a0: le moins coûteux atteignant {} sur les membres communs"}},
      {"optimize_none_reaches",
       {"No portfolio under the budget reaches {}: none chosen",
        "Aucun portefeuille dans le budget n'atteint {}\u00a0: aucun choisi"}},
      {"optimize_figures",
       {"cost {} M€, probability {}, GHG avoided {} kt (common members: {} M€, {}, {} kt)",
        "coût {}\u00a0M€, probabilité {}, GES évités {}\u00a0kt (membres communs\u00a0: "
        "{}\u00a0M€, {}, {}\u00a0kt)"}},
      {"optimize_its_actions", {"its {} actions", "ses {} actions"}},
      {"optimize_no_action", {"(no action)", "(aucune action)"}},
      {"optimize_written", {"Search written to {}", "Recherche écrite dans {}"}},
      {"optimize_greedy",
       {"The greedy selection alone ({} steps):",
        "La sélection gloutonne seule ({} étapes)\u00a0:"}},
  };
  return table;
}

}  // namespace

Language language_named(const std::string& name) {
  return name == "fr" ? Language::French : Language::English;
}

const std::string& say(std::string_view key, Language language) {
  const auto found = words().find(key);
  if (found == words().end()) throw std::out_of_range("no sentence " + std::string(key));
  return language == Language::French ? found->second.second : found->second.first;
}

std::string fill(const std::string& pattern, const std::vector<std::string>& values) {
  std::string text;
  std::size_t next = 0, from = 0;
  for (std::size_t at = pattern.find("{}"); at != std::string::npos;
       at = pattern.find("{}", from)) {
    text.append(pattern, from, at - from);
    if (next < values.size()) text += values[next++];
    from = at + 2;
  }
  text.append(pattern, from, std::string::npos);
  return text;
}

std::string say(std::string_view key, Language language, const std::vector<std::string>& values) {
  return fill(say(key, language), values);
}

std::string decimal(std::string printed, Language language) {
  if (language != Language::French) return printed;
  for (std::size_t i = 1; i + 1 < printed.size(); ++i) {
    if (printed[i] == '.' && std::isdigit(static_cast<unsigned char>(printed[i - 1])) &&
        std::isdigit(static_cast<unsigned char>(printed[i + 1])))
      printed[i] = ',';
  }
  return printed;
}

const char* colon(Language language) {
  return language == Language::French ? "\u00a0: " : ": ";
}

}  // namespace traj::cli
