#include "labels.hpp"

#include <map>
#include <utility>

namespace traj::territory::report {
namespace {

/// Every label of the report, in both languages.
const std::map<std::string, std::pair<std::string, std::string>>& labels() {
  static const std::map<std::string, std::pair<std::string, std::string>> table = {
      {"title", {"Climate plan trajectories", "Trajectoires du plan climat"}},
      {"percent_per_year", {"%/yr", "%/an"}},
      // traj discover --report
      {"discover_title", {"Scenario discovery", "Découverte de scénarios"}},
      {"discover_objective", {"Objective", "Objectif"}},
      {"discover_answer", {"Where the members lead", "Où mènent les membres"}},
      {"discover_meeting_it", {"meeting it", "qui l'atteignent"}},
      {"discover_missing_it", {"missing it", "qui le manquent"}},
      {"discover_base_success",
       {"Across every member, the objective is met by {} ({} of {}); the box looks for the "
        "members that meet it.",
        "Sur l'ensemble des membres, l'objectif est atteint par {} ({} sur {})\u00a0; la boîte "
        "cherche les membres qui l'atteignent."}},
      {"discover_base_failure",
       {"Across every member, the objective is missed by {} ({} of {}); the box looks for the "
        "members that miss it.",
        "Sur l'ensemble des membres, l'objectif est manqué par {} ({} sur {})\u00a0; la boîte "
        "cherche les membres qui le manquent."}},
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
      {"discover_restrictions",
       {"The box's conditions, the one that matters most first",
        "Les conditions de la boîte, de la plus importante à la moins importante"}},
      {"discover_restrictions_note",
       {"Each row lifts one condition and keeps the others: the density falls the more the "
        "condition matters. The bar shows the box's range (blue) within the parameter's range "
        "(grey). A quasi-p-value above 0.05 says the condition may be chance.",
        "Chaque ligne lève une condition et garde les autres\u00a0: la densité baisse d'autant "
        "plus que la condition compte. La barre montre la plage de la boîte (en bleu) dans la "
        "plage du paramètre (en gris). Une quasi-valeur p au-dessus de 0,05 signale une "
        "condition peut-être due au hasard."}},
      {"discover_condition", {"Condition", "Condition"}},
      {"discover_where_in_range", {"Within the parameter's range", "Dans la plage du paramètre"}},
      {"discover_density_without", {"Density without it", "Densité sans elle"}},
      {"discover_coverage_without", {"Coverage without it", "Couverture sans elle"}},
      {"discover_range_words", {"{}, within a range of {} to {}", "{}, dans une plage de {} à {}"}},
      {"discover_may_be_chance", {"may be chance", "peut-être due au hasard"}},
      {"discover_trajectory", {"Peeling trajectory", "Trajectoire d'épluchage"}},
      {"discover_trajectory_note",
       {"Each peel removes a thin slice of the box: the box holds fewer of the members of "
        "interest (coverage falls, to the right) but a larger share of its members are of "
        "interest (density rises). The red point is the chosen box.",
        "Chaque épluchage retire une fine tranche de la boîte\u00a0: elle contient moins des "
        "membres recherchés (la couverture baisse, vers la droite) mais une plus grande part de "
        "ses membres sont recherchés (la densité monte). Le point rouge est la boîte choisie."}},
      {"discover_trajectory_alt",
       {"{} boxes, from every member (left) to the densest (right); the chosen box, number {}, "
        "holds {} of the members of interest at a density of {}.",
        "{} boîtes, de l'ensemble des membres (à gauche) à la plus dense (à droite)\u00a0; la "
        "boîte choisie, numéro {}, contient {} des membres recherchés avec une densité de {}."}},
      {"discover_coverage_axis",
       {"coverage: share of the members of interest in the box",
        "couverture\u00a0: part des membres recherchés dans la boîte"}},
      {"discover_density_axis", {"density", "densité"}},
      {"discover_method_title", {"Method", "Méthode"}},
      {"discover_and", {"and", "et"}},
      {"discover_method",
       {"PRIM, the patient rule induction method (Friedman & Fisher 1999), as scenario discovery "
        "uses it (Bryant & Lempert 2010): each peel removes {} of the box's members, each paste "
        "adds {}, no box below {} of the members; the chosen box is the densest with a coverage "
        "of at least {}, then widened while its density holds. Over {} uncertain parameters, {} "
        "members, seed {}.",
        "PRIM, la méthode d'induction patiente de règles (Friedman & Fisher 1999), telle que la "
        "découverte de scénarios l'emploie (Bryant & Lempert 2010)\u00a0: chaque épluchage retire "
        "{} des membres de la boîte, chaque recollage en ajoute {}, aucune boîte sous {} des "
        "membres\u00a0; la boîte choisie est la plus dense dont la couverture atteint au moins {}, "
        "puis élargie tant que sa densité se maintient. Sur {} paramètres incertains, {} membres, "
        "graine {}."}},
      {"portfolio", {"Portfolio", "Portefeuille"}},
      {"baseline", {"baseline (no action)", "tendanciel (aucune action)"}},
      {"baseline_short", {"baseline", "tendanciel"}},
      {"shares_coalitions", {"What each coalition brings", "Ce que chaque coalition apporte"}},
      {"shares_actions", {"What each action brings", "Ce que chaque action apporte"}},
      {"shares_note",
       {"Shapley values on the same members: each player's marginal contribution averaged over "
        "every order in which the players could join (exact up to 12 players, else sampled "
        "orders); the shares add up to the portfolio minus no action. Intervals at 95 %.",
        "Valeurs de Shapley sur les mêmes membres\u00a0: l'apport marginal de chaque acteur, en "
        "moyenne sur tous les ordres dans lesquels les acteurs pourraient se joindre (exact "
        "jusqu'à 12 acteurs, sinon sur des ordres tirés au hasard)\u00a0; les parts s'additionnent "
        "pour donner le portefeuille moins aucune action. Intervalles à 95 %."}},
      {"shares_total",
       {"Together (the portfolio minus no action)",
        "Ensemble (le portefeuille moins aucune action)"}},
      {"no_coalition", {"(no coalition stated)", "(aucune coalition indiquée)"}},
      {"shares_cost", {"Discounted cost to", "Coût actualisé jusqu'en"}},
      {"members", {"Members", "Membres"}},
      {"objectives", {"Objectives: how likely each one is", "Objectifs : probabilité d'atteinte"}},
      {"likely", {"likely", "de chances"}},
      {"interval", {"95 % interval", "intervalle à 95 %"}},
      {"all", {"All objectives together", "Tous les objectifs à la fois"}},
      {"trajectories",
       {"Trajectories: median and uncertainty bands",
        "Trajectoires : médiane et bandes d'incertitude"}},
      {"band90", {"5–95 % of members", "5–95 % des membres"}},
      {"band50", {"25–75 % of members", "25–75 % des membres"}},
      {"median", {"median", "médiane"}},
      {"starting_portfolio", {"Starting portfolio", "Portefeuille de départ"}},
      {"backdrop_look", {"grey, dashed edges", "en gris, bords en tirets"}},
      {"objective", {"objective", "objectif"}},
      {"objective_header", {"Objective", "Objectif"}},
      {"probability_header", {"Probability", "Probabilité"}},
      {"comparison_title", {"Portfolio comparison", "Comparaison des portefeuilles"}},
      {"target_title", {"A target backed by simulations", "Un objectif étayé par les simulations"}},
      {"target_statement",
       {"{} will be {} {} in {} with {} confidence (95 % interval of that value: {}; {} members).",
        "{} sera {} {} en {} avec une confiance de {} (intervalle à 95 % de cette valeur\u00a0: "
        "{}\u00a0; {} "
        "membres)."}},
      {"target_commit",
       {"So the coalition can commit to {} in {} at {} confidence.",
        "La coalition peut donc s'engager sur {} en {} avec une confiance de {}."}},
      {"at_most_words", {"at most", "au plus"}},
      {"at_least_words", {"at least", "au moins"}},
      {"objective_statement",
       {"Objective “{}”, as planned:", "Objectif «\u00a0{}\u00a0», tel que prévu\u00a0:"}},
      {"distribution_title",
       {"{} in {}: the members' distribution", "{} en {}\u00a0: répartition des membres"}},
      {"distribution_desc",
       {"{} members from {} to {}, median {}", "{} membres de {} à {}, médiane {}"}},
      {"committed_with", {"reached with {} confidence", "atteint avec une confiance de {}"}},
      {"target_line", {"target", "cible"}},
      {"territories",
       {"Each territory: median and uncertainty bands",
        "Chaque territoire : médiane et bandes d'incertitude"}},
      {"commitments", {"Each territory's commitments", "Les engagements de chaque territoire"}},
      {"commitments_intro",
       {"The objectives each territory committed to (its charter), judged on its own indicators; "
        "the whole's indicators are the sums of the territories'.",
        "Les objectifs auxquels chaque territoire s'est engagé (sa charte), jugés sur ses propres "
        "indicateurs ; ceux de l'ensemble sont les sommes de ceux des territoires."}},
      {"territory", {"Territory", "Territoire"}},
      {"inhabitants", {"Inhabitants", "Habitants"}},
      {"no_commitment", {"no objective of its own", "pas d'objectif propre"}},
      {"wit_title",
       {"What would it take to reach {} confidence", "Ce qu'il faudrait pour une confiance de {}"}},
      {"wit_intro",
       {"Each action changed alone, cheapest first, then the cheapest combination a greedy search "
        "found. Costs: the members' mean of the costs to {}, discounted to {}, beyond the "
        "portfolio as planned ({}).",
        "Chaque action modifiée seule, de la moins chère à la plus chère, puis la combinaison la "
        "moins chère trouvée par une recherche gloutonne. Coûts\u00a0: moyenne des membres des "
        "coûts "
        "jusqu'en {}, actualisés en {}, en plus du portefeuille tel que prévu ({})."}},
      {"wit_already",
       {"As planned, the portfolio already reaches {} confidence.",
        "Tel que prévu, le portefeuille atteint déjà une confiance de {}."}},
      {"wit_uniform",
       {"Every action's ceiling × {} alike (capped at full adoption): {} likely, {}.",
        "Plafond de chaque action × {} à la fois (plafonné à l'adoption complète)\u00a0: {} de "
        "chances, "
        "{}."}},
      {"wit_unreachable",
       {"Every action's ceiling × {} (full adoption of every action) is not enough: {} likely, {}.",
        "Plafond de chaque action × {} (adoption complète de chaque action) ne suffit pas\u00a0: "
        "{} de "
        "chances, {}."}},
      {"change_header", {"Change", "Changement"}},
      {"reached_header", {"Reached with {} confidence", "Atteint avec une confiance de {}"}},
      {"extra_cost_header", {"Extra cost", "Surcoût"}},
      {"ceiling_change", {"ceiling {} → {}", "plafond {} → {}"}},
      {"ceiling_kept", {"ceiling {} as planned", "plafond {} comme prévu"}},
      {"years_earlier", {"{} years earlier", "{} ans plus tôt"}},
      {"wit_others",
       {"The {} other actions, each alone at full adoption and started as early as allowed, reach "
        "at most {} likely: {}.",
        "Les {} autres actions, chacune seule en adoption complète et démarrée au plus tôt, "
        "n'atteignent pas plus de {} de chances\u00a0: {}."}},
      {"year_earlier", {"{} year earlier", "{} an plus tôt"}},
      {"wit_unchangeable",
       {"Already at full adoption from the earliest start allowed (nothing to change): {}.",
        "Déjà en adoption complète depuis le début le plus précoce permis (rien à changer)\u00a0: "
        "{}."}},
      {"not_enough", {"not enough alone", "insuffisant seul"}},
      {"combination", {"Cheapest combination found", "Combinaison la moins chère trouvée"}},
      {"not_enough_together", {"not enough", "insuffisant"}},
      {"no_change", {"no change helps", "aucun changement n'aide"}},
      {"what_if", {"what-if", "variante"}},
      {"sensitivity_title", {"What decides the outcome", "Ce qui décide du résultat"}},
      {"sobol_note",
       {"share of the outcome's variance each factor explains with its interactions (total Sobol "
        "index)",
        "part de la variance du résultat expliquée par chaque facteur avec ses interactions "
        "(indice de Sobol total)"}},
      {"morris_note",
       {"mean effect of moving each factor across its range (Morris μ*)",
        "effet moyen du déplacement de chaque facteur sur son domaine (μ* de Morris)"}},
      {"same_members",
       {"all portfolios on the same members", "tous les portefeuilles sur les mêmes membres"}},
      {"table", {"Portfolios", "Portefeuilles"}},
      {"cost", {"Cost (M€, mean [5–95 %])", "Coût (M€, moyenne [5–95 %])"}},
      {"avoided", {"GHG avoided (kt)", "GES évités (kt)"}},
      {"per_tonne", {"€ per tCO2e avoided", "€ par tCO2e évitée"}},
      {"dominated", {"Dominated by", "Dominé par"}},
      {"differences",
       {"Paired differences of probability (points)",
        "Différences appariées de probabilité (points)"}},
      {"pair", {"Pair", "Paire"}},
      {"difference_header", {"Difference [95 % interval]", "Différence [intervalle à 95 %]"}},
      {"contributions", {"What carries each portfolio", "Ce qui porte chaque portefeuille"}},
      {"contribution_note",
       {"change in GHG at the horizon due to each action (kt, with − without, same members)",
        "variation des GES à l'horizon due à chaque action (kt, avec − sans, mêmes membres)"}},
      {"contributions_rest",
       {"{} other actions change it by {} kt in all.",
        "{} autres actions le font varier de {} kt en tout."}},
      {"action_header", {"Action", "Action"}},
      {"carried_by", {"Carried by", "Portée par"}},
      {"ghg_change_header",
       {"Change in GHG at the horizon (kt)", "Variation des GES à l'horizon (kt)"}},
      // The comparison report's side-by-side sections (issue 24, item 3).
      {"together", {"Trajectories of every portfolio", "Trajectoires de chaque portefeuille"}},
      {"together_note",
       {"each portfolio's median (line) and 5–95 % of its members (shaded), on the same members; "
        "the objectives' targets in red",
        "médiane de chaque portefeuille (trait) et 5–95 % de ses membres (zone teintée), sur les "
        "mêmes membres ; les cibles des objectifs en rouge"}},
      {"local_production",
       {"Local renewable production", "Production locale d'énergies renouvelables"}},
      {"cost_cumulative",
       {"Costs since the base year (M€, undiscounted)",
        "Coûts depuis l'année de base (M€, non actualisés)"}},
      {"breakdowns",
       {"Where the energy goes and where it comes from", "Où va l'énergie et d'où elle vient"}},
      {"breakdowns_note",
       {"mean of the members; the base year, then every portfolio in each objective's year and "
        "the horizon",
        "moyenne des membres ; l'année de base, puis chaque portefeuille l'année de chaque "
        "objectif et à l'horizon"}},
      {"energy_by_sector",
       {"Final energy consumption by sector", "Consommation d'énergie finale par secteur"}},
      {"energy_by_carrier",
       {"Final energy consumption by carrier", "Consommation d'énergie finale par vecteur"}},
      {"production_by_source",
       {"Local renewable production by source",
        "Production locale d'énergies renouvelables par filière"}},
      {"identical_rest",
       {"The {} other comparisons (two portfolios on one objective) do not differ on a single "
        "member: both portfolios meet the objective, or both miss it, on exactly the same members.",
        "Les {} autres comparaisons (deux portefeuilles sur un objectif) ne diffèrent sur aucun "
        "membre : les deux portefeuilles atteignent l'objectif, ou le manquent, sur exactement les "
        "mêmes membres."}},
      {"identical_one",
       {"The other comparison (two portfolios on one objective) does not differ on a single "
        "member: both portfolios meet the objective, or both miss it, on exactly the same members.",
        "L'autre comparaison (deux portefeuilles sur un objectif) ne diffère sur aucun membre : "
        "les deux portefeuilles atteignent l'objectif, ou le manquent, sur exactement les mêmes "
        "membres."}},
      {"identical_only",
       {"The two portfolios do not differ on a single member for any objective: they meet, or "
        "miss, each objective on exactly the same members.",
        "Les deux portefeuilles ne diffèrent sur aucun membre pour aucun objectif : ils "
        "atteignent, ou manquent, chaque objectif sur exactement les mêmes membres."}},
      {"identical_all",
       {"None of the {} comparisons (two portfolios on one objective) differs on a single member: "
        "every pair of portfolios meets each objective, or misses it, on exactly the same members.",
        "Aucune des {} comparaisons (deux portefeuilles sur un objectif) ne diffère sur un seul "
        "membre : chaque paire de portefeuilles atteint chaque objectif, ou le manque, sur "
        "exactement les mêmes membres."}},
      {"reproduce", {"Reproducibility", "Reproductibilité"}},
      {"seed", {"Seed", "Graine"}},
      {"version", {"Engine version", "Version du moteur"}},
      {"created", {"Created", "Créé le"}},
      {"command", {"Command", "Commande"}},
      {"inputs", {"Input files (SHA-256)", "Fichiers d'entrée (SHA-256)"}},
      {"rerun", {"Re-run and check bit for bit with", "Relancer et vérifier au bit près avec"}},
      {"final_energy", {"Final energy consumption", "Consommation d'énergie finale"}},
      {"renewable_share", {"Local renewable share", "Part d'énergies renouvelables locales"}},
      {"ghg", {"Greenhouse-gas emissions", "Émissions de gaz à effet de serre"}},
      {"chart", {"Chart", "Graphique"}},
      {"short_final_energy", {"Energy", "Énergie"}},
      {"short_renewable_share", {"Renewables", "EnR locales"}},
      {"short_ghg", {"GHG", "GES"}},
      {"in", {"in", "en"}},
      // How far each portfolio is from each objective (docs/model.md#8-objectives).
      {"distance", {"Distance to the target", "Distance à la cible"}},
      {"distance_target", {"for a target of", "pour une cible de"}},
      {"distance_short", {"{} short", "il manque {}"}},
      {"distance_margin", {"met by a margin of {}", "atteint avec une marge de {}"}},
      {"distance_way", {"{} of the way from {}", "{} du chemin depuis {}"}},
      {"points", {"pts", "pts"}},
      {"as_planned", {"As planned", "Tel que prévu"}},
      {"distances",
       {"How far each portfolio is from each objective",
        "Distance de chaque portefeuille à chaque objectif"}},
      {"distances_note",
       {"median of the members [5–95 %] in the objective's year; the way is counted from the "
        "base year's median (a relative objective's target is its ratio times the reference "
        "year's median)",
        "médiane des membres [5–95 %] l'année de l'objectif ; le chemin part de la médiane de "
        "l'année de base (la cible d'un objectif relatif est son rapport fois la médiane de "
        "l'année de référence)"}},
      {"out_of_reach",
       {"No portfolio is likely to meet this objective (each below 50 %); closest: {}",
        "Aucun portefeuille n'a de bonnes chances d'atteindre cet objectif (tous sous 50 %) ; le "
        "plus proche : {}"}},
      {"within_reach", {"Most likely: {}", "Le plus probable : {}"}},
      {"not_dominated", {"none", "aucun"}},
      {"dominated_note",
       {"another portfolio is at least as likely to meet every objective, at least as good on "
        "final energy, renewable share, GHG and each pollutant (medians, at each objective's year "
        "and the horizon), and cheaper",
        "un autre portefeuille a au moins autant de chances d'atteindre chaque objectif, fait au "
        "moins aussi bien en énergie finale, part renouvelable, GES et chaque polluant (médianes, "
        "à chaque année d'objectif et à l'horizon), et coûte moins cher"}},
      // The sensitivity page (issue 24, item 5).
      {"factor_header", {"Uncertain number", "Valeur incertaine"}},
      {"first_order_header", {"Alone (first order)", "Seul (premier ordre)"}},
      {"total_header", {"With its interactions (total)", "Avec ses interactions (total)"}},
      {"mu_star_header", {"Mean effect (μ*)", "Effet moyen (μ*)"}},
      {"sigma_header", {"Spread (σ)", "Dispersion (σ)"}},
      {"whether_met", {"Whether the objective is met", "Atteinte de l'objectif"}},
      {"always_met",
       {"Always met, whatever the uncertain numbers: no uncertainty decides it.",
        "Toujours atteint, quelles que soient les valeurs incertaines : aucune incertitude ne le "
        "décide."}},
      {"always_missed",
       {"Always missed, whatever the uncertain numbers: no uncertainty decides it; only a change "
        "of the portfolio can.",
        "Toujours manqué, quelles que soient les valeurs incertaines : aucune incertitude ne le "
        "décide ; seul un changement du portefeuille le peut."}},
      {"never_varies",
       {"Does not vary: no uncertain number reaches it.",
        "Ne varie pas : aucune valeur incertaine ne l'atteint."}},
      {"noise_note",
       {"* Total index below the first-order index, within their 95 % intervals: both are "
        "estimated from a finite sample and the gap is estimation noise (more --samples narrow "
        "it); a total is never really below its first order.",
        "* Indice total inférieur à l'indice de premier ordre, dans leurs intervalles à 95 % : "
        "les deux sont estimés sur un échantillon fini et l'écart est un bruit d'estimation "
        "(davantage de --samples le réduit) ; un indice total n'est jamais vraiment inférieur à "
        "son premier ordre."}},
      {"factor_adoption", {"adoption %s", "%s d'adoption"}},
      {"factor_cost", {"%s cost", "coût (%s)"}},
      {"factor_effect", {"effect", "effet"}},
      {"factor_key_ceiling", {"ceiling", "plafond"}},
      {"factor_key_start", {"start", "début"}},
      {"factor_key_full_year", {"full year", "année pleine"}},
      {"factor_key_midpoint", {"midpoint", "mi-parcours"}},
      {"factor_key_steepness", {"steepness", "pente"}},
      {"factor_key_investment", {"investment", "investissement"}},
      {"factor_key_operating", {"operating", "fonctionnement"}},
      {"factor_key_fraction", {"fraction", "fraction"}},
      {"factor_key_savings", {"savings", "économies"}},
      {"factor_key_share", {"share", "part"}},
      {"factor_key_efficiency", {"efficiency", "efficacité"}},
      {"factor_key_value", {"value", "valeur"}},
      {"factor_activity_growth", {"Activity growth", "Croissance de l'activité"}},
      {"factor_autonomous_efficiency",
       {"Autonomous efficiency gains", "Gains d'efficacité tendanciels"}},
      {"factor_emission", {"Emission factor of", "Facteur d'émission de"}},
      // The track page: the annual review (issue 25).
      {"track_title", {"Are we on track?", "Sommes-nous dans la trajectoire\u00a0?"}},
      {"track_members",
       {"{} members, seed {}, conditioned on {} observations from {}",
        "{} membres, graine {}, conditionnés par {} observations de {}"}},
      {"illustrative_warning",
       {"Illustrative observations: the observations file says illustrative = true. They are "
        "not measured figures, and nothing on this page is a finding about the territory.",
        "Observations illustratives\u00a0: le fichier d'observations indique illustrative = true. "
        "Ce ne sont pas des chiffres mesurés, et rien sur cette page n'est un constat sur le "
        "territoire."}},
      {"illustrative_short",
       {"Illustrative observations, not measured figures.",
        "Observations illustratives, pas des chiffres mesurés."}},
      {"observations_source", {"Source of the observations", "Source des observations"}},
      {"method_heading", {"How the data were taken into account", "Prise en compte des données"}},
      {"method_importance", {"importance sampling", "échantillonnage préférentiel"}},
      {"method_smc", {"sequential Monte Carlo", "Monte Carlo séquentiel"}},
      {"method_sentence",
       {"Method: {}; effective size {} of {} members.",
        "Méthode\u00a0: {}\u00a0; taille effective {} sur {} membres."}},
      {"method_importance_size",
       {"Importance sampling alone had an effective size of {}: too few members, hence the "
        "sequential sampler.",
        "L'échantillonnage préférentiel seul avait une taille effective de {}\u00a0: trop peu de "
        "membres, d'où l'échantillonneur séquentiel."}},
      {"method_stages",
       {"{} tempering stages; {} distinct members in the final population.",
        "{} étapes de tempérage\u00a0; {} membres distincts dans la population finale."}},
      {"method_low",
       {"The effective size is below {}: the probabilities after the observations rest on few "
        "members (see their intervals); run more members.",
        "La taille effective est inférieure à {}\u00a0: les probabilités après les observations "
        "reposent sur peu de membres (voir leurs intervalles)\u00a0; lancez davantage de "
        "membres."}},
      {"method_note",
       {"Each member of the plan is weighted by how well it reproduces the observed values, "
        "given their stated errors; the effective size is the number of equally weighted members "
        "the weighted ensemble is worth (Kish).",
        "Chaque membre du plan est pondéré selon sa capacité à reproduire les valeurs observées, "
        "compte tenu de leurs erreurs déclarées\u00a0; la taille effective est le nombre de "
        "membres de même poids que vaut l'ensemble pondéré (Kish)."}},
      {"stage_header", {"Stage", "Étape"}},
      {"temperature_header", {"Temperature", "Température"}},
      {"effective_size_header", {"Effective size", "Taille effective"}},
      {"acceptance_header", {"Acceptance of the moves", "Acceptation des déplacements"}},
      {"step_header", {"Step", "Pas"}},
      {"track_objectives",
       {"Objectives: how likely each one is now",
        "Objectifs\u00a0: probabilité d'atteinte à ce jour"}},
      {"track_objective",
       {"{}: {} likely, was {} before the {} data",
        "{}\u00a0: {} de chances, contre {} avant les données {}"}},
      {"track_intervals",
       {"95 % intervals: {} after the observations, {} before",
        "intervalles à 95 %\u00a0: {} après les observations, {} avant"}},
      {"track_all",
       {"All objectives together: {} likely, was {} before",
        "Tous les objectifs à la fois\u00a0: {} de chances, contre {} avant"}},
      {"bar_after_before",
       {"{} likely after the observations (95 % interval {}), {} before",
        "{} de chances après les observations (intervalle à 95 % {}), {} avant"}},
      {"observations_heading",
       {"The observations against the plan", "Les observations face au plan"}},
      {"observations_note",
       {"the plan's band: its members before the observations; on track between their 25th and "
        "75th percentiles, ahead or behind beyond them on the better or the worse side; gap: the "
        "observed value minus the plan's median",
        "la bande du plan\u00a0: ses membres avant les observations\u00a0; dans la trajectoire "
        "entre leurs 25e et 75e centiles, en avance ou en retard au-delà, du bon ou du mauvais "
        "côté\u00a0; écart\u00a0: la valeur observée moins la médiane du plan"}},
      {"indicator_header", {"Indicator", "Indicateur"}},
      {"year_header", {"Year", "Année"}},
      {"observed_header", {"Observed (90 % interval)", "Observé (intervalle à 90 %)"}},
      {"plan_header", {"Plan: median [5–95 %]", "Plan\u00a0: médiane [5–95 %]"}},
      {"percentile_header", {"Percentile", "Centile"}},
      {"verdict_header", {"Verdict", "Verdict"}},
      {"gap_header", {"Gap to the median", "Écart à la médiane"}},
      {"estimated", {"estimated", "estimé"}},
      {"verdict_ahead", {"ahead", "en avance"}},
      {"verdict_on_track", {"on track", "dans la trajectoire"}},
      {"verdict_behind", {"behind", "en retard"}},
      {"parameters_heading",
       {"What the data taught: the uncertain numbers they moved most",
        "Ce que les données ont appris\u00a0: les valeurs incertaines qu'elles ont le plus "
        "déplacées"}},
      {"parameters_note",
       {"median [5–95 %] before and after the observations; moved: the change of the median, as a "
        "share of the width of the 5–95 % interval before",
        "médiane [5–95 %] avant et après les observations\u00a0; déplacement\u00a0: le "
        "changement de la médiane, en part de la largeur de l'intervalle 5–95 % d'avant"}},
      {"before_header", {"Before", "Avant"}},
      {"after_header", {"After", "Après"}},
      {"moved_header", {"Moved", "Déplacement"}},
      {"no_parameter_moved",
       {"The data moved no uncertain number.",
        "Les données n'ont déplacé aucune valeur incertaine."}},
      {"parameters_rest",
       {"{} other uncertain numbers moved less.",
        "{} autres valeurs incertaines ont moins bougé."}},
      {"track_trajectories",
       {"Trajectories before and after the observations",
        "Trajectoires avant et après les observations"}},
      {"track_trajectories_note",
       {"after the observations: median (line), 25–75 % and 5–95 % of the weighted members "
        "(blue); before: the plan's median (grey dashed line) and 5–95 % (grey); the observed "
        "values (black points) with their 90 % intervals; the objectives' targets in red",
        "après les observations\u00a0: médiane (trait), 25–75 % et 5–95 % des membres pondérés "
        "(bleu)\u00a0; avant\u00a0: la médiane du plan (tirets gris) et 5–95 % (gris)\u00a0; "
        "les valeurs observées (points noirs) avec leurs intervalles à 90 %\u00a0; les cibles "
        "des objectifs en rouge"}},
      {"before_observations", {"Before the observations", "Avant les observations"}},
      {"after_observations", {"after the observations", "après les observations"}},
      {"observed_points", {"Observed (90 % interval)", "Observé (intervalle à 90 %)"}},
  };
  return table;
}

}  // namespace

std::string label(const std::string& key, Language language) {
  const auto& entry = labels().at(key);
  return language == Language::French ? entry.second : entry.first;
}

std::string indicator_name(const std::string& id, const std::string& description,
                           Language language) {
  if (id == "final_energy" || id == "renewable_share" || id == "ghg") return label(id, language);
  return description.empty() ? id : description;
}

const char* colon(Language language) {
  return language == Language::French ? "\u00a0: " : ": ";
}

}  // namespace traj::territory::report
