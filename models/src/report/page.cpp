#include "page.hpp"

#include <sstream>

namespace traj::territory::report {
namespace {

const char* STYLE = R"(
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; background: #fff; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.25rem; border-bottom: 2px solid #1f4e79; padding-bottom: 0.2rem; margin-top: 2rem; }
.subtitle { color: #444; margin-top: 0; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #ccc; vertical-align: middle; }
.objective-cell { width: 40%; } .bar-cell { width: 25%; } .probability { font-weight: bold; white-space: nowrap; }
.shares td:first-child { min-width: 14em; } .shares td.change { white-space: nowrap; text-align: right; }
.probability.stacked .interval { display: block; font-weight: normal; font-size: 0.85rem; color: #444; } td.distance { min-width: 14em; }
.chart { margin: 1rem 0; } .chart svg { width: 100%; height: auto; } figcaption { font-size: 0.85rem; color: #444; }
.fan .grid { stroke: #ddd; stroke-width: 1; } .fan .tick, .fan .unit { font-size: 11px; fill: #333; }
.fan .band90 { fill: #9ecae1; } .fan .band50 { fill: #4292c6; } .fan .median { fill: none; stroke: #08306b; stroke-width: 2.5; }
.fan .threshold { stroke: #b3261e; stroke-width: 2; stroke-dasharray: 6 4; } .fan .year-mark { stroke: #b3261e; stroke-width: 1; stroke-dasharray: 2 3; }
.fan .threshold-label { font-size: 11px; fill: #b3261e; font-weight: bold; }
code, .hash { font-family: "DejaVu Sans Mono", monospace; font-size: 0.85rem; word-break: break-all; }
.reproduce td:first-child { white-space: nowrap; color: #444; }
.what-it-takes td:nth-child(n+3) { white-space: nowrap; } .what-it-takes tr.short td { color: #555; }
.sensitivity-factors .factor-cell { width: 45%; overflow-wrap: anywhere; } .sensitivity-factors .index { white-space: nowrap; } .sensitivity-factors code { font-size: 0.75rem; color: #555; }
.contributions .change-bar { width: 7rem; } .contributions .change-bar svg { width: 7rem; height: 0.9rem; } .contributions .change { text-align: right; white-space: nowrap; }
.index-bar { height: 0.8rem; background: #1f4e79; min-width: 1px; } .outcome { margin-bottom: 1.5rem; } .constant { font-weight: bold; } .note { font-size: 0.85rem; color: #444; }
.illustrative { border: 3px solid #b3261e; background: #fdecea; color: #7a1a14; padding: 0.6rem 0.8rem; font-size: 1.05rem; } .illustrative-short { color: #b3261e; font-weight: bold; font-size: 0.9rem; }
.observations td.value, .track-parameters td.value { white-space: nowrap; } .observations td.verdict { white-space: nowrap; } .observations td.indicator { min-width: 11em; } .verdict.ahead { color: #1b6e2d; font-weight: bold; } .verdict.behind { color: #b3261e; font-weight: bold; } .warning { color: #8a5a00; font-weight: bold; }
.track-parameters .factor-cell { overflow-wrap: anywhere; } .track-parameters code, .observations code { font-size: 0.75rem; color: #555; }
.diagnosis-shares td.value, .diagnosis-per-inhabitant td.value, .diagnosis-summary td.value, .national td.value { white-space: nowrap; text-align: right; } .diagnosis-shares svg { display: block; } .findings li, .diagnosis-objectives li { margin-bottom: 0.3rem; } .diagnosis-objectives li.at-risk > p > strong { color: #b3261e; }
.small-multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 0 1rem; } .small-multiples .chart { margin: 0.3rem 0; } td.number { text-align: right; white-space: nowrap; }
/* Print (issue 24): A4 pages, a page per section, tables that keep their columns, charts whole. */
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  section { break-before: page; } section:first-of-type { break-before: auto; }
  h2, h3 { break-after: avoid; }
  .chart, figure, svg, tr, .outcome > p { break-inside: avoid; }
  table { table-layout: auto; font-size: 9pt; } thead { display: table-header-group; }
  th, td { padding: 0.2rem 0.3rem; overflow-wrap: normal; word-break: normal; hyphens: manual; }
  .objective-cell { width: auto; min-width: 14em; } .bar-cell { width: 18%; }
  /* Four columns with the distance: the probability's words may wrap too. */
  .probability { white-space: normal; } td.distance { width: 28%; }
  .chart svg { max-width: 100%; }
  .small-multiples { grid-template-columns: repeat(3, 1fr); }
  /* Portfolios by their names: the name column wraps, the cost's heading keeps its words. */
  .portfolio-table td:first-child { width: 20%; } .portfolio-table th.cost { min-width: 7em; }
  /* The track page's observations: the verdict may wrap, the indicator's name keeps its width. */
  .observations td.verdict { white-space: normal; }
}
)";

}  // namespace

std::string escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string page_start(const std::string& title, Language language) {
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"" << (language == Language::French ? "fr" : "en")
       << "\"><head><meta charset=\"utf-8\">"
       << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
          "'unsafe-inline'\">"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       << "<title>" << escape(title) << "</title><style>" << STYLE << "</style></head><body>\n";
  return html.str();
}

}  // namespace traj::territory::report
