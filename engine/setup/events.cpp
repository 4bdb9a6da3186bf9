#include "shinrin/setup/events.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <map>
#include <string_view>

#include "shinrin/core/error.hpp"

namespace shinrin::setup {
namespace {

namespace sv = silviculture;

//! Problems listed in full; the rest are counted.
constexpr std::size_t kMaxListed = 20;

enum class Op { thinning_from_below, row_thinning, thinning_left_on_site, final_felling };
constexpr std::array<std::string_view, 4> kOpNames = {"thinning_from_below", "row_thinning",
                                                      "thinning_left_on_site", "final_felling"};

std::optional<long> parse_integer(const std::string& s) {
  char* end = nullptr;
  errno = 0;
  const long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || end != s.c_str() + s.size() || errno == ERANGE) return std::nullopt;
  return v;
}

std::optional<double> parse_number(const std::string& s) {
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || errno == ERANGE || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

// One event bound to a parcel row, before the CSR is built.
struct Bound {
  std::uint32_t row = 0;
  std::size_t source = 0;  // index of the CSV row
  sv::Event event;
};

}  // namespace

EventList bind_events(const RawEventList& t, const Landscape& parcels,
                      const std::unordered_map<std::string, Handling>& other_keys,
                      const EventRules& rules) {
  const std::string& path = t.path;
  const std::string c_parcel = "parcel", c_year = "year", c_op = "operation", c_int = "intensity";
  std::unordered_map<std::string, std::vector<std::uint32_t>> rows_of;
  for (std::size_t i = 0; i < parcels.size(); ++i) {
    rows_of[parcels.key[i]].push_back(static_cast<std::uint32_t>(i));
  }

  std::vector<std::string> problems;
  std::size_t problem_count = 0;
  auto problem = [&](const RawEvent& row, const std::string& col, const std::string& msg) {
    ++problem_count;
    if (problems.size() < kMaxListed) problems.push_back(t.where(row, col) + ": " + msg);
  };

  std::vector<Bound> bound;
  std::map<std::pair<std::string, long>, int> line_of;  // (parcel, year) -> first line
  for (std::size_t source = 0; source < t.rows.size(); ++source) {
    const RawEvent& row = t.rows[source];
    bool ok = true;
    const std::string& key = row.parcel;
    const std::vector<std::uint32_t>* rows = nullptr;
    if (key.empty()) {
      problem(row, c_parcel, "empty parcel key");
      ok = false;
    } else if (const auto it = rows_of.find(key); it != rows_of.end()) {
      rows = &it->second;
    } else if (const auto other = other_keys.find(key); other != other_keys.end()) {
      problem(row, c_parcel,
              "operation on a non-forest parcel: record '" + key + "' is " +
                  std::string(handling_name(other->second)));
      ok = false;
    } else {
      problem(row, c_parcel, "unknown parcel key '" + key + "' (no register record has it)");
      ok = false;
    }

    const std::string& year_text = row.year;
    const auto year = parse_integer(year_text);
    if (!year) {
      problem(row, c_year, "'" + year_text + "' is not an integer fiscal year");
      ok = false;
    } else if (*year < rules.first_year || *year > rules.last_year) {
      problem(row, c_year,
              "fiscal year " + year_text + " is not simulated (" +
                  std::to_string(rules.first_year) + "-" + std::to_string(rules.last_year) + ")");
      ok = false;
    }

    const std::string& op_text = row.operation;
    const auto op_it = std::find(kOpNames.begin(), kOpNames.end(), op_text);
    std::optional<Op> op;
    if (op_it == kOpNames.end()) {
      std::string known;
      for (const auto n : kOpNames) known += (known.empty() ? "" : ", ") + std::string(n);
      problem(row, c_op, "unknown operation '" + op_text + "' (known: " + known + ")");
      ok = false;
    } else {
      op = static_cast<Op>(op_it - kOpNames.begin());
    }

    double intensity = 1.0;
    const std::string& int_text = row.intensity;
    if (op == Op::final_felling) {
      if (!int_text.empty() && parse_number(int_text) != 1.0) {
        problem(row, c_int,
                "intensity of final_felling must be empty or 1, not '" + int_text + "'");
        ok = false;
      }
    } else if (op) {
      const auto v = parse_number(int_text);
      if (!v || !(*v > 0.0 && *v < 1.0)) {
        problem(row, c_int, "'" + int_text + "' is not a stems share in (0, 1) for " + op_text);
        ok = false;
      } else {
        intensity = *v;
      }
    }

    if (!key.empty() && year) {
      if (const auto [it, inserted] = line_of.try_emplace({key, *year}, row.line); !inserted) {
        problem(row, c_year,
                "parcel '" + key + "' has a second event in fiscal year " + year_text +
                    " (first on line " + std::to_string(it->second) + ")");
        ok = false;
      }
    }
    if (!ok) continue;

    sv::Event e;
    e.year = static_cast<int>(*year);
    e.felling = op == Op::final_felling;
    e.intensity = intensity;
    e.method = op == Op::row_thinning ? sv::ThinningMethod::row : sv::ThinningMethod::from_below;
    e.leave_on_site = op == Op::thinning_left_on_site;
    e.line = row.line;

    // What the scenario must provide for this event on each bound row (reported once per line).
    std::string missing;
    for (std::uint32_t i : *rows) {
      const std::uint16_t reg = parcels.regime[i];
      const sv::Regime* regime = reg == kNoRegime ? nullptr : &rules.regimes[reg];
      if (regime == nullptr && !e.leave_on_site && !rules.removals) {
        missing = "parcel '" + key + "' has no regime, so silviculture.events.removals is required";
      } else if (e.felling && !rules.regeneration &&
                 (regime == nullptr || !regime->regeneration.defined)) {
        missing = "parcel '" + key + "' has " +
                  (regime == nullptr ? std::string("no regime")
                                     : "regime '" + regime->name + "' without regeneration") +
                  ", so final_felling needs silviculture.events.regeneration";
      }
      if (!missing.empty()) break;
    }
    if (!missing.empty()) {
      problem(row, c_op, missing);
      continue;
    }
    for (std::uint32_t i : *rows) bound.push_back({i, source, e});
  }

  // Rows in order, events by year within a row.
  std::stable_sort(bound.begin(), bound.end(), [](const Bound& a, const Bound& b) {
    return a.row != b.row ? a.row < b.row : a.event.year < b.event.year;
  });

  // Thinnings from below need the density diagram of the species standing at the time.
  for (std::size_t b = 0; b < bound.size(); ++b) {
    const Bound& x = bound[b];
    if (x.event.felling || x.event.method != sv::ThinningMethod::from_below) continue;
    bool felled = false;
    for (std::size_t a = b; a-- > 0 && bound[a].row == x.row;)
      felled = felled || bound[a].event.felling;
    const std::size_t sp = felled ? parcels.regen_species[x.row] : parcels.species[x.row];
    if (sp >= rules.diagrams.size() || !rules.diagrams[sp]) {
      problem(t.rows[x.source], c_op,
              std::string(kOpNames[x.event.leave_on_site ? 2 : 0]) + " on parcel '" +
                  parcels.key[x.row] +
                  "' needs a density diagram (stand.density_diagram) "
                  "for its species" +
                  (rules.diagrams.empty() ? "" : ", which has none"));
    }
  }

  if (problem_count > 0) {
    std::string msg = path + ": " + std::to_string(problem_count) + " problem" +
                      (problem_count == 1 ? "" : "s") + " in the event list:";
    for (const auto& p : problems) msg += "\n  " + p;
    if (problem_count > problems.size()) {
      msg += "\n  ... and " + std::to_string(problem_count - problems.size()) + " more";
    }
    throw InputError(msg);
  }

  EventList out;
  out.offset.assign(parcels.size() + 1, 0);
  out.events.reserve(bound.size());
  for (const Bound& x : bound) {
    ++out.offset[x.row + 1];
    out.events.push_back(x.event);
  }
  for (std::size_t i = 0; i < parcels.size(); ++i) out.offset[i + 1] += out.offset[i];
  return out;
}

}  // namespace shinrin::setup
